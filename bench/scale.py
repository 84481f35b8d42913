"""`make bench-scale`: a province-sized ledger at each size, each figure beside its anchor.

For each size (``SIZES=10k,100k``; ``1m`` opt-in: it takes long) a ledger is built from
``bench/province.py`` (deterministic), then, every case a process of its own (wall time;
peak RSS from the child's rusage), anchors measured in the same run, interleaved:

- import: ``Ledger.import_lines`` chunk by chunk (all-or-nothing per chunk, signed)
  against eventsourcing's own batched ``Application.save()`` of as many plain events,
  chunk by chunk in turn (both in one process, so the two rates meet the same load);
- the first ``ledger deadlines`` and ``ledger decision list`` after the import (the views
  catching up), then the steady reads (median of ``BENCH_REPEAT``);
- a steady read right after a clerk's one write (a staff addition), beside the caught-up read;
- historical reads of the board (``HISTORY``): ``--known-at`` the moment the ledger was half
  recorded and when 99% of it was, ``--as-of`` a month before its last effective day (median);
- ``ledger audit verify`` against eventsourcing's raw ``select_notifications``, page by page;
- ``ledger audit replay`` (must find every projection equal to its rebuild) against
  eventsourcing's decode of every event plus a plain fold (each aggregate mutated in a dict);

then growth from each size to the next (time and peak RSS). The figures are also written
as JSON (``--json``) so the README can quote them.

The same loop runs on each backend of ``--db`` (``sqlite``, ``postgres`` or both, one
section each): only where the ledger lives differs (``Backend``). On PostgreSQL
(``--postgres URL``, a role that may create databases: ``make bench-scale DB=postgres``
starts a server of its own) each size gets fresh databases on that server, the ledger's
and the raw save's, and every anchor runs against the same server: eventsourcing's
``Application.save()`` through its POSTGRES persistence module, ``select_notifications``
through its ``PostgresApplicationRecorder``, the decode + fold through the ledger's app.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse, urlunparse

from ledger.storage import mask

BIN = Path(sys.executable).parent
HERE = Path(__file__).resolve().parent
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
CHUNK = int(os.environ.get("BENCH_CHUNK", "20000"))  # events per import (one file, one transaction)


def parse_size(text: str) -> int:
    text = text.strip().lower()
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * scale)


def label(n: int) -> str:
    return f"{n // 1_000_000}M" if n % 1_000_000 == 0 else f"{n // 1000}k" if n % 1000 == 0 else str(n)


def compile_ours() -> None:
    """Byte-compile our packages before any process is timed, so each loads bytecode as the
    floor's libraries do (pip compiles what it installs). Without it, an editable checkout run
    with ``PYTHONDONTWRITEBYTECODE`` (as our sessions are) compiles every module of ours again
    in every process, and a cold start is timed with a compiler the floor never pays."""
    root = Path(__file__).resolve().parent.parent
    packages = [str(root / p) for p in ("aggregates", "ledger", "projections", "cli")]
    subprocess.run([sys.executable, "-m", "compileall", "-q", *packages], check=True)


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Like ``run`` but peak RSS from ``os.wait4`` of exactly this child."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, env={**os.environ, **(env or {})}, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            said = f"failed ({proc.returncode}): {' '.join(cmd)}\n{err.read().decode()[-2000:]}"
            raise SystemExit(mask(said))  # a PostgreSQL URL's password as ***
        return wall, usage.ru_maxrss / 1024, out.read().decode()


BUILD = """
import json, os, sys, time
sys.path.insert(0, sys.argv[4])
from pathlib import Path
import province
from eventsourcing.application import Application
from eventsourcing.domain import Aggregate
from ledger.interface import Ledger, build
from ledger.demo.__main__ import demo_keys, public_keys
from ledger.demo.org import steps

class Unit(Aggregate):
    def __init__(self, code: str, name: str) -> None:
        self.code = code
        self.name = name

db, events, chunk = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
keys = demo_keys(Path(sys.argv[5]))
ledger = Ledger(db, keys=keys)
for actor, name, fields in steps(public_keys(keys)) + province.setup_steps():
    ledger.run([build(name, fields)], actor)
raw = Application(env=json.loads(os.environ["BENCH_RAW_ENV"]))  # eventsourcing's own persistence

def imported(lines):
    before = ledger.app.max_position()
    started = time.perf_counter()
    count, problems = ledger.import_lines([json.dumps(x, ensure_ascii=False) for x in lines], None)
    seconds = time.perf_counter() - started
    assert not problems, problems[:3]
    return ledger.app.max_position() - before, seconds

# events a unit, a staff member and each decision life make, measured on this ledger
events_of = {"unit": 2, "staff": 3}
for n in province.LIVES:
    events_of[n] = imported(province._renamed(province._padded(n), n, "M" + n[-2:]))[0]

