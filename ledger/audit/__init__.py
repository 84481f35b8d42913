"""Audit: verify the record from the raw SQLite rows, checkpoints, signatures, replay, export.

Verification trusts nothing above the file: it opens the SQLite database read-only
with ``sqlite3``, hashes the raw columns of ``stored_events`` in rowid order (see
``ledger.storage.chain``) and checks them against every independent witness it can find:

1. the witness table ``audit_chain`` (written with every save): per position, so it
   says *where* and *what*: payload or topic changed, deleted, inserted, swapped;
2. the witness against itself (links recomputed from its own rows);
3. the checkpoints recorded in the ledger (head and size at a position; their
   signatures; no event after a checkpoint may claim to be recorded before it);
4. checkpoint files handed out (``--checkpoint``), signed with the bureau's key;
5. the projections' tracking positions (a projection cannot have folded an event
   that is no longer there).

Problems are data: every one found, each with its position, kind and detail.
"""

from __future__ import annotations

import base64
import bisect
import csv
import hashlib
import json
import re
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventsourcing.utils import get_topic

from aggregates.audit import Checkpoint
from aggregates.errors import InvalidInput, NotFound
from ledger.storage.chain import (
    EVENTS_TABLE,
    GENESIS,
    RAW_COLUMNS,
    WITNESS_TABLE,
    entry_hash,
    next_link,
    state_digest,
)

if TYPE_CHECKING:  # cryptography is imported where keys are used: most commands never sign
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

CHECKPOINT_TOPIC = get_topic(Checkpoint.Taken)
# System clocks of different machines disagree a little; a forger backdates by days.
CLOCK_SKEW = timedelta(minutes=5)
SQLITE_HEADER = b"SQLite format 3\x00"
_TIMESTAMP = re.compile(rb'"timestamp":"([^"]+)"')

# --- kinds of problem ------------------------------------------------------------

PAYLOAD_CHANGED = "payload changed"
TOPIC_CHANGED = "topic changed"
IDENTITY_CHANGED = "identity changed"
DELETED = "deleted"
TRUNCATED = "truncated"
INSERTED = "inserted"
SWAPPED = "swapped"
MOVED = "moved"
REPLACED = "replaced"
WITNESS_ALTERED = "witness altered"
CHECKPOINT_MISMATCH = "checkpoint mismatch"
BAD_SIGNATURE = "bad signature"
UNSIGNED = "unsigned checkpoint"
FOREIGN_KEY = "signed by another key"
BACKDATED = "backdated"
TRACKING_AHEAD = "projection ahead of the record"
NO_WITNESS = "no witness"
UNREADABLE = "unreadable row"


@dataclass(frozen=True)
class Finding:
    position: int
    kind: str
    detail: str
    error: bool = True

    def line(self) -> str:
        return f"position {self.position}: {self.kind}: {self.detail}"

    def row(self) -> dict[str, Any]:
        return {"position": self.position, "kind": self.kind, "detail": self.detail, "error": self.error}


@dataclass
class Report:
    events: int = 0
    last_position: int = 0
    head: str = GENESIS.hex()
    checkpoints: int = 0
    seconds: float = 0.0
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(f.error for f in self.findings)

    @property
    def first(self) -> Finding | None:
        errors = sorted((f for f in self.findings if f.error), key=lambda f: f.position)
        return errors[0] if errors else None

    def add(self, position: int, kind: str, detail: str, error: bool = True) -> None:
        self.findings.append(Finding(position, kind, detail, error))

    def as_dict(self) -> dict[str, Any]:
        first = self.first
        return {
            "ok": self.ok,
            "events": self.events,
            "last_position": self.last_position,
            "head": self.head,
            "checkpoints_checked": self.checkpoints,
            "first_problem": None if first is None else first.row(),
            "findings": [f.row() for f in sorted(self.findings, key=lambda f: (f.position, f.kind))],
            "seconds": round(self.seconds, 3),
            "events_per_second": round(self.events / self.seconds) if self.seconds else None,
        }


# --- keys and signed statements ----------------------------------------------------


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


