"""The foundation through `ledger` (click's CliRunner) against a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import click
from click.testing import CliRunner

from cli.main import cli
from tests.support.cli import ORG_INIT, CliRun
from tests.support.ledger import stored_events


def test_org_init_then_seed_calendar_and_policy(ledger_cli: CliRun) -> None:
    r = ledger_cli(*ORG_INIT)
    assert r.exit_code == 0, r.output
    assert "calendar years recorded: 2004–2026" in ledger_cli("calendar", "seed").output
    assert "yanjiang-2022.1" in ledger_cli("policy", "seed").output
    shown = json.loads(ledger_cli("calendar", "show", "2026", "--format", "json").output)
    assert {"date": "2026-10-01", "name": "国庆节"} in shown["holidays"]
    assert {"date": "2026-09-20", "name": "国庆节"} in shown["workdays"]


def test_write_without_actor_is_invalid_and_writes_nothing(bureau_cli: CliRun, db_file: Path) -> None:
    before = stored_events(db_file)
    r = bureau_cli("org", "unit", "add", "--code", "NEW", "--unit-name", "新股", actor=None)
    assert r.exit_code == 2
    assert "--actor" in r.output
    assert stored_events(db_file) == before


def test_refused_act_exits_1_with_one_line_naming_who_may(bureau_cli: CliRun, db_file: Path) -> None:
    before = stored_events(db_file)
    r = bureau_cli("org", "unit", "add", "--code", "NEW", "--unit-name", "新股", actor="S002")
    assert r.exit_code == 1
    assert r.output.strip().count("\n") == 0
    assert "only the office (办公室) staff may" in r.output and "附件3 第六条" in r.output
    assert stored_events(db_file) == before


def test_invalid_field_exits_2_naming_the_field(bureau_cli: CliRun, db_file: Path) -> None:
    before = stored_events(db_file)
    r = bureau_cli("org", "unit", "add", "--code", "NEW", "--unit-name", "新股", "--kind", "committee")
    assert r.exit_code == 2
    assert r.output.startswith("Error: kind:")
    assert stored_events(db_file) == before


def test_unknown_year_is_reported_not_guessed(bureau_cli: CliRun) -> None:
    r = bureau_cli("calendar", "show", "2027")
    assert r.exit_code == 2
    assert "no working-day calendar for 2027" in r.output


def test_calendar_load_records_a_year_then_reloading_revises(bureau_cli: CliRun, tmp_path: Path) -> None:
    f = tmp_path / "2027.json"
    year = {
        "year": 2027,
        "source": "国务院办公厅关于2027年部分节假日安排的通知",
        "holidays": [{"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"}],
        "workdays": [],
    }
    f.write_text(json.dumps(year, ensure_ascii=False), encoding="utf-8")
    assert bureau_cli("calendar", "load", str(f)).exit_code == 0
    assert bureau_cli("calendar", "load", str(f)).exit_code == 1  # identical: refused
    year["workdays"] = [{"name": "春节", "day": "2027-02-06"}]
    f.write_text(json.dumps(year, ensure_ascii=False), encoding="utf-8")
    assert "revised" in bureau_cli("calendar", "load", str(f)).output
    shown = json.loads(bureau_cli("calendar", "show", "2027", "--format", "json").output)
    assert shown["version"] == 2 and shown["workdays"] == [{"date": "2027-02-06", "name": "春节"}]


def test_calendar_file_with_a_weekday_as_adjusted_working_day_is_invalid(
    bureau_cli: CliRun, tmp_path: Path
) -> None:
    f = tmp_path / "bad.json"
    f.write_text(
        json.dumps(
            {"year": 2027, "source": "x", "holidays": [], "workdays": [{"name": "春节", "day": "2027-02-08"}]}
        ),
        encoding="utf-8",
    )
    r = bureau_cli("calendar", "load", str(f))
    assert r.exit_code == 2 and "workdays" in r.output


def test_log_lists_every_event_with_actor_and_effective_date(bureau_cli: CliRun) -> None:
    rows = json.loads(bureau_cli("log", "--format", "json").output)
    assert [r["position"] for r in rows] == list(range(1, len(rows) + 1))
    assert rows[0]["event"] == "Organisation.Founded" and rows[0]["actor"] == "S001"
    assert rows[0]["effective"] == "2026-01-05"
    mine = json.loads(bureau_cli("log", "--aggregate", "staff:D01", "--format", "json").output)
    assert [r["event"] for r in mine] == [
        "Staff.Added",
        "Staff.RoleAssigned",
        "Staff.KeyRegistered",
        "Staff.RoleAssigned",
    ]
    later = json.loads(bureau_cli("log", "--since", "30", "--format", "json").output)
    assert later[0]["position"] == 30


def test_show_gives_state_and_history_and_an_earlier_version(bureau_cli: CliRun) -> None:
    now = json.loads(bureau_cli("show", "staff:D01", "--format", "json").output)
    assert now["version"] == 4 and "deputy_leader" in now["state"]["grants"]
    then = json.loads(bureau_cli("show", "staff:D01", "--version", "1", "--format", "json").output)
    assert then["version"] == 1 and len(then["history"]) == 1


def test_schema_lists_every_command(bureau_cli: CliRun) -> None:
    schemas = json.loads(bureau_cli("schema").output)
    assert {"org.staff.add", "calendar.record", "policy.seed"} <= set(schemas)
    assert "staff_id" in schemas["org.staff.add"]["properties"]


def test_every_command_has_help() -> None:
    def walk(group: click.Group, path: str) -> list[tuple[str, click.Command]]:
        found = []
        for name, cmd in group.commands.items():
            found.append((f"{path} {name}", cmd))
            if isinstance(cmd, click.Group):
                found += walk(cmd, f"{path} {name}")
        return found

    cli.load_all()
    commands = walk(cli, "ledger")
    assert {"ledger org staff add", "ledger decision draft", "ledger audit verify", "ledger correct"} <= {
        p for p, _ in commands
    }
    for path, cmd in commands:
        assert (cmd.help or "").strip(), f"{path} has no help"


def test_top_level_help_lists_every_system_without_loading_it_first() -> None:
    from click.testing import CliRunner

    result = CliRunner().invoke(cli, ["--help"])
    for word in (
        "org",
        "calendar",
        "policy",
        "decision",
        "catalogue",
        "assessment",
        "duties",
        "openday",
        "audit",
    ):
        assert f"  {word} " in result.output, word


def test_log_as_csv_has_a_header_and_one_row_per_event(bureau_cli: CliRun) -> None:
    lines = bureau_cli("log", "--format", "csv").output.removeprefix("\ufeff").strip().splitlines()
    assert lines[0] == "position,recorded,effective,actor,aggregate,event,summary"
    assert len(lines) - 1 == len(json.loads(bureau_cli("log", "--format", "json").output))


def test_a_db_that_cannot_hold_a_ledger_is_one_line_naming_db(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = tmp_path / "no-such-dir" / "ledger.db"
    for args in (["log"], ["--actor", "S001", "org", "unit", "add", "--code", "X", "--unit-name", "x"]):
        result = runner.invoke(cli, ["--db", str(missing), *args], catch_exceptions=False)
        assert result.exit_code == 2
        assert result.output == f"Error: db: {missing}: the directory {missing.parent} does not exist\n"
    assert not missing.parent.exists()
    text = tmp_path / "notes.db"
    text.write_text("not a database", encoding="utf-8")
    result = runner.invoke(cli, ["--db", str(text), "org", "list"], catch_exceptions=False)
    assert result.exit_code == 3  # the ledger could not be used
    assert result.output == (
        f"Error: db: {text}: is not a ledger (not an SQLite database); check --db / LEDGER_DB\n"
    )
    result = runner.invoke(cli, ["--db", str(tmp_path), "log"], catch_exceptions=False)
    assert result.exit_code == 3
    assert result.output.startswith(f"Error: db: {tmp_path}: is a folder, not a ledger")


def test_calendar_file_that_is_not_utf8_is_one_line(
    bureau_cli: CliRun, db_file: Path, tmp_path: Path
) -> None:
    before = stored_events(db_file)
    f = tmp_path / "2027.json"
    f.write_bytes(b"\xff\xfe{}")
    r = bureau_cli("calendar", "load", str(f))
    assert r.exit_code == 2 and r.output == f"Error: {f}: not UTF-8 text (byte 0)\n"
    assert stored_events(db_file) == before


def test_bad_references_name_the_option_and_exit_2(bureau_cli: CliRun) -> None:
    bad_ref = bureau_cli("log", "--aggregate", "nonsense")
    assert bad_ref.exit_code == 2 and bad_ref.output.startswith("Error: aggregate:")
    version_zero = bureau_cli("show", "staff:S002", "--version", "0")
    assert version_zero.exit_code == 2 and "--version" in version_zero.output


def test_a_read_of_a_mistyped_path_is_refused_and_creates_nothing(tmp_path: Path) -> None:
    from click.testing import CliRunner

    missing = tmp_path / "typo.db"
    result = CliRunner().invoke(cli, ["--db", str(missing), "log"])
    assert result.exit_code == 2 and result.output.startswith("Error: db: no ledger at")
    assert not missing.exists()


def test_a_value_outside_the_rules_list_cites_the_article_it_comes_from(
    bureau_cli: CliRun, db_file: Path
) -> None:
    before = stored_events(db_file)
    result = bureau_cli(
        "decision",
        "draft",
        "--decision",
        "YJJR-2026-99",
        "--title",
        "x",
        "--category",
        "八",
        "--unit",
        "FIN",
        "--draft",
        "x",
        "--background",
        "x",
        "--basis",
        "x",
        "--main-content",
        "x",
        actor="S002",
    )
    assert result.exit_code == 2
    assert result.output.startswith("Error: category:") and result.output.rstrip().endswith("(附件2 第三条)")
    assert stored_events(db_file) == before
    schema = json.loads(bureau_cli("schema", "decision.draft").output)["decision.draft"]
    assert schema["properties"]["category"]["article"] == "附件2 第三条"


def test_policy_load_records_a_new_version_and_refuses_a_repeat(
    bureau_cli: CliRun, db_file: Path, tmp_path: Path
) -> None:
    packaged = json.loads(
        (Path(__file__).resolve().parents[2] / "ledger" / "policy_data" / "yanjiang-2022.2.json").read_text(
            "utf-8"
        )
    )
    newer = {**packaged, "version": "yanjiang-2027.1", "effective_from": "2026-11-01"}
    newer["rules"] = {
        **packaged["rules"],
        "decision.comment_days.normal": {**packaged["rules"]["decision.comment_days.normal"], "value": 45},
    }
    f = tmp_path / "policy.json"
    f.write_text(json.dumps(newer, ensure_ascii=False), encoding="utf-8")
    assert bureau_cli("policy", "load", str(f)).exit_code == 0
    rows = json.loads(bureau_cli("policy", "show", "--format", "json").output)
    assert {"version": "yanjiang-2027.1", "key": "decision.comment_days.normal", "value": 45}.items() <= next(
        r for r in rows if r["version"] == "yanjiang-2027.1" and r["key"] == "decision.comment_days.normal"
    ).items()
    before = stored_events(db_file)
    repeat = bureau_cli("policy", "load", str(f))
    assert repeat.exit_code == 1 and "already recorded" in repeat.output
    f.write_text("{not json", encoding="utf-8")
    assert bureau_cli("policy", "load", str(f)).exit_code == 2
    assert stored_events(db_file) == before


def test_a_commands_help_is_its_docstrings_whole_first_paragraph_not_its_first_line() -> None:
    from click.testing import CliRunner

    result = CliRunner().invoke(cli, ["request", "extend", "--help"])
    text = " ".join(result.output.split())
    assert (
        "the head of the disclosure office approves it (the actor), and the requester is told (第三十三条)"
        in text
    )
