"""Ed25519 keys and what they sign: checkpoint statements, export manifests, and acts.

``cryptography`` is imported where a key is used: most commands never sign.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aggregates.errors import InvalidInput
from ledger.storage.canonical import canonical

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey


def generate_key(private_path: Path, public_path: Path) -> str:
    """A new Ed25519 key pair as PEM files (the private one readable by its owner only)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    private_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    private_path.chmod(0o600)
    public_path.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return key_id(raw_public(key.public_key()))


def load_private(path: Path, field: str = "sign") -> Ed25519PrivateKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError, OSError) as e:
        raise InvalidInput(field, f"{path} is not an unencrypted PEM private key ({e})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise InvalidInput(field, f"{path} is not an Ed25519 key")
    return key


def load_public(path: Path) -> Ed25519PublicKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except (ValueError, OSError) as e:
        raise InvalidInput("pubkey", f"{path} is not a PEM public key ({e})") from None
    if not isinstance(key, Ed25519PublicKey):
        raise InvalidInput("pubkey", f"{path} is not an Ed25519 public key")
    return key


def raw_public(key: Ed25519PublicKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(public: bytes) -> str:
    return hashlib.sha256(public).hexdigest()[:16]


def statement(origin: str, position: int, size: int, head: str, taken: str | None = None) -> bytes:
    """The text a checkpoint or a receipt signs: positions 1…position (size events) hash to head.

    No time: a checkpoint's time is when the ledger recorded it, a receipt's is the notice's
    date. ``taken`` is only for v1 checkpoints, which signed a time the clerk supplied."""
    body = f"origin: {origin}\nposition: {position}\nsize: {size}\nhead: {head}\n"
    if taken is not None:
        return f"gongkai-ledger checkpoint v1\n{body}taken: {taken}\n".encode()
    return f"gongkai-ledger checkpoint v2\n{body}".encode()


def reestablish_statement(position: int, size: int, head: str, actor: str, reason: str) -> bytes:
    """What the principal leader signs to re-establish a missing witness over the rows as stored."""
    return (
        "gongkai-ledger witness re-established v1\n"
        f"position: {position}\nsize: {size}\nhead: {head}\nby: {actor}\nreason: {reason}\n"
    ).encode()


def signature_problem(message: bytes, public_hex: str | None, signature_hex: str | None) -> str | None:
    """None if the signature verifies with the given key, else what is wrong."""
    if not public_hex or not signature_hex:
        return "no signature"
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex)).verify(
            bytes.fromhex(signature_hex), message
        )
    except (InvalidSignature, ValueError):
        return "the signature does not verify"
    return None


ACT_HEADER = b"gongkai-ledger act v1\n"
UNSIGNED_FIELDS = frozenset({"signature", "class_version"})


def act_message(fields: dict[str, Any]) -> bytes:
    """What an act's signature covers: every field of its stored state but the signature
    (``ledger.signing`` signs it, ``ledger.audit.signatures`` checks it)."""
    return ACT_HEADER + canonical({k: v for k, v in fields.items() if k not in UNSIGNED_FIELDS})


def signature_valid(public_key: str, signature: str, message: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key)).verify(
            bytes.fromhex(signature), message
        )
    except (InvalidSignature, ValueError):
        return False
    return True


def is_public_key(public_hex: str) -> bool:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex))
    except ValueError:
        return False
    return True


def sign(key: Ed25519PrivateKey, message: bytes) -> tuple[str, str]:
    """(public key hex, signature hex)."""
    return raw_public(key.public_key()).hex(), key.sign(message).hex()
