"""Every act signed by its actor: keys, the key folder, and the signed act saved with each write.

A person makes their Ed25519 key (``ledger key new``): the private half stays in their own
key folder, the office registers the public half on their ``Staff`` record. Every write then
ends with a :class:`~aggregates.audit.SignedAct` saved in the same ``save()`` as the events it
signs: the commands, the actor and the recording time, and for each event written its
aggregate id, version, topic and the SHA-256 of its *stored* state — the very bytes
``ledger audit verify`` later reads from the file, so verify needs no decoding to compare
them and an edit of a single byte anywhere is found, checkpoint or not.

The key an act is checked against is the one its actor had registered *before* the act
(a key registered or revoked by the act itself counts from the next one); only the founder's
first act is signed with the key it registers.

An actor's acts under one key form a chain: each names the SHA-256 of the stored state of
the one before it (``previous``), and is written only after that one's signature has been
checked again. A valid signature on the latest act therefore vouches for every earlier act
of that key, so ``audit verify`` checks the links of all and the signature of the last.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from uuid import UUID

from aggregates.audit import SignedAct
from aggregates.base import Aggregate, Stamp
from aggregates.errors import InvalidInput, Refused, Unusable
from aggregates.org import Organisation, Signing, Staff, key_id
from ledger.audit.keys import act_message, signature_valid
from ledger.storage.canonical import canonical
from ledger.storage.chain import state_digest
from ledger.storage.transcoding import PydanticMapper

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from ledger.application import UnitOfWork
    from ledger.commands.base import Command


def command_digest(command: Command) -> tuple[str, str]:
    return command.name, hashlib.sha256(canonical(command.model_dump(mode="json"))).hexdigest()


# --- who signs --------------------------------------------------------------------


class Signer(Protocol):
    """Whatever holds an actor's private key: it signs, and says which public key checks it."""

    @property
    def public_key(self) -> str: ...

    def sign(self, message: bytes) -> str: ...


class KeySigner:
    """An Ed25519 private key in memory."""

    def __init__(self, key: Ed25519PrivateKey) -> None:
        self.key = key

    @cached_property
    def public_key(self) -> str:
        from ledger.audit.keys import raw_public

        return raw_public(self.key.public_key()).hex()

    def sign(self, message: bytes) -> str:
        return self.key.sign(message).hex()


class Keyring(Protocol):
    """Where the write door finds an actor's signer (None: the actor has no key here)."""

    def signer(self, actor: str) -> Signer | None: ...


def default_key_folder() -> Path:
    """``$XDG_CONFIG_HOME/gongkai-ledger/keys`` (``~/.config/…`` by default): the person's own."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "gongkai-ledger" / "keys"


class KeyFolder:
    """A folder of private keys, one ``STAFF_ID.pem`` per person; ``key_file`` (``--key``) wins."""

    def __init__(self, folder: Path | None = None, key_file: Path | None = None) -> None:
        self.folder = folder or default_key_folder()
        self.key_file = key_file
        self._loaded: dict[Path, KeySigner] = {}

    def path(self, staff_id: str) -> Path:
        if not staff_id or "/" in staff_id or staff_id.startswith("."):
            raise InvalidInput("staff_id", f"{staff_id!r} cannot name a key file")
        return self.key_file or self.folder / f"{staff_id}.pem"

    def signer(self, actor: str) -> Signer | None:
        path = self.path(actor)
        if path not in self._loaded:
            if not path.is_file():
                if self.key_file is not None:
                    raise InvalidInput("key", f"no key file {path}")
                return None
            from ledger.audit.keys import load_private

            self._loaded[path] = KeySigner(load_private(path, "key"))
        return self._loaded[path]

    def new(self, staff_id: str) -> dict[str, str]:
        """Make a key for ``staff_id``: the private half written here (owner-only), never over
        an existing one; the public half returned for the office to register."""
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        path = self.path(staff_id)
        if path.exists():
            raise Refused("key", f"{path} exists; a signing key is never overwritten (revoke it first)")
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(pem)
        public = KeySigner(key).public_key
        return {"staff_id": staff_id, "private": str(path), "public_key": public, "key_id": key_id(public)}


# --- the signed act, built at commit ---------------------------------------------


def registered_key(uow: UnitOfWork) -> str | None:
    """The key the actor signs this act with: as registered before it (as stored), or, for
    the founder's first act, the one the act itself registers."""
    stored = uow.stored(Staff, Staff.id_for(uow.actor))
    if stored is not None:
        return stored.public_key
    now = uow.staff()
    return now.public_key if now is not None else None


