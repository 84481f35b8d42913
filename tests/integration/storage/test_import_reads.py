"""An import reads what its lines name in one query, not one query a line, and the rules
still see everything the store holds: a unit that exists is still refused as a new one."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest
from click.testing import CliRunner

from aggregates.org import Staff, Unit
from cli.main import cli
from ledger.application import LedgerApp
from ledger.interface import Ledger
from ledger.signing import KeyFolder
from ledger.storage.view_index import CHUNK as ID_BATCH
from tests.support.ledger import setup_bureau
from tests.support.postgres import MARKS, database
from tests.support.province import province_lines


def unit_lines(codes: list[str]) -> list[str]:
    return [
        json.dumps({"command": "org.unit.add", "code": c, "unit_name": f"{c}股", "effective": "2026-01-05"})
        for c in codes
    ]


def staff_lines(ids_and_units: list[tuple[str, str]]) -> list[str]:
    return [
        json.dumps(
            {"command": "org.staff.add", "staff_id": s, "staff_name": "测试", "unit": u}
            | {"effective": "2026-01-05"},
            ensure_ascii=False,
        )
        for s, u in ids_and_units
    ]


class CountedReads:
    """How often the recorder is asked for one aggregate's events."""

    def __init__(self, app: LedgerApp, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        recorder: Any = app.recorder
        original = recorder.select_events

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(recorder, "select_events", counted)


def test_the_store_says_which_of_many_ids_it_holds_beyond_one_querys_worth(bureau: LedgerApp) -> None:
    held = {Staff.id_for("S001"), Unit.id_for("FIN")}
    unknown = {uuid4() for _ in range(ID_BATCH + 5)}
    assert bureau.recorder.stored_originators(held | unknown) == held  # type: ignore[attr-defined]
    assert bureau.recorder.stored_originators(set()) == set()  # type: ignore[attr-defined]


def test_an_import_of_new_units_and_their_staff_does_not_read_once_a_line(
    bureau: LedgerApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    codes = [f"N{i:03d}" for i in range(60)]
    lines = unit_lines(codes) + staff_lines([(f"T{i:03d}", code) for i, code in enumerate(codes)])
    reads = CountedReads(bureau, monkeypatch)
    count, problems = Ledger(":memory:", app=bureau).import_lines(lines, "S001")
    assert (count, problems) == (120, [])
    assert reads.calls < 10  # the actor, the organisation, the act's chain: not 120 new ids
    assert bureau.get(Staff, Staff.id_for("T059")) is not None


def test_an_import_that_adds_a_unit_the_store_holds_is_refused_and_writes_nothing(bureau: LedgerApp) -> None:
    before = bureau.max_position()
    count, problems = Ledger(":memory:", app=bureau).import_lines(unit_lines(["NEW1", "FIN"]), "S001")
    assert count == 0
    assert [(p.line, p.field, p.exit_code) for p in problems] == [(2, "code", 1)]
    assert "already exists" in problems[0].rule
    assert bureau.max_position() == before


def test_an_import_adding_staff_to_a_unit_the_store_holds_reads_that_unit(bureau: LedgerApp) -> None:
    count, problems = Ledger(":memory:", app=bureau).import_lines(
        staff_lines([("T100", "FIN"), ("T101", "NOSUCH")]), "S001"
    )
    assert count == 0
    assert [(p.line, p.field) for p in problems] == [(2, "unit")]


@pytest.fixture
def bureau_file(tmp_path: Path, keys: KeyFolder) -> str:
    db = str(tmp_path / "ledger.db")
    app = LedgerApp(db, keys=keys)
    setup_bureau(app)
    app.close()
    return db


@pytest.fixture
def pg_bureau(keys: KeyFolder) -> Iterator[LedgerApp]:
    with database() as url:
        app = LedgerApp(url, keys=keys)
        setup_bureau(app)
        try:
            yield app
        finally:
            app.close()


def on_postgres(test: Any) -> Any:
    """Runs when LEDGER_TEST_POSTGRES names a server (see tests/support/postgres.py)."""
    for mark in MARKS:
        test = mark(test)
    return test


@on_postgres
def test_postgres_says_which_of_many_ids_it_holds_and_still_refuses_a_unit_it_holds(
    pg_bureau: LedgerApp,
) -> None:
    held = {Staff.id_for("S001"), Unit.id_for("FIN")}
    unknown: set[UUID] = {uuid4() for _ in range(ID_BATCH + 5)}
    assert pg_bureau.recorder.stored_originators(held | unknown) == held  # type: ignore[attr-defined]
    ledger = Ledger(pg_bureau.db, app=pg_bureau)
    count, problems = ledger.import_lines(unit_lines(["P1", "P2", "FIN"]), "S001")
    assert count == 0 and [(p.line, p.field) for p in problems] == [(3, "code")]
    count, problems = ledger.import_lines(unit_lines(["P1", "P2"]), "S001")
    assert (count, problems) == (2, [])


def imported_then_verified_and_replayed(db: str, key_folder: Path, lines: list[str], tmp_path: Path) -> None:
    """``ledger import`` of ``lines``, then ``audit verify`` and ``audit replay`` both exit 0."""
    path = tmp_path / "province.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    runner = CliRunner()
    for args in (["import", str(path)], ["audit", "verify"], ["audit", "replay"]):
        result = runner.invoke(cli, ["--db", db, "--keys", str(key_folder), *args], catch_exceptions=False)
        assert result.exit_code == 0, (args, result.output[-800:])


def test_a_province_import_of_units_staff_and_commented_decisions_verifies_and_replays(
    bureau_file: str, key_folder: Path, tmp_path: Path
) -> None:
    imported_then_verified_and_replayed(bureau_file, key_folder, province_lines(600), tmp_path)


@on_postgres
def test_a_province_import_on_postgres_verifies_and_replays(
    pg_bureau: LedgerApp, key_folder: Path, tmp_path: Path
) -> None:
    imported_then_verified_and_replayed(pg_bureau.db, key_folder, province_lines(600), tmp_path)
