"""What the CLI calls for auditors and supervisors: verify, checkpoint, replay, export, keys.

Strings and paths in, plain dicts out; the work is in ``ledger.audit`` (one module per part).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import pendulum

from aggregates.errors import InvalidInput, Refused
from ledger.audit.checkpoints import CheckpointClaim, read_checkpoint_file
from ledger.audit.export import export_database, verify_export
from ledger.audit.keys import generate_key, load_private, load_public, sign
from ledger.audit.raw import open_raw
from ledger.audit.replay import replay
from ledger.audit.verify import verify_connection
from ledger.commands.audit import RecordCheckpoint
from ledger.interface.core import Ledger
from ledger.rules.calendar import TZ
from ledger.when import parse_day

__all__ = ["checkpoint", "export", "keygen", "replay_views", "verify"]


def keygen(private: Path, public: Path) -> dict[str, Any]:
    if private.exists():
        raise InvalidInput("out", f"{private} exists; a signing key is never overwritten")
    kid = generate_key(private, public)
    return {"key_id": kid, "private": str(private), "public": str(public)}


@contextmanager
def raw_connection(ledger: Ledger) -> Iterator[sqlite3.Connection]:
    """The raw SQLite connection: the file opened read-only, or (in memory) the ledger's own."""
    if ledger.app.db != ":memory:":
        with open_raw(ledger.app.db) as conn:
            yield conn
        return
    with ledger.app.raw_snapshot() as conn:
        yield conn


def checkpoint(ledger: Ledger, actor: str, key_file: Path | None, out: Path | None) -> dict[str, Any]:
    """Verify the record, then record (and write, and optionally sign) a checkpoint of it."""
    key = load_private(key_file) if key_file else None
    with raw_connection(ledger) as conn:
        report = verify_connection(conn)
    if not report.ok:
        first = report.first
        assert first is not None
        raise Refused(
            "record", f"the record does not verify ({first.line()}); a checkpoint would vouch for it"
        )
    taken = ledger.app.clock().astimezone(pendulum.UTC).isoformat()
    claim = CheckpointClaim(
        source="new checkpoint",
        origin=ledger.bureau_name() or "gongkai-ledger",
        position=report.last_position,
        size=report.events,
        head=report.head,
        taken=taken,
        public_key=None,
        signature=None,
    )
    public_key = signature = None
    if key is not None:
        public_key, signature = sign(key, claim.message())
    signed = CheckpointClaim(**{**claim.__dict__, "public_key": public_key, "signature": signature})
    command = RecordCheckpoint(
        origin=claim.origin,
        position=claim.position,
        size=claim.size,
        head=claim.head,
        taken=taken,
        public_key=public_key,
        signature=signature,
    )
    ledger.run([command], actor)
    data = signed.as_file()
    path = out or Path(f"checkpoint-{claim.position}.json")
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return {**data, "file": str(path)}


def verify(
    db: str,
    checkpoints: tuple[Path, ...] = (),
    pubkey: Path | None = None,
    export_dir: Path | None = None,
) -> dict[str, Any]:
    """Verify the database file (or, with ``export_dir``, an export offline, without it)."""
    trusted = load_public(pubkey) if pubkey else None
    files = tuple(read_checkpoint_file(p) for p in checkpoints)
    if export_dir is not None:
        report = verify_export(export_dir, files, trusted)
        return {"source": str(export_dir), **report.as_dict()}
    with open_raw(db) as conn:
        report = verify_connection(conn, files, trusted)
    return {"source": db, **report.as_dict()}


def replay_views(ledger: Ledger, progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    return replay(ledger.app, progress).as_dict()


def export(
    ledger: Ledger, first: str, last: str, fmt: str, out: Path, key_file: Path | None
) -> dict[str, Any]:
    """Events recorded from ``first`` to ``last`` (dates, Asia/Shanghai) with a verifiable manifest."""
    start, end = parse_day(first, "from"), parse_day(last, "to")
    if end < start:
        raise InvalidInput("to", f"{end} is before {start}")
    if fmt not in ("jsonl", "csv"):
        raise InvalidInput("format", "jsonl or csv")
    key = load_private(key_file) if key_file else None

    def in_range(recorded: str | None) -> bool:
        if recorded is None:
            return False
        day = pendulum.instance(datetime.fromisoformat(recorded)).in_timezone(TZ).date()
        return start <= day <= end

    origin = ledger.bureau_name() or "gongkai-ledger"
    return export_database(ledger.app.db, out, fmt, first, last, in_range, origin, key)
