"""`ledger import`: every line validated first, every bad line reported, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.support.cli import CliRun, read_json, refused_import, write_jsonl
from tests.support.ledger import play_into, stored_events

NEW_UNIT = {"command": "org.unit.add", "code": "NEW", "unit_name": "新股"}


def decision_life(number: str, discussed_by: str, meeting: str = "会") -> list[dict[str, Any]]:
    """JSONL lines of a decision drafted and cleared by the clerk S002, then discussed under
    the name ``discussed_by``."""
    draft = {
        "command": "decision.draft", "actor": "S002", "decision": number, "unit": "FIN",
        "title": "雁江区金融服务办法", "category": "二", "draft": "第一条", "background": "背景",
        "basis": "依据", "main_content": "内容",
    }  # fmt: skip
    clear = {"command": "decision.review.clear", "actor": "S002", "decision": number}
    discuss = {
        "command": "decision.discuss", "actor": discussed_by, "decision": number, "approved": True,
        "meeting": meeting, "attendees": ["张局长"],
    }  # fmt: skip
    return [draft, clear, discuss]


def test_good_file_is_committed(bureau_cli: CliRun, db_file: Path, tmp_path: Path) -> None:
    before = stored_events(db_file)
    f = write_jsonl(
        tmp_path / "ok.jsonl",
        NEW_UNIT,
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
        NEW_UNIT,
        {"command": "org.unit.add", "code": "bad code", "unit_name": "x"},
        "{not json",
        {"command": "org.nothing"},
        {"command": "org.staff.add", "staff_id": "S009", "unit": "NEW"},
    )
    out = refused_import(bureau_cli, db_file, f, exit_code=2)
    assert f"{f}:line 2: code:" in out
    assert f"{f}:line 3: line: not JSON" in out
    assert f"{f}:line 4: command: unknown command" in out
    assert f"{f}:line 5: staff_name: required" in out
    assert "line 1" not in out


def test_a_refusal_midway_rolls_back_the_whole_file(
    bureau_cli: CliRun, db_file: Path, tmp_path: Path
) -> None:
    again = {**NEW_UNIT, "unit_name": "重复"}  # the same code twice: refused by a rule
    f = write_jsonl(tmp_path / "refused.jsonl", NEW_UNIT, again)
    out = refused_import(bureau_cli, db_file, f, exit_code=1)  # a refused act, not invalid input
    assert "line 2: code: unit NEW already exists" in out


def test_later_lines_see_what_earlier_lines_did(bureau_cli: CliRun, tmp_path: Path) -> None:
    f = write_jsonl(
        tmp_path / "chain.jsonl",
        NEW_UNIT,
        {"command": "org.staff.add", "staff_id": "S009", "staff_name": "钱", "unit": "NEW"},
    )
    assert bureau_cli("import", str(f)).exit_code == 0
    shown = json.loads(bureau_cli("show", "staff:S009", "--format", "json").output)
    assert shown["state"]["grants"]["unit_staff"]["unit"] == "NEW"


def test_a_line_that_is_not_utf8_is_a_bad_line_and_the_others_are_still_checked(
    bureau_cli: CliRun, db_file: Path, tmp_path: Path
) -> None:
    f = tmp_path / "mixed.jsonl"
    good = json.dumps(NEW_UNIT, ensure_ascii=False)
    f.write_bytes(good.encode() + b"\n\xff\xfe\n" + b'{"command": "nope"}\n')
    out = refused_import(bureau_cli, db_file, f, exit_code=2)
    assert f"{f}:line 2: line: not UTF-8 text (byte 0)" in out
    assert f"{f}:line 3: command: unknown command 'nope'" in out
    assert "2 bad line(s); nothing was written" in out


def test_each_line_is_made_and_authorised_by_the_actor_it_names(
    bureau_cli: CliRun, db_file: Path, tmp_path: Path
) -> None:
    """The clerk drafts and the leader discusses in one file: each line is its own actor's act."""
    f = write_jsonl(tmp_path / "life.jsonl", *decision_life("YJJR-2026-31", "D01", meeting="局党组会"))
    r = bureau_cli("import", str(f), actor=None)
    assert r.exit_code == 0, r.output
    log = json.loads(bureau_cli("log", "--format", "json", actor=None).output)
    written = [row for row in log if row["event"].startswith("Decision.")]
    assert [row["actor"] for row in written] == ["S002", "S002", "D01"]
    acts = [row for row in log if row["event"] == "SignedAct.Signed"][-2:]
    assert [row["actor"] for row in acts] == ["S002", "D01"]  # each actor signs their own act
    assert bureau_cli("audit", "verify", actor=None).exit_code == 0


