"""`ledger request` and `ledger annual-report` with bad input, as a real process: the exit code
says what went wrong, the error names the field (and the article, for a rule), no traceback
reaches the clerk, and nothing is written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.e2e.test_subprocess import LEDGER, ledger
from tests.support.cli import ORG_INIT

RECEIVE = ("request", "receive", "--request", "YSQ-2026-001", "--requester-kind", "natural_person",
           "--requester-name", "张某", "--contact", "13800000000", "--asked", "融资担保备案情况",
           "--effective", "2026-09-07")  # fmt: skip


def events(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("select count(*) from stored_events").fetchone()[0])


@pytest.mark.skipif(LEDGER is None, reason="console script not installed")
def test_bad_request_and_annual_report_input_exits_cleanly_and_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "bureau.db"
    assert ledger(db, "key", "new", "--staff-id", "S001", actor=None).returncode == 0
    assert ledger(db, *ORG_INIT).returncode == 0
    assert ledger(db, "calendar", "seed").returncode == 0
    assert ledger(db, "policy", "seed").returncode == 0
    assert ledger(db, *RECEIVE, "--channel", "online", "--confirmed", "2026-09-07").returncode == 0
    cases = [
        ((*RECEIVE[:3], "YSQ-2026-002", *RECEIVE[4:], "--channel", "pigeon"), 2, "channel:", None),
        ((*RECEIVE[:3], "YSQ-2026-002", *RECEIVE[4:], "--channel", "fax"), 2, "confirmed:", "第三十一条"),
        ((*RECEIVE, "--channel", "online", "--confirmed", "2026-09-07"), 1, "request:", None),
        (("request", "answer", "--request", "YSQ-2026-009", "--outcome", "disclosed"), 2, "request:", None),
        (
            (
                "request",
                "answer",
                "--request",
                "YSQ-2026-001",
                "--outcome",
                "disclosed",
                "--fee",
                "-5",
                "--effective",
                "2026-09-08",
            ),
            1,
            "fee:",
            "第四十二条",
        ),
        (
            ("request", "extend", "--request", "YSQ-2026-001", "--days", "-3", "--reason", "x"),
            2,
            "days:",
            None,
        ),
        (("annual-report", "publish", "2026", "--effective", "2026-12-01"), 1, "effective:", "第四十九条"),
        (("annual-report", "text", "2026", "--part", "overview", "--text", ""), 2, "text:", None),
    ]
    for args, code, field, article in cases:
        before = events(db)
        done = ledger(db, *args)
        said = f"{args}: {done.returncode} {done.stderr}"
        assert done.returncode == code, said
        assert field in done.stderr and "Traceback" not in done.stderr + done.stdout, said
        assert article is None or article in done.stderr, said
        assert events(db) == before, said
