"""A unit's catalogue codes (one index per unit, deterministic id): a code names one
item forever, so a removed item keeps its code and its history."""

from __future__ import annotations

from uuid import UUID

from aggregates.base import Aggregate, Event, Stamp, stable_id
from aggregates.catalogue.vocabulary import ELEMENTS_ARTICLE
from aggregates.errors import Refused


class CatalogueIndex(Aggregate):
    """A unit's catalogue codes; a code, once claimed, names one item forever."""

    kind = "catalogue-index"

    unit: str
    codes: dict[str, UUID]

    @staticmethod
    def id_for(unit: str) -> UUID:
        return stable_id("catalogue-index", unit)

    @classmethod
    def open(cls, stamp: Stamp, unit: str) -> CatalogueIndex:
        return cls._create(cls.id_for(unit), cls.Opened, stamp, unit=unit)

    def item_id(self, code: str) -> UUID | None:
        return self.codes.get(code)

    def claim(self, stamp: Stamp, code: str, item_id: UUID) -> None:
        if code in self.codes:
            raise Refused(
                "code",
                f"{self.unit}/{code} is already an item of {self.unit}'s catalogue; an item code is "
                "unique within its unit and is never reused, even after the item is removed",
                ELEMENTS_ARTICLE,
            )
        self._trigger(self.CodeClaimed, stamp, code=code, item_id=item_id)

    class Opened(Event):
        creates = True
        unit: str

        def apply(self, index: CatalogueIndex) -> None:
            index.unit = self.unit
            index.codes = {}

    class CodeClaimed(Event):
        code: str
        item_id: UUID

        def apply(self, index: CatalogueIndex) -> None:
            index.codes = {**index.codes, self.code: self.item_id}

        def summary(self) -> str:
            return f"{self.code} → {self.item_id}"
