"""--as-of and --known-at on every read, through `ledger` (CliRunner) on a real SQLite file.

The file is written with a FakeClock (recording times under the test's control); the
reads then run through the CLI as a supervisor would run them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ledger.application import LedgerApp
from ledger.demo.assessment import steps as assessment_steps
from ledger.signing import KeyFolder
from tests.support.cli import CliRun, read_json
from tests.support.clock import FakeClock
from tests.support.ledger import play, run, setup_bureau

YEAR_2027 = {
    "year": 2027,
    "source": "国务院办公厅关于2027年部分节假日安排的通知",
    "holidays": [{"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"}],
    "workdays": [],
}


@pytest.fixture
def recorded(db_file: Path, keys: KeyFolder) -> Iterator[tuple[LedgerApp, FakeClock]]:
    """The ledger file opened with a clock the test sets; the bureau recorded on 5 January."""
    clock = FakeClock(datetime(2026, 1, 5, 1, 0, tzinfo=UTC))
    app = LedgerApp(str(db_file), clock=clock, keys=keys)
    setup_bureau(app)
    yield app, clock
    app.close()


def test_calendar_show_as_known_at_a_moment_and_as_of_a_date(
    recorded: tuple[LedgerApp, FakeClock], ledger_cli: CliRun
) -> None:
    app, clock = recorded
    clock.set("2026-11-20 10:00")
    run(app, "S001", "calendar.record", **YEAR_2027)
    clock.set("2026-12-01 10:00")
    run(app, "S001", "calendar.record", **{**YEAR_2027, "workdays": [{"name": "春节", "day": "2027-02-06"}]})

    def shown(*args: str) -> dict[str, object]:
        return read_json(ledger_cli, "calendar", "show", "2027", *args)  # type: ignore[no-any-return]

    assert shown()["version"] == 2
    assert shown("--known-at", "2026-11-25")["version"] == 1
    assert shown("--known-at", "2026-11-25")["workdays"] == []
    assert shown("--as-of", "2026-11-30")["version"] == 1
    before = ledger_cli("calendar", "show", "2027", "--known-at", "2026-11-19", actor=None)
    assert before.exit_code == 2
    assert "no working-day calendar for 2027 as known at 2026-11-19 23:59:59" in before.output
    bad = ledger_cli("calendar", "show", "2027", "--as-of", "2026-02-30", actor=None)
    assert bad.exit_code == 2 and "as_of: '2026-02-30' is not a date" in bad.output


def test_policy_show_as_known_at_a_moment(recorded: tuple[LedgerApp, FakeClock], ledger_cli: CliRun) -> None:
    now = json.loads(ledger_cli("policy", "show", "--format", "json", actor=None).output)
    then = ledger_cli("policy", "show", "--known-at", "2026-01-05 09:00", "--format", "json", actor=None)
    assert then.exit_code == 0 and json.loads(then.output) == now
    before = ledger_cli("policy", "show", "--known-at", "2026-01-04", actor=None)
    assert before.exit_code == 2 and "no policy data recorded as known at 2026-01-04" in before.output
    assert ledger_cli("policy", "show", "--as-of", "2026-01-04", actor=None).exit_code == 2
    bad = ledger_cli("policy", "show", "--known-at", "soon", actor=None)
    assert bad.exit_code == 2 and "known_at: 'soon' is not a date or timestamp" in bad.output


def test_assessment_results_as_they_stood_and_as_known(
    recorded: tuple[LedgerApp, FakeClock], ledger_cli: CliRun
) -> None:
    app, clock = recorded
    clock.set("2026-06-01 09:00")  # the 2025 assessment, entered on 1 June with its real dates
    play(app, assessment_steps())

    def fin(*args: str) -> dict[str, object]:
        results = read_json(ledger_cli, "assessment", "results", "2025", *args)
        (row,) = [r for r in results["assessments"] if r["unit"] == "FIN"]
        return row  # type: ignore[no-any-return]

    assert fin()["stage"] == "announced" and fin()["grade"] == "优秀"
    assert fin("--as-of", "2026-03-01")["stage"] == "onsite_assessed"
    assert fin("--as-of", "2026-03-01")["grade"] is None
    assert fin("--as-of", "2026-01-08")["stage"] == "not opened"
    before = ledger_cli("assessment", "results", "2025", "--known-at", "2026-05-31", "--format", "json")
    assert json.loads(before.output)["standard"] == "not recorded"
    assert fin("--known-at", "2026-05-31")["stage"] == "not opened"
    bad = ledger_cli("assessment", "results", "2025", "--known-at", "31/05/2026", actor=None)
    assert bad.exit_code == 2 and bad.output.startswith("Error: known_at:")


def test_supervisor_sees_the_board_as_it_stood_and_what_is_now_known_was_due_on_30_june(
    recorded: tuple[LedgerApp, FakeClock], ledger_cli: CliRun
) -> None:
    """D02 inspected OFFICE on 29 June, but it was only entered on 3 July."""
    app, clock = recorded
    run(app, "S001", "duties.assign", staff_id="D02", year=2026, effective="2026-01-05")
    clock.set("2026-06-29 16:00")
    run(app, "D02", "duties.inspection.record", area="SERV", findings="栏目按期更新")
    clock.set("2026-07-03 10:00")
    run(app, "D02", "duties.inspection.record", area="OFFICE", findings="已检查", effective="2026-06-29")
    key = "duties:D02:2026:Q2:OFFICE:inspection"

    def board(*args: str) -> dict[str, str]:
        return {r["key"]: r["status"] for r in read_json(ledger_cli, "deadlines", *args)}

    # what the board showed on 30 June, given what had been recorded by then
    assert board("--as-of", "2026-06-30", "--known-at", "2026-06-30")[key] == "due"
    assert board("--as-of", "2026-07-01", "--known-at", "2026-07-01")[key] == "overdue"
    # what we now know was due on 30 June, and done
    assert board("--as-of", "2026-06-30")[key] == "met"
    assert board("--as-of", "2026-06-30")["duties:D02:2026:Q2:SERV:inspection"] == "met"

    def missed(*args: str) -> int:
        status = read_json(ledger_cli, "duties", "status", "2026", *args)
        (d02,) = [p for p in status["people"] if p["staff_id"] == "D02"]
        return int(d02["overdue"])

    # Q1 of both areas was missed either way; Q2 of OFFICE only as known on 1 July
    assert missed("--as-of", "2026-07-01", "--known-at", "2026-07-01") == 3
    assert missed("--as-of", "2026-07-01") == 2


def test_an_entry_at_half_past_eleven_beijing_time_takes_that_days_date(
    recorded: tuple[LedgerApp, FakeClock], ledger_cli: CliRun
) -> None:
    app, clock = recorded
    run(app, "S001", "duties.assign", staff_id="D02", year=2026, effective="2026-01-05")
    clock.set("2026-06-30 23:30")  # 15:30 UTC: still 30 June in Ziyang
    run(app, "D02", "duties.inspection.record", area="SERV", findings="晚间补录")
    clock.set("2026-07-01 00:30")  # 16:30 UTC on 30 June, but 1 July in Ziyang
    run(app, "D02", "duties.inspection.record", area="OFFICE", findings="次日凌晨录入")
    log = json.loads(ledger_cli("log", "--aggregate", "duty_year:D02:2026", "--format", "json").output)
    assert [(r["recorded"], r["effective"]) for r in log[1:]] == [
        ("2026-06-30 23:30:00 +08:00", "2026-06-30"),
        ("2026-07-01 00:30:00 +08:00", "2026-07-01"),
    ]
    board = json.loads(ledger_cli("deadlines", "--as-of", "2026-07-01", "--format", "json").output)
    status = {r["key"]: r["status"] for r in board}
    assert status["duties:D02:2026:Q2:SERV:inspection"] == "met"
    assert status["duties:D02:2026:Q2:OFFICE:inspection"] == "overdue"
    assert status["duties:D02:2026:Q3:OFFICE:inspection"] == "met"
    assert status["duties:D02:2026:Q3:SERV:inspection"] == "open"
