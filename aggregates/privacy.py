"""Personal data in the record (个人信息保护法 第四十七条): sealed values, and their erasure.

The domain never holds a person's name, birth date or contact in clear once it is
recorded: it holds a :class:`Sealed` value, opaque here, encrypted by the ledger under a
key kept per *data subject* outside the event log. Erasing a subject destroys that key
(crypto-shredding): the events, their hash chain and the exports stay as they were, and
what they seal can no longer be read. The erasure itself is an act on the record
(:class:`Erasure`), by the office, naming the subject and the reason, never the data.

The domain knows no cryptography: the methods that take personal data are handed a
:class:`Vault` by the command that runs them, and seal through it.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol
from uuid import UUID

from aggregates.base import Aggregate, Event, Frozen, Stamp, required, stable_id
from aggregates.errors import InvalidInput

A_ERASURE = "个人信息保护法 第四十七条"
ERASED = "已删除"


class Sealed(Frozen):
    """A personal datum as the record keeps it: readable only while its subject's key exists."""

    subject: str
    nonce: str
    ciphertext: str

    def __str__(self) -> str:  # never the datum: a log line or a message shows only whose it is
        return f"‹sealed {self.subject}›"


class Vault(Protocol):
    """What seals and opens personal data (the ledger's keys; the domain only calls it)."""

    def seal(self, subject: str, text: str) -> Sealed: ...

    def open(self, value: Sealed) -> str | None:
        """The datum, or None once its subject was erased."""
        ...


def revealed(vault: Vault, value: str | Sealed | date | None) -> str | None:
    """A datum in clear for a check (stored in clear before sealing existed; None if erased)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    return vault.open(value)


def sealed(vault: Vault | None, subject: str, text: str) -> Sealed:
    """``text`` as the record keeps it; refused without a vault, so nothing is kept in clear."""
    if vault is None:
        raise InvalidInput("vault", "personal data is sealed when recorded; run the act through its command")
    return vault.seal(subject, text)


def kept(value: str | Sealed | date) -> Any:
    """A personal datum as a row keeps it: sealed as its JSON form, a plain date as ISO text."""
    if isinstance(value, Sealed):
        return value.model_dump(mode="json")
    return value.isoformat() if isinstance(value, date) else value


def subject_key(*parts: str) -> str:
    """A subject id from its parts: ``decision:YJJR-2026-01:comment:C003``."""
    return ":".join(parts)


class Erasure(Aggregate):
    """The record that a data subject's key was destroyed: who, when, why; no personal data."""

    kind = "erasure"

    subject: str
    reason: str
    erased_by: str

    @staticmethod
    def id_for(subject: str) -> UUID:
        return stable_id("erasure", subject)

    @classmethod
    def record(cls, stamp: Stamp, subject: str, reason: str) -> Erasure:
        required("reason", reason, "an erasure states its reason", A_ERASURE)
        return cls._create(cls.id_for(subject), cls.Erased, stamp, subject=subject, reason=reason.strip())

    class Erased(Event):
        creates = True
        subject: str
        reason: str

        def apply(self, e: Erasure) -> None:
            self.assign(e, "subject", "reason")
            e.erased_by = self.actor

        def summary(self) -> str:
            return f"personal data of {self.subject} erased: {self.reason}"
