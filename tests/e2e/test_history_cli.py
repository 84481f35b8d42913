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
from tests.conftest import CliRun, FakeClock, run, setup_bureau

YEAR_2027 = {
    "year": 2027,
    "source": "国务院办公厅关于2027年部分节假日安排的通知",
    "holidays": [{"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"}],
    "workdays": [],
}


@pytest.fixture
def recorded(db_file: Path) -> Iterator[tuple[LedgerApp, FakeClock]]:
    """The ledger file opened with a clock the test sets; the bureau recorded on 5 January."""
    clock = FakeClock(datetime(2026, 1, 5, 1, 0, tzinfo=UTC))
    app = LedgerApp(str(db_file), clock=clock)
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
        result = ledger_cli("calendar", "show", "2027", *args, "--format", "json", actor=None)
        assert result.exit_code == 0, result.output
        return json.loads(result.output)  # type: ignore[no-any-return]

    assert shown()["version"] == 2
    assert shown("--known-at", "2026-11-25")["version"] == 1
    assert shown("--known-at", "2026-11-25")["workdays"] == []
    assert shown("--as-of", "2026-11-30")["version"] == 1
    before = ledger_cli("calendar", "show", "2027", "--known-at", "2026-11-19", actor=None)
    assert before.exit_code == 1
    assert "no working-day calendar for 2027 as known at 2026-11-19 23:59:59" in before.output
    bad = ledger_cli("calendar", "show", "2027", "--as-of", "2026-02-30", actor=None)
    assert bad.exit_code == 2 and "as_of: '2026-02-30' is not a date" in bad.output


def test_policy_show_as_known_at_a_moment(recorded: tuple[LedgerApp, FakeClock], ledger_cli: CliRun) -> None:
    now = json.loads(ledger_cli("policy", "show", "--format", "json", actor=None).output)
    then = ledger_cli("policy", "show", "--known-at", "2026-01-05 09:00", "--format", "json", actor=None)
    assert then.exit_code == 0 and json.loads(then.output) == now
    before = ledger_cli("policy", "show", "--known-at", "2026-01-04", actor=None)
    assert before.exit_code == 1 and "no policy data recorded as known at 2026-01-04" in before.output
    assert ledger_cli("policy", "show", "--as-of", "2026-01-04", actor=None).exit_code == 1
    bad = ledger_cli("policy", "show", "--known-at", "soon", actor=None)
    assert bad.exit_code == 2 and "known_at: 'soon' is not a date or timestamp" in bad.output


def test_assessment_results_as_they_stood_and_as_known(
    recorded: tuple[LedgerApp, FakeClock], ledger_cli: CliRun
) -> None:
    app, clock = recorded
    clock.set("2026-06-01 09:00")  # the 2025 assessment, entered on 1 June with its real dates
    for actor, name, fields in assessment_steps():
        run(app, actor, name, **fields)

    def fin(*args: str) -> dict[str, object]:
        result = ledger_cli("assessment", "results", "2025", *args, "--format", "json", actor=None)
        assert result.exit_code == 0, result.output
        (row,) = [r for r in json.loads(result.output)["assessments"] if r["unit"] == "FIN"]
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
