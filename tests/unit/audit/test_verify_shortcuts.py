"""Verify's cheap readings of a row must never disagree with a full decode of it."""

from __future__ import annotations

import hashlib
import json
from typing import Any
from uuid import UUID

import pytest

from ledger.audit.signatures import SignedVersions, actor_of
from ledger.storage.chain import FramedTopics, entry_hash, entry_of


def decoded_actor(state: bytes) -> object:
    try:
        data = json.loads(state)
    except ValueError:
        return None
    return data.get("actor") if isinstance(data, dict) else None


ROWS = [
    b'{"actor":"S001","effective":"2026-01-05"}',
    '{"actor":"王科员","note":"公开"}'.encode(),
    b'{"actor":"S001","\\u0061ctor":"S002"}',  # a second key spelled with an escape: the decode takes it
    b'{"actor":"S001","actor" :"S002"}',  # a duplicate key with a space before its colon
    b'{"actor":"S001","actor":"S002"}',
    b'{"actor":"S\\u0030"}',  # an escape inside the actor's own name
    b'{"actor":"S001","note":"\\"actor\\": S002"}',  # the word inside a string, escaped
    b'{"actor":"\xff"}',  # not UTF-8
    b'{"actor":"a\nb"}',  # a raw control character: not JSON
    b'{"grant":{"actor":"S001"}}',  # only nested: no actor at the top
    b'{"accepted":true,"actor":"S001"}',  # the actor not first
    b'["actor"]',
    b"not json",
]


@pytest.mark.parametrize("row", ROWS)
def test_the_actor_read_cheaply_is_the_actor_a_full_decode_reads(row: bytes) -> None:
    assert actor_of(row) == decoded_actor(row)


def test_a_version_signed_once_is_known_as_signed_whatever_the_order() -> None:
    import random

    rng = random.Random(7)
    for _ in range(300):
        versions = rng.sample(range(1, 40), rng.randint(0, 39))
        signed, seen = SignedVersions(), set()
        for version in versions:
            signed.add("a", version)
            seen.add(version)
            assert [("a", v) in signed for v in range(0, 42)] == [v in seen for v in range(0, 42)]
        assert ("b", 1) not in signed


def test_a_version_never_signed_costs_one_range_not_one_entry_per_later_version() -> None:
    signed = SignedVersions()
    for version in [1, 2, *range(4, 10_000)]:  # version 3 is never signed
        signed.add("a", version)
    assert signed.upto == {"a": 2} and signed.apart == {"a": ([4], [9_999])}
    signed.add("a", 3)
    assert signed.upto == {"a": 9_999} and signed.apart == {}


# entry_n = sha256(len‖position ‖ len‖originator_id ‖ len‖version ‖ len‖topic ‖ sha256(state)), each
# len 8 bytes big-endian, numbers as decimal text, text as UTF-8: computed once by hand with hashlib
@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (
            (1, "000286a4c8785d3e8f0d5b492f51a61c", 3, "aggregates.org:Staff.RoleAssigned"),
            "0c1be11b05002ccf4165705574d4352e018e49eddcfe57d4c127ecbedcbbb086",
        ),
        (  # parts longer than the short-part table
            (10**6, "名" * 300, 10**9, "t" * 400),
            "554856d7c71da818ac1b268137b939b3f2028b8ea792fcdd48c3d9418edcdf60",
        ),
        ((5, UUID(int=7), 2, "t"), "2d06b231c234c0b664df511f8bd0478858d34ba592763581a428d75984b1a34c"),
        (
            (5, b"raw", True, memoryview(b"topic")),
            "754fa9e4c9ede2abe69dcd4e78484d9f38def13bf17078b255e8d137523a50f1",
        ),
    ],
)
def test_an_entry_hash_is_the_framing_of_its_columns(columns: tuple[Any, ...], expected: str) -> None:
    state = hashlib.sha256(b"state")
    assert entry_hash(*columns, state.hexdigest()).hex() == expected
    topics = FramedTopics()  # verify's path: each topic framed once, met again
    for _ in range(2):
        assert entry_of(*columns, state.digest(), topics).hex() == expected


def test_the_chain_finds_every_position_it_holds_and_no_other_whatever_the_gaps() -> None:
    import bisect
    import random

    from ledger.audit.raw import Chain

    rng = random.Random(11)
    for _ in range(200):
        stored = sorted(rng.sample(range(1, 120), rng.randint(0, 100)))
        chain = Chain()
        for position in stored:
            chain.append(position, position.to_bytes(32, "big"))
        assert (len(chain), chain.last) == (len(stored), stored[-1] if stored else 0)
        for position in range(0, 122):
            held = (stored.index(position) + 1, position.to_bytes(32, "big")) if position in stored else None
            assert chain.at(position) == held
            assert chain.count_upto(position) == bisect.bisect_right(stored, position)
