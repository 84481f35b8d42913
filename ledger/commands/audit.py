"""Audit commands: correct an entry (any aggregate); checkpoints, their keys, and a lost witness."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, ClassVar

from pydantic import Field

from aggregates.audit import AuditKeys, Checkpoint, WitnessReestablished
from aggregates.authority import Act
from aggregates.base import Aggregate, Event, Stamp, aggregate_ref, replaced
from aggregates.errors import InvalidInput, NotFound, Refused
from ledger.application import UnitOfWork
from ledger.audit.keys import is_public_key, key_id, reestablish_statement, signature_problem, statement
from ledger.commands.base import MULTI_LINE, Command

HEX64 = r"^[0-9a-f]{64}$"
HEX128 = r"^[0-9a-f]{128}$"


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
            if replacement:  # personal facts: checked in clear, recorded sealed
                replacement = sealed_replacement(uow, agg, original, replacement)
        event = agg.correct_entry(stamp, self.version, self.reason, replacement)
        if original is not None and (now := event.corrected(original)) is not None:
            uow.authorise_corrected(agg, now)  # the corrected act is still this actor's to make
        what = "retracted" if self.retract else "corrected"
        by = event.originator_version
        return {"version": by, "message": f"{self.aggregate} v{self.version} {what} by v{by}: {self.reason}"}


def sealed_replacement(
    uow: UnitOfWork, agg: Aggregate, original: Event, replacement: dict[str, Any]
) -> dict[str, Any]:
    """A correction of personal facts is checked in clear by the entry's model and the
    aggregate's rules, then sealed under the entry's subject: it never reaches the record
    in clear (and a subject once erased gets nothing new). A fact given already "sealed" is
    refused: it could copy another subject's ciphertext, or carry text in clear inside it."""
    personal = set(getattr(type(original), "personal", ())) & set(replacement)
    if not personal:
        return replacement
    for key in sorted(personal):
        if replacement[key] is not None and not isinstance(replacement[key], str):
            raise InvalidInput(
                f"replace.{key}", "a personal fact is given in clear, as text; the ledger seals it"
            )
    fixed = replaced(original, replacement)
    agg.complete_replacement(original, replacement)
    subject = original.subject(agg)  # type: ignore[attr-defined]
    out = dict(replacement)
    for key in sorted(personal):
        value = getattr(fixed, key)
        if value is not None:
            text = value.isoformat() if isinstance(value, date) else str(value)
            out[key] = uow.seal(subject, text).model_dump(mode="json")
    return out


class RecordCheckpoint(Command):
    """Record a checkpoint of the audit chain (``ledger audit checkpoint`` computes and signs it).

    Everything it says is checked before it is written, so no clerk can record one that
    fails later: the head and size against the witness, the signature against a key the
    principal leader registered. Its time is the recording time; there is no time field.
    """

    name = "audit.checkpoint"
    generate_cli = False
    origin: str
    position: int = Field(ge=0)
    size: int = Field(ge=0)
    head: str = Field(pattern=HEX64)
    public_key: str | None = Field(default=None, pattern=HEX64)
    signature: str | None = Field(default=None, pattern=HEX128)
    supersedes: int | None = Field(
        default=None, ge=0, description="the position of an earlier checkpoint this one supersedes"
    )

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.RECORD_CHECKPOINT)
        if self.effective is not None:
            raise InvalidInput("effective", "a checkpoint's time is when the ledger records it")
        if self.position > 0 and uow.app.witness_link(self.position) != self.head:
            raise Refused("head", f"the audit chain does not have head {self.head[:16]}… at {self.position}")
        witnessed = uow.app.witness_size(self.position)
        if witnessed is not None and witnessed != self.size:
            raise Refused(
                "size", f"the audit chain holds {witnessed} events up to {self.position}, not {self.size}"
            )
        if uow.get(Checkpoint, Checkpoint.id_for(self.position)) is not None:
            raise Refused("position", f"a checkpoint at position {self.position} is already recorded")
        message = statement(self.origin, self.position, self.size, self.head)
        check_signature(uow, message, self.public_key, self.signature, "checkpoint")
        if self.supersedes is not None and uow.get(Checkpoint, Checkpoint.id_for(self.supersedes)) is None:
            raise NotFound("supersedes", f"no checkpoint at position {self.supersedes} is recorded")
        cp = Checkpoint.take(
            uow.stamp(None),
            self.origin,
            self.position,
            self.size,
            self.head,
            self.public_key,
            self.signature,
            self.supersedes,
        )
        uow.add(cp)
        also = f", superseding the one at {self.supersedes}" if self.supersedes is not None else ""
        return {
            "id": str(cp.id),
            "recorded": uow.now.isoformat(),
            "message": f"checkpoint at position {self.position} recorded{also}",
        }


