"""A read shows a page of the board or the register, read from the stored rows it shows: the
pages together are the whole answer, in the same order, and a ledger that cannot be written
reads its stored rows under an overlay of only what changed since they were stored."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from ledger.application import LedgerApp
from ledger.interface import Ledger
from ledger.interface.decision import decision_list, decision_page
from ledger.reading import OverlaidRows, StoredRows
from projections.board import DeadlineBoard
from projections.decision.register import DecisionRegister
from tests.integration.decision.test_decision_commands import N, approve, draft, publish
from tests.support.clerks import LEDGER, comment_args, ledger, number, published_decisions
from tests.support.clock import FakeClock
from tests.support.ledger import run

DECISIONS = 7


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.db"
    published_decisions(path, DECISIONS, approved=2)
    return path


def test_the_boards_pages_together_are_the_whole_board_most_urgent_first(db: Path) -> None:
    board = Ledger(str(db))
    whole = board.deadlines()
    assert len(whole) > 10
    pages = [board.board(limit=4, offset=k) for k in range(0, len(whole) + 4, 4)]
    assert [row for page in pages for row in page.rows] == whole
    assert {page.total for page in pages} == {len(whole)}
    assert board.board(limit=4).counts == board.board().counts


def test_a_board_page_filtered_by_state_and_unit_counts_only_what_the_filters_admit(db: Path) -> None:
    board = Ledger(str(db))
    states = Counter(r["status"] for r in board.deadlines(unit="FIN"))
    state, n = states.most_common(1)[0]
    assert n > 2
    whole = board.deadlines(unit="FIN", states=[state])
    page = board.board(unit="FIN", states=[state], limit=2)
    assert page.rows == whole[:2] and page.total == n == len(whole)
    assert {s: k for s, k in page.counts["FIN"].items() if k} == {state: n}


def test_the_registers_pages_are_the_register_by_number(db: Path) -> None:
    reads = Ledger(str(db))
    whole = decision_list(reads)
    assert [r["number"] for r in whole] == [number(i) for i in range(1, DECISIONS + 3)]
    page = decision_page(reads, limit=3, offset=3)
    assert page.rows == whole[3:6] and page.total == len(whole)


def test_a_read_only_ledger_behind_its_log_folds_only_what_changed_over_its_stored_rows(db: Path) -> None:
    Ledger(str(db)).deadlines()  # the board and the register stored
    decision_list(Ledger(str(db)))
    runner = CliRunner()
    args = ["--db", str(db), "--actor", "S002", *comment_args(number(1), "晚到的一条意见")]
    assert runner.invoke(cli, args, catch_exceptions=False).exit_code == 0
    writable = Ledger(str(db))
    reader = Ledger(f"file:{db}?mode=ro")
    source = reader.views.source(DecisionRegister)
    assert isinstance(source, OverlaidRows)
    assert len(source.fold.rows) <= 1 < DECISIONS  # the one decision commented on, not the register
    board = reader.views.source(DeadlineBoard)
    assert isinstance(board, OverlaidRows)
    held = {row["key"].rsplit(":", 1)[0] for key, row in board.fold.rows.items() if "calendar|" not in key}
    assert held == {f"decision:{number(1)}"}  # its obligations (and the calendar years), not the board
    want = (reader.deadlines(), decision_list(reader))
    assert want == (writable.deadlines(), decision_list(writable))  # which now catches up by writing
    assert isinstance(Ledger(str(db)).views.source(DecisionRegister), StoredRows)


@pytest.mark.skipif(LEDGER is None, reason="console script not installed")
def test_a_chmoded_copy_behind_its_log_shows_the_same_pages_as_a_writable_one(
    db: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    for read in (["deadlines"], ["decision", "list"]):
        assert runner.invoke(cli, ["--db", str(db), *read], catch_exceptions=False).exit_code == 0
    args = ["--db", str(db), "--actor", "S002", *comment_args(number(2), "晚到的一条意见")]
    assert runner.invoke(cli, args, catch_exceptions=False).exit_code == 0
    shelf = tmp_path / "shelf"
    shelf.mkdir()
    copy = shelf / "ledger.db"
    shutil.copy(db, copy)
    copy.chmod(0o444)
    try:
        for read in (
            ("deadlines", "--limit", "3", "--page", "2"),
            ("deadlines", "--status", "open", "--format", "json"),
            ("decision", "list", "--limit", "2", "--page", "1"),
        ):
            got = ledger(copy, *read, reader=True)
            assert got.returncode == 0, got.stderr
            assert got.stdout == runner.invoke(cli, ["--db", str(db), *read]).output
        rows = json.loads(ledger(copy, "decision", "list", "--format", "json", reader=True).stdout)
        assert rows[1]["comments"] == "1"
    finally:
        copy.chmod(0o644)


def test_a_table_says_which_rows_it_shows_and_how_to_see_the_rest(db: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(cli, ["--db", str(db), "decision", "list", "--limit", "4", "--page", "2"]).output
    assert number(5) in out and number(4) not in out and number(9) not in out
    assert out.rstrip().endswith("rows 5–8 of 9, by number; --page 3 for the next 4, --all for every row")
    every = runner.invoke(cli, ["--db", str(db), "decision", "list", "--all"]).output
    assert number(9) in every and "--all for every row" not in every


def test_all_with_a_page_is_refused_as_malformed_input(db: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(db), "deadlines", "--all", "--limit", "5"])
    assert result.exit_code == 2 and "--all" in result.output


def test_a_calendar_year_recorded_later_dates_the_stored_boards_pending_rows_as_a_rebuild_does(
    bureau: LedgerApp, clock: FakeClock
) -> None:
    clock.set("2027-01-05 10:00")
    draft(bureau)
    approve(bureau, on="2026-11-19")
    publish(bureau, "2026-11-20")
    run(bureau, "S002", "decision.adoption.complete", decision=N, effective="2026-12-28")
    reads = Ledger(":memory:", app=bureau)
    key = f"decision:{N}:report"
    assert {r["key"]: r for r in reads.deadlines()}[key]["status"] == "pending"  # stored so
    holidays = [{"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"}]
    run(bureau, "S001", "calendar.record", year=2027, source="国务院办公厅通知（测试）", holidays=holidays)
    assert reads.views.position(DeadlineBoard) < bureau.max_position()
    assert {r["key"]: r for r in reads.deadlines()}[key]["due"] == "2027-01-12"
    live = reads.views.live(DeadlineBoard)
    assert live.digest() == reads.views.history((DeadlineBoard,)).get(DeadlineBoard).digest()


def test_a_table_shows_one_page_by_default_and_all_every_row_while_json_gives_every_row(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("cli.render.PAGE", 4)  # nine decisions: more than a page
    runner = CliRunner()
    first = runner.invoke(cli, ["--db", str(db), "decision", "list"]).output
    assert number(4) in first and number(5) not in first
    assert first.rstrip().endswith("rows 1–4 of 9, by number; --page 2 for the next 4, --all for every row")
    every = runner.invoke(cli, ["--db", str(db), "decision", "list", "--all"]).output
    assert number(9) in every and "--all for every row" not in every
    listed = json.loads(runner.invoke(cli, ["--db", str(db), "decision", "list", "--format", "json"]).output)
    assert len(listed) == 9
    beyond = runner.invoke(cli, ["--db", str(db), "decision", "list", "--page", "99"]).output
    assert beyond.rstrip().endswith("no rows on this page; 9 in all; --all for every row")
