"""Sealing personal data: AES-256-GCM under a key per data subject, kept in the key table.

The domain holds :class:`~aggregates.privacy.Sealed` values and seals through the
:class:`~aggregates.privacy.Vault` a command hands it; this module is that vault. Each
subject (``decision:YJJR-2026-01:comment:C003``) has its own random key, made when its
first datum is sealed and written with the events that carry it (``ledger.storage.keys``).
The subject is the cipher's associated data, so a sealed value moved to another subject
does not open. Destroying the key (``ledger privacy erase``) leaves every sealed value of
that subject unreadable for good: reads show 已删除, the chain and exports are unchanged.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Callable
from typing import Any

from aggregates.errors import NotFound, Refused
from aggregates.privacy import A_ERASURE, ERASED, Sealed
from ledger.storage.keys import KeyChanges

UNREADABLE = "（密文已损坏）"
SEALED_FIELDS = frozenset(Sealed.model_fields)

KeyRows = dict[str, tuple[bytes | None, str, str | None]]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def new_key() -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # here: most writes seal nothing

    return AESGCM.generate_key(bit_length=256)


def seal_with(key: bytes, subject: str, text: str) -> Sealed:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(12)
    ciphertext = AESGCM(key).encrypt(nonce, text.encode("utf-8"), subject.encode("utf-8"))
    return Sealed(subject=subject, nonce=_b64(nonce), ciphertext=_b64(ciphertext))


def open_with(key: bytes, value: Sealed) -> str:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        plain = AESGCM(key).decrypt(
            base64.b64decode(value.nonce), base64.b64decode(value.ciphertext), value.subject.encode("utf-8")
        )
    except (InvalidTag, ValueError):
        return UNREADABLE
    return plain.decode("utf-8")


def reveal(data: Any, open_: Callable[[Sealed], str | None]) -> Any:
    """``data`` (rows, state: JSON-like) with every sealed value opened, or 已删除."""
    if isinstance(data, Sealed):
        opened = open_(data)
        return ERASED if opened is None else opened
    if isinstance(data, dict):
        if data.keys() == SEALED_FIELDS:
            return reveal(Sealed.model_validate(data), open_)
        return {k: reveal(v, open_) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [reveal(v, open_) for v in data]
    return data


class KeyVault:
    """The ledger's keys, read from the key table once and forgotten after any change."""

    def __init__(self, load: Callable[[], KeyRows]) -> None:
        self._load = load
        self._rows: KeyRows | None = None

    def rows(self) -> KeyRows:
        if self._rows is None:
            self._rows = self._load()
        return self._rows

    def forget(self) -> None:
        self._rows = None

    def key(self, subject: str) -> bytes | None:
        found = self.rows().get(subject)
        return None if found is None else found[0]

    def known(self, subject: str) -> bool:
        return subject in self.rows()

    def open(self, value: Sealed) -> str | None:
        key = self.key(value.subject)
        return None if key is None else open_with(key, value)

    def reveal(self, data: Any) -> Any:
        """``data`` (rows, state: JSON-like) with every sealed value opened, or 已删除."""
        return reveal(data, self.open)


class VaultSession:
    """One unit of work's vault: keys it makes and keys it destroys, saved with its events."""

    def __init__(self, vault: KeyVault, at: str) -> None:
        self.vault = vault
        self.changes = KeyChanges(at=at)

    def _erased(self, subject: str) -> bool:
        return subject in self.changes.erased or (
            self.vault.known(subject) and self.vault.key(subject) is None
        )

    def seal(self, subject: str, text: str) -> Sealed:
        if self._erased(subject):
            raise Refused(
                "subject",
                f"the personal data of {subject} was erased; nothing is recorded for it again",
                A_ERASURE,
            )
        key = self.changes.made.get(subject)
        if key is None:
            key = self.vault.key(subject)
            if key is None:
                key = self.changes.made[subject] = new_key()
            else:
                self.changes.used.add(subject)  # checked still there when the write commits
        return seal_with(key, subject, text)

    def open(self, value: Sealed) -> str | None:
        if value.subject in self.changes.erased:
            return None
        made = self.changes.made.get(value.subject)
        return open_with(made, value) if made is not None else self.vault.open(value)

    def reveal(self, data: Any) -> Any:
        return reveal(data, self.open)

    def erase(self, subject: str) -> None:
        """Destroy ``subject``'s key when the unit of work commits."""
        if subject in self.changes.made or not self.vault.known(subject):
            raise NotFound(
                "subject", f"no personal data is kept for {subject}; see `ledger privacy subjects`"
            )
        if self._erased(subject):
            raise Refused("subject", f"the personal data of {subject} is already erased", A_ERASURE)
        self.changes.erased[subject] = self.changes.at
