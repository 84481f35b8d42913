"""Every act checked against its actor's key, from the raw rows (see ``ledger.signing``).

Fed the raw rows in position order, it follows the keys as registered and revoked, and for
each signed act checks that it is vouched for by the key its actor had registered before
it, that every event it names is stored with the state digest and topic it signed and in
its actor's name, and that no event is signed twice. On a ledger whose policy requires
signing, an event no act signs is a finding too. None of this needs the witness or a
checkpoint: an edit anywhere, or an act forged in another's name, breaks a signature, a
link or a digest that only the actor's key could have made.

*Vouched for*: an actor's acts under one key are chained, each naming the SHA-256 of the
stored state of the one before (``previous``), and the ledger writes an act only after the
one it follows verifies (``ledger.signing.follows``). So a valid signature on an act vouches
for every act it reaches through its links, and verify checks one signature per chain — at
each act no later act of that chain follows (the key's last act, and its last before a
rotation or revocation, since the chain is per key) — plus the links of every act, which
cost a dictionary look-up. Where a signature fails, the acts it would have vouched for are
read again and checked one by one until one verifies, so every altered act is named at its
own position. An act whose link leads to no act of that chain stored before it is a
finding of its own (an act deleted, altered or moved before it). Acts stored before acts
were chained (no ``previous``) are checked one by one, so leaving the link out buys a
forger nothing.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from aggregates.audit_facts import (
    ACT_SIGNED,
    ORGANISATION_FOUNDED,
    STAFF_ADDED,
    STAFF_KEY_REGISTERED,
    STAFF_KEY_REVOKED,
    Signing,
    key_id,
    stable_id,
)
from ledger.audit.findings import (
    ACT_BAD_SIGNATURE,
    ACT_CHAIN_BROKEN,
    ACT_MISMATCH,
    ACT_MISSING_EVENT,
    ACT_NO_KEY,
    ACT_WRONG_ACTOR,
    SIGNED_TWICE,
    UNREADABLE,
    UNSIGNED_EVENT,
    Report,
)
from ledger.audit.keys import act_message, signature_valid

ACT = ACT_SIGNED
KEY_REGISTERED = STAFF_KEY_REGISTERED
KEY_REVOKED = STAFF_KEY_REVOKED
FOUNDED = ORGANISATION_FOUNDED
PARSED = frozenset({ACT, KEY_REGISTERED, KEY_REVOKED, FOUNDED})  # the rows whose facts verify reads

LEADING_ACTOR = re.compile(rb'\{"actor":"([^"\\\x00-\x1f]*)"')  # as the ledger writes: the actor first
ACTOR_TOKEN = b'"actor"'
LATIN_ESCAPE = b"\\u00"  # the only way a JSON key can spell a letter of "actor" other than itself


def actor_of(state: Any) -> Any:
    """The actor an event is recorded in the name of, read without decoding the whole row.

    The cheap path is taken only where it cannot disagree with a full decode: the row opens
    with the actor as its first top-level key, ``"actor"`` occurs nowhere else (inside a JSON
    string a quote is always escaped, so no other key, nor a value, can hold it unnoticed; a
    later duplicate key, which a decode would take instead, would be a second occurrence),
    no ``\\u00`` escape could spell the key another way, the actor's own string has no escape
    nor control character, and the row is UTF-8. Anything else is decoded in full."""
    match = LEADING_ACTOR.match(state) if type(state) is bytes else None
    if (
        match is not None
        and state.count(ACTOR_TOKEN) == 1
        and (b"\\" not in state or LATIN_ESCAPE not in state)  # one byte's search first: fast
    ):
        try:
            state.decode()
        except UnicodeDecodeError:
            return None
        return match.group(1).decode()
    try:
        data = json.loads(state)
    except (ValueError, TypeError):
        return None
    return data.get("actor") if isinstance(data, dict) else None


def ident(oid: Any) -> str:
    """An aggregate id as 32 hex digits, however the database column holds it."""
    return oid.hex if isinstance(oid, UUID) else str(oid).replace("-", "")


def short(key: str) -> str:
    try:
        return key_id(key)
    except ValueError:
        return repr(key[:16])


class SignedVersions:
    """Which versions of which aggregates an act has signed so far, held per aggregate as
    "every version up to n" plus ranges of versions signed beyond a gap: memory grows with
    the aggregates and the gaps (an event never signed), not with the events (a million
    events would otherwise hold a million keys)."""

    def __init__(self) -> None:
        self.upto: dict[str, int] = {}
        self.apart: dict[str, tuple[list[int], list[int]]] = {}  # oid -> the ranges' lows, highs

    def add(self, oid: str, version: int) -> None:
        upto = self.upto.get(oid, 0)
        if version <= upto:
            return
        lows, highs = self.apart.setdefault(oid, ([], []))
        if version > upto + 1 and highs and highs[-1] == version - 1:  # the last range grows: the usual case
            highs[-1] = version
            return
        if version == upto + 1:
            if lows and lows[0] == version + 1:  # the gap closes: the first range joins
                version = highs[0]
                del lows[0], highs[0]
            self.upto[oid] = version
        else:
            i = bisect.bisect_right(lows, version) - 1  # the range starting at or before it
            if i >= 0 and version <= highs[i]:
                pass
            elif i >= 0 and highs[i] == version - 1:
                highs[i] = version
                if i + 1 < len(lows) and lows[i + 1] == version + 1:
                    highs[i] = highs[i + 1]
                    del lows[i + 1], highs[i + 1]
            elif i + 1 < len(lows) and lows[i + 1] == version + 1:
                lows[i + 1] = version
            else:
                lows.insert(i + 1, version)
                highs.insert(i + 1, version)
        if not lows:
            del self.apart[oid]

    def __contains__(self, key: tuple[str, int]) -> bool:
        oid, version = key
        if 0 < version <= self.upto.get(oid, 0):
            return True
        ranges = self.apart.get(oid)
        if ranges is None:
            return False
        i = bisect.bisect_right(ranges[0], version) - 1
        return i >= 0 and version <= ranges[1][i]


Seen = tuple[int, str, str, Any]  # position, topic, state digest, actor: an event not yet signed
Reread = Callable[[Collection[int]], Mapping[int, bytes]]  # positions -> their stored states, again


@dataclass
class ActChain:
    """One actor's chained acts under one key, as verify meets them in position order."""

    actor: str
    key: str
    acts: dict[str, tuple[int, str | None]] = field(default_factory=dict)  # digest -> position, previous
    ends: dict[str, bytes] = field(default_factory=dict)  # digest -> state of an act no later act follows
    last: int = 0  # the position of the last act met

    def follow(self, position: int, digest: str, previous: Any, state: bytes) -> bool:
        """Add the act; False if its link leads to no act of this chain stored before it."""
        linked = previous is None or (isinstance(previous, str) and previous in self.acts)
        if linked and previous is not None:
            self.ends.pop(previous, None)  # vouched for by this one, if its signature holds
        self.acts[digest] = (position, previous if linked else None)
        self.ends[digest] = state
        self.last = position
        return linked

    def vouch(self, digest: str | None, vouched: set[str]) -> None:
        """``digest`` and every act it reaches through its links: vouched for by a valid signature."""
        while digest is not None and digest in self.acts and digest not in vouched:
            vouched.add(digest)
            digest = self.acts[digest][1]


