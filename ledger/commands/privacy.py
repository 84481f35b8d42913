"""Privacy commands (个人信息保护法 第四十七条): erase a data subject's personal data.

Erasure destroys the subject's key (crypto-shredding, ``ledger.vault``): every sealed
value of the subject becomes unreadable for good, while the events, their audit chain
and every export stay exactly as they were. The act itself is recorded (an ``Erasure``:
who, when, why, which subject; no personal data), by the office.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from aggregates.authority import Act
from aggregates.errors import InvalidInput
from aggregates.privacy import A_ERASURE, Erasure
from ledger.application import UnitOfWork
from ledger.commands.base import Command, cites

SUBJECT = Field(
    pattern=r"^[a-z_]+:[A-Za-z0-9_.:-]{1,120}$",
    description="the data subject, e.g. decision:YJJR-2026-01:comment:C003 (see `ledger privacy subjects`)",
)


class EraseSubject(Command):
    """Erase a data subject's personal data: its key is destroyed; the record says who, when and why."""

    name = "privacy.erase"
    subject: str = SUBJECT
    reason: str = Field(
        min_length=1,
        description="why: purpose achieved, retention over, consent withdrawn, …",
        json_schema_extra=cites(A_ERASURE),
    )

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.ERASE_PERSONAL_DATA)
        if self.effective not in (None, uow.today):  # the key is destroyed now, whatever a date says
            raise InvalidInput("effective", "an erasure takes effect when it is recorded; give no date")
        stamp = uow.stamp(None)
        uow.vault.erase(self.subject)  # destroyed with the erasure's events, in one transaction
        uow.add(Erasure.record(stamp, self.subject, self.reason))
        return {
            "subject": self.subject,
            "message": f"personal data of {self.subject} erased (its key destroyed)",
        }
