"""The audit's own acts, recorded in the ledger: checkpoints, the bureau's checkpoint keys,
and the re-establishing of a missing witness.

A checkpoint states that positions 1…``position`` of the record (``size`` events)
hash to ``head``, signed with a key registered here. It is written to a file to be
handed to a supervisor, and recorded as an event, so it becomes part of the chain
after it: whoever rewrites history must also rewrite every checkpoint recorded since,
and cannot re-sign them. Its time is the time it was recorded (the event's own
timestamp), never a field a clerk supplies.

None of these acts is ever corrected or retracted (``aggregates.authority.ENTRY_ACTS``): a
wrong checkpoint is superseded by a later one, a key by registering another; both stay
on the record.
"""

from __future__ import annotations

from uuid import UUID

from aggregates.base import Aggregate, Event, Stamp, required, stable_id
from aggregates.errors import InvalidInput, Refused


class Checkpoint(Aggregate):
    """One checkpoint of the audit chain (one aggregate per covered position)."""

    kind = "checkpoint"

    origin: str
    position: int
    size: int
    head: str
    taken: str | None
    public_key: str | None
    signature: str | None
    supersedes: int | None

    @staticmethod
    def id_for(position: int) -> UUID:
        return stable_id("checkpoint", str(position))

    @classmethod
    def take(
        cls,
        stamp: Stamp,
        origin: str,
        position: int,
        size: int,
        head: str,
        public_key: str | None,
        signature: str | None,
        supersedes: int | None = None,
    ) -> Checkpoint:
        if position < 0 or size < 0 or size > position:
            raise InvalidInput("position", f"a checkpoint of {size} events cannot end at position {position}")
        if (public_key is None) != (signature is None):
            raise InvalidInput(
                "signature", "a signed checkpoint carries both the signature and the public key"
            )
        if supersedes is not None and signature is None:
            raise InvalidInput("signature", "only a signed checkpoint supersedes another")
        if supersedes is not None and supersedes >= position:
            raise InvalidInput("supersedes", "a checkpoint supersedes an earlier one")
        return cls._create(
            cls.id_for(position),
            cls.Taken,
            stamp,
            origin=origin,
            position=position,
            size=size,
            head=head,
            public_key=public_key,
            signature=signature,
            supersedes=supersedes,
        )

    class Taken(Event):
        creates = True
        origin: str
        position: int
        size: int
        head: str
        taken: str | None = None  # written by ledgers before 2026-12: a clerk's claim, never trusted
        public_key: str | None = None
        signature: str | None = None
        supersedes: int | None = None

        def apply(self, cp: Checkpoint) -> None:
            self.assign(
                cp, "origin", "position", "size", "head", "taken", "public_key", "signature", "supersedes"
            )

        def summary(self) -> str:
            signed = "signed" if self.signature else "unsigned"
            line = f"positions 1–{self.position} ({self.size} events) head {self.head[:16]}… {signed}"
            return line + (f", supersedes the checkpoint at {self.supersedes}" if self.supersedes else "")


class AuditKeys(Aggregate):
    """The bureau's checkpoint keys (Ed25519 public halves): what every signature is checked against."""

    kind = "audit-keys"

    keys: dict[str, str]  # key id -> public key (hex)

    @staticmethod
    def id_for() -> UUID:
        return stable_id("audit-keys", "bureau")

    @classmethod
    def first(cls, stamp: Stamp, key_id: str, public_key: str) -> AuditKeys:
        keys = cls.blank(cls.id_for(), stamp.at)
        keys.register(stamp, key_id, public_key)
        return keys

    def register(self, stamp: Stamp, key_id: str, public_key: str) -> None:
        if key_id in getattr(self, "keys", {}):
            raise Refused("pub", f"key {key_id} is already registered")
        self._trigger(self.Registered, stamp, key_id=key_id, public_key=public_key)

    def registered(self, public_key: str | None) -> bool:
        return public_key is not None and public_key in getattr(self, "keys", {}).values()

    class Registered(Event):
        creates = True
        key_id: str
        public_key: str

        def apply(self, keys: AuditKeys) -> None:
            keys.keys = {**getattr(keys, "keys", {}), self.key_id: self.public_key}

        def summary(self) -> str:
            return f"checkpoint key {self.key_id} registered"


