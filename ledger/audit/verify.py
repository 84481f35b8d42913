"""Verify the record from its raw rows against every independent witness (see ``ledger.audit``)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from hashlib import sha256
from typing import TYPE_CHECKING, Any

from ledger.audit.checkpoints import (
    CHECKPOINT_TOPIC,
    KEY_TOPIC,
    REESTABLISH_TOPIC,
    CheckpointClaim,
    claim_from_row,
)
from ledger.audit.findings import (
    BACKDATED,
    BAD_SIGNATURE,
    CHAIN_BREAK,
    CHECKPOINT_MISMATCH,
    DELETED,
    FOREIGN_KEY,
    INSERTED,
    MOVED,
    NO_WITNESS,
    PAYLOAD_CHANGED,
    REPLACED,
    SUPERSEDED,
    SWAPPED,
    TOPIC_CHANGED,
    TRACKING_AHEAD,
    TRUNCATED,
    UNREADABLE,
    UNREGISTERED_KEY,
    UNSIGNED,
    WITNESS_ALTERED,
    Finding,
    Report,
)
from ledger.audit.keys import key_id, raw_public, reestablish_statement, signature_problem
from ledger.audit.raw import Chain, RawSource, open_raw, recorded_at
from ledger.audit.signatures import ActCheck
from ledger.storage.chain import (
    GENESIS,
    FramedTopics,
    as_bytes,
    entry_hash,
    entry_of,
    next_link,
    state_digest,
)

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

# What a claim finds about the record itself (not about its signature): never excused.
CHAINED = (CHECKPOINT_MISMATCH, TRUNCATED)
# System clocks of different machines disagree a little; a forger backdates by days.
CLOCK_SKEW = timedelta(minutes=5)


@dataclass
class AuditRows:
    """The audit's own acts as read from the raw rows: checkpoints, registered keys, breaks."""

    claims: list[CheckpointClaim] = field(default_factory=list)
    keys: dict[str, int] = field(default_factory=dict)  # public key hex -> position registered
    breaks: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # re-establishing acts

    def read(self, position: int, topic: Any, state: Any) -> None:
        if not isinstance(state, bytes) or topic not in (CHECKPOINT_TOPIC, KEY_TOPIC, REESTABLISH_TOPIC):
            return
        if topic == CHECKPOINT_TOPIC:
            claim = claim_from_row(position, state)
            if claim is not None:
                self.claims.append(claim)
            return
        try:
            data = json.loads(state)
        except ValueError:
            return
        if not isinstance(data, dict):
            return
        if topic == KEY_TOPIC and isinstance(data.get("public_key"), str):
            self.keys.setdefault(data["public_key"], position)
        elif topic == REESTABLISH_TOPIC:
            self.breaks.append((position, data))


def verify_connection(
    source: RawSource,
    files: tuple[CheckpointClaim, ...] = (),
    trusted: Ed25519PublicKey | None = None,
    progress: Callable[[int], None] | None = None,
    superseding: tuple[int, ...] = (),
) -> Report:
    """Every check in the module docstring, on one snapshot of the raw rows (either database).

    ``superseding``: checkpoints about to be superseded (``audit checkpoint --supersedes``),
    treated as if the superseding one were already recorded."""
    return verify_chain(source, files, trusted, progress, superseding)[0]


