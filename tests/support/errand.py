"""A small aggregate with an obligation and a public fact, for testing the audit machinery.

The audit features are generic over every aggregate; the real systems' aggregates are
built elsewhere, so these tests bring their own (saved with ``app.save``, no command).
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from aggregates.authority import Act, EntryAct
from aggregates.base import Aggregate, Event, Stamp, stable_id
from aggregates.obligations import Count, Obligation
from aggregates.public import PublicFact


class Errand(Aggregate):
    kind = "errand"

    code: str
    unit: str
    title: str
    due: date
    done_on: date | None

    @staticmethod
    def id_for(code: str) -> UUID:
        return stable_id("errand", code)

    @classmethod
    def open(cls, stamp: Stamp, code: str, unit: str, title: str, due: date) -> Errand:
        return cls._create(cls.id_for(code), cls.Opened, stamp, code=code, unit=unit, title=title, due=due)

    def finish(self, stamp: Stamp) -> None:
        self._trigger(self.Finished, stamp)

    def obligations(self) -> list[Obligation]:
        return [
            Obligation(
                key=f"errand:{self.code}",
                unit=self.unit,
                subject=self.title,
                what="errand done",
                citation="test",
                count=Count.FIXED,
                start=self.due,
                met_on=self.done_on,
            )
        ]

    class Opened(Event):
        creates = True
        code: str
        unit: str
        title: str
        due: date

        def apply(self, e: Errand) -> None:
            e.code, e.unit, e.title, e.due, e.done_on = self.code, self.unit, self.title, self.due, None

    class Finished(Event):
        def apply(self, e: Errand) -> None:
            e.done_on = self.effective


def public_facts(errand: Errand) -> list[PublicFact]:
    """The errand's one public fact; a test gives it to the fold as a publisher."""
    return [
        PublicFact(
            kind="errand", key=errand.code, unit=errand.unit, dated=errand.due, data={"title": errand.title}
        )
    ]


# The acts its entries record, for tests that correct an errand through the door
# (``monkeypatch.setitem(authority.ENTRY_ACTS, ...)``): a unit's own record.
ENTRY_ACTS = {f"Errand.{e}": EntryAct(Act.RECORD_FOR_UNIT, "unit") for e in ("Opened", "Finished")}