def follows(uow: UnitOfWork, key: str) -> tuple[int, str | None]:
    """(version, previous) of the actor's next act with ``key``: after the last one stored in
    its chain (``SignedAct.chain_for``), once that act's signature is checked again, so that an
    act edited or slipped into the chain outside the ledger is never vouched for by the next.
    Unusable (exit 3, nothing written) if it does not verify."""
    chain = SignedAct.chain_for(uow.actor, key_id(key))
    last = uow.app.recorder.select_events(chain, desc=True, limit=1)
    if not last:
        return 1, None
    stored = last[0]
    try:
        data = json.loads(stored.state)
        valid = isinstance(data, dict) and signature_valid(key, str(data.get("signature")), act_message(data))
    except ValueError:
        valid = False
    if not valid:
        raise Unusable(
            "record",
            f"{uow.actor}'s last act with key {key_id(key)} (act {stored.originator_version} of their "
            "chain) does not verify: it was changed or written outside the ledger, and no act of theirs "
            "follows it; nothing was written (run `ledger audit verify`; a new key starts a new chain)",
        )
    return stored.originator_version + 1, state_digest(stored.state)


def premap(uow: UnitOfWork, events: list[Any]) -> list[Any]:
    """The events as they will be stored (encoded once: the save reuses them)."""
    mapper = uow.app.mapper
    if isinstance(mapper, PydanticMapper):
        return mapper.premap(events)
    return [mapper.to_stored_event(e) for e in events]


def signing_required(uow: UnitOfWork) -> bool:
    org = uow.get(Organisation, Organisation.id_for())
    return org is not None and org.signing == Signing.REQUIRED


def refuse_unsigned(actor: str, why: str) -> Refused:
    return Refused(
        "key",
        f"{why}; this ledger requires every act signed by its actor "
        f"(`ledger key new --staff-id {actor}`, then the office registers the public key "
        f"with `ledger org staff key register`)",
    )


def seal(
    uow: UnitOfWork,
    aggregates: Sequence[Aggregate],
    commands: Sequence[Command],
    others: frozenset[str] = frozenset(),
) -> SignedAct | None:
    """The signed act for what ``aggregates`` are about to save, or None for an unsigned act
    where the ledger allows one; Refused (nothing written) for an unsigned act where signing
    is required, a key that is not the actor's, or a signature that does not verify.

    ``others``: the other actors of the same unit of work (an import whose lines name their
    actors), whose events their own acts sign; any other name on an event is refused."""
    registered = registered_key(uow)
    signer = uow.signer
    if signer is None or registered is None:
        if not signing_required(uow):
            return None  # a scratch ledger (or one founded before acts were signed)
        if signer is None:
            raise refuse_unsigned(uow.actor, f"{uow.actor} has no signing key here")
        staff = uow.app.get(Staff, Staff.id_for(uow.actor))
        if staff is not None and key_id(signer.public_key) in staff.revoked:
            raise Refused(
                "key",
                f"{uow.actor}'s key {key_id(signer.public_key)} was revoked; it signs nothing after that",
            )
        raise refuse_unsigned(uow.actor, f"no key of {uow.actor} is registered")
    if signer.public_key != registered:
        raise Refused(
            "key",
            f"key {key_id(signer.public_key)} is not the key registered for {uow.actor} "
            f"({key_id(registered)}); an act is signed by its own actor",
        )
    events = [e for agg in aggregates for e in agg.pending() if e.actor not in others]
    stranger = next((e for e in events if e.actor != uow.actor), None)
    if stranger is not None:
        raise Refused("actor", f"an act by {uow.actor} cannot write an event in {stranger.actor}'s name")
    written = tuple(
        (s.originator_id.hex, s.originator_version, s.topic, state_digest(s.state))
        for s in premap(uow, events)
    )
    version, previous = follows(uow, registered)
    stamp = Stamp(actor=uow.actor, effective=uow.today, at=uow.now)
    # built without validation (every field is already of its type): the act itself, made
    # by ``SignedAct.record`` below, is validated once; its events name thousands in an import
    draft = SignedAct.Signed.model_construct(
        originator_id=UUID(int=0),
        originator_version=1,
        timestamp=stamp.at,
        actor=stamp.actor,
        effective=stamp.effective,
        commands=tuple(command_digest(c) for c in commands),
        events=written,
        key_id=key_id(registered),
        signature="",
        previous=previous,
    )
    message = act_message(draft.model_dump(mode="json", exclude={"originator_id", "originator_version"}))
    signature = signer.sign(message)
    # a KeySigner signs with the very key its public half is derived from; any other signer
    # (a token, an agent) is taken at its word only once its signature verifies
    if not isinstance(signer, KeySigner) and not signature_valid(registered, signature, message):
        raise Refused("key", f"the signature on {uow.actor}'s act does not verify with their registered key")
    return SignedAct.record(stamp, version, previous, draft.commands, draft.events, draft.key_id, signature)
