"""The stored index is audited like the rows it stands for, played by an insider with the file.

A read of a page (`deadlines --status overdue`) and a read of the past (`--as-of`,
`--known-at`) ask the stored index which rows to show: its columns (unit, state, sort, day)
beside each live row, and the ``times`` index of when each aggregate last changed. An insider
who edits, deletes or adds index rows leaves every row equal to its rebuild, yet makes a read
show other rows. `audit replay` derives the columns of every rebuilt row and names each index
row that differs (exit 1), as it does for the rows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cli.main import cli
from ledger.application import LedgerApp
from ledger.signing import KeyFolder
from ledger.systems import stored_view_name
from tests.support.ledger import copy_of, demo_file, record_demo
from tests.support.postgres import URL as POSTGRES
from tests.support.postgres import database
from tests.support.postgres import sql as pg_sql
from tests.support.tamper import sql

PAST = "2026-06-19"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, key_folder: Path) -> Path:
    db = demo_file(tmp_path_factory.mktemp("index"), key_folder)
    assert replayed(db)[0] == 0  # every view stored, caught up and equal to its rebuild
    return db


@pytest.fixture
def db(demo: Path, tmp_path: Path) -> Path:
    return copy_of(demo, tmp_path)


def ledger(db: Path, *args: str) -> Any:
    result = CliRunner().invoke(cli, ["--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def replayed(db: Path | str) -> tuple[int, dict[str, list[str]]]:
    """audit replay's exit code and, per projection that differs, what it names."""
    result = CliRunner().invoke(cli, ["--db", str(db), "audit", "replay", "--format", "json"])
    report = json.loads(result.output)
    return result.exit_code, {
        p["projection"]: p["differences"] for p in report["projections"] if not p["same"]
    }


def test_times_index_rows_deleted_make_a_read_of_the_past_show_today_and_replay_names_them(db: Path) -> None:
    honest = ledger(db, "deadlines", "--format", "json", "--as-of", PAST)
    times = stored_view_name("times")
    gone = sql(db, "SELECT key FROM projection_index WHERE projection=? AND day > ?", (times, PAST))
    sql(db, "DELETE FROM projection_index WHERE projection=? AND day > ?", (times, PAST))
    assert ledger(db, "deadlines", "--format", "json", "--as-of", PAST) != honest  # the lie the insider wants
    code, named = replayed(db)
    assert code == 1 and list(named) == ["times"]
    assert named["times"] == [f"index: {key}: missing from the live copy" for (key,) in sorted(gone)[:5]]


def test_a_times_index_row_backdated_is_named_by_replay(db: Path) -> None:
    times = stored_view_name("times")
    (key,) = sql(
        db, "SELECT key FROM projection_index WHERE projection=? ORDER BY sort DESC LIMIT 1", (times,)
    )[0]
    sql(
        db,
        "UPDATE projection_index SET sort='2000-01-01T00:00:00.000000Z', day='2000-01-01' "
        "WHERE projection=? AND key=?",
        (times, key),
    )
    assert replayed(db) == (1, {"times": [f"index: {key}: differs"]})


def test_an_overdue_obligation_indexed_as_met_is_named_by_replay(db: Path) -> None:
    board = stored_view_name("deadlines")
    todo = "SELECT key FROM projection_index WHERE projection=? AND state='todo' LIMIT 1"
    ((key,),) = sql(db, todo, (board,))
    sql(db, "UPDATE projection_index SET state='met' WHERE projection=? AND key=?", (board, key))
    assert replayed(db) == (1, {"deadlines": [f"index: {key}: differs"]})


def test_an_index_row_added_for_no_row_is_named_by_replay(db: Path) -> None:
    board = stored_view_name("deadlines")
    sql(
        db,
        "INSERT INTO projection_index VALUES (?, 'zzz|forged', 'FIN', 'todo', '2026-01-01 x', NULL)",
        (board,),
    )
    assert replayed(db) == (1, {"deadlines": ["index: zzz|forged: in the live copy only"]})


@pytest.mark.postgres
@pytest.mark.skipif(not POSTGRES, reason="set LEDGER_TEST_POSTGRES (see .ci/postgres-up)")
def test_an_index_row_edited_on_postgres_is_named_by_replay(key_folder: Path) -> None:
    with database() as url:
        app = LedgerApp(url, keys=KeyFolder(key_folder))
        record_demo(app)
        app.close()
        assert replayed(url)[0] == 0
        board = stored_view_name("deadlines")
        todo = "SELECT key FROM projection_index WHERE projection=%s AND state='todo' LIMIT 1"
        ((key,),) = pg_sql(url, todo, (board,))
        pg_sql(url, "UPDATE projection_index SET state='met' WHERE projection=%s AND key=%s", (board, key))
        assert replayed(url) == (1, {"deadlines": [f"index: {key}: differs"]})
