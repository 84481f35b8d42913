"""`make bench`: figures and ratios against baselines measured in the same run; no pass/fail.

1. A cold `ledger` write (one staff member added, a new process each time) against a
   process that only imports eventsourcing, pydantic, click and pendulum.
2. `ledger import` of 20,000 commands (one event each) against eventsourcing's own
   batched save of 20,000 plain events into SQLite.
3. The cost of signing: both writes again on a ledger founded with signing optional and
   no keys (the unsigned path), each signed write's rate as a ratio of the unsigned one's.

Each case runs in its own process; wall time and peak memory (max RSS) are reported.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scale import compile_ours  # bench/ is the script's folder, first on sys.path

BIN = Path(sys.executable).parent
N_IMPORT = int(os.environ.get("BENCH_IMPORT", "20000"))
COLD_RUNS = int(os.environ.get("BENCH_COLD_RUNS", "7"))


def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode() if proc.stderr else ''}")
    return wall, usage.ru_maxrss / 1024


def median_run(cmds: list[list[str]], env: dict[str, str] | None = None) -> tuple[float, float]:
    results = [run(c, env) for c in cmds]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


BASELINE_SAVE = """
import sys, time
from eventsourcing.application import Application
from eventsourcing.domain import Aggregate

class Unit(Aggregate):
    def __init__(self, code: str, name: str) -> None:
        self.code = code
        self.name = name

app = Application(env={"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": sys.argv[1]})
n = int(sys.argv[2])
app.save(*[Unit(code=f"U{i}", name=f"股室{i}") for i in range(n)])
assert app.recorder.max_notification_id() == n
"""

SETUP = """
import sys
from pathlib import Path
from ledger.interface import Ledger, build
from ledger.demo.__main__ import demo_keys, public_keys
from ledger.demo.org import steps
db, signed = sys.argv[1], sys.argv[2] == "signed"
keys = demo_keys(Path(sys.argv[3])) if signed else None
ledger = Ledger(db, keys=keys)
setup = steps(public_keys(keys)) if keys else [
    (a, n, {**f, "signing": "optional"} if n == "org.init" else f) for a, n, f in steps()
]
for actor, name, fields in setup:
    ledger.run([build(name, fields)], actor)
ledger.close()
"""


def row(label: str, wall: float, rss: float, base: float | None = None, per: int | None = None) -> str:
    ratio = f"{wall / base:6.2f}x" if base else "   1.00x"
    rate = f"{per / wall:10,.0f}/s" if per else " " * 12
    return f"  {label:<58} {wall * 1000:9.1f} ms {rss:8.1f} MiB {rate} {ratio}"


def staff_add(i: int, prefix: str = "B") -> list[str]:
    return [
        str(BIN / "ledger"),
        "org",
        "staff",
        "add",
        "--staff-id",
        f"{prefix}{i:03d}",
        "--staff-name",
        "测试",
        "--unit",
        "FIN",
    ]


def main() -> None:
    py = str(BIN / "python")
    compile_ours()
    ledger = str(BIN / "ledger")
    with tempfile.TemporaryDirectory() as tmp:
        db, plain_db, keys = Path(tmp) / "bench.db", Path(tmp) / "unsigned.db", Path(tmp) / "keys"
        subprocess.run([py, "-c", SETUP, str(db), "signed", str(keys)], check=True)
        subprocess.run([py, "-c", SETUP, str(plain_db), "unsigned", ""], check=True)
        env = {"LEDGER_DB": str(db), "LEDGER_ACTOR": "S001", "LEDGER_KEYS": str(keys)}
        plain_env = {
            "LEDGER_DB": str(plain_db),
            "LEDGER_ACTOR": "S001",
            "LEDGER_KEYS": str(Path(tmp) / "none"),
        }

        print(f"1. cold write: median of {COLD_RUNS} processes")
        imports = "import eventsourcing.application, pydantic, click, pendulum"
        base_wall, base_rss = median_run([[py, "-c", imports]] * COLD_RUNS)
        write_cmds = [
            [
                ledger,
                "org",
                "staff",
                "add",
                "--staff-id",
                f"B{i:03d}",
                "--staff-name",
                "测试",
                "--unit",
                "FIN",
            ]
            for i in range(COLD_RUNS)
        ]
        walls: dict[str, list[float]] = {"signed": [], "unsigned": []}
        rss = 0.0
        for i, cmd in enumerate(write_cmds):  # in turn, so a load on the machine weighs on both alike
            for label, where in (("unsigned", plain_env), ("signed", env)):
                one, peak = run(cmd if label == "signed" else staff_add(i, "U"), where)
                walls[label].append(one)
                rss = max(rss, peak)
        wall, plain_wall = statistics.median(walls["signed"]), statistics.median(walls["unsigned"])
        print(
            row("baseline: python -c 'import eventsourcing…, pydantic, click, pendulum'", base_wall, base_rss)
        )
        print(row("ledger org staff add (one staff member, 2 events, signed)", wall, rss, base_wall))
        print(row("the same on an unsigned ledger (signing optional, no key)", plain_wall, rss, base_wall))
        cold_ratio = plain_wall / wall

        print(f"\n2. bulk: {N_IMPORT:,} commands / events")
        base_db = Path(tmp) / "baseline.db"
        base_wall, base_rss = run([py, "-c", BASELINE_SAVE, str(base_db), str(N_IMPORT)])
        jsonl = Path(tmp) / "units.jsonl"
        with jsonl.open("w", encoding="utf-8") as f:
            for i in range(N_IMPORT):
                line = {
                    "command": "org.unit.add",
                    "code": f"U{i}",
                    "unit_name": f"股室{i}",
                    "effective": "2026-01-05",
                }
                f.write(json.dumps(line, ensure_ascii=False) + "\n")
        plain_wall, plain_rss = run([ledger, "import", str(jsonl)], plain_env)
        wall, rss = run([ledger, "import", str(jsonl)], env)
        print(
            row(
                "baseline: eventsourcing Application.save(*aggregates), SQLite",
                base_wall,
                base_rss,
                per=N_IMPORT,
            )
        )
        print(
            row(
                "ledger import (validate all, one transaction, one signed act)",
                wall,
                rss,
                base_wall,
                per=N_IMPORT,
            )
        )
        print(row("the same on an unsigned ledger", plain_wall, plain_rss, base_wall, per=N_IMPORT))
        print("\nratios are against the baseline measured just above, in this run")
        print("\n3. signing: a signed write's rate as a ratio of the unsigned one's (target >= 0.8x)")
        print(f"  cold write (median of {COLD_RUNS} each, in turn)      {cold_ratio:6.2f}x")
        print(f"  import of {N_IMPORT:,} commands                      {plain_wall / wall:6.2f}x")


if __name__ == "__main__":
    main()
