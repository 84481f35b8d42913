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
from tests.support.postgres import sql as pg_sql

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


def prefix_plan(url: str) -> str:
    """How PostgreSQL reads the stored rows under a prefix (as on a large table: no seq scan)."""
    import psycopg

    from ledger.storage.view_index import IndexSQL
    from ledger.storage.views_sqlite import VIEW_TABLE
    from ledger.systems import stored_view_name

    query, params = IndexSQL("%s", VIEW_TABLE, "projection_index", collate=' COLLATE "C"').get_under(
        stored_view_name("deadlines"), "x|"
    )
    with psycopg.connect(url) as conn:
        conn.execute("SET enable_seqscan = off")  # the plan a large table gets, on a small one
        return "\n".join(line for (line,) in conn.execute(f"EXPLAIN {query}", params).fetchall())


def range_through_an_index(plan: str) -> bool:
    """The prefix's code-point range is an index condition, not a filter over every row."""
    return "Index Cond" in plan and ">= 'x|'" in plan.split("Index Cond", 1)[1].split("\n", 1)[0]


def test_a_prefix_of_stored_rows_is_read_through_an_index_whatever_the_databases_collation() -> None:
    """A catch-up over an overlay and `decision show` read the rows under a prefix, compared in
    code-point order (``COLLATE "C"``): this database is not C-collated (C.UTF-8 here), and the
    key is declared ``COLLATE "C"``, so its primary key serves the range, with no second index."""
    with database() as url:
        published_decisions(url, 2, approved=1)  # type: ignore[arg-type]
        Ledger(url).deadlines()  # the views stored
        ((collation,),) = pg_sql(url, "SELECT datcollate FROM pg_database WHERE datname = current_database()")
        assert collation != "C"
        plan = prefix_plan(url)
        made = pg_sql(url, "SELECT indexname FROM pg_indexes WHERE tablename = 'projection_rows'")
    assert range_through_an_index(plan) and "projection_rows_pkey" in plan, plan
    assert {name for (name,) in made} == {"projection_rows_pkey"}


def test_a_view_table_made_before_in_the_databases_collation_gains_an_index_in_code_point_order() -> None:
    with database() as url:
        pg_sql(
            url,
            "CREATE TABLE projection_rows (projection text NOT NULL, key text NOT NULL, "
            "value text NOT NULL, PRIMARY KEY (projection, key))",
        )
        published_decisions(url, 2, approved=1)  # type: ignore[arg-type]
        Ledger(url).deadlines()
        plan = prefix_plan(url)
    assert range_through_an_index(plan) and "projection_rows_key_c" in plan, plan
