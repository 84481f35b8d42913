"""`ledger report YEAR`: the supervisor's page of a year, and whether the record verifies."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from tests.support.site import AS_OF, demo_ledger
from tests.support.tamper import edit, position_of


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_ledger(tmp_path_factory.mktemp("report"))


def run(db: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_report_lists_every_obligation_of_the_year_with_charts_and_verification(
    demo_db: Path, tmp_path: Path
) -> None:
    said = run(demo_db, "report", "2026", "--out", str(tmp_path), "--as-of", AS_OF)
    assert "the record verifies" in said
    page = (tmp_path / "report-2026.html").read_text(encoding="utf-8")
    board = json.loads(run(demo_db, "deadlines", "--format", "json", "--as-of", AS_OF))
    of_year = [r for r in board if r["due"] and r["due"].startswith("2026")]
    assert page.count('<tr><th scope="row">') >= len(of_year)
    for row in of_year:
        if row["status"] in ("overdue", "met late"):
            assert row["note"] in page  # how late, in the board's words
    assert "哈希链核验通过" in page and "<link" not in page and "<script" not in page  # self-contained
    for chart in ('id="board"', 'id="calendar"', 'id="timeline-1"', 'id="scores-1"'):
        assert chart in page
    assert page.count("<svg") == page.count("<figcaption>")  # every picture has its words


def test_one_units_report_as_json(demo_db: Path, tmp_path: Path) -> None:
    run(
        demo_db,
        "report",
        "2026",
        "--unit",
        "FIN",
        "--out",
        str(tmp_path),
        "--format",
        "json",
        "--as-of",
        AS_OF,
    )
    data = json.loads((tmp_path / "report-2026-FIN.json").read_text(encoding="utf-8"))
    assert data["verification"]["ok"] is True
    assert {r["unit"] for r in data["obligations"]} == {"FIN"}
    assert [e["unit"] for e in data["evidence"]] == ["FIN"]
    assert all(c["summary"] and c["header"] for c in data["charts"])


def test_a_tampered_record_is_reported_as_not_verifying(demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(demo_db, db)
    edit(db, position_of(db, "Unit.Established", "FIN"), "金融股", "金融科")  # a quiet edit: reads still work
    said = run(db, "report", "2026", "--out", str(tmp_path))
    assert "THE RECORD DOES NOT VERIFY" in said
    assert "哈希链核验未通过" in (tmp_path / "report-2026.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["1899"], "year:"),
        (["2026", "--unit", "NOPE"], "unit:"),
        (["2026", "--as-of", "2026-13-01"], "as_of:"),
    ],
    ids=["a year out of range", "an unknown unit", "no such day"],
)
def test_a_report_of_bad_input_names_the_field_and_writes_nothing(
    demo_db: Path, tmp_path: Path, args: list[str], field: str
) -> None:
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, "-m", "cli.main", "--db", str(demo_db), "report", *args, "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2, run.stderr
    assert field in run.stderr and "Traceback" not in run.stderr
    assert not out.exists()
