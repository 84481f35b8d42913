"""The installed `ledger` as a clerk runs it: a real process on a real SQLite file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.cli import ORG_INIT

LEDGER = shutil.which("ledger", path=str(Path(sys.executable).parent))


def ledger(db: Path, *args: str, actor: str | None = "S001") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LEDGER_DB": str(db), "XDG_CONFIG_HOME": str(db.parent / "config")}
    for var in ("LEDGER_ACTOR", "LEDGER_KEY", "LEDGER_KEYS"):
        env.pop(var, None)
    if actor:
        env["LEDGER_ACTOR"] = actor
    assert LEDGER, "the ledger console script is installed in the venv"
    return subprocess.run([LEDGER, *args], env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.skipif(LEDGER is None, reason="console script not installed")
def test_a_clerk_sets_up_the_bureau_and_an_auditor_reads_the_log(tmp_path: Path) -> None:
    db = tmp_path / "bureau.db"
    made = ledger(db, "key", "new", "--staff-id", "S001", actor=None)  # into the clerk's own key folder
    assert made.returncode == 0 and (tmp_path / "config/gongkai-ledger/keys/S001.pem").is_file()
    assert ledger(db, *ORG_INIT).returncode == 0
    assert ledger(db, "calendar", "seed").returncode == 0
    assert ledger(db, "org", "unit", "add", "--code", "FIN", "--unit-name", "金融股").returncode == 0
    done = ledger(db, "org", "staff", "add", "--staff-id", "S002", "--staff-name", "李明", "--unit", "FIN")
    assert done.returncode == 0 and "S002 李明 added to FIN" in done.stdout

    refused = ledger(db, "org", "unit", "add", "--code", "X", "--unit-name", "x", actor="S002")
    assert refused.returncode == 1
    assert refused.stderr.startswith("Error: actor: S002 may not manage the organisation")

    rows = json.loads(ledger(db, "log", "--format", "json", actor=None).stdout)
    assert rows[-1]["event"] == "SignedAct.Signed" and rows[-1]["actor"] == "S001"
    assert rows[-2]["event"] == "Staff.RoleAssigned"
    # founding (org, office, clerk + role + key), 23 years, FIN, S002 + role: four acts, each signed
    assert len(rows) == 5 + 23 + 1 + 2 + 4
