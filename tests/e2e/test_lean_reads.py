"""A caught-up `deadlines` / `decision list` answers from the stored views alone
(``ledger.interface.lean``) and says exactly what the full path through the ledger says:
the same bytes for every filter, page and format, and the same board on any day."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cli.main import cli
from ledger.application import LedgerApp
from ledger.interface import lean
from ledger.interface.core import Ledger
from tests.support.clock import FakeClock
from tests.support.ledger import demo_file


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory, key_folder: Path) -> Iterator[Path]:
    """The demo's year in a ledger file, every view a read needs caught up and stored."""
    db = demo_file(tmp_path_factory.mktemp("lean"), key_folder)
    for args in (["deadlines", "--unit", "FIN"], ["decision", "list"]):
        assert CliRunner().invoke(cli, ["--db", str(db), *args]).exit_code == 0
    yield db


READS = [
    ["deadlines"],
    ["deadlines", "--format", "json"],
    ["deadlines", "--format", "csv"],
    ["deadlines", "--unit", "FIN"],
    ["deadlines", "--unit", "ＦＩＮ"],
    ["deadlines", "--status", "met,open"],
    ["deadlines", "--status", "overdue", "--status", "due,pending"],
    ["deadlines", "--limit", "3", "--page", "2"],
    ["deadlines", "--limit", "2", "--page", "999"],
    ["deadlines", "--all"],
    ["deadlines", "--format", "json", "--limit", "4"],
    ["decision", "list"],
    ["decision", "list", "--unit", "FIN"],
    ["decision", "list", "--format", "json"],
    ["decision", "list", "--format", "csv", "--limit", "2", "--page", "2"],
    ["decision", "list", "--limit", "2"],
]


def run(db: Path, args: list[str]) -> tuple[int, bytes]:
    done = CliRunner().invoke(cli, ["--db", str(db), *args])
    return done.exit_code, done.stdout_bytes


@pytest.mark.parametrize("args", READS, ids=" ".join)
def test_a_caught_up_read_prints_what_the_full_path_prints(
    demo_db: Path, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answered: list[Any] = []
    for name in ("board", "decisions"):
        real = getattr(lean, name)
        monkeypatch.setattr(lean, name, lambda *a, _real=real: answered.append(_real(*a)) or answered[-1])
    code, lean_out = run(demo_db, args)
    assert code == 0 and answered and answered[-1] is not None  # the stored views answered
    monkeypatch.setattr(lean, "board", lambda *a: None)
    monkeypatch.setattr(lean, "decisions", lambda *a: None)
    assert run(demo_db, args) == (0, lean_out)


@pytest.mark.parametrize(
    "args",
    [
        ["deadlines", "--unit", "NOPE"],
        ["deadlines", "--status", "overdew"],
        ["decision", "list", "--unit", "NOPE"],
        ["decision", "list", "--unit", "fin"],
    ],
    ids=" ".join,
)
def test_an_unknown_unit_or_state_is_refused_as_before_naming_the_field(
    demo_db: Path, args: list[str]
) -> None:
    done = CliRunner().invoke(cli, ["--db", str(demo_db), *args])
    assert done.exit_code == 2
    assert done.stderr.startswith(("Error: unit:", "Error: status:"))


def test_a_missing_ledger_file_is_refused_as_before(tmp_path: Path) -> None:
    done = CliRunner().invoke(cli, ["--db", str(tmp_path / "none.db"), "deadlines"])
    assert done.exit_code == 2 and "no ledger at" in done.stderr


def test_views_behind_the_log_are_not_read_from_the_store(demo_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "behind.db"
    copy.write_bytes(demo_db.read_bytes())
    import sqlite3

    with sqlite3.connect(copy) as c:
        c.execute(
            "UPDATE tracking SET notification_id = notification_id - 1 WHERE application_name LIKE '%@%'"
        )
    assert lean.board(str(copy), None, (), None, 0) is None
    assert lean.decisions(str(copy), None, None, 0) is None
    assert lean.board(str(demo_db), None, (), None, 0) is not None


@pytest.mark.parametrize("day", [date(2026, 1, 20), date(2026, 3, 2), date(2026, 7, 1), date(2027, 2, 1)])
def test_the_stored_board_stands_on_any_day_as_the_ledger_says(
    demo_db: Path, day: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lean, "today", lambda: day)
    clock = FakeClock(datetime(day.year, day.month, day.day, 4, tzinfo=UTC))
    ledger = Ledger(str(demo_db), app=LedgerApp(str(demo_db), clock=clock))
    try:
        for unit, states, limit, offset in [
            (None, (), None, 0),
            ("FIN", (), 3, 1),
            (None, ("due,overdue",), 5, 0),
        ]:
            stored = lean.board(str(demo_db), unit, states, limit, offset)
            full = ledger.board(unit=unit, states=states, limit=limit, offset=offset)
            assert stored is not None
            assert (stored.rows, stored.total, stored.counts) == (full.rows, full.total, full.counts)
    finally:
        ledger.close()


def test_the_board_s_states_differ_between_those_days(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = set()
    for day in (date(2026, 1, 20), date(2026, 3, 2), date(2027, 2, 1)):
        monkeypatch.setattr(lean, "today", lambda day=day: day)
        page = lean.board(str(demo_db), None, (), None, 0)
        assert page is not None
        seen.add(tuple(sorted((r["key"], r["status"]) for r in page.rows)))
    assert len(seen) == 3