def verify_chain(
    source: RawSource,
    files: tuple[CheckpointClaim, ...] = (),
    trusted: Ed25519PublicKey | None = None,
    progress: Callable[[int], None] | None = None,
    superseding: tuple[int, ...] = (),
) -> tuple[Report, Chain]:
    """The report and the chain recomputed from the raw rows (receipts and monitors need its links)."""
    started = time.perf_counter()
    report = Report()
    chain = Chain()
    audit = AuditRows()
    floor: tuple[datetime, int] | None = None  # the latest checkpoint's recording time, and where
    link = GENESIS
    acts = ActCheck(report)
    witness = WitnessStream(source.witness())
    see, meet, append = acts.see, witness.meet, chain.append
    audited = (CHECKPOINT_TOPIC, KEY_TOPIC, REESTABLISH_TOPIC)
    topics = FramedTopics()  # each topic framed once
    for count, (position, oid, version, topic, state) in enumerate(source.events(), 1):
        if type(state) is bytes:
            hashed = sha256(state).digest()
            digest = hashed.hex()
        else:
            digest = state_digest(state)
            hashed = bytes.fromhex(digest)
        see(position, oid, version, topic, state, digest)
        entry = entry_of(position, oid, version, topic, hashed, topics)
        link = sha256(link + entry).digest()  # next_link, inline
        append(position, link)
        meet(position, (oid, version, topic, digest), entry, link)
        if floor is not None or topic == CHECKPOINT_TOPIC:
            when = recorded_at(state)
            if floor is not None and when is not None and when < floor[0] - CLOCK_SKEW:
                report.add(
                    position,
                    BACKDATED,
                    f"claims to be recorded at {when.isoformat()}, before the checkpoint recorded at "
                    f"position {floor[1]} ({floor[0].isoformat()})",
                )
            # the checkpoint's own recording time, never a time it states: a clerk cannot move it
            if topic == CHECKPOINT_TOPIC and when is not None and (floor is None or when > floor[0]):
                floor = (when, position)
        if topic in audited:
            audit.read(position, topic, state)
        if progress is not None and count % 10_000 == 0:
            progress(count)
    witness.finish()
    report.events = len(chain)
    report.last_position = chain.last
    report.head = chain.head.hex()

    if witness.altered is not None:
        report.add(witness.altered, WITNESS_ALTERED, "the witness's own links do not follow from its rows")
    if witness.rows is None:
        _check_witness(source, chain, {}, report)  # reports the missing witness
    elif not witness.same:  # something differs: read both again, whole, to say what (only then)
        raw_ids = {p: (str(o), v, str(t), state_digest(st)) for p, o, v, t, st in source.events()}
        _check_witness(source, chain, raw_ids, report)
    _check_breaks(audit, chain, trusted, report)
    _check_claims(audit, files, chain, trusted, report, superseding)
    _check_tracking(source, chain, report)
    acts.finish(lambda positions: reread(source, positions))
    report.seconds = time.perf_counter() - started
    return report, chain


def reread(source: RawSource, positions: Collection[int]) -> dict[int, bytes]:
    """The stored states at ``positions``, read again from the same snapshot (rarely: only
    where a chain of acts does not verify, ``ledger.audit.signatures``)."""
    if not positions:
        return {}
    wanted, last = set(positions), max(positions)
    found: dict[int, bytes] = {}
    for position, _oid, _version, _topic, state in source.events(min(wanted)):
        if position in wanted:
            found[position] = bytes(state)
        if position >= last:
            break
    return found


class WitnessStream:
    """The witness read beside the events, position by position: its own links recomputed
    and whether every position holds the same row in both. Nothing is kept but the last link.

    While every witness row so far is identical to its event's, the witness's links are the
    chain's own (the same rows, hashed the same way), so the chain's link is taken as it is:
    each hash is computed once. From the first difference on, the witness's links are
    computed from its own rows."""

    def __init__(self, rows: Iterator[tuple[Any, ...]] | None) -> None:
        self.rows = rows
        self.same = True  # every row so far identical to its event's, none missing or extra
        self.altered: int | None = None
        self.link = GENESIS
        self._next = next(rows, None) if rows is not None else None

    def _advance(self, entry: bytes) -> None:
        assert self._next is not None
        position, stored = self._next[0], self._next[5]
        self.link = next_link(self.link, entry)
        if self.altered is None and self.link.hex() != stored:
            self.altered = position
        self._next = next(self.rows, None) if self.rows is not None else None

    def _own(self) -> bytes:
        assert self._next is not None
        position, oid, version, topic, digest, _ = self._next
        return entry_hash(position, oid, version, topic, str(digest))

    def meet(self, position: int, ident: tuple[Any, Any, Any, str], entry: bytes, link: bytes) -> None:
        """The event at ``position`` (its raw columns, hash and the chain's link there) meets
        the witness row there."""
        if self.rows is None:
            return
        row = self._next
        if (
            self.same
            and row is not None
            and row[0] == position
            and row[1:5] == ident
            and type(row[1]) is type(ident[0])
            and type(row[2]) is type(ident[1])
            and type(row[3]) is type(ident[2])
        ):  # in step: the witness's link here is the chain's
            self.link = link
            if self.altered is None and link.hex() != row[5]:
                self.altered = position
            self._next = next(self.rows, None)
            return
        while self._next is not None and self._next[0] < position:  # witnessed, no longer stored
            self.same = False
            self._advance(self._own())
        if self._next is None or self._next[0] != position:  # stored, never witnessed
            self.same = False
            return
        _, oid, version, topic, digest, _ = self._next
        seen = (oid, version, topic, digest)
        same_types = type(oid) is type(ident[0]) and type(topic) is type(ident[2])
        if (seen == ident and same_types and type(version) is type(ident[1])) or [
            as_bytes(x) for x in seen
        ] == [as_bytes(x) for x in ident]:
            self._advance(entry)
        else:
            self.same = False
            self._advance(self._own())

    def finish(self) -> None:
        while self._next is not None:  # witnessed past the last stored event
            self.same = False
            self._advance(self._own())


