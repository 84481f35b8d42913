"""Audit commands: correct an entry (any aggregate), record a checkpoint of the audit chain."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from aggregates.audit import Checkpoint
from aggregates.authority import Act
from aggregates.base import Aggregate, Stamp, aggregate_ref
from aggregates.errors import InvalidInput, Refused
from ledger.application import UnitOfWork
from ledger.commands.base import MULTI_LINE, Command


class CorrectEntry(Command):
    """Correct (or retract) a wrong entry with a compensating entry; both stay on the trail.

    Only someone who may make the act the entry records may correct it (the authority
    table's ``ENTRY_ACTS``), checked on the state before and after the correction."""

    name = "correct"
    aggregate: str = Field(description="the aggregate, by UUID or key (e.g. staff:S002)")
    version: int = Field(ge=1, description="the version of the wrong entry (see `ledger show`)")
    reason: str = Field(min_length=1, description="why the entry was wrong")
    # multi-line: it may replace a draft or a report
    replace: Annotated[dict[str, Any] | None, MULTI_LINE] = Field(
        default=None, description='the facts as they should have read, e.g. {"name": "李明"}'
    )
    retract: bool = Field(default=False, description="the entry should not have been made at all")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        if self.effective is not None:
            raise InvalidInput("effective", "a correction takes the effective date of the entry it corrects")
        if (self.replace is None) == (not self.retract):
            raise InvalidInput("replace", "give either --replace with the right facts or --retract")
        ref = aggregate_ref(self.aggregate, "aggregate")
        agg = uow.load(Aggregate, ref, "aggregate", f"aggregate {self.aggregate}")
        stamp = Stamp(actor=uow.actor, effective=uow.today, at=uow.now)
        replacement = None if self.retract else self.replace
        original = agg.recorded_entry(self.version)
        if original is not None:  # else correct_entry says what is wrong with the version
            uow.authorise_correction(agg, original, replacement)
        event = agg.correct_entry(stamp, self.version, self.reason, replacement)
        if original is not None and (now := event.corrected(original)) is not None:
            uow.authorise_corrected(agg, now)  # the corrected act is still this actor's to make
        what = "retracted" if self.retract else "corrected"
        by = event.originator_version
        return {"version": by, "message": f"{self.aggregate} v{self.version} {what} by v{by}: {self.reason}"}


class RecordCheckpoint(Command):
    """Record a checkpoint of the audit chain (``ledger audit checkpoint`` computes and signs it)."""

    name = "audit.checkpoint"
    generate_cli = False
    origin: str
    position: int = Field(ge=0)
    size: int = Field(ge=0)
    head: str = Field(pattern=r"^[0-9a-f]{64}$")
    taken: str
    public_key: str | None = None
    signature: str | None = None

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.RECORD_CHECKPOINT)
        if self.position > 0 and uow.app.witness_link(self.position) != self.head:
            raise Refused("head", f"the audit chain does not have head {self.head[:16]}… at {self.position}")
        if uow.get(Checkpoint, Checkpoint.id_for(self.position)) is not None:
            raise Refused("position", f"a checkpoint at position {self.position} is already recorded")
        cp = Checkpoint.take(
            uow.stamp(None),
            self.origin,
            self.position,
            self.size,
            self.head,
            self.taken,
            self.public_key,
            self.signature,
        )
        uow.add(cp)
        return {"id": str(cp.id), "message": f"checkpoint at position {self.position} recorded"}
