"""The board and the register read a page at a time on PostgreSQL as on SQLite: the same rows
in the same order, the same counts. Runs when LEDGER_TEST_POSTGRES names a server."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cli.main import cli
from ledger.interface import Ledger
from ledger.interface.decision import decision_list, decision_page
from tests.support.clerks import comment_args, number, published_decisions
from tests.support.postgres import database

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not os.environ.get("LEDGER_TEST_POSTGRES"), reason="set LEDGER_TEST_POSTGRES"),
]


def pages(db: str) -> tuple[Any, ...]:
    """Every read of a page, after a comment recorded past the stored views."""
    board = Ledger(db)
    whole = board.deadlines()
    assert [r for k in range(0, len(whole) + 3, 3) for r in board.board(limit=3, offset=k).rows] == whole
    args = ["--db", db, "--actor", "S002", *comment_args(number(1), "晚到的一条意见")]
    assert CliRunner().invoke(cli, args, catch_exceptions=False).exit_code == 0
    again = Ledger(db)
    return (
        again.deadlines(),
        again.board(states=["closed", "open"], limit=2).counts,
        decision_list(again),
        decision_page(again, limit=2, offset=2).rows,
    )


def test_pages_on_postgresql_are_the_pages_on_sqlite(tmp_path: Path) -> None:
    with database() as url:
        for db in (url, str(tmp_path / "ledger.db")):
            published_decisions(db, 5, approved=1)  # type: ignore[arg-type]
        on_postgres, on_sqlite = pages(url), pages(str(tmp_path / "ledger.db"))
    ids = {r["key"] for r in on_sqlite[0]}
    assert len(ids) == len(on_sqlite[0]) >= 10
    assert on_postgres == on_sqlite