def registered_keys(uow: UnitOfWork) -> AuditKeys | None:
    return uow.get(AuditKeys, AuditKeys.id_for())


def check_signature(
    uow: UnitOfWork, message: bytes, public_key: str | None, signature: str | None, what: str
) -> None:
    """Once the bureau has a registered key, every checkpoint is signed by a registered key;
    before, none is (there is nothing to check a signature against)."""
    keys = registered_keys(uow)
    if public_key is None or signature is None:
        if keys is not None:
            raise Refused("signature", f"the ledger has a registered checkpoint key: sign the {what} with it")
        return
    if keys is None:
        raise Refused(
            "public_key",
            "no checkpoint key is registered in the ledger; the principal leader registers the "
            "bureau's with `ledger audit key register`",
        )
    if not keys.registered(public_key):
        raise Refused(
            "public_key", f"key {key_id(bytes.fromhex(public_key))} is not registered in the ledger"
        )
    if signature_problem(message, public_key, signature) is not None:
        raise Refused("signature", f"the signature does not verify over the {what}'s statement")


class RegisterAuditKey(Command):
    """Register the public half of a key that signs checkpoints and receipts (the principal leader)."""

    name = "audit.key.register"
    generate_cli = False
    public_key: str = Field(pattern=HEX64, description="the Ed25519 public key, 32 bytes in hex")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.REGISTER_AUDIT_KEY)
        if not is_public_key(self.public_key):
            raise InvalidInput("pub", "not an Ed25519 public key")
        kid = key_id(bytes.fromhex(self.public_key))
        stamp = uow.stamp(self.effective)
        keys = registered_keys(uow)
        if keys is None:
            uow.add(AuditKeys.first(stamp, kid, self.public_key))
        else:
            uow.changed(keys)
            keys.register(stamp, kid, self.public_key)
        return {"key_id": kid, "message": f"checkpoint key {kid} registered"}


class ReestablishWitness(Command):
    """Re-create a missing audit witness over the rows as stored now, signed; a break in the chain."""

    name = "audit.reestablish"
    generate_cli = False
    restores_witness: ClassVar[bool] = True
    position: int = Field(ge=0)
    size: int = Field(ge=0)
    head: str = Field(pattern=HEX64)
    reason: str = Field(min_length=1)
    public_key: str = Field(pattern=HEX64)
    signature: str = Field(pattern=HEX128)

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.REESTABLISH_WITNESS)
        if not uow.app.witness_missing():
            raise Refused("record", "the audit chain's witness is there; there is nothing to re-establish")
        position, size, head = uow.app.raw_head()
        if (self.position, self.size, self.head) != (position, size, head):
            raise Refused(
                "head",
                f"the stored rows end at position {position} ({size} events) with head {head[:16]}…; "
                "the act vouches for exactly those",
            )
        message = reestablish_statement(position, size, head, uow.actor, self.reason.strip())
        keys = registered_keys(uow)
        if keys is not None and not keys.registered(self.public_key):
            raise Refused("public_key", "sign with a checkpoint key registered in the ledger")
        if signature_problem(message, self.public_key, self.signature) is not None:
            raise Refused("signature", "the signature does not verify over the re-establishing statement")
        stamp = uow.stamp(None)
        if keys is None:  # the principal leader, who registers keys, names the one that signs this
            uow.add(AuditKeys.first(stamp, key_id(bytes.fromhex(self.public_key)), self.public_key))
        act = WitnessReestablished.record(
            stamp, position, size, head, self.reason, self.public_key, self.signature
        )
        uow.add(act)
        return {
            "id": str(act.id),
            "message": f"the audit witness is re-established over positions 1–{position}: "
            "`ledger audit verify` reports this break in the chain",
        }