def load_private(path: Path) -> Ed25519PrivateKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError, OSError) as e:
        raise InvalidInput("sign", f"{path} is not an unencrypted PEM private key ({e})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise InvalidInput("sign", f"{path} is not an Ed25519 key")
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


def statement(origin: str, position: int, size: int, head: str, taken: str) -> bytes:
    """The text a checkpoint signs: short enough to print in a public notice."""
    return (
        "gongkai-ledger checkpoint v1\n"
        f"origin: {origin}\nposition: {position}\nsize: {size}\nhead: {head}\ntaken: {taken}\n"
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


def sign(key: Ed25519PrivateKey, message: bytes) -> tuple[str, str]:
    """(public key hex, signature hex)."""
    return raw_public(key.public_key()).hex(), key.sign(message).hex()


# --- raw access ----------------------------------------------------------------


@contextmanager
def open_raw(db: str) -> Iterator[sqlite3.Connection]:
    """The SQLite file, read-only, through sqlite3 alone (no eventsourcing, no mapper)."""
    if db.startswith(("postgresql://", "postgres://")):
        raise InvalidInput(
            "db", "audit verify and export read an SQLite file directly; copy it to SQLite first"
        )
    path = Path(db)
    if not path.is_file():
        raise NotFound("db", f"no ledger file {db}")
    with path.open("rb") as f:
        if f.read(16) != SQLITE_HEADER and path.stat().st_size > 0:
            raise InvalidInput("db", f"{db} is not an SQLite database file")
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    try:
        conn.execute("BEGIN")  # one snapshot for the events, the witness and the tracking table
        yield conn
    finally:
        conn.close()


def has_table(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone()
    return row is not None


def raw_events(conn: sqlite3.Connection, first: int = 1) -> Iterator[tuple[Any, ...]]:
    """(position, originator_id, version, topic, state) in position order, as stored."""
    if not has_table(conn, EVENTS_TABLE):
        return iter(())
    cur = conn.execute(f"SELECT {RAW_COLUMNS} FROM {EVENTS_TABLE} WHERE rowid >= ? ORDER BY rowid", (first,))
    return iter(cur)


def recorded_at(state: Any) -> datetime | None:
    if not isinstance(state, bytes):
        return None
    match = _TIMESTAMP.search(state)
    if match is None:
        return None
    try:
        return datetime.fromisoformat(match.group(1).decode())
    except ValueError:
        return None


@dataclass
class Chain:
    """The chain recomputed from raw rows: positions, links and the rows' identities."""

    positions: list[int] = field(default_factory=list)
    links: list[bytes] = field(default_factory=list)

    def at(self, position: int) -> tuple[int, bytes] | None:
        """(number of events up to and including ``position``, link there), if it exists."""
        i = bisect.bisect_left(self.positions, position)
        if i < len(self.positions) and self.positions[i] == position:
            return i + 1, self.links[i]
        return None

    def count_upto(self, position: int) -> int:
        return bisect.bisect_right(self.positions, position)

    @property
    def last(self) -> int:
        return self.positions[-1] if self.positions else 0

    @property
    def head(self) -> bytes:
        return self.links[-1] if self.links else GENESIS


@dataclass(frozen=True)
class CheckpointClaim:
    """A checkpoint read from a raw row or a file: what it says, and where it came from."""

    source: str
    origin: str
    position: int
    size: int
    head: str
    taken: str
    public_key: str | None
    signature: str | None
    recorded_at: int | None = None  # position of the checkpoint event, if in the ledger

    def taken_at(self) -> datetime | None:
        try:
            return datetime.fromisoformat(self.taken)
        except ValueError:
            return None

    def message(self) -> bytes:
        return statement(self.origin, self.position, self.size, self.head, self.taken)

    def as_file(self) -> dict[str, Any]:
        return {
            "statement": self.message().decode(),
            "origin": self.origin,
            "position": self.position,
            "size": self.size,
            "head": self.head,
            "taken": self.taken,
            "key_id": key_id(bytes.fromhex(self.public_key)) if self.public_key else None,
            "public_key": self.public_key,
            "signature": self.signature,
        }


def _claim(data: Any, source: str, recorded_at: int | None = None) -> CheckpointClaim:
    """A claim from a checkpoint's JSON fields (KeyError, TypeError, ValueError when it is none)."""
    return CheckpointClaim(
        source=source,
        origin=str(data["origin"]),
        position=int(data["position"]),
        size=int(data["size"]),
        head=str(data["head"]),
        taken=str(data["taken"]),
        public_key=data.get("public_key"),
        signature=data.get("signature"),
        recorded_at=recorded_at,
    )


def read_checkpoint_file(path: Path) -> CheckpointClaim:
    try:
        return _claim(json.loads(path.read_text(encoding="utf-8")), str(path))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise InvalidInput("checkpoint", f"{path} is not a checkpoint file ({e})") from None


def claim_from_row(position: int, state: bytes) -> CheckpointClaim | None:
    try:
        return _claim(json.loads(state), f"checkpoint recorded at position {position}", position)
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


# --- verification ----------------------------------------------------------------


def verify_connection(
    conn: sqlite3.Connection,
    files: tuple[CheckpointClaim, ...] = (),
    trusted: Ed25519PublicKey | None = None,
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Every check in the module docstring, on an open connection to the raw database."""
    started = time.perf_counter()
    report = Report()
    chain = Chain()
    claims: list[CheckpointClaim] = []
    raw_ids: dict[int, tuple[str, int, str, str]] = {}
    floor: tuple[datetime, int] | None = None  # the latest checkpoint's time, and where it was recorded
    link = GENESIS
    for position, oid, version, topic, state in raw_events(conn):
        digest = state_digest(state)
        link = next_link(link, entry_hash(position, oid, version, topic, digest))
        chain.positions.append(position)
        chain.links.append(link)
        raw_ids[position] = (str(oid), version, str(topic), digest)
        if floor is not None:
            when = recorded_at(state)
            if when is not None and when < floor[0] - CLOCK_SKEW:
                report.add(
                    position,
                    BACKDATED,
                    f"claims to be recorded at {when.isoformat()}, before the checkpoint recorded at "
                    f"position {floor[1]} ({floor[0].isoformat()})",
                )
        if topic == CHECKPOINT_TOPIC and isinstance(state, bytes):
            claim = claim_from_row(position, state)
            if claim is not None:
                claims.append(claim)
                # the later of its recording time and its signed time: rewriting either is caught
                when = max((t for t in (recorded_at(state), claim.taken_at()) if t is not None), default=None)
                if when is not None and (floor is None or when > floor[0]):
                    floor = (when, position)
        if progress is not None and len(chain.positions) % 10_000 == 0:
            progress(len(chain.positions))
    report.events = len(chain.positions)
    report.last_position = chain.last
    report.head = chain.head.hex()

    _check_witness(conn, chain, raw_ids, report)
    good = 0  # the furthest position a checkpoint vouches for so far
    for claim in sorted([*claims, *files], key=lambda c: c.position):
        before = len(report.findings)
        _check_claim(claim, chain, trusted, report, good)
        if len(report.findings) == before:
            good = max(good, claim.position)
        report.checkpoints += 1
    _check_tracking(conn, chain, report)
    report.seconds = time.perf_counter() - started
    return report


def _check_witness(
    conn: sqlite3.Connection, chain: Chain, raw: dict[int, tuple[str, int, str, str]], report: Report
) -> None:
    if not has_table(conn, WITNESS_TABLE):
        # the ledger writes it with every save and creates it on opening an older file:
        # missing, it was dropped (or the file was never opened by this ledger)
        detail = "the audit chain's witness table is missing; only checkpoints can vouch for the record"
        report.add(1, NO_WITNESS, detail, error=bool(chain.positions))
        return
    witness: dict[int, tuple[str, int, str, str]] = {}
    link = GENESIS
    altered: int | None = None
    for position, oid, version, topic, digest, stored_link in conn.execute(
        f"SELECT position, originator_id, originator_version, topic, state_sha256, link "
        f"FROM {WITNESS_TABLE} ORDER BY position"
    ):
        witness[position] = (str(oid), version, str(topic), str(digest))
        link = next_link(link, entry_hash(position, oid, version, topic, str(digest)))
        if altered is None and link.hex() != stored_link:
            altered = position
    if altered is not None:
        report.add(altered, WITNESS_ALTERED, "the witness's own links do not follow from its rows")
    where_witnessed = {ident[:2]: p for p, ident in witness.items()}
    witness_last = max(witness, default=0)
    gone = sorted(p for p in witness if p not in raw)
    tail = [p for p in gone if p > chain.last]
    if len(gone) > len(tail):
        stored = {ident[:2] for ident in raw.values()}
        for position in gone:
            if position not in tail and witness[position][:2] not in stored:
                report.add(position, DELETED, f"{_name(witness[position])} is no longer stored")
    if tail:
        span = f"position {tail[0]}" if len(tail) == 1 else f"positions {tail[0]}–{tail[-1]}"
        what = "the last event" if len(tail) == 1 else f"the last {len(tail)} events"
        report.add(tail[0], TRUNCATED, f"{what} ({span}) deleted; the record now ends at {chain.last}")
    for position, ident in raw.items():
        seen = witness.get(position)
        if seen == ident:
            continue
        if seen is None:
            where = (
                "appended after the last witnessed position" if position > witness_last else "put in a gap"
            )
            report.add(position, INSERTED, f"{_name(ident)} was written outside the ledger ({where})")
            continue
        if seen[:2] == ident[:2]:
            if seen[2] != ident[2]:
                report.add(position, TOPIC_CHANGED, f"{seen[2]} → {ident[2]}")
            if seen[3] != ident[3]:
                report.add(position, PAYLOAD_CHANGED, f"the stored state of {_name(ident)} differs")
            continue
        other = where_witnessed.get(ident[:2])
        if other is not None and raw.get(other, ("",))[:2] == seen[:2]:
            if position < other:
                report.add(position, SWAPPED, f"positions {position} and {other} hold each other's events")
        elif other is not None:
            report.add(position, MOVED, f"{_name(ident)} was recorded at position {other}")
        else:
            report.add(position, REPLACED, f"{_name(seen)} replaced by {_name(ident)}")


def _name(ident: tuple[Any, ...]) -> str:
    oid, version, topic = ident[0], ident[1], ident[2]
    return f"{topic.rsplit(':', 1)[-1]} {str(oid)[:8]} v{version}"


def _check_claim(
    claim: CheckpointClaim, chain: Chain, trusted: Ed25519PublicKey | None, report: Report, good: int = 0
) -> None:
    at = claim.recorded_at if claim.recorded_at is not None else claim.position
    problem = signature_problem(claim.message(), claim.public_key, claim.signature)
    if claim.signature is not None and problem is not None:
        report.add(at, BAD_SIGNATURE, f"{claim.source}: {problem}")
    elif trusted is not None:
        if claim.signature is None:
            report.add(at, UNSIGNED, f"{claim.source} is not signed, but a public key was given")
        elif claim.public_key != raw_public(trusted).hex():
            other = key_id(bytes.fromhex(claim.public_key or ""))
            report.add(at, FOREIGN_KEY, f"{claim.source} is signed by key {other}, not the given one")
    found = chain.at(claim.position)
    if claim.position > chain.last:
        report.add(
            chain.last + 1,
            TRUNCATED,
            f"{claim.source} covers positions up to {claim.position}; the record ends at {chain.last}",
        )
        return
    if claim.position == 0 and claim.size == 0:
        return
    if found is None:
        report.add(claim.position, CHECKPOINT_MISMATCH, f"{claim.source}: position {claim.position} is gone")
        return
    size, link = found
    if link.hex() != claim.head or size != claim.size:
        report.add(
            claim.position,
            CHECKPOINT_MISMATCH,
            f"{claim.source}: positions 1–{claim.position} no longer hash to its head; "
            f"the change is in positions {good + 1}–{claim.position}"
            + (f" ({claim.size} events then, {size} now)" if size != claim.size else ""),
        )


def _check_tracking(conn: sqlite3.Connection, chain: Chain, report: Report) -> None:
    if not has_table(conn, "tracking"):
        return
    for name, position in conn.execute(
        "SELECT application_name, notification_id FROM tracking WHERE application_name != '__migration__'"
    ):
        if position > chain.last:
            report.add(
                chain.last + 1,
                TRACKING_AHEAD,
                f"projection {name} has folded up to position {position}; the record ends at {chain.last}",
            )
        elif position > 0 and chain.at(position) is None:
            report.add(
                position, TRACKING_AHEAD, f"projection {name} folded position {position}, which is gone"
            )


def verify_database(
    db: str, files: tuple[CheckpointClaim, ...] = (), trusted: Ed25519PublicKey | None = None
) -> Report:
    with open_raw(db) as conn:
        return verify_connection(conn, files, trusted)


def chain_of(conn: sqlite3.Connection) -> Chain:
    chain = Chain()
    link = GENESIS
    for position, oid, version, topic, state in raw_events(conn):
        link = next_link(link, entry_hash(position, oid, version, topic, state_digest(state)))
        chain.positions.append(position)
        chain.links.append(link)
    return chain


# --- export for supervisors ------------------------------------------------------

EXPORT_COLUMNS = (
    "position",
    "link",
    "originator_id",
    "originator_version",
    "topic",
    "state",
    "recorded",
    "effective",
    "actor",
)


def _export_row(position: int, link: bytes, oid: Any, version: Any, topic: Any, state: Any) -> dict[str, Any]:
    if not isinstance(state, bytes):
        state = str(state).encode()
    try:
        text = state.decode()
        data = json.loads(text)
    except (UnicodeDecodeError, ValueError):
        text, data = "base64:" + base64.b64encode(state).decode(), {}
    return {
        "position": position,
        "link": link.hex(),
        "originator_id": str(oid),
        "originator_version": version,
        "topic": str(topic),
        "state": text,
        "recorded": data.get("timestamp"),
        "effective": data.get("effective"),
        "actor": data.get("actor"),
    }


def _state_bytes(text: str) -> bytes:
    return base64.b64decode(text[7:]) if text.startswith("base64:") else text.encode()


def manifest_message(manifest: dict[str, Any]) -> bytes:
    body = {k: v for k, v in manifest.items() if k not in ("signature", "public_key")}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def export_database(
    db: str,
    out: Path,
    fmt: str,
    first_day: str,
    last_day: str,
    in_range: Callable[[str | None], bool],
    origin: str,
    key: Ed25519PrivateKey | None = None,
) -> dict[str, Any]:
    """Every event recorded in the date range (a contiguous run of positions) with its link."""
    with open_raw(db) as conn:
        report = verify_connection(conn)
        if not report.ok:
            first = report.first
            assert first is not None
            raise InvalidInput("db", f"the record does not verify ({first.line()}); export refused")
        rows: list[dict[str, Any]] = []
        previous = GENESIS
        link = GENESIS
        for position, oid, version, topic, state in raw_events(conn):
            before = link
            link = next_link(link, entry_hash(position, oid, version, topic, state_digest(state)))
            row = _export_row(position, link, oid, version, topic, state)
            if rows or in_range(row["recorded"]):
                if not rows:
                    previous = before
                rows.append(row)
        while rows and not in_range(rows[-1]["recorded"]):
            rows.pop()
    out.mkdir(parents=True, exist_ok=True)
    name = f"events.{fmt}"
    path = out / name
    with path.open("w", encoding="utf-8", newline="") as f:
        if fmt == "csv":
            writer = csv.DictWriter(f, fieldnames=EXPORT_COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
        else:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    manifest: dict[str, Any] = {
        "format": fmt,
        "file": name,
        "file_sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "origin": origin,
        "from": first_day,
        "to": last_day,
        "count": len(rows),
        "first_position": rows[0]["position"] if rows else None,
        "last_position": rows[-1]["position"] if rows else None,
        "previous_link": previous.hex(),
        "head": rows[-1]["link"] if rows else previous.hex(),
        "chain": "link = sha256(previous link, entry(position, originator_id, version, topic, state))",
    }
    if key is not None:
        manifest["public_key"], manifest["signature"] = sign(key, manifest_message(manifest))
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return manifest


def _read_manifest(out: Path) -> dict[str, Any]:
    """The export's manifest, with the fields verification cannot do without."""
    where = out / "manifest.json"
    try:
        manifest = json.loads(where.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise InvalidInput("export", f"{out} holds no readable export ({e})") from None
    if not isinstance(manifest, dict):
        raise InvalidInput("export", f"{where} is not an export manifest (not a JSON object)")
    for key in ("file", "format", "previous_link"):
        if key not in manifest:
            raise InvalidInput("export", f"{where} is not an export manifest (no {key!r})")
    if manifest["format"] not in ("jsonl", "csv"):
        raise InvalidInput("export", f"{where}: format {manifest['format']!r} is neither jsonl nor csv")
    if not re.fullmatch(r"[0-9a-f]{64}", str(manifest["previous_link"])):
        raise InvalidInput("export", f"{where}: previous_link is not a SHA-256 in hex")
    return manifest


def _export_rows(data: bytes, fmt: str, report: Report) -> list[tuple[int, dict[str, Any]]]:
    """(line number, row) of an export file; a line that cannot be read becomes a finding."""
    text = data.decode("utf-8", errors="replace")
    if fmt == "csv":
        reader = csv.DictReader(text.splitlines(keepends=True))
        return [(reader.line_num, row) for row in reader]
    rows: list[tuple[int, dict[str, Any]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as e:
            row = {"unreadable": f"not JSON ({e})"}
        rows.append((number, row if isinstance(row, dict) else {"unreadable": "not a JSON object"}))
    return rows


def verify_export(
    out: Path, files: tuple[CheckpointClaim, ...] = (), trusted: Ed25519PublicKey | None = None
) -> Report:
    """Check an export offline: the manifest, every row's link, and any checkpoint it covers."""
    started = time.perf_counter()
    report = Report()
    manifest = _read_manifest(out)
    path = out / str(manifest["file"])
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InvalidInput("export", f"{out} holds no readable export ({e})") from None
    if hashlib.sha256(data).hexdigest() != manifest.get("file_sha256"):
        report.add(0, PAYLOAD_CHANGED, f"{path.name} is not the file the manifest describes", True)
    if "signature" in manifest:
        problem = signature_problem(
            manifest_message(manifest), manifest.get("public_key"), manifest["signature"]
        )
        if problem:
            report.add(0, BAD_SIGNATURE, f"manifest: {problem}")
        elif trusted is not None and manifest.get("public_key") != raw_public(trusted).hex():
            report.add(0, FOREIGN_KEY, "the manifest is signed by another key")
    elif trusted is not None:
        report.add(0, UNSIGNED, "the manifest is not signed, but a public key was given")
    rows = _export_rows(data, manifest["format"], report)
    link = bytes.fromhex(manifest["previous_link"])
    links: dict[int, bytes] = {}
    positions: list[int] = []
    for line, row in rows:
        if "unreadable" in row:
            where = positions[-1] + 1 if positions else 0
            report.add(where, UNREADABLE, f"{path.name} line {line}: {row['unreadable']}")
            continue
        try:
            position = int(row["position"])
            version = int(row["originator_version"])
            digest = state_digest(_state_bytes(str(row["state"])))
            entry = entry_hash(position, row["originator_id"], version, row["topic"], digest)
            stated = bytes.fromhex(str(row["link"]))
        except (KeyError, ValueError, TypeError) as e:
            where = positions[-1] + 1 if positions else 0
            why = f"no {e.args[0]!r}" if isinstance(e, KeyError) else str(e)
            report.add(where, UNREADABLE, f"{path.name} line {line}: not an exported event ({why})")
            continue
        link = next_link(link, entry)
        if positions and position <= positions[-1]:
            report.add(position, MOVED, f"rows out of order after position {positions[-1]}")
        if link != stated:
            if not any(f.kind == PAYLOAD_CHANGED and f.position == position for f in report.findings):
                report.add(position, PAYLOAD_CHANGED, "the row does not hash to its link")
            link = stated  # report each broken row once, not every one after it
        links[position] = link
        positions.append(position)
    report.events = len(rows)
    report.last_position = positions[-1] if positions else 0
    report.head = link.hex()
    expected = {
        "count": len(rows),
        "first_position": positions[0] if positions else None,
        "last_position": positions[-1] if positions else None,
        "head": link.hex(),
    }
    for key, value in expected.items():
        if manifest.get(key) != value:
            report.add(
                report.last_position,
                CHECKPOINT_MISMATCH,
                f"manifest says {key} {manifest.get(key)}, rows give {value}",
            )
    for claim in files:
        report.checkpoints += 1
        problem = signature_problem(claim.message(), claim.public_key, claim.signature)
        if claim.signature is not None and problem:
            report.add(claim.position, BAD_SIGNATURE, f"{claim.source}: {problem}")
        if claim.position in links:
            if links[claim.position].hex() != claim.head:
                report.add(
                    claim.position,
                    CHECKPOINT_MISMATCH,
                    f"{claim.source}: head differs from the export's link",
                )
        elif positions and claim.position == positions[0] - 1:
            if claim.head != manifest["previous_link"]:
                report.add(
                    claim.position, CHECKPOINT_MISMATCH, f"{claim.source}: the export does not start from it"
                )
        else:
            report.add(
                claim.position, "outside the export", f"{claim.source} is not within the export", False
            )
    report.seconds = time.perf_counter() - started
    return report


# --- replay ----------------------------------------------------------------------


@dataclass
class ReplayReport:
    position: int
    events: int
    seconds: float
    projections: list[dict[str, Any]]

    @property
    def ok(self) -> bool:
        return all(p["same"] for p in self.projections)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "position": self.position,
            "events": self.events,
            "seconds": round(self.seconds, 3),
            "events_per_second": round(self.events / self.seconds) if self.seconds else None,
            "projections": self.projections,
        }


def compare_rows(live: dict[str, Any], rebuilt: dict[str, Any], limit: int = 5) -> list[str]:
    """What differs between a live copy and a rebuild, key by key (the first few)."""
    out = []
    for key in sorted(set(live) | set(rebuilt)):
        if key not in rebuilt:
            out.append(f"{key}: in the live copy only")
        elif key not in live:
            out.append(f"{key}: missing from the live copy")
        elif live[key] != rebuilt[key]:
            out.append(f"{key}: differs")
        if len(out) >= limit:
            break
    return out


def replay(app: Any, progress: Callable[[int, int], None] | None = None) -> ReplayReport:
    """Rebuild every projection from position 0 and compare it with the live copy, at its position."""
    from ledger.systems import fold_classes
    from ledger.views import Views

    views = Views(app)
    for _ in range(3):
        live = {cls.name: views.live(cls) for cls in fold_classes()}
        positions = {views.store.position(name) for name in live}
        if len(positions) == 1:
            break
    position = max(positions)
    total = position

    def tick(done: int) -> None:
        if progress is not None:
            progress(done, total)

    started = time.perf_counter()
    history = views.history(fold_classes(), stop=position, progress=tick)
    seconds = time.perf_counter() - started
    tick(total)
    results = []
    for name, fold in live.items():
        rebuilt = history.folds[name]
        same = fold.digest() == rebuilt.digest()
        results.append(
            {
                "projection": name,
                "rows": len(fold.rows),
                "live_digest": fold.digest(),
                "rebuilt_digest": rebuilt.digest(),
                "same": same,
                "differences": [] if same else compare_rows(fold.rows, rebuilt.rows),
            }
        )
    return ReplayReport(position, history.events, seconds, results)
