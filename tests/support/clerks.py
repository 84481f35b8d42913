"""Real `ledger` processes, as clerks and supervisors start them, and the ledger they share."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from ledger.application import LedgerApp
from tests.support.ledger import run, setup_bureau

LEDGER = shutil.which("ledger", path=str(Path(sys.executable).parent))


def number(i: int) -> str:
    return f"YJJR-2026-{i:02d}"


def published_decisions(db: Path, count: int, approved: int = 0) -> None:
    """The bureau and ``count`` decisions of FIN, each published 2026-09-01 for comments,
    then ``approved`` more that are approved for pre-disclosure but not yet published."""
    app = LedgerApp(str(db))
    try:
        setup_bureau(app)
        for i in range(1, count + approved + 1):
            n = number(i)
            run(
                app,
                "S002",
                "decision.draft",
                decision=n,
                title=f"试点办法{i}",
                category="二",
                unit="FIN",
                draft="第一条 为规范……",
                background="背景",
                basis="依据",
                main_content="内容",
                effective="2026-08-03",
            )
            run(app, "S002", "decision.review.clear", decision=n, effective="2026-08-10")
            run(
                app,
                "D01",
                "decision.discuss",
                decision=n,
                approved=True,
                meeting="局党组会",
                attendees=["张局长"],
                effective="2026-08-20",
            )
            if i > count:
                continue
            run(
                app,
                "S002",
                "decision.publish",
                decision=n,
                channels=["portal"],
                email="zqyj@example.gov.cn",
                contact="金融股 028-26650101",
                effective="2026-09-01",
            )
    finally:
        app.close()


def comment_args(decision: str, text: str, effective: str = "2026-09-10") -> tuple[str, ...]:
    """`ledger decision comment receive` of an e-mailed comment, received on ``effective``."""
    return ("decision", "comment", "receive", "--decision", decision, "--channel", "email", "--text", text,
            "--effective", effective)  # fmt: skip


def as_reader() -> list[str]:
    """The prefix that runs a process without root's power to ignore file modes: a read-only
    file is read-only to it (the tests may run as root, whom modes do not stop)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: file modes cannot be made to bind")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--"]


def environment(actor: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEDGER_")}
    if actor:
        env["LEDGER_ACTOR"] = actor
    return env


def ledger(
    db: str | Path, *args: str, actor: str | None = None, reader: bool = False, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """One `ledger` process; ``reader``: one that file modes bind, even under root."""
    assert LEDGER, "the ledger console script is installed in the venv"
    prefix = as_reader() if reader else []
    return subprocess.run(
        [*prefix, LEDGER, "--db", str(db), *args],
        env=environment(actor),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def at_once(db: str | Path, commands: Sequence[tuple[str, ...]], actor: str) -> list[tuple[int, str, str]]:
    """Start one `ledger` process per command, all at once; (exit code, stdout, stderr) of each."""
    assert LEDGER, "the ledger console script is installed in the venv"
    procs = [
        subprocess.Popen(
            [LEDGER, "--db", str(db), *args],
            env=environment(actor),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for args in commands
    ]
    out = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=60)
        out.append((p.returncode, stdout, stderr))
    return out