def test_a_line_whose_actor_may_not_act_refuses_the_whole_file(
    bureau_cli: CliRun, db_file: Path, tmp_path: Path
) -> None:
    """The clerk who writes the leader's discussion under their own name is refused, and
    the draft before it is not kept either."""
    f = write_jsonl(tmp_path / "forged.jsonl", *decision_life("YJJR-2026-32", "S002"))
    out = refused_import(bureau_cli, db_file, f, exit_code=1, actor="D01")  # --actor does not override a line
    assert "line 3: actor: S002 may not" in out, out


def test_a_line_naming_no_actor_without_a_default_is_reported(
    bureau_cli: CliRun, db_file: Path, tmp_path: Path
) -> None:
    f = write_jsonl(
        tmp_path / "anon.jsonl",
        {"command": "org.unit.add", "code": "NEW", "unit_name": "新股", "actor": "S001"},
        {"command": "org.unit.add", "code": "NEW2", "unit_name": "新股二"},
        {"command": "org.unit.add", "code": "NEW3", "unit_name": "新股三", "actor": 7},
    )
    out = refused_import(bureau_cli, db_file, f, exit_code=2, actor=None)
    assert "line 1" not in out
    assert f"{f}:line 2: actor: name who makes it" in out
    assert f"{f}:line 3: actor:" in out


def test_the_demos_decisions_import_as_one_file_on_the_demos_bureau(
    ledger_cli: CliRun, db_file: Path
) -> None:
    """`ledger/demo/data/decision.jsonl` names an actor per line (clerks, reviewers, leaders),
    each signing their own act with their key."""
    from ledger.demo import org
    from ledger.demo.__main__ import public_keys
    from ledger.signing import KeyFolder

    play_into(db_file, org.steps(public_keys(KeyFolder())))
    data = Path(org.__file__).parent / "data" / "decision.jsonl"
    lines = [line for line in data.read_text(encoding="utf-8").splitlines() if line.strip()]
    r = ledger_cli("import", str(data), actor=None)
    assert r.exit_code == 0, r.output
    assert f"imported {len(lines)} commands" in r.output
    assert {row["number"] for row in read_json(ledger_cli, "decision", "list")} >= {
        "YJJR-2026-01",
        "YJJR-2026-07",
    }
    assert ledger_cli("audit", "verify", actor=None).exit_code == 0


def test_a_clerk_holding_only_their_own_key_cannot_import_a_leaders_act(
    bureau_cli: CliRun, db_file: Path, tmp_path: Path
) -> None:
    """The insider: S002 writes the leader's discussion into a file under D01's name and
    imports it with S002's own key. D01's act would be signed by a key that is not D01's:
    the whole file is refused, the clerk's own lines too."""
    from ledger.signing import KeyFolder

    f = write_jsonl(tmp_path / "forged.jsonl", *decision_life("YJJR-2026-33", "D01"))
    before = stored_events(db_file)
    r = bureau_cli("--key", str(KeyFolder().path("S002")), "import", str(f), actor=None)
    assert r.exit_code == 1, r.output
    assert f"{f}:line 3: key: key" in r.output and "not the key registered for D01" in r.output
    assert stored_events(db_file) == before
