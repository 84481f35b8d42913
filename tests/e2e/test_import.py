"""`ledger import`: every line validated first, every bad line reported, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.cli import CliRun, refused_import, write_jsonl
from tests.support.ledger import stored_events


def test_good_file_is_committed(bureau_cli: CliRun, db_file: Path, tmp_path: Path) -> None:
    before = stored_events(db_file)
    f = write_jsonl(
        tmp_path / "ok.jsonl",
        {"command": "org.unit.add", "code": "NEW", "unit_name": "新股"},
        {"command": "org.staff.add", "staff_id": "S009", "staff_name": "钱", "unit": "NEW"},
    )
    r = bureau_cli("import", str(f))
    assert r.exit_code == 0, r.output
    assert "imported 2 commands" in r.output
    assert stored_events(db_file) == before + 4  # unit, staff added, role assigned; the act signing them


def test_every_bad_line_is_reported_with_its_number_and_nothing_is_written(
    bureau_cli: CliRun, db_file: Path, tmp_path: Path
) -> None:
    f = write_jsonl(
        tmp_path / "bad.jsonl",
        {"command": "org.unit.add", "code": "NEW", "unit_name": "新股"},
        {"command": "org.unit.add", "code": "bad code", "unit_name": "x"},
        "{not json",
        {"command": "org.nothing"},
        {"command": "org.staff.add", "staff_id": "S009", "unit": "NEW"},
    )
    out = refused_import(bureau_cli, db_file, f, exit_code=2)
    assert f"{f}:line 2: code:" in out
    assert f"{f}:line 3: line: not JSON" in out
    assert f"{f}:line 4: command: unknown command" in out
    assert f"{f}:line 5: staff_name: Field required" in out
    assert "line 1" not in out


def test_a_refusal_midway_rolls_back_the_whole_file(
    bureau_cli: CliRun, db_file: Path, tmp_path: Path
) -> None:
    f = write_jsonl(
        tmp_path / "refused.jsonl",
        {"command": "org.unit.add", "code": "NEW", "unit_name": "新股"},
        {"command": "org.unit.add", "code": "NEW", "unit_name": "重复"},
    )
    out = refused_import(bureau_cli, db_file, f, exit_code=1)  # a refused act, not invalid input
    assert "line 2: code: unit NEW already exists" in out


def test_later_lines_see_what_earlier_lines_did(bureau_cli: CliRun, tmp_path: Path) -> None:
    f = write_jsonl(
        tmp_path / "chain.jsonl",
        {"command": "org.unit.add", "code": "NEW", "unit_name": "新股"},
        {"command": "org.staff.add", "staff_id": "S009", "staff_name": "钱", "unit": "NEW"},
    )
    assert bureau_cli("import", str(f)).exit_code == 0
    shown = json.loads(bureau_cli("show", "staff:S009", "--format", "json").output)
    assert shown["state"]["grants"]["unit_staff"]["unit"] == "NEW"


def test_a_line_that_is_not_utf8_is_a_bad_line_and_the_others_are_still_checked(
    bureau_cli: CliRun, db_file: Path, tmp_path: Path
) -> None:
    f = tmp_path / "mixed.jsonl"
    good = json.dumps({"command": "org.unit.add", "code": "NEW", "unit_name": "新股"}, ensure_ascii=False)
    f.write_bytes(good.encode() + b"\n\xff\xfe\n" + b'{"command": "nope"}\n')
    out = refused_import(bureau_cli, db_file, f, exit_code=2)
    assert f"{f}:line 2: line: not UTF-8 text (byte 0)" in out
    assert f"{f}:line 3: command: unknown command 'nope'" in out
    assert "2 bad line(s); nothing was written" in out
