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
from collections.abc import Callable, Collection, Iterable
from typing import Any

from aggregates.errors import NotFound, Refused
from aggregates.privacy import A_ERASURE, ERASED, Sealed
from ledger.storage.keys import KeyChanges

UNREADABLE = "（密文已损坏）"
SEALED_FIELDS = frozenset(Sealed.model_fields)
WHOLE_AFTER = 64  # subjects looked up one by one before the whole key table is read once

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


def sealed_subjects(data: Any) -> set[str]:
    """The subjects of every sealed value in ``data`` (rows, state: JSON-like)."""
    found: set[str] = set()
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, Sealed):
            found.add(item.subject)
        elif isinstance(item, dict):
            if item.keys() == SEALED_FIELDS:
                found.add(str(item["subject"]))
            else:
                stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return found


class KeyVault:
    """The ledger's keys, read by need and forgotten after any change.

    A read opens the subjects it shows: their keys in one query, not the whole table (a
    province's ledger keeps a key per commenter, hundreds of thousands). A few lookups one by
    one (a clerk's write) ask for each; past ``WHOLE_AFTER`` of them (an import sealing
    thousands) the table is read once, as ``rows`` does."""

    def __init__(
        self, load: Callable[[], KeyRows], load_some: Callable[[Collection[str]], KeyRows] | None = None
    ) -> None:
        self._load = load
        self._load_some = load_some
        self._rows: KeyRows = {}
        self._absent: set[str] = set()  # asked for and not in the table
        self._whole = False
        self._singles = 0

    def rows(self) -> KeyRows:
        """Every subject's row."""
        if not self._whole:
            self._rows, self._absent, self._whole = self._load(), set(), True
        return self._rows

    def forget(self) -> None:
        self._rows, self._absent, self._whole, self._singles = {}, set(), False, 0

    def fetch(self, subjects: Iterable[str]) -> None:
        """Read the rows of ``subjects`` not read yet, in one go."""
        if self._whole:
            return
        wanted = {s for s in subjects if s not in self._rows and s not in self._absent}
        if not wanted:
            return
        if self._load_some is None:
            self.rows()
            return
        found = self._load_some(wanted)
        self._rows.update(found)
        self._absent |= wanted - found.keys()

    def _row(self, subject: str) -> tuple[bytes | None, str, str | None] | None:
        if not self._whole and subject not in self._rows and subject not in self._absent:
            self._singles += 1
            if self._singles > WHOLE_AFTER:
                self.rows()
            else:
                self.fetch((subject,))
        return self._rows.get(subject)

    def key(self, subject: str) -> bytes | None:
        found = self._row(subject)
        return None if found is None else found[0]

    def known(self, subject: str) -> bool:
        return self._row(subject) is not None

    def open(self, value: Sealed) -> str | None:
        key = self.key(value.subject)
        return None if key is None else open_with(key, value)

    def reveal(self, data: Any) -> Any:
        """``data`` (rows, state: JSON-like) with every sealed value opened, or 已删除."""
        self.fetch(sealed_subjects(data))
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
