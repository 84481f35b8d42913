"""Every act checked against its actor's key, from the raw rows (see ``ledger.signing``).

Fed the raw rows in position order, it follows the keys as registered and revoked, and for
each signed act checks that its signature verifies with the key its actor had registered
before it, that every event it names is stored with the state digest and topic it signed
and in its actor's name, and that no event is signed twice. On a ledger whose policy
requires signing, an event no act signs is a finding too. None of this needs the witness
or a checkpoint: an edit anywhere, or an act forged in another's name, breaks a signature
or a digest that only the actor's key could have made.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from eventsourcing.utils import get_topic

from aggregates.audit import SignedAct
from aggregates.base import stable_id
from aggregates.org import Organisation, Signing, Staff, key_id
from ledger.audit.findings import (
    ACT_BAD_SIGNATURE,
    ACT_MISMATCH,
    ACT_MISSING_EVENT,
    ACT_NO_KEY,
    ACT_WRONG_ACTOR,
    SIGNED_TWICE,
    UNREADABLE,
    UNSIGNED_EVENT,
    Report,
)
from ledger.signing import act_message, signature_valid

ACT = get_topic(SignedAct.Signed)
KEY_REGISTERED = get_topic(Staff.KeyRegistered)
KEY_REVOKED = get_topic(Staff.KeyRevoked)
STAFF_ADDED = get_topic(Staff.Added)
FOUNDED = get_topic(Organisation.Founded)
PARSED = frozenset({ACT, KEY_REGISTERED, KEY_REVOKED, FOUNDED})  # the rows whose facts verify reads

ACTOR_KEY = b'"actor":'
ACTOR = re.compile(rb'"actor":("(?:[^"\\]|\\.)*")')


def actor_of(state: Any) -> Any:
    """The actor an event is recorded in the name of, read without decoding the whole row.

    Inside a JSON string a quote is always escaped, so ``"actor":`` only occurs as a key; when
    it occurs once, it is the event's own (an event without one at the top cannot be loaded),
    and anything else is decoded in full."""
    if isinstance(state, bytes) and state.count(ACTOR_KEY) == 1:
        match = ACTOR.search(state)
        if match is not None:
            try:
                return json.loads(match.group(1))
            except ValueError:
                return None
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


Seen = tuple[int, str, str, Any]  # position, topic, state digest, actor: an event not yet signed


@dataclass
class ActCheck:
    """The signature checks, one raw row at a time (``see``), then ``finish`` into a report
    (after the witness's own findings, which say more precisely what changed at a position)."""

    report: Report
    found: Report = field(default_factory=Report)
    unsigned: dict[tuple[str, int], Seen] = field(default_factory=dict)  # stored, not yet signed
    signed: set[tuple[str, int]] = field(default_factory=set)
    keys: dict[str, list[tuple[int, str | None]]] = field(default_factory=dict)  # staff id -> changes
    added: dict[str, int] = field(default_factory=dict)  # staff aggregate id -> where it was added
    signing: Signing | None = None
    acts: int = 0

    def see(self, position: int, oid: Any, version: int, topic: str, state: Any, digest: str) -> None:
        if topic in PARSED:
            data = self._parse(position, state)
            if data is None:
                return
            if topic == ACT:
                self._act(position, data)
                return
            self._fact(position, ident(oid), topic, data)
            actor = data.get("actor")
        else:
            actor = actor_of(state)
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

    def _act(self, position: int, data: dict[str, Any]) -> None:
        self.acts += 1
        actor = data.get("actor")
        signature = data.get("signature")
        entries = data.get("events")
        if not isinstance(entries, list) or not all(
            isinstance(e, list) and len(e) == 4 and isinstance(e[0], str) and isinstance(e[1], int)
            for e in entries
        ):
            self.found.add(position, ACT_BAD_SIGNATURE, "the act's list of events is malformed")
            return
        first = position
        unsigned, signed = self.unsigned, self.signed
        for oid, version, topic, digest in entries:  # ids as the ledger writes them: 32 hex digits
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
            signed.add(key)
            at, stored_topic, stored_digest, recorded_by = seen
            if at < first:
                first = at
            if stored_digest != digest or stored_topic != topic:
                self.found.add(at, ACT_MISMATCH, f"differs from what {actor} signed at position {position}")
            if recorded_by != actor:
                self.found.add(
                    at,
                    ACT_WRONG_ACTOR,
                    f"recorded in {recorded_by}'s name, but signed by {actor}'s act at position {position}",
                )
        signer = self._key_before(stable_id("staff", actor).hex, first) if isinstance(actor, str) else None
        if signer is None:
            self.found.add(position, ACT_NO_KEY, f"{actor} had no registered key when this act was signed")
        elif not isinstance(signature, str) or not signature_valid(signer, signature, act_message(data)):
            self.found.add(
                position,
                ACT_BAD_SIGNATURE,
                f"the signature does not verify with {actor}'s key {short(signer)}",
            )

    def finish(self) -> None:
        self.report.acts = self.acts
        self.report.signing = (self.signing or Signing.OPTIONAL).value
        if self.signing == Signing.REQUIRED:
            for (oid, version), (at, topic, _, _) in self.unsigned.items():
                name = topic.rsplit(":", 1)[-1]
                self.found.add(at, UNSIGNED_EVENT, f"{name} {oid[:8]} v{version}: no act signs it")
        self.report.findings.extend(self.found.findings)