own = mine = 0.0
done = base = 0
batch, batch_events = [], 0
def flush():
    global own, mine, done, base, batch, batch_events
    n, seconds = imported(batch)
    done += n
    own += seconds
    started = time.perf_counter()
    raw.save(*[Unit(code=f"U{base + i}", name="股室") for i in range(n)])
    mine += time.perf_counter() - started
    base += n
    batch, batch_events = [], 0

start = ledger.app.max_position()
for line in province.lines(events - start, events_of):
    batch.append(line)
    batch_events += 1
    if len(batch) * 1.05 >= chunk:  # lines are ~1 event each; a decision life ~124 events
        flush()
if batch:
    flush()
ledger.close()
print(json.dumps({"events": start + done, "imported": done,
                  "import_s": own, "raw_save_s": mine, "events_of": events_of}))
"""

RAW_SELECT = """
import sys
from urllib.parse import unquote, urlparse
db = sys.argv[1]
if db.startswith(("postgresql://", "postgres://")):
    from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
    u = urlparse(db)
    store = PostgresDatastore(u.path.lstrip("/"), u.hostname, u.port, unquote(u.username),
                              unquote(u.password or ""), schema="public")
    recorder = PostgresApplicationRecorder(store, events_table_name="ledger_events")
else:
    from eventsourcing.sqlite import SQLiteDatastore, SQLiteApplicationRecorder
    recorder = SQLiteApplicationRecorder(SQLiteDatastore(db))
count, position = 0, 1
while True:
    page = recorder.select_notifications(position, 1000)
    count += len(page)
    if len(page) < 1000:
        break
    position = page[-1].id + 1
print(count)
"""

DECODE_FOLD = """
import sys
from ledger.application import LedgerApp
app = LedgerApp(sys.argv[1], read_only=True)
aggregates = {}
for position, event in app.log_events(1):
    aggregates[event.originator_id] = event.mutate(aggregates.get(event.originator_id))
