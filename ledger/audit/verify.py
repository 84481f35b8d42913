"""Verify the record from its raw rows against every independent witness (see ``ledger.audit``)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from ledger.audit.checkpoints import CHECKPOINT_TOPIC, CheckpointClaim, claim_from_row
from ledger.audit.findings import (
    BACKDATED,
    BAD_SIGNATURE,
    CHECKPOINT_MISMATCH,
    DELETED,
    FOREIGN_KEY,
    INSERTED,
    MOVED,
    NO_WITNESS,
    PAYLOAD_CHANGED,
    REPLACED,
    SWAPPED,
    TOPIC_CHANGED,
    TRACKING_AHEAD,
    TRUNCATED,
    UNSIGNED,
    WITNESS_ALTERED,
    Report,
)
from ledger.audit.keys import key_id, raw_public, signature_problem
from ledger.audit.raw import Chain, has_table, open_raw, raw_events, recorded_at
from ledger.storage.chain import GENESIS, WITNESS_TABLE, entry_hash, next_link, state_digest

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

# System clocks of different machines disagree a little; a forger backdates by days.
CLOCK_SKEW = timedelta(minutes=5)


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
