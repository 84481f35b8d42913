"""Sealed values and erasures without storage: what the domain holds, and what opens it."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any, get_args

import pytest

import aggregates
from aggregates.base import Aggregate, Event
from aggregates.errors import InvalidInput, NotFound, Refused
from aggregates.privacy import ERASED, Erasure, Sealed, sealed
from ledger.vault import UNREADABLE, WHOLE_AFTER, KeyVault, VaultSession
from tests.support.clock import stamp
from tests.support.vault import memory_vault

SUBJECT = "decision:YJJR-2026-01:comment:C001"


def test_nothing_personal_is_recorded_without_a_vault() -> None:
    with pytest.raises(InvalidInput) as e:
        sealed(None, SUBJECT, "柳如烟")
    assert e.value.field == "vault"


def test_a_sealed_value_shows_whose_it_is_and_never_the_datum() -> None:
    value = memory_vault().seal(SUBJECT, "柳如烟")
    assert "柳如烟" not in value.model_dump_json() and "柳如烟" not in str(value) + repr(value)
    assert SUBJECT in str(value)


def test_a_sealed_value_moved_to_another_subject_or_altered_does_not_open() -> None:
    vault = memory_vault()
    mine = vault.seal(SUBJECT, "柳如烟")
    vault.seal("decision:YJJR-2026-01:comment:C002", "他人")
    assert vault.open(mine) == "柳如烟"
    moved = Sealed(subject="decision:YJJR-2026-01:comment:C002", nonce=mine.nonce, ciphertext=mine.ciphertext)
    assert vault.open(moved) == UNREADABLE
    flipped = mine.ciphertext[:-4] + ("AAAA" if not mine.ciphertext.endswith("AAAA") else "BBBB")
    assert vault.open(mine.model_copy(update={"ciphertext": flipped})) == UNREADABLE


def test_each_subject_has_its_own_key_and_reads_show_erased_once_it_is_gone() -> None:
    rows: dict[str, tuple[bytes | None, str, str | None]] = {}
    session = VaultSession(KeyVault(lambda: rows), "t")
    a, b = session.seal("s:a", "甲"), session.seal("s:b", "乙")
    assert session.changes.made["s:a"] != session.changes.made["s:b"]
    rows.update({s: (k, "t", None) for s, k in session.changes.made.items()})
    rows["s:a"] = (None, "t", "t2")  # destroyed
    vault = KeyVault(lambda: rows)
    assert vault.reveal({"x": [a.model_dump(), {"y": b}], "n": 1}) == {"x": [ERASED, {"y": "乙"}], "n": 1}
    later = VaultSession(vault, "t3")
    with pytest.raises(Refused, match="was erased"):
        later.seal("s:a", "再来")
    with pytest.raises(Refused, match="already erased"):
        later.erase("s:a")
    with pytest.raises(NotFound):
        later.erase("s:none")


def test_an_erasure_states_its_reason_and_names_no_data() -> None:
    with pytest.raises(InvalidInput):
        Erasure.record(stamp(), SUBJECT, "  ")
    e = Erasure.record(stamp(), SUBJECT, "本人申请")
    assert (e.subject, e.reason, e.erased_by) == (SUBJECT, "本人申请", "S001")
    assert Erasure.id_for(SUBJECT) == e.id


def sealed_fields(cls: type[Event]) -> set[str]:
    def holds_sealed(annotation: Any) -> bool:
        return annotation is Sealed or any(holds_sealed(a) for a in get_args(annotation))

    return {name for name, f in cls.model_fields.items() if holds_sealed(f.annotation)}


def test_every_event_that_can_hold_personal_data_says_which_facts_and_whose_they_are() -> None:
    """So `correct` seals a replacement of them too: a new system's personal facts included."""
    for module in pkgutil.walk_packages(aggregates.__path__, "aggregates."):
        importlib.import_module(module.name)
    events = []
    todo = list(Aggregate.__subclasses__())
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        events += [v for v in vars(cls).values() if isinstance(v, type) and issubclass(v, Event)]
    personal = {e: sealed_fields(e) for e in events if sealed_fields(e)}
    assert {e.__qualname__ for e in personal} >= {
        "Decision.CommentReceived",
        "OpenDay.RepresentativeRegistered",
    }
    for event, fields in personal.items():
        assert set(getattr(event, "personal", ())) == fields, event.__qualname__
        assert callable(getattr(event, "subject", None)), event.__qualname__


class CountedKeys:
    """A key table in memory that counts how it is read: whole, or by subjects."""

    def __init__(self, rows: dict[str, tuple[bytes | None, str, str | None]]) -> None:
        self.rows, self.whole = rows, 0
        self.some: list[set[str]] = []

    def load(self) -> dict[str, tuple[bytes | None, str, str | None]]:
        self.whole += 1
        return dict(self.rows)

    def load_some(self, subjects: Any) -> dict[str, tuple[bytes | None, str, str | None]]:
        self.some.append(set(subjects))
        return {s: self.rows[s] for s in subjects if s in self.rows}


def test_a_read_opens_the_subjects_it_shows_in_one_go_and_remembers_those_not_kept() -> None:
    session = VaultSession(KeyVault(dict), "t")
    a = session.seal("s:a", "甲")
    table = CountedKeys({s: (k, "t", None) for s, k in session.changes.made.items()})
    vault = KeyVault(table.load, table.load_some)
    gone = Sealed(subject="s:gone", nonce=a.nonce, ciphertext=a.ciphertext)
    data = {"x": [a.model_dump(), {"y": gone}]}
    assert vault.reveal(data) == {"x": ["甲", {"y": ERASED}]}
    assert vault.reveal(data) == {"x": ["甲", {"y": ERASED}]}
    assert (table.whole, table.some) == (0, [{"s:a", "s:gone"}])


def test_a_write_sealing_many_subjects_reads_the_key_table_once_not_once_a_subject() -> None:
    table = CountedKeys({})
    session = VaultSession(KeyVault(table.load, table.load_some), "t")
    for i in range(500):
        session.seal(f"s:{i}", "甲")
    assert table.whole == 1 and len(table.some) == WHOLE_AFTER
