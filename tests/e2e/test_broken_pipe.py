"""A read piped into `head` stops quietly: no traceback, no 'this is a bug', exit 0."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_a_long_read_piped_into_head_stops_quietly(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    subprocess.run([sys.executable, "-m", "ledger.demo", "--db", str(db)], check=True, capture_output=True)
    ledger = Path(sys.executable).with_name("ledger")
    env = {**os.environ, "LEDGER_DB": str(db)}
    # the demo's board is printed at once; `head` closes the pipe before it is all read
    shell = f"'{ledger}' deadlines | head -1 >/dev/null; exit ${{PIPESTATUS[0]}}"
    done = subprocess.run(["bash", "-c", shell], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
