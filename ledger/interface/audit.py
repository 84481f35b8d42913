"""What the CLI calls for auditors and supervisors: verify, checkpoints, receipts, monitors,
replay, export, keys, and re-establishing a lost witness.

Strings and paths in, plain dicts out; the work is in ``ledger.audit`` (one module per part).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aggregates.errors import InvalidInput, Refused

# Each command imports the parts it uses where it uses them: a process runs one command, and
# `audit replay` has no use for signing, exports or the chain's checks (nor `audit verify`
# for the views), which cost a start-up as long as a replay of ten thousand events.
if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from ledger.audit.checkpoints import CheckpointClaim
    from ledger.audit.findings import Finding, Report
    from ledger.audit.raw import Chain, RawSource
    from ledger.interface.core import Ledger
    from ledger.when import When
    from projections.notices import Notice, Receipt

__all__ = [
    "checkpoint",
    "export",
    "keygen",
    "migrate_ledger",
    "monitor",
    "notices_with_receipt",
    "receipt",
    "reestablish",
    "register_key",
    "replay_views",
    "verify",
]


def keygen(private: Path, public: Path) -> dict[str, Any]:
    from ledger.audit.keys import generate_key

    if private.exists():
        raise InvalidInput("out", f"{private} exists; a signing key is never overwritten")
    kid = generate_key(private, public)
    return {"key_id": kid, "private": str(private), "public": str(public)}


@contextmanager
def raw_connection(ledger: Ledger) -> Iterator[RawSource]:
    """The raw rows: the database opened read-only, or (in memory) through the ledger's own connection."""
    from ledger.audit.raw import SQLiteRows, open_raw

    if ledger.app.db != ":memory:":
        with open_raw(ledger.app.db) as source:
            yield source
        return
    with ledger.app.raw_snapshot() as conn:
        yield SQLiteRows(conn)


def _verified(ledger: Ledger, what: str, superseding: tuple[int, ...] = ()) -> tuple[Report, Chain]:
    """The record verified from its raw rows, or Refused: nothing vouches for a broken record."""
    from ledger.audit.verify import verify_chain

    with raw_connection(ledger) as source:
        report, chain = verify_chain(source, superseding=superseding)
    if not report.ok:
        first = report.first
        assert first is not None
        raise Refused("record", f"the record does not verify ({first.line()}); {what} would vouch for it")
    return report, chain


def _registered(ledger: Ledger, key: Ed25519PrivateKey) -> str:
    """The key's public half, if the ledger has it registered; Refused otherwise."""
    from aggregates.audit import AuditKeys
    from ledger.audit.keys import key_id, raw_public

    public = raw_public(key.public_key()).hex()
    keys = ledger.app.get(AuditKeys, AuditKeys.id_for())
    if keys is None or not keys.registered(public):
        raise Refused(
            "sign",
            f"key {key_id(bytes.fromhex(public))} is not registered in the ledger; the principal leader "
            "registers the bureau's with `ledger audit key register --pub FILE`",
        )
    return public


def checkpoint(
    ledger: Ledger, actor: str, key_file: Path | None, out: Path | None, supersedes: int | None = None
) -> dict[str, Any]:
    """Verify the record, then record (and write, and sign) a checkpoint of it.

    With ``supersedes``, the checkpoint recorded at that position is treated as superseded
    while verifying: its signature problems no longer stop the record from being vouched for."""
    from ledger.audit.checkpoints import CheckpointClaim
    from ledger.audit.keys import load_private, sign
    from ledger.commands.audit import RecordCheckpoint

    key = load_private(key_file) if key_file else None
    report, _ = _verified(ledger, "a checkpoint", () if supersedes is None else (supersedes,))
    claim = CheckpointClaim(
        source="new checkpoint",
        origin=ledger.bureau_name() or "gongkai-ledger",
        position=report.last_position,
        size=report.events,
        head=report.head,
        public_key=None,
        signature=None,
    )
    public_key = signature = None
    if key is not None:
        public_key, signature = sign(key, claim.message())
    command = RecordCheckpoint(
        origin=claim.origin,
        position=claim.position,
        size=claim.size,
        head=claim.head,
        public_key=public_key,
        signature=signature,
        supersedes=supersedes,
    )
    recorded = ledger.run([command], actor)[0]["recorded"]
    signed = replace(claim, public_key=public_key, signature=signature, recorded=recorded)
    data = signed.as_file()
    path = out or Path(f"checkpoint-{claim.position}.json")
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return {**data, "file": str(path)}


def register_key(ledger: Ledger, actor: str, public: Path) -> dict[str, Any]:
    """Register the bureau's checkpoint key (its public half) in the ledger."""
    from ledger.audit.keys import load_public, raw_public
    from ledger.commands.audit import RegisterAuditKey

    command = RegisterAuditKey(public_key=raw_public(load_public(public)).hex())
    return ledger.run([command], actor)[0]


def reestablish(ledger: Ledger, actor: str, key_file: Path, reason: str) -> dict[str, Any]:
    """The principal leader's signed act re-creating a missing witness over the rows as stored."""
    from ledger.audit.keys import load_private, reestablish_statement, sign
    from ledger.commands.audit import ReestablishWitness

    key = load_private(key_file)
    position, size, head = ledger.app.raw_head()
    message = reestablish_statement(position, size, head, actor, reason.strip())
    public_key, signature = sign(key, message)
    command = ReestablishWitness(
        position=position, size=size, head=head, reason=reason, public_key=public_key, signature=signature
    )
    return ledger.run([command], actor)[0]


