"""附件1 as the bureau wrote it, through `ledger` against a real file: the principal leader's
own inspections (第四条) and the commendation owed for a year without problems (第五条)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.support.cli import CliRun
from tests.support.ledger import stored_events


def board(cli: CliRun) -> dict[str, dict[str, Any]]:
    result = cli("deadlines", "--format", "json")
    assert result.exit_code == 0, result.output
    return {r["key"]: r for r in json.loads(result.output)}


def inspect(cli: CliRun, actor: str, area: str, on: str, *extra: str) -> Any:
    return cli(
        "duties", "inspection", "record", "--area", area, "--findings", "制度执行情况良好", *extra,
        "--effective", on, actor=actor,
    )  # fmt: skip


def test_the_principal_leader_records_their_own_inspections_of_any_unit(
    bureau_cli: CliRun, db_file: Path
) -> None:
    """附件1 第四条: 责任人应定期或不定期…督促检查 — every responsible person, the principal included."""
    assert bureau_cli("duties", "assign", "--staff-id", "P01", "--year", "2026",
                      "--effective", "2026-01-05").exit_code == 0  # fmt: skip
    ok = inspect(bureau_cli, "P01", "FUND", "2026-05-12", "--problems-found", "专栏更新不及时")
    assert ok.exit_code == 0, ok.output
    status = json.loads(bureau_cli("duties", "status", "2026", "--format", "json").output)
    me = next(p for p in status["people"] if p["staff_id"] == "P01")
    assert me["inspections"] == 1 and "FUND: 专栏更新不及时" in me["open problems"]
    before = stored_events(db_file)
    clerk = inspect(bureau_cli, "S002", "FIN", "2026-05-12")  # the insider inspects their own unit
    assert clerk.exit_code == 1 and "only the principal leader" in clerk.output
    assert stored_events(db_file) == before


def test_a_year_with_no_problem_puts_the_commendation_on_the_board(bureau_cli: CliRun) -> None:
    """附件1 第五条: 全年…未发生问题的责任人，要在一定范围内进行表扬 (due by a reading: 31 March)."""
    for leader in ("D01", "D02"):
        assign = ("duties", "assign", "--staff-id", leader, "--year", "2026", "--effective", "2026-10-05")
        assert bureau_cli(*assign).exit_code == 0
    for area in ("SERV", "OFFICE"):  # D02 inspects both areas in the only quarter it owes
        assert inspect(bureau_cli, "D02", area, "2026-11-16").exit_code == 0
    assert inspect(bureau_cli, "D01", "FIN", "2026-11-16").exit_code == 0  # FUND never inspected
    rows = board(bureau_cli)
    owed = rows["duties:D02:2026:commendation"]
    # by 31 March 2027 (a reading), moved off a rest day (民法典 第二百零三条): pending until 2027's calendar
    assert (owed["due"], owed["status"], owed["citation"]) == (None, "pending", "附件1 第五条")
    assert "本台账读作: by 2027-03-31" in owed["obligation"] and owed["met_on"] is None
    assert "duties:D01:2026:commendation" not in rows  # a missed inspection is a problem
