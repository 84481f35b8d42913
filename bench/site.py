"""`make bench` (site): building the demo year's website against writing the same notices as
loose files (`ledger notices --out DIR --format html`), each a fresh `ledger` process, median
of BENCH_SITE_RUNS (default 5) runs. Target: the site in under 2 s. No pass/fail."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
RUNS = int(os.environ.get("BENCH_SITE_RUNS", "5"))


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "demo.db"
        subprocess.run(
            [str(BIN / "python"), "-m", "ledger.demo", "--db", str(db)], check=True, capture_output=True
        )
        ledger = [str(BIN / "ledger"), "--db", str(db)]
        subprocess.run(
            [*ledger, "site", "build", str(folder / "warm")], check=True, capture_output=True
        )  # views caught up
        site, loose = [], []
        for i in range(RUNS):  # in turn, so both see the same machine load
            shutil.rmtree(folder / "site", ignore_errors=True)
            site.append(timed([*ledger, "site", "build", str(folder / "site")]))
            loose.append(timed([*ledger, "notices", "--out", str(folder / f"loose-{i}"), "--format", "html"]))
        files = sum(1 for p in (folder / "site").rglob("*") if p.is_file())
        s, n = statistics.median(site), statistics.median(loose)
        print(f"\nsite: the demo year, median of {RUNS} processes each (target: the site < 2 s)")
        print(f"  ledger notices --out (loose HTML files)   {n:6.2f} s")
        print(f"  ledger site build ({files} files)          {s:6.2f} s   {s / n:5.2f}x the loose notices")


if __name__ == "__main__":
    main()