def _check_claims(
    audit: AuditRows,
    files: tuple[CheckpointClaim, ...],
    chain: Chain,
    trusted: Ed25519PublicKey | None,
    report: Report,
    superseding: tuple[int, ...],
) -> None:
    """Every checkpoint and receipt against the chain; a superseded checkpoint's signature
    problems are reported as superseded, never its mismatch with the chain."""
    good = 0  # the furthest position a checkpoint vouches for so far
    found: list[tuple[CheckpointClaim, list[Finding]]] = []
    for claim in sorted([*audit.claims, *files], key=lambda c: c.position):
        problems = _claim_findings(claim, chain, trusted, audit.keys, good)
        if not problems:
            good = max(good, claim.position)
        found.append((claim, problems))
        report.checkpoints += 1
    by: dict[int, CheckpointClaim] = {}  # superseded position -> the validly signed checkpoint superseding it
    for claim, problems in found:
        signed = not [f for f in problems if f.kind not in CHAINED]
        if claim.recorded_at is not None and claim.supersedes is not None and signed:
            by.setdefault(claim.supersedes, claim)
    for claim, problems in found:
        superseder = by.get(claim.position) if claim.recorded_at is not None else None
        if superseder is None and not (claim.recorded_at is not None and claim.position in superseding):
            report.findings.extend(problems)
            continue
        at = claim.recorded_at if claim.recorded_at is not None else claim.position
        chained = [f for f in problems if f.kind in CHAINED]
        report.findings.extend(chained)  # a changed record is never excused by a later checkpoint
        why = "; ".join(f.detail for f in problems if f not in chained) or "nothing else found"
        whom = "the checkpoint being recorded" if superseder is None else superseder.source
        report.add(at, SUPERSEDED, f"{claim.source} is superseded by {whom} ({why})", error=False)


def _check_breaks(audit: AuditRows, chain: Chain, trusted: Ed25519PublicKey | None, report: Report) -> None:
    """Each re-establishing act: a break in the chain, always reported (with who and when);
    its signature and what it vouches for are checked like a checkpoint's."""
    for at, data in audit.breaks:
        try:
            position, size, head = int(data["position"]), int(data["size"]), str(data["head"])
            actor, reason = str(data["actor"]), str(data["reason"])
        except (KeyError, TypeError, ValueError):
            report.add(at, UNREADABLE, "a witness re-establishing act that cannot be read")
            continue
        report.add(
            at,
            CHAIN_BREAK,
            f"the witness was missing and {actor} re-established it at {data.get('timestamp')} over "
            f"positions 1–{position} as then stored ({reason}); only checkpoints and receipts from "
            "before vouch for those positions",
            error=False,
        )
        message = reestablish_statement(position, size, head, actor, reason)
        public_key = data.get("public_key")
        problem = signature_problem(message, public_key, data.get("signature"))
        if problem is not None:
            report.add(at, BAD_SIGNATURE, f"the re-establishing act: {problem}")
        elif trusted is not None and public_key != raw_public(trusted).hex():
            report.add(at, FOREIGN_KEY, "the re-establishing act is signed by another key than the given one")
        elif public_key not in audit.keys:
            report.add(at, UNREGISTERED_KEY, "the re-establishing act is signed by a key not registered")
        here = chain.at(position)
        if position > 0 and (here is None or (here[0], here[1].hex()) != (size, head)):
            report.add(
                at, CHECKPOINT_MISMATCH, f"positions 1–{position} no longer hash to what was re-established"
            )


