"""The insider at the command line (issue 10, findings 4 and 5): `correct`, `import` and
`org role` refuse what the direct acts refuse, with one line naming who may and the
article, exit 1, and nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ledger.demo.decision import life
from tests.support.cli import CliRun, correction, write_jsonl
from tests.support.ledger import play_into, stored_events

N = "YJJR-2026-07"
FLIP = correction(f"decision:{N}", 3, "--replace", '{"approved":true}')
SELF_GRANT = (
    "org",
    "role",
    "assign",
    "--staff-id",
    "S001",
    "--role",
    "group_member",
    "--effective",
    "2026-01-05",
)


@pytest.fixture
def rejected_cli(bureau_cli: CliRun, db_file: Path) -> CliRun:
    """The demo's YJJR-2026-07: drafted, reviewed, and rejected by the leaders (v3)."""
    play_into(db_file, life(N), until="decision.withdraw")
    return bureau_cli


def refused_line(cli: CliRun, db_file: Path, *args: str, actor: str) -> str:
    before = stored_events(db_file)
    result = cli(*args, actor=actor)
    assert result.exit_code == 1, result.output
    assert stored_events(db_file) == before
    lines = result.output.strip().splitlines()
    if args[0] == "import":  # one line per refused line, then the count
        assert lines[-1] == "Error: 1 bad line(s); nothing was written", result.output
        lines = lines[:-1]
    assert len(lines) == 1, result.output
    return lines[0]


def test_the_office_cannot_correct_the_leaders_rejection_into_an_approval(
    rejected_cli: CliRun, db_file: Path, tmp_path: Path
) -> None:
    line = refused_line(rejected_cli, db_file, *FLIP, actor="S001")
    assert line == (
        "Error: actor: S001 may not correct Decision.Discussed (collective discussion) for FIN; "
        "only the leadership team (领导班子: the principal or a deputy leader) may "
        "(separation of duties) (附件2 第六条(一))"
    )
    shown = json.loads(rejected_cli("show", f"decision:{N}", "--format", "json", actor=None).output)
    assert shown["state"]["approved_version"] is None
    publish = next(f for _, n, f in life("YJJR-2026-01") if n == "decision.publish")
    line = {"command": "decision.publish", **publish, "decision": N, "effective": "2026-06-25"}
    out = refused_line(
        rejected_cli, db_file, "import", str(write_jsonl(tmp_path / "p.jsonl", line)), actor="S002"
    )
    assert "has not been approved in collective discussion" in out  # so FIN cannot publish it


def test_the_leaders_themselves_cannot_rewrite_their_verdict(rejected_cli: CliRun, db_file: Path) -> None:
    line = refused_line(rejected_cli, db_file, *FLIP, actor="D01")
    assert "replace.approved" in line and "a new act of the leadership team" in line
    assert line.endswith("(附件2 第六条(一))")


def test_the_office_cannot_grant_itself_a_backdated_seat_in_the_leadership_group(
    bureau_cli: CliRun, db_file: Path
) -> None:
    line = refused_line(bureau_cli, db_file, *SELF_GRANT, actor="S001")
    assert line.startswith("Error: staff_id: S001 may not grant a role to themselves")
    assert "the principal leader (主要负责人) or a member of the leadership group" in line
    assert line.endswith("(附件1 第三条, 本台账读作)")
    by_colleague = refused_line(bureau_cli, db_file, *SELF_GRANT[:-2], actor="S005")
    assert "S005 may not grant the role group_member" in by_colleague
    backdated = refused_line(bureau_cli, db_file, *SELF_GRANT[:4], "S002", *SELF_GRANT[5:], actor="P01")
    assert "a role takes effect no earlier than the day it is recorded" in backdated
    granted = bureau_cli(*SELF_GRANT[:4], "S002", *SELF_GRANT[5:-2], actor="P01")
    assert granted.exit_code == 0, granted.output


def test_an_imported_line_is_held_to_the_same_doors(
    rejected_cli: CliRun, db_file: Path, tmp_path: Path
) -> None:
    flip = {
        "command": "correct",
        "aggregate": f"decision:{N}",
        "version": 3,
        "reason": "x",
        "replace": {"approved": True},
    }
    grant = {
        "command": "org.role.assign",
        "staff_id": "S001",
        "role": "group_member",
        "effective": "2026-01-05",
    }
    unit = {"command": "org.unit.add", "code": "NEW", "unit_name": "新股"}
    for name, lines in {"flip": (unit, flip), "grant": (unit, grant)}.items():
        out = refused_line(
            rejected_cli,
            db_file,
            "import",
            str(write_jsonl(tmp_path / f"{name}.jsonl", *lines)),
            actor="S001",
        )
        assert "line 2:" in out and ("may not correct Decision.Discussed" in out or "to themselves" in out)
