"""Complaints about disclosure work (投诉, 条例 第五十一条), received and handled.

The assessment scores complaint handling (附件5 第四条(七)); the ledger records each
complaint against the unit it concerns, when it came, and how and when it was handled.
No complainant's data is recorded: the office keeps that in the complaint's own file.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from aggregates.base import Aggregate, Event, Stamp, required, stable_id
from aggregates.errors import Refused

ART_COMPLAINT = "国务院令第711号 第五十一条; 附件5 第四条(七)"

__all__ = ["ART_COMPLAINT", "Complaint"]


class Complaint(Aggregate):
    """A complaint about the bureau's disclosure work (投诉), and its handling."""

    kind = "complaint"

    number: str
    unit: str
    about: str
    request: str | None
    received_on: date
    handled_on: date | None
    result: str | None

    @staticmethod
    def id_for(number: str) -> UUID:
        return stable_id("complaint", number)

    @classmethod
    def receive(
        cls,
        stamp: Stamp,
        number: str,
        unit: str,
        summary: str,
        request: str | None,
        existing: Complaint | None,
    ) -> Complaint:
        if existing is not None:
            raise Refused("complaint", f"complaint {number} already exists; a number is never reused")
        summary = required(
            "summary", summary, "what the complaint is about (no complainant's data)", ART_COMPLAINT
        )
        return cls._create(
            cls.id_for(number), cls.Received, stamp, number=number, unit=unit, about=summary, request=request
        )

    def handle(self, stamp: Stamp, result: str) -> None:
        if self.handled_on is not None:
            raise Refused(
                "complaint", f"complaint {self.number} was handled on {self.handled_on}", ART_COMPLAINT
            )
        self._not_before(stamp, self.received_on, "the complaint came")
        result = required("result", result, "how it was handled (处理结果)", ART_COMPLAINT)
        self._trigger(self.Handled, stamp, result=result)

    class Received(Event):
        creates = True
        number: str
        unit: str
        about: str
        request: str | None

        def apply(self, c: Complaint) -> None:
            self.assign(c, "number", "unit", "request")
            c.about = self.about
            c.received_on = self.effective
            c.handled_on = c.result = None

        def summary(self) -> str:
            return f"complaint {self.number} about {self.unit} received"

    class Handled(Event):
        result: str

        def apply(self, c: Complaint) -> None:
            c.handled_on, c.result = self.effective, self.result

        def summary(self) -> str:
            return "handled"