print(len(aggregates))
"""


CUTS = """
import sys
from datetime import timedelta
from ledger.application import LedgerApp
app = LedgerApp(sys.argv[1], read_only=True)
last = app.max_position()
half = next(app.log_events(last // 2, last // 2))[1].timestamp
late = next(app.log_events(last * 99 // 100, last * 99 // 100))[1].timestamp
final = max(e.effective for _, e in app.log_events(max(1, last - 5000)))
print(half.isoformat(), late.isoformat(), (final - timedelta(days=30)).isoformat())
"""

# the historical reads timed (``measure``): the board as known at / as of a cut of the ledger
HISTORY = (
    ("known_half", "--known-at", 0, "ledger deadlines --known-at half recorded"),
    ("known_late", "--known-at", 1, "ledger deadlines --known-at 99% recorded"),
    ("as_of_month", "--as-of", 2, "ledger deadlines --as-of a month before the end"),
)


def median(cases: list[tuple[float, float, str]]) -> tuple[float, float]:
    return statistics.median(c[0] for c in cases), max(c[1] for c in cases)


@dataclass(frozen=True)
class Backend:
    """Where a size's ledger and its raw-save twin live: an SQLite file in the size's folder,
    or fresh databases on a PostgreSQL server (``url`` names one its role may create beside)."""

    name: str
    url: str = ""

    @property
    def title(self) -> str:
        return "PostgreSQL" if self.name == "postgres" else "SQLite"

    @property
    def floor(self) -> str:
        """What a process on this backend must import beyond the four (PostgreSQL: psycopg)."""
        return ", eventsourcing.postgres" if self.name == "postgres" else ""

    def _database(self, name: str) -> str:
        return urlunparse(urlparse(self.url)._replace(path=f"/{name}"))

    def fresh(self, size: int, where: Path) -> tuple[str, dict[str, str]]:
        """A new, empty ledger for ``size`` and eventsourcing's env for the raw save's own store."""
        if self.name == "sqlite":
            db = where / "province.db"
            return str(db), {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": f"{db}.raw"}
        import psycopg

        ledger, raw = f"ledger_scale_{label(size).lower()}", f"ledger_scale_{label(size).lower()}_raw"
        with psycopg.connect(self.url, autocommit=True) as admin:
            for name in (ledger, raw):
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                admin.execute(f'CREATE DATABASE "{name}"')
        url = urlparse(self.url)
        env = {
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "POSTGRES_DBNAME": raw,
            "POSTGRES_HOST": url.hostname or "127.0.0.1",
            "POSTGRES_PORT": str(url.port or 5432),
            "POSTGRES_USER": unquote(url.username or "ledger"),
            "POSTGRES_PASSWORD": unquote(url.password or ""),
            "POSTGRES_SCHEMA": "public",
        }
        return self._database(ledger), env

    def megabytes(self, db: str) -> float:
        if self.name == "sqlite":
            return Path(db).stat().st_size / 1e6
        import psycopg

        with psycopg.connect(db) as conn:
            row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
        return float(row[0]) / 1e6 if row else 0.0

    def drop(self, db: str) -> None:
        """Drop a size's databases (PostgreSQL; a kept SQLite folder stays as it is)."""
        if self.name == "sqlite":
            return
        import psycopg

        name = urlparse(db).path.lstrip("/")
        with psycopg.connect(self.url, autocommit=True) as admin:
            for each in (name, f"{name}_raw"):
                admin.execute(f'DROP DATABASE IF EXISTS "{each}" WITH (FORCE)')


def measure(size: int, where: Path, backend: Backend) -> dict[str, Any]:
    py, ledger = str(BIN / "python"), str(BIN / "ledger")
    db, raw_env = backend.fresh(size, where)
    keys = where / "keys"
    started = time.perf_counter()
    build = [py, "-c", BUILD, db, str(size), str(CHUNK), str(HERE), str(keys)]
    _, build_rss, out = timed(build, {"BENCH_RAW_ENV": json.dumps(raw_env)})
    built = json.loads(out)
    built["build_s"] = time.perf_counter() - started
    built["build_rss"] = build_rss
    built["mb"] = backend.megabytes(db)
    env = {"LEDGER_DB": db, "LEDGER_ACTOR": "S001", "LEDGER_KEYS": str(keys)}
    r: dict[str, Any] = {"size": size, "backend": backend.name, "db": db, **built}
    r["first_deadlines"] = timed([ledger, "deadlines"], env)[:2]
    r["first_decisions"] = timed([ledger, "decision", "list"], env)[:2]
    cases: dict[str, list[tuple[float, float, str]]] = {
        k: [] for k in ("deadlines", "decisions", "imports", "verify", "select", "replay", "fold", *WRITTEN)
    }
    floor = [py, "-c", "import eventsourcing.application, pydantic, click, pendulum" + backend.floor]
    timed([ledger, *ONE], env)  # untimed: the first read of the comment view builds it
    cuts = timed([py, "-c", CUTS, db])[2].split()
    for key, *_ in HISTORY:
        cases[key] = []
    for i in range(REPEAT):  # in turn, so a load on the machine weighs on each alike
        cases["imports"].append(timed(floor))
        cases["deadlines"].append(timed([ledger, "deadlines"], env))
        cases["decisions"].append(timed([ledger, "decision", "list"], env))
        after_one_write(ledger, env, i, cases)
        for key, option, cut, _ in HISTORY:
            cases[key].append(timed([ledger, "deadlines", option, cuts[cut]], env))
    for _ in range(REPEAT if size <= 100_000 else 1):
        cases["select"].append(timed([py, "-c", RAW_SELECT, db]))
        cases["verify"].append(timed([ledger, "audit", "verify"], env))
        cases["fold"].append(timed([py, "-c", DECODE_FOLD, db]))
        cases["replay"].append(timed([ledger, "audit", "replay"], env))  # exit 0: every projection equal
    for key, found in cases.items():
        r[key] = median(found)
    return r


ONE = ["decision", "show", "M01"]  # one decision with its comments (every size has it)
WRITTEN = ("comments", "deadlines_written", "comments_written")


def after_one_write(ledger: str, env: dict[str, str], i: int, cases: dict[str, list[Any]]) -> None:
    """A clerk's one write (a staff addition by the CLI), then a read: the views catch up on
    that one event; beside it the same read with the views caught up (``comments``)."""
    for j, read in enumerate((["deadlines"], ONE)):
        add = [
            "org",
            "staff",
            "add",
            "--staff-id",
            f"W{2 * i + j:03d}",
            "--staff-name",
            "新同事",
            "--unit",
            "FIN",
        ]
        timed([ledger, *add], env)
        cases[WRITTEN[1 + j]].append(timed([ledger, *read], env))
    for read in (["deadlines"], ["decision", "list"]):  # untimed: every view caught up again
        timed([ledger, *read], env)
    cases["comments"].append(timed([ledger, *ONE], env))


def ratio(a: float, b: float) -> str:
    return f"{a / b:6.2f}x" if b else "    -  "


def line(what: str, seconds: float, rss: float | None = None, events: int = 0, note: str = "") -> None:
    mib = f"{rss:>10.0f}" if rss else " " * 10
    rate = f"{events / seconds:>11,.0f}" if events else " " * 11
    print(f"  {what:<52}{seconds:>9.2f}{mib}{rate}   {note}")


def report(r: dict[str, Any], backend: Backend) -> None:
    n, imp = r["events"], r["imported"]
    size = f"{r['mb']:.0f} MB {backend.title}"
    print(f"\n== {label(r['size'])}: {n:,} events, {size}, built in {r['build_s']:.0f} s ==")
    print(f"  {'case':<52}{'seconds':>9}{'peak MiB':>10}{'events/s':>11}   vs its anchor")
    line("raw: Application.save(), batched (anchor)", r["raw_save_s"], None, imp)
    why = f"{ratio(r['raw_save_s'], r['import_s'])} rate (target >= 0.8x)"
    line("ledger import_lines, chunk by chunk", r["import_s"], r["build_rss"], imp, why)
    sel, ver = r["select"], r["verify"]
    line("raw: select_notifications, every page (anchor)", *sel, n)
    line("ledger audit verify", *ver, n, f"{ratio(sel[0], ver[0])} rate (target >= 0.8x)")
    fold, rep = r["fold"], r["replay"]
    line("raw: decode every event + plain fold (anchor)", *fold, n)
    why = f"{ratio(fold[0], rep[0])} rate (target >= 0.7x)"
    line("ledger audit replay (every projection equal)", *rep, n, why)
    floor = r["imports"]
    what = "..., eventsourcing.postgres" if backend.floor else "eventsourcing, pydantic, ..."
    line(f"python -c 'import {what}' (floor)", *floor)
    for key, what in (("deadlines", "ledger deadlines"), ("decisions", "ledger decision list")):
        line(what + ", first after the import", *r[f"first_{key}"])
        line(what + ", steady (median)", *r[key], 0, f"{ratio(r[key][0], floor[0])} of the floor")
    for key, what in ((k, w) for k, _, _, w in HISTORY if k in r):
        line(what + " (median)", *r[key], 0, f"{ratio(r[key][0], r['deadlines'][0])} of steady")
    if "comments" in r:
        steady = r["comments"]
        line(
            "ledger decision show M01, steady (median)",
            *steady,
            0,
            f"{ratio(steady[0], floor[0])} of the floor",
        )
        for key, what, caught in (
            ("deadlines_written", "ledger deadlines", r["deadlines"]),
            ("comments_written", "ledger decision show M01", steady),
        ):
            line(what + ", after one write (median)", *r[key], 0, f"{ratio(r[key][0], caught[0])} of steady")


def growth(results: list[dict[str, Any]]) -> None:
    if len(results) < 2:
        return
    print("\n== growth (time, peak RSS) from each size to the next ==")
    keys = ("verify", "replay", "deadlines", "decisions", "first_deadlines", "first_decisions")
    keys += tuple(k for k in (*WRITTEN, *(h[0] for h in HISTORY)) if all(k in r for r in results))
    for a, b in itertools.pairwise(results):
        print(f"  {label(a['size'])} -> {label(b['size'])} (events x{b['events'] / a['events']:.1f})")
        for k in keys:
            print(f"    {k:<18} time x{b[k][0] / a[k][0]:7.2f}   RSS x{b[k][1] / a[k][1]:6.2f}")
    print("  targets: steady reads at 1M within 2x of 10k; verify, replay RSS at 1M within 1.5x of 100k")


def backends(names: str, url: str | None) -> list[Backend]:
    chosen = [n.strip() for n in names.split(",") if n.strip()]
    unknown = set(chosen) - {"sqlite", "postgres"}
    if unknown or not chosen:
        raise SystemExit(f"--db: sqlite, postgres or both (comma-separated), not {names!r}")
    if "postgres" in chosen and not url:
        raise SystemExit(
            "--db postgres needs --postgres postgresql://… (make bench-scale DB=postgres starts one)"
        )
    return [Backend(n, url or "") for n in chosen]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=os.environ.get("SIZES", "10k,100k"))
    parser.add_argument(
        "--db", default="sqlite", help="sqlite, postgres or sqlite,postgres: one section each"
    )
    parser.add_argument(
        "--postgres",
        default=os.environ.get("LEDGER_BENCH_POSTGRES"),
        help="a server whose role may create databases (fresh ones per size, dropped unless --dir)",
    )
    parser.add_argument("--dir", type=Path, default=None, help="keep the ledgers here (default: temp)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    compile_ours()
    sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    chosen = backends(args.db, args.postgres)
    everything: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for backend in chosen:
            print(f"\n######## {backend.title} ########")
            results = []
            for size in sizes:
                where = (args.dir or Path(tmp)) / backend.name / label(size)
                if where.exists():
                    for f in where.iterdir():
                        if f.is_file():
                            f.unlink()
                where.mkdir(parents=True, exist_ok=True)
                print(
                    f"building and measuring {label(size)} on {backend.title} …", file=sys.stderr, flush=True
                )
                results.append(measure(size, where, backend))
                if not args.dir:
                    backend.drop(results[-1]["db"])
                report(results[-1], backend)
                if args.json:
                    args.json.write_text(json.dumps([*everything, *results], indent=1))
            growth(results)
            everything += results


if __name__ == "__main__":
    main()
