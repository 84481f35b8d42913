"""A ledger written before the restructure still loads, verifies and replays.

``tests/data/demo-before-restructure.sqlite`` is the demo ledger as the code before the
move wrote it: its events carry topics such as ``aggregates.decision:Decision.Published``
and its live views (public facts included) were derived by the old code. Replay compares
those stored views with a rebuild by today's code, so the same facts come out of both.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from click.testing import CliRunner
from eventsourcing.utils import get_topic, resolve_topic

from aggregates.base import Event
from cli.main import cli
from ledger.systems import VIEWS_VERSION

OLD = Path(__file__).resolve().parent.parent / "data" / "demo-before-restructure.sqlite"


def old_copy(tmp_path: Path) -> Path:
    db = tmp_path / "old.sqlite"
    shutil.copyfile(OLD, db)
    return db


def test_every_stored_topic_still_names_its_event_class(tmp_path: Path) -> None:
    with sqlite3.connect(old_copy(tmp_path)) as conn:
        topics = [t for (t,) in conn.execute("SELECT DISTINCT topic FROM stored_events")]
    conn.close()
    assert any(t.startswith("aggregates.decision:Decision.") for t in topics)
    for topic in topics:
        cls = resolve_topic(topic)
        assert isinstance(cls, type) and issubclass(cls, Event), topic
        assert resolve_topic(get_topic(cls)) is cls  # the same class as new events name
        assert topic.rsplit(":", 1)[1] == cls.__qualname__  # Decision.Published, not a look-alike


def test_audit_verify_and_replay_pass_on_a_ledger_written_before_the_move(tmp_path: Path) -> None:
    db = old_copy(tmp_path)
    runner = CliRunner()
    verified = runner.invoke(cli, ["--db", str(db), "audit", "verify"])
    assert verified.exit_code == 0, verified.output
    assert "verified" in verified.output
    replayed = runner.invoke(cli, ["--db", str(db), "audit", "replay", "--format", "json"])
    assert replayed.exit_code == 0, replayed.output
    report = json.loads(replayed.output)
    assert report["events"] == 282 and report["ok"]
    by_name = {p["projection"]: p for p in report["projections"]}
    assert by_name["notices"]["rows"] > 0
    assert all(p["same"] and not p["differences"] for p in report["projections"]), report


def test_views_derived_by_older_rules_are_rebuilt_not_trusted(tmp_path: Path) -> None:
    """Rules changed since that ledger's views were derived (附件3 has no acceptance deadline;
    notices take the portal's form): its stored rows would now differ from a rebuild. They are
    stored under the old rules' version, so the first read rebuilds each view from the log."""
    db = old_copy(tmp_path)
    with sqlite3.connect(db) as conn:
        before = {name for (name,) in conn.execute("SELECT DISTINCT projection FROM projection_rows")}
    conn.close()
    assert "deadlines" in before  # derived by the old rules, under the old name
    board = CliRunner().invoke(cli, ["--db", str(db), "deadlines", "--format", "json"])
    assert board.exit_code == 0, board.output
    keys = {row["key"] for row in json.loads(board.output)}
    assert not any(key.endswith(":accept") for key in keys)  # the old rule's rows are not shown
    with sqlite3.connect(db) as conn:
        after = {name for (name,) in conn.execute("SELECT DISTINCT projection FROM projection_rows")}
    conn.close()
    assert after - before == {f"deadlines@{VIEWS_VERSION}"}