class WitnessReestablished(Aggregate):
    """The principal leader's signed act that re-creates a missing witness over the rows as
    they are stored now: a break in the chain, vouched for by no witness before it."""

    kind = "witness-reestablished"

    position: int
    size: int
    head: str
    reason: str
    public_key: str
    signature: str

    @staticmethod
    def id_for(position: int) -> UUID:
        return stable_id("witness-reestablished", str(position))

    @classmethod
    def record(
        cls, stamp: Stamp, position: int, size: int, head: str, reason: str, public_key: str, signature: str
    ) -> WitnessReestablished:
        required("reason", reason, "say why the witness was missing")
        return cls._create(
            cls.id_for(position),
            cls.Recorded,
            stamp,
            position=position,
            size=size,
            head=head,
            reason=reason.strip(),
            public_key=public_key,
            signature=signature,
        )

    class Recorded(Event):
        creates = True
        position: int
        size: int
        head: str
        reason: str
        public_key: str
        signature: str

        def apply(self, w: WitnessReestablished) -> None:
            self.assign(w, "position", "size", "head", "reason", "public_key", "signature")

        def summary(self) -> str:
            return f"witness re-established over positions 1–{self.position} ({self.reason})"


class SignedAct(Aggregate):
    """One act as its actor signed it: what was asked, exactly what it wrote, and the act
    before it.

    Saved with the events it signs, in the same transaction, after them. ``commands`` are
    the commands run (name, SHA-256 of their canonical JSON: the command's text stays out of
    the record, so personal data lives in one place only); ``events`` name every event the act
    wrote (aggregate id, version, topic, SHA-256 of its stored state). The signature covers
    all of it with the actor, the recording time, the key id and ``previous``; the ledger
    checks it at write time and ``ledger audit verify`` again, against the key the actor had
    registered then.

    An actor's acts under one key are one stream (``chain_for``): version *n* is their *n*-th
    act with that key, and ``previous`` the SHA-256 of the stored state of act *n*-1 (None for
    the first), checked when the act is written. The signature on an actor's latest act thus
    vouches for every earlier act with that key, and ``audit verify`` checks the links of all
    and the signatures of the last (``ledger.audit.signatures``). Acts stored before the link
    (no ``previous`` at all) are one aggregate each, its id derived from the SHA-256 of what
    it signed, and are checked one by one.
    """

    kind = "act"

    commands: tuple[tuple[str, str], ...]
    events: tuple[tuple[str, int, str, str], ...]
    key_id: str
    signature: str
    previous: str | None

    @staticmethod
    def chain_for(actor: str, key_id: str) -> UUID:
        """The stream of ``actor``'s acts signed with key ``key_id``: two writes by the same
        actor cannot both follow the same act (the second is run again, after the first)."""
        return stable_id("act-chain", f"{actor}:{key_id}")

    @classmethod
    def record(
        cls,
        stamp: Stamp,
        version: int,
        previous: str | None,
        commands: tuple[tuple[str, str], ...],
        events: tuple[tuple[str, int, str, str], ...],
        key_id: str,
        signature: str,
    ) -> SignedAct:
        """Act ``version`` of the actor's stream for ``key_id``, following the act whose stored
        state has SHA-256 ``previous``."""
        act = cls.blank(cls.chain_for(stamp.actor, key_id), stamp.at)
        act.version = version - 1
        act._trigger(
            cls.Signed,
            stamp,
            commands=commands,
            events=events,
            key_id=key_id,
            signature=signature,
            previous=previous,
        )
        return act

    class Signed(Event):
        creates = True
        commands: tuple[tuple[str, str], ...]
        events: tuple[tuple[str, int, str, str], ...]
        key_id: str
        signature: str
        previous: str | None = None  # absent from acts stored before acts were chained

        def apply(self, act: SignedAct) -> None:
            self.assign(act, "commands", "events", "key_id", "signature", "previous")

        def summary(self) -> str:
            names = ", ".join(dict.fromkeys(name for name, _ in self.commands))
            line = f"signed by key {self.key_id}: {len(self.events)} events ({names})"
            return line if len(line) <= 100 else line[:99] + "…"