def _receipt(ledger: Ledger, key: Ed25519PrivateKey, position: int | None = None) -> Receipt:
    from ledger.audit.keys import sign, statement
    from ledger.storage.chain import GENESIS
    from projections.notices import Receipt

    public = _registered(ledger, key)
    _, chain = _verified(ledger, "a receipt")
    at = chain.last if position is None else min(position, chain.last)
    size, link = chain.at(at) or (0, GENESIS)
    origin = ledger.bureau_name() or "gongkai-ledger"
    message = statement(origin, at, size, link.hex())
    return Receipt(
        origin=origin,
        position=at,
        size=size,
        head=link.hex(),
        public_key=public,
        signature=sign(key, message)[1],
    )


def existing_folder(path: Path, field: str) -> None:
    """A file is written only into a folder that exists: a mistyped path is an input error,
    not a new folder."""
    if not path.parent.is_dir():
        raise InvalidInput(field, f"{path}: the folder {path.parent} does not exist")


def receipt(ledger: Ledger, key_file: Path, out: Path | None) -> dict[str, Any]:
    """A signed receipt of the record as it stands, written to a file (nothing is recorded)."""
    from ledger.audit.keys import load_private

    r = _receipt(ledger, load_private(key_file))
    data = {**read_claim(r).as_file(), "receipt": True}
    path = out or Path(f"receipt-{r.position}.json")
    path.parent.mkdir(parents=True, exist_ok=True)  # like every --out: the receipts folder is made
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return {**data, "file": str(path)}


def read_claim(r: Receipt) -> CheckpointClaim:
    from ledger.audit.checkpoints import CheckpointClaim

    return CheckpointClaim(
        source="receipt",
        origin=r.origin,
        position=r.position,
        size=r.size,
        head=r.head,
        public_key=r.public_key,
        signature=r.signature,
    )


def notices_with_receipt(ledger: Ledger, when: When, key_file: Path) -> list[Notice]:
    """The public notices, each carrying a signed receipt of the record they rest on."""
    from ledger.audit.keys import load_private
    from projections.notices import PublicFacts

    key = load_private(key_file)
    docs = ledger.notices(when)
    rests_on = ledger.views.position(PublicFacts) if when.now else ledger.app.max_position()
    r = _receipt(ledger, key, rests_on)
    return [doc.model_copy(update={"receipt": r}) for doc in docs]


def monitor(db: str, state: Path) -> dict[str, Any]:
    """Compare the record with what this monitor saw last; remember it when it only grew."""
    from ledger.audit.raw import open_raw
    from ledger.audit.receipts import Seen, consistency, read_seen
    from ledger.audit.verify import verify_chain

    existing_folder(state, "state")
    seen = read_seen(state)
    with open_raw(db) as source:
        report, chain = verify_chain(source)
    now = Seen(chain.last, len(chain), chain.head.hex())
    problems = [] if seen is None else consistency(seen, chain)
    if not problems:
        state.write_text(json.dumps(now.as_dict(), indent=2) + "\n", encoding="utf-8")
    return {
        "ok": not problems,
        "first_run": seen is None,
        "seen": None if seen is None else seen.as_dict(),
        "now": now.as_dict(),
        "verified": report.ok,
        "findings": [f.row() for f in problems],
    }


def verify(
    db: str,
    checkpoints: tuple[Path, ...] = (),
    pubkey: Path | None = None,
    export_dir: Path | None = None,
    receipts: Path | None = None,
) -> dict[str, Any]:
    """Verify the database file (or, with ``export_dir``, an export offline, without it);
    ``receipts``: a folder of receipts and notices carrying them, each checked against the record."""
    from ledger.audit.checkpoints import read_checkpoint_file
    from ledger.audit.keys import load_public
    from ledger.audit.raw import open_raw
    from ledger.audit.verify import verify_connection
    from ledger.storage import mask

    trusted = load_public(pubkey) if pubkey else None
    files = tuple(read_checkpoint_file(p) for p in checkpoints)
    unreadable: list[Finding] = []
    if receipts is not None:
        from ledger.audit.receipts import read_receipts  # notices: the footer they carry

        found, unreadable = read_receipts(receipts)
        files += tuple(found)
    if export_dir is not None:
        from ledger.audit.export import verify_export  # an export, checked offline

        report = verify_export(export_dir, files, trusted)
        return {"source": str(export_dir), **report.as_dict()}
    with open_raw(db) as source:
        report = verify_connection(source, files, trusted)
        snapshots = source.has_snapshots()
    report.findings.extend(unreadable)
    checked = 0
    problems: list[Finding] = []
    if snapshots:  # derived, outside the chain: each against its events (only they need the models)
        from ledger.audit.snapshots import verify_snapshots

        checked, problems = verify_snapshots(db)
    report.findings.extend(problems)
    return {"source": mask(db), **report.as_dict(), "snapshots_checked": checked}


def migrate_ledger(src: str, dst: str) -> dict[str, Any]:
    """Copy the ledger at ``src`` into the empty database ``dst``, keeping positions; verified on both."""
    from ledger.audit.migrate import migrate
    from ledger.storage.opening import open_app

    return migrate(src, dst, open_app)


def replay_views(ledger: Ledger, progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    from ledger.audit.replay import replay

    return replay(ledger.app, progress).as_dict()


def export(
    ledger: Ledger, first: str, last: str, fmt: str, out: Path, key_file: Path | None
) -> dict[str, Any]:
    """Events recorded from ``first`` to ``last`` (dates, Asia/Shanghai) with a verifiable manifest."""
    import pendulum

    from ledger.audit.export import export_database
    from ledger.audit.keys import load_private
    from ledger.rules.calendar import TZ
    from ledger.when import parse_day

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
