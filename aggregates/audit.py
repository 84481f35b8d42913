"""Audit checkpoints recorded in the ledger itself.

A checkpoint states that positions 1…``position`` of the record (``size`` events)
hash to ``head``, optionally signed. It is written to a file to be handed to a
supervisor or printed in a notice, and recorded here as an event, so it becomes
part of the chain after it: whoever rewrites history must also rewrite every
checkpoint recorded since, and cannot re-sign them.
"""

from __future__ import annotations

from uuid import UUID

from aggregates.base import Aggregate, Event, Stamp, stable_id
from aggregates.errors import InvalidInput


class Checkpoint(Aggregate):
    """One checkpoint of the audit chain (one aggregate per covered position)."""

    kind = "checkpoint"

    origin: str
    position: int
    size: int
    head: str
    taken: str
    public_key: str | None
    signature: str | None

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
        taken: str,
        public_key: str | None,
        signature: str | None,
    ) -> Checkpoint:
        if position < 0 or size < 0 or size > position:
            raise InvalidInput("position", f"a checkpoint of {size} events cannot end at position {position}")
        if (public_key is None) != (signature is None):
            raise InvalidInput(
                "signature", "a signed checkpoint carries both the signature and the public key"
            )
        return cls._create(
            cls.id_for(position),
            cls.Taken,
            stamp,
            origin=origin,
            position=position,
            size=size,
            head=head,
            taken=taken,
            public_key=public_key,
            signature=signature,
        )

    class Taken(Event):
        creates = True
        origin: str
        position: int
        size: int
        head: str
        taken: str
        public_key: str | None = None
        signature: str | None = None

        def apply(self, cp: Checkpoint) -> None:
            cp.origin = self.origin
            cp.position = self.position
            cp.size = self.size
            cp.head = self.head
            cp.taken = self.taken
            cp.public_key = self.public_key
            cp.signature = self.signature

        def summary(self) -> str:
            signed = "signed" if self.signature else "unsigned"
            return f"positions 1–{self.position} ({self.size} events) head {self.head[:16]}… {signed}"