def _check_witness(
    source: RawSource, chain: Chain, raw: dict[int, tuple[str, int, str, str]], report: Report
) -> None:
    rows = source.witness()
    if rows is None:
        # the ledger creates it with the events table and never rebuilds it on its own:
        # missing, it was dropped (or the file was not written by this ledger)
        detail = (
            "the audit chain's witness table is missing; only checkpoints and receipts can vouch "
            "for the record, and nothing is written until the principal leader re-establishes it"
        )
        report.add(1, NO_WITNESS, detail, error=bool(len(chain)))
        return
    # the witness's own links were followed as it streamed beside the events (WitnessStream)
    witness = {p: (str(o), v, str(t), str(d)) for p, o, v, t, d, _ in rows}
    where_witnessed = {ident[:2]: p for p, ident in witness.items()}
    witness_last = max(witness, default=0)
    gone = sorted(p for p in witness if p not in raw)
    tail = [p for p in gone if p > chain.last]
    if len(gone) > len(tail):
        # a gone row moved if its identity is stored where the witness does not put it; a later
        # write may reuse the identity of a deleted last event (its aggregate's next version)
        stored = {ident[:2] for p, ident in raw.items() if witness.get(p, ("",))[:2] != ident[:2]}
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


def _claim_findings(
    claim: CheckpointClaim,
    chain: Chain,
    trusted: Ed25519PublicKey | None,
    keys: dict[str, int],
    good: int = 0,
) -> list[Finding]:
    at = claim.recorded_at if claim.recorded_at is not None else claim.position
    out: list[Finding] = []
    problem = signature_problem(claim.message(), claim.public_key, claim.signature)
    if claim.signature is not None and problem is not None:
        out.append(Finding(at, BAD_SIGNATURE, f"{claim.source}: {problem}"))
    elif trusted is not None:
        if claim.signature is None:
            out.append(Finding(at, UNSIGNED, f"{claim.source} is not signed, but a public key was given"))
        elif claim.public_key != raw_public(trusted).hex():
            other = key_id(bytes.fromhex(claim.public_key or ""))
            out.append(
                Finding(at, FOREIGN_KEY, f"{claim.source} is signed by key {other}, not the given one")
            )
    elif claim.signature is None and claim.recorded_at is not None and min(keys.values(), default=at) < at:
        first = key_id(bytes.fromhex(min(keys, key=keys.__getitem__)))
        out.append(
            Finding(
                at, UNSIGNED, f"{claim.source} is not signed, though key {first} was registered before it"
            )
        )
    elif claim.signature is not None and claim.public_key not in keys:
        other = key_id(bytes.fromhex(claim.public_key or ""))
        out.append(
            Finding(
                at, UNREGISTERED_KEY, f"{claim.source} is signed by key {other}, not registered in the ledger"
            )
        )
    found = chain.at(claim.position)
    if claim.position > chain.last:
        out.append(
            Finding(
                chain.last + 1,
                TRUNCATED,
                f"{claim.source} covers positions up to {claim.position}; the record ends at {chain.last}",
            )
        )
        return out
    if claim.position == 0 and claim.size == 0:
        return out
    if found is None:
        out.append(
            Finding(claim.position, CHECKPOINT_MISMATCH, f"{claim.source}: position {claim.position} is gone")
        )
        return out
    size, link = found
    if link.hex() != claim.head or size != claim.size:
        out.append(
            Finding(
                claim.position,
                CHECKPOINT_MISMATCH,
                f"{claim.source}: positions 1–{claim.position} no longer hash to its head; "
                f"the change is in positions {good + 1}–{claim.position}"
                + (f" ({claim.size} events then, {size} now)" if size != claim.size else ""),
            )
        )
    return out


def _check_tracking(source: RawSource, chain: Chain, report: Report) -> None:
    for name, position in source.tracking():
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
    with open_raw(db) as source:
        return verify_connection(source, files, trusted)
