"""What the raw audit reads of the domain, importable without pydantic: the stored topics of
the events it follows, the ids and key names it recomputes, and the signing policy.

``ledger audit verify`` trusts nothing above the database and reads raw rows; with these
plain names it runs without building a single model, so its process starts about as fast
as the raw read it is measured against. A test pins each topic against its event class.
"""

from __future__ import annotations

import hashlib
from enum import StrEnum
from functools import lru_cache
from uuid import UUID, uuid5

# ``eventsourcing.utils.get_topic`` of each event class, as every stored row names it
CHECKPOINT_TAKEN = "aggregates.audit:Checkpoint.Taken"
AUDIT_KEY_REGISTERED = "aggregates.audit:AuditKeys.Registered"
WITNESS_REESTABLISHED = "aggregates.audit:WitnessReestablished.Recorded"
ACT_SIGNED = "aggregates.audit:SignedAct.Signed"
STAFF_KEY_REGISTERED = "aggregates.org:Staff.KeyRegistered"
STAFF_KEY_REVOKED = "aggregates.org:Staff.KeyRevoked"
STAFF_ADDED = "aggregates.org:Staff.Added"
ORGANISATION_FOUNDED = "aggregates.org:Organisation.Founded"

NAMESPACE = UUID("6c1f4f0e-5d0a-4c8e-9a57-7f1b2d3c4e5f")


@lru_cache(maxsize=1 << 16)
def stable_id(kind: str, key: str) -> UUID:
    """A deterministic aggregate id: the same natural key always names the same aggregate."""
    return uuid5(NAMESPACE, f"{kind}:{key}")


def key_id(public_key: str) -> str:
    """A short name for a public key (hex of its raw 32 bytes): the start of its SHA-256."""
    return hashlib.sha256(bytes.fromhex(public_key)).hexdigest()[:16]


class Signing(StrEnum):
    """Whether every act must be signed by its actor's registered key."""

    REQUIRED = "required"  # a new ledger's default: an unsigned or wrongly signed act is refused
    OPTIONAL = "optional"  # a scratch ledger, or one founded before acts were signed
