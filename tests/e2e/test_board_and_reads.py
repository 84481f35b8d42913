"""The board and the reads as a supervisor wants them, on the demo year as of 1 December 2026:
the overdue first and never buried, the states filtered, a line per unit on top, colour only on
a terminal, tables that fit it, records in plain labels with every time's zone, and CSV that a
spreadsheet on a Chinese Windows opens as it was written."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rich.cells import cell_len

from cli.main import cli
from ledger.rules.deadlines import STATES
from tests.support.cli import discussion, error_line, write_jsonl
from tests.support.ledger import demo_file, stored_events

DAY = "2026-12-01"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, key_folder: Path) -> Path:
    return demo_file(tmp_path_factory.mktemp("demo"), key_folder)


@pytest.fixture
def read(demo: Path) -> Iterator[object]:
    def invoke(*args: str, env: dict[str, str] | None = None, actor: str | None = None) -> Result:
        prefix = ["--db", str(demo), *(["--actor", actor] if actor else [])]
        return CliRunner(env=env).invoke(cli, [*prefix, *args], catch_exceptions=False)

    yield invoke


def board(read: object, *args: str) -> list[dict[str, str]]:
    result = read("deadlines", "--as-of", DAY, *args, "--format", "json")  # type: ignore[operator]
    assert result.exit_code == 0, result.output
    rows: list[dict[str, str]] = json.loads(result.output)
    return rows


def test_the_board_puts_the_overdue_first_then_what_is_due_soonest(read: object) -> None:
    rows = board(read)
    ranks = [STATES.index(r["status"]) for r in rows]
    assert ranks == sorted(ranks)
    overdue = [r for r in rows if r["status"] == "overdue"]
    assert len(overdue) == 2 and rows[: len(overdue)] == overdue  # the demo's two, on top
    assert [r["due"] for r in overdue] == sorted(r["due"] for r in overdue)  # longest overdue first
    due = [r["due"] for r in rows if r["status"] == "due"]
    assert due and due == sorted(due)


def test_the_board_filters_by_state_and_names_an_unknown_one(read: object) -> None:
    rows = board(read, "--status", "overdue,due")
    assert rows and {r["status"] for r in rows} == {"overdue", "due"}
    assert {r["status"] for r in board(read, "--status", "met late", "--status", "closed")} <= {
        "met late",
        "closed",
    }
    bad = read("deadlines", "--status", "missed")  # type: ignore[operator]
    assert bad.exit_code == 2
    assert error_line(bad.output).startswith("Error: status: no state 'missed'; one of overdue, due, open")
    near = read("deadlines", "--status", "overdu")  # type: ignore[operator]
    assert "(did you mean overdue?)" in error_line(near.output)


def test_the_board_opens_with_one_line_per_unit(read: object) -> None:
    rows = board(read)
    text = read("deadlines", "--as-of", DAY).output  # type: ignore[operator]
    units = sorted({r["unit"] for r in rows})
    head = text.splitlines()[: len(units)]
    assert [line.split(":")[0] for line in head] == units
    fund = next(line for line in head if line.startswith("FUND:"))
    assert f"{sum(r['unit'] == 'FUND' and r['status'] == 'overdue' for r in rows)} overdue" in fund
    csv = read("deadlines", "--as-of", DAY, "--format", "csv").output  # type: ignore[operator]
    assert csv.removeprefix("\ufeff").startswith("key,unit,")  # the summary is for people, not a sheet


def test_colour_marks_the_overdue_on_a_terminal_only(read: object) -> None:
    coloured = read("deadlines", "--as-of", DAY, env={"FORCE_COLOR": "1"}).output  # type: ignore[operator]
    (late, *_), (soon, *_) = board(read, "--status", "overdue"), board(read, "--status", "due")
    overdue_line = next(line for line in coloured.splitlines() if late["key"][:15] in line)
    assert "\x1b[1;31m" in overdue_line  # bold red
    due_line = next(line for line in coloured.splitlines() if soon["key"][:15] in line)
    assert "\x1b[33m" in due_line  # yellow
    assert "\x1b" not in read("deadlines", "--as-of", DAY).output  # type: ignore[operator]
    for fmt in ("json", "csv"):
        out = read("deadlines", "--as-of", DAY, "--format", fmt, env={"FORCE_COLOR": "1"})  # type: ignore[operator]
        assert "\x1b" not in out.output


@pytest.mark.parametrize("columns", [90, 120, 200])
def test_the_board_fits_the_width_it_is_given(read: object, columns: int) -> None:
    text = read("deadlines", "--as-of", DAY, env={"COLUMNS": str(columns)}).output  # type: ignore[operator]
    assert max(cell_len(line) for line in text.splitlines()) <= columns
    header = next(line for line in text.splitlines() if "obligation" in line)
    assert ("citation" in header) == (columns >= 140)  # the least needed column goes first


def test_show_prints_labels_plain_values_and_every_time_with_its_zone(read: object) -> None:
    text = read("show", "decision:YJJR-2026-01").output  # type: ignore[operator]
    for python in ("None", "['", "{'", "True", "False", "_on:", "T0", "T1", "T2", "+00:00"):
        assert python not in text, python
    created = next(line for line in text.splitlines() if line.strip().startswith("created on:"))
    assert created.endswith("+08:00")
    recorded = [line for line in text.splitlines() if line.startswith("│ 20") and ":" in line[:20]]
    assert recorded and all("+08:00" in line for line in recorded)
    as_json = json.loads(read("show", "decision:YJJR-2026-01", "--format", "json").output)  # type: ignore[operator]
    assert as_json["history"][0]["recorded"].endswith("+08:00")


def test_evidence_counts_a_closed_comment_window_as_closed_not_still_open(read: object) -> None:
    out = read("assessment", "evidence", "FIN", "2026", "--as-of", DAY, "--format", "json").output  # type: ignore[operator]
    data = json.loads(out)
    decision = next(s for s in data["summary"] if s["system"] == "decision")
    facts = [f for f in data["facts"] if f["system"] == "decision"]
    windows = [f for f in facts if f["key"].endswith(":comments")]
    closed = [f for f in windows if f["standing"] == "closed"]
    assert decision["closed"] == len(closed) == 3
    assert decision["open"] == sum(f["standing"] == "open" for f in facts) == 0
    assert sum(decision[s] for s in STATES) == len(facts)
    assert "still open" not in out and "missed" not in out


@pytest.mark.parametrize(
    "command",
    [
        ("deadlines",),
        ("log",),
        ("decision", "list"),
        ("openday", "list"),
        ("catalogue", "show"),
        ("policy", "show"),
        ("privacy", "subjects"),
        ("assessment", "results", "2025"),
        ("assessment", "evidence", "FIN", "2026"),
        ("duties", "status", "2026"),
        ("org", "list"),
        ("calendar", "show", "2026"),
    ],
)
def test_every_list_writes_csv_with_a_byte_order_mark(read: object, command: tuple[str, ...]) -> None:
    result = read(*command, "--format", "csv")  # type: ignore[operator]
    assert result.exit_code == 0, result.output
    raw = result.stdout_bytes
    assert raw.startswith("\ufeff".encode()), raw[:20]
    text = raw.decode("utf-8-sig")
    assert text.count("\ufeff") == 0 and len(text.splitlines()) >= 2
    assert "None" not in text and "['" not in text


def test_counts_and_refusals_read_as_english(demo: Path, read: object, tmp_path: Path) -> None:
    line = {"command": "org.staff.add", "staff_id": "S099", "staff_name": "甲", "unit": "FIN"}
    one = write_jsonl(tmp_path / "one.jsonl", line)
    assert read("import", str(one), actor="S001").output == "imported 1 command\n"  # type: ignore[operator]
    before = stored_events(demo)
    discuss = discussion("YJJR-2026-05", meeting="会")
    refused = read(*discuss, actor="S002")  # type: ignore[operator]
    assert refused.exit_code == 1 and stored_events(demo) == before
    assert "S002 may not record the collective discussion for FIN" in error_line(refused.output)


def test_writing_the_notices_says_which_format_so_two_runs_do_not_read_as_one_line_twice(
    read: object, tmp_path: Path
) -> None:
    out = tmp_path / "notices"
    md = read("notices", "--out", str(out)).output  # type: ignore[operator]
    html = read("notices", "--out", str(out), "--format", "html").output  # type: ignore[operator]
    assert md.endswith(f" notices as md to {out}\n") and html.endswith(f" notices as html to {out}\n")
