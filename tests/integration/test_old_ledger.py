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
    assert report["ok"] and report["events"] == 282
    by_name = {p["projection"]: p for p in report["projections"]}
    assert by_name["notices"]["rows"] > 0  # the old code's public facts, stored as its views
    assert all(p["same"] for p in report["projections"]), report
