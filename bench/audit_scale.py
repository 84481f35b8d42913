"""`audit verify` and `audit replay` against their anchors on a ledger already built
(``bench/scale.py --dir D`` keeps them), without building it again.

Usage: ``python bench/audit_scale.py DIR [DIR ...] [--repeat N]``; each DIR holds
``province.db`` and ``keys``. Each case is a process of its own (wall time, peak RSS), the
anchors interleaved with the ledger's own runs as in ``bench/scale.py``. A replay is run
once first, untimed, so the live views are caught up (a ledger copied from an older
VIEWS_VERSION rebuilds them on its first read).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import BIN, DECODE_FOLD, RAW_SELECT, compile_ours, line, median, ratio

CPU: dict[int, float] = {}  # id of a case's result -> its CPU seconds (user + system)


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """``scale.timed`` that also keeps the child's CPU time: on a machine shared with other
    work, CPU seconds move less with the load than wall seconds."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE)
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}")
    result = (time.perf_counter() - start, usage.ru_maxrss / 1024, out.decode())
    CPU[id(result)] = usage.ru_utime + usage.ru_stime
    return result


def cpu(cases: list[tuple[float, float, str]]) -> float:
    return sorted(CPU[id(c)] for c in cases)[len(cases) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=("verify", "replay"), default=None)
    parser.add_argument("--caught-up", action="store_true", help="the views are caught up: no first replay")
    args = parser.parse_args()
    py, ledger = str(BIN / "python"), str(BIN / "ledger")
    compile_ours()
    for where in args.dirs:
        db = where / "province.db"
        env = {"LEDGER_DB": str(db), "LEDGER_ACTOR": "S001", "LEDGER_KEYS": str(where / "keys")}
        n = int(timed([py, "-c", RAW_SELECT, str(db)])[2])
        if args.only != "verify" and not args.caught_up:
            timed([ledger, "audit", "replay"], env)  # the live views caught up, untimed
        cases: dict[str, list[tuple[float, float, str]]] = {
            k: [] for k in ("select", "verify", "fold", "replay")
        }
        for _ in range(args.repeat):
            if args.only != "replay":
                cases["select"].append(timed([py, "-c", RAW_SELECT, str(db)]))
                cases["verify"].append(timed([ledger, "audit", "verify"], env))
            if args.only != "verify":
                cases["fold"].append(timed([py, "-c", DECODE_FOLD, str(db)]))
                cases["replay"].append(timed([ledger, "audit", "replay"], env))
        print(f"\n== {where}: {n:,} events ==")
        if cases["verify"]:
            sel, ver = median(cases["select"]), median(cases["verify"])
            line("raw: select_notifications, every page (anchor)", *sel, n)
            line("ledger audit verify", *ver, n, f"{ratio(sel[0], ver[0])} rate (target >= 0.8x)")
            a, b = cpu(cases["select"]), cpu(cases["verify"])
            print(f"  cpu seconds: select {a:.2f}, verify {b:.2f}: {ratio(a, b)}")
        if cases["replay"]:
            fold, rep = median(cases["fold"]), median(cases["replay"])
            line("raw: decode every event + plain fold (anchor)", *fold, n)
            line("ledger audit replay", *rep, n, f"{ratio(fold[0], rep[0])} rate (target >= 0.7x)")
            a, b = cpu(cases["fold"]), cpu(cases["replay"])
            print(f"  cpu seconds: decode + fold {a:.2f}, replay {b:.2f}: {ratio(a, b)}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