@dataclass
class ActCheck:
    """The signature checks, one raw row at a time (``see``), then ``finish`` into a report
    (after the witness's own findings, which say more precisely what changed at a position)."""

    report: Report
    found: Report = field(default_factory=Report)
    unsigned: dict[tuple[str, int], Seen] = field(default_factory=dict)  # stored, not yet signed
    signed: SignedVersions = field(default_factory=SignedVersions)
    keys: dict[str, list[tuple[int, str | None]]] = field(default_factory=dict)  # staff id -> changes
    added: dict[str, int] = field(default_factory=dict)  # staff aggregate id -> where it was added
    chains: dict[tuple[str, str], ActChain] = field(default_factory=dict)  # (actor, key) -> its acts
    staff_ids: dict[str, str] = field(default_factory=dict)  # staff id -> aggregate id (hex)
    signing: Signing | None = None
    acts: int = 0
    signatures: int = 0  # Ed25519 checks made

    def see(self, position: int, oid: Any, version: int, topic: str, state: Any, digest: str) -> None:
        if topic in PARSED:
            data = self._parse(position, state)
            if data is None:
                return
            if topic == ACT:
                self._act(position, data, digest, state)
                return
            self._fact(position, ident(oid), topic, data)
            actor = data.get("actor")
        else:
            actor = actor_of(state)
        if type(oid) is not str or "-" in oid:  # SQLite's text is already the 32 hex digits
            oid = ident(oid)
        self.unsigned[(oid, version)] = (position, topic, digest, actor)
        if topic == STAFF_ADDED:
            self.added[oid] = position

    def _fact(self, position: int, oid: str, topic: str, data: dict[str, Any]) -> None:
        """What verify follows: keys registered and revoked, and the signing policy."""
        if topic == KEY_REGISTERED:
            self.keys.setdefault(oid, []).append((position, str(data.get("public_key"))))
        elif topic == KEY_REVOKED:
            self.keys.setdefault(oid, []).append((position, None))
        elif topic == FOUNDED and self.signing is None:
            try:
                self.signing = Signing(data.get("signing", Signing.OPTIONAL))
            except ValueError:
                self.signing = Signing.REQUIRED  # a policy no one wrote: check as strictly as possible

    def _parse(self, position: int, state: Any) -> dict[str, Any] | None:
        try:
            data = json.loads(state)
        except (ValueError, TypeError):
            self.found.add(position, UNREADABLE, "the stored state is not JSON")
            return None
        if not isinstance(data, dict):
            self.found.add(position, UNREADABLE, "the stored state is not a JSON object")
            return None
        return data

    def _key_before(self, staff: str, first: int) -> str | None:
        """The key ``staff`` had registered before position ``first``; for an act that adds its
        own actor (the founder's first), the first key the act registers."""
        changes = self.keys.get(staff, [])
        before = [key for position, key in changes if position < first]
        if before:
            return before[-1]
        if self.added.get(staff, 0) >= first:
            return next((key for position, key in changes if position >= first), None)
        return None

    def _act(self, position: int, data: dict[str, Any], digest: str, state: Any) -> None:
        self.acts += 1
        actor = data.get("actor")
        entries = data.get("events")
        if not isinstance(entries, list) or not all(
            isinstance(e, list) and len(e) == 4 and isinstance(e[0], str) and isinstance(e[1], int)
            for e in entries
        ):
            self.found.add(position, ACT_BAD_SIGNATURE, "the act's list of events is malformed")
            return
        first = position
        unsigned, signed = self.unsigned, self.signed
        upto, apart = signed.upto, signed.apart
        for oid, version, topic, event_digest in entries:  # ids as the ledger writes them: 32 hex digits
            key = (oid, version)
            seen = unsigned.pop(key, None)
            if seen is None:
                twice = key in signed
                what = "is signed by an earlier act too" if twice else "is not stored before it"
                self.found.add(
                    position,
                    SIGNED_TWICE if twice else ACT_MISSING_EVENT,
                    f"the act by {actor} names {oid[:8]} v{version}, which {what}",
                )
                continue
            if upto.get(oid, 0) == version - 1 and oid not in apart:  # the usual case, inline
                upto[oid] = version
            else:
                signed.add(oid, version)
            at, stored_topic, stored_digest, recorded_by = seen
            if at < first:
                first = at
            if stored_digest != event_digest or stored_topic != topic:
                self.found.add(at, ACT_MISMATCH, f"differs from what {actor} signed at position {position}")
            if recorded_by != actor:
                self.found.add(
                    at,
                    ACT_WRONG_ACTOR,
                    f"recorded in {recorded_by}'s name, but signed by {actor}'s act at position {position}",
                )
        signer = self._key_before(self._staff(actor), first) if isinstance(actor, str) else None
        if signer is None:
            self.found.add(position, ACT_NO_KEY, f"{actor} had no registered key when this act was signed")
        elif "previous" not in data or not isinstance(state, bytes):
            self._check(position, data, signer)  # stored before acts were chained: on its own
        else:
            self._link(position, str(actor), signer, data["previous"], digest, state)

    def _staff(self, actor: str) -> str:
        found = self.staff_ids.get(actor)
        if found is None:
            found = self.staff_ids[actor] = stable_id("staff", actor).hex
        return found

    def _link(self, position: int, actor: str, signer: str, previous: Any, digest: str, state: bytes) -> None:
        chain = self.chains.get((actor, signer))
        if chain is None:
            chain = self.chains[(actor, signer)] = ActChain(actor, signer)
        after = chain.last
        if not chain.follow(position, digest, previous, state):
            where = (
                f"their last act with it is at position {after}"
                if after
                else "no act of theirs with it is stored before"
            )
            self.found.add(
                position,
                ACT_CHAIN_BROKEN,
                f"the act by {actor} follows an act of key {short(signer)} that is not stored before it "
                f"({where}): an act of theirs deleted, altered or moved",
            )

    def _check(self, position: int, data: dict[str, Any], signer: str) -> bool:
        """The act's own signature against ``signer``; a finding if it does not verify."""
        self.signatures += 1
        signature = data.get("signature")
        if isinstance(signature, str) and signature_valid(signer, signature, act_message(data)):
            return True
        actor = data.get("actor")
        self.found.add(
            position, ACT_BAD_SIGNATURE, f"the signature does not verify with {actor}'s key {short(signer)}"
        )
        return False

    def _check_state(self, position: int, state: bytes, signer: str) -> bool:
        data = self._parse(position, state)
        return data is not None and self._check(position, data, signer)

    def _check_chains(self, reread: Reread | None) -> None:
        """One signature at each chain's ends; where one fails, the acts it would have vouched
        for are read again and checked one by one, latest first, until one verifies."""
        doubtful: list[tuple[ActChain, set[str]]] = []
        for chain in self.chains.values():
            vouched: set[str] = set()
            ends = sorted(chain.ends.items(), key=lambda end: chain.acts[end[0]][0], reverse=True)
            for digest, state in ends:
                if self._check_state(chain.acts[digest][0], state, chain.key):
                    chain.vouch(digest, vouched)
            if any(d not in vouched and d not in chain.ends for d in chain.acts):
                doubtful.append((chain, vouched))
        if not doubtful:
            return
        wanted = {
            position
            for chain, vouched in doubtful
            for digest, (position, _) in chain.acts.items()
            if digest not in vouched and digest not in chain.ends
        }
        states = reread(wanted) if reread is not None else {}
        for chain, vouched in doubtful:
            alone = sorted(
                ((position, digest) for digest, (position, _) in chain.acts.items()),
                reverse=True,
            )
            for position, digest in alone:
                if digest in vouched or digest in chain.ends:
                    continue
                again = states.get(position)
                if again is None:
                    self.found.add(position, UNREADABLE, "the act could not be read again to check it")
                elif self._check_state(position, again, chain.key):
                    chain.vouch(digest, vouched)

    def finish(self, reread: Reread | None = None) -> None:
        """The report's findings; ``reread`` reads acts again where a chain's signature fails."""
        self._check_chains(reread)
        self.report.acts = self.acts
        self.report.signatures = self.signatures
        self.report.signing = (self.signing or Signing.OPTIONAL).value
        if self.signing == Signing.REQUIRED:
            for (oid, version), (at, topic, _, _) in self.unsigned.items():
                name = topic.rsplit(":", 1)[-1]
                self.found.add(at, UNSIGNED_EVENT, f"{name} {oid[:8]} v{version}: no act signs it")
        self.report.findings.extend(self.found.findings)
