"""Audit figures on a ledger of at least 100,000 events (`make bench-audit`).

Builds the ledger with real commands (``org.staff.add``: a Staff.Added and a
Staff.RoleAssigned each) saved in batches through the UnitOfWork, then times, in
the same run and on the same file:

- eventsourcing's own raw read: ``recorder.select_notifications`` page by page;
- ``ledger audit verify``: the chain recomputed from the raw rows and checked
  against the witness, the recorded checkpoint and the projections' tracking;
- ``ledger audit replay``: every projection rebuilt from position 0 (domain events
  decoded and folded) and compared with its live copy;

and the cost of writing the witness with every save (the same commands saved
through eventsourcing's plain SQLite recorder).

Signed acts (``ledger.signing``): the same fill on a ledger founded with signing
*optional* and no keys (the unsigned path) beside the signed one, and ``audit verify``
on both files — write and verify rates as ratios, signed against unsigned. The bulk
fill signs one act per batch of 1,000 commands; a clerk signs one per command, so a
second, smaller pair of ledgers is filled one command per act (``--clerk-commands``).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

from eventsourcing.application import Application
from eventsourcing.sqlite import SQLiteApplicationRecorder
from eventsourcing.utils import get_topic

from ledger.application import LedgerApp, system_clock
from ledger.audit.verify import verify_database
from ledger.demo.__main__ import demo_keys, public_keys
from ledger.demo.org import steps
from ledger.interface import Ledger, build
from ledger.interface.audit import checkpoint, replay_views
from ledger.signing import KeyFolder
from ledger.storage import persistence_env
from ledger.systems import fold_classes

BATCH = 1000  # commands per unit of work (one save, one transaction)


class PlainApp(LedgerApp):
    """The same application on eventsourcing's own recorder, without the audit witness."""

    def __init__(self, db: str, keys: KeyFolder | None = None) -> None:
        self.db = db
        self.clock = system_clock
        self.keys = keys
        env = {**persistence_env(db), "APPLICATION_RECORDER_TOPIC": get_topic(SQLiteApplicationRecorder)}
        Application.__init__(self, env=env)


def bureau(app: LedgerApp, signed: bool = True) -> None:
    """The demo's bureau: signed, with every staff key registered; or founded with signing
    optional and no key registered (the unsigned path)."""
    keys = app.keys
    if signed and isinstance(keys, KeyFolder):
        setup = steps(public_keys(keys))
    else:
        setup = [(a, n, {**f, "signing": "optional"} if n == "org.init" else f) for a, n, f in steps()]
    for actor, name, fields in setup:
        app.execute([build(name, fields)], actor)


def fill(app: LedgerApp, events: int, batch: int = BATCH) -> tuple[int, float]:
    """The bureau, then staff in batches up to ``events``; (staff events written, seconds)."""
    bureau(app)
    start = app.max_position()
    started = time.perf_counter()
    n = 0
    while app.max_position() < events:
        commands = [
            build("org.staff.add", {"staff_id": f"B{n + i:06d}", "staff_name": "员工", "unit": "FIN"})
            for i in range(batch)
        ]
        app.execute(commands, "S001")
        n += batch
    return app.max_position() - start, time.perf_counter() - started


def signed_pair(where: Path, keys: KeyFolder, events: int, batch: int) -> dict[str, Any]:
    """The same fill signed and unsigned, batch by batch in turn (so that a load on the machine
    weighs on both alike), then `audit verify` on both in turn, best of three each: rates and ratios."""
    sides = {"unsigned": KeyFolder(where / "no-keys"), "signed": keys}
    apps, dbs, seconds = {}, {}, dict.fromkeys(sides, 0.0)
    for label, folder in sides.items():
        dbs[label] = where / f"bench-{label}-{batch}.db"
        dbs[label].unlink(missing_ok=True)
        apps[label] = LedgerApp(str(dbs[label]), keys=folder)
        bureau(apps[label], signed=label == "signed")
    n = 0
    while 2 * n < events:  # each org.staff.add writes two events
        for label, app in apps.items():
            commands = [
                build("org.staff.add", {"staff_id": f"B{n + i:06d}", "staff_name": "员工", "unit": "FIN"})
                for i in range(batch)
            ]
            started = time.perf_counter()
            app.execute(commands, "S001")
            seconds[label] += time.perf_counter() - started
        n += batch
    out: dict[str, Any] = {}
    written = {label: app.max_position() for label, app in apps.items()}
    for app in apps.values():
        app.close()
    best = dict.fromkeys(sides, float("inf"))
    acts = dict.fromkeys(sides, 0)
    for _ in range(3):  # in turn, best of three each
        for label in sides:
            report = verify_database(str(dbs[label]))
            assert report.ok, report.findings[:3]
            best[label] = min(best[label], report.seconds)
            acts[label] = report.acts
    for label in sides:
        out[label] = {
            "write": n * 2 / seconds[label],
            "verify": written[label] / best[label],
            "acts": acts[label],
        }
    out["write_ratio"] = out["signed"]["write"] / out["unsigned"]["write"]
    out["verify_ratio"] = out["signed"]["verify"] / out["unsigned"]["verify"]
    return out


def raw_read(app: LedgerApp) -> tuple[int, float]:
    """eventsourcing's own notification read, nothing decoded."""
    started = time.perf_counter()
    count, position = 0, 1
    while True:
        page = app.recorder.select_notifications(position, 1000)
        count += len(page)
        if len(page) < 1000:
            break
        position = page[-1].id + 1
    return count, time.perf_counter() - started


def decoded_read(app: LedgerApp) -> tuple[int, float]:
    """The same read, each row decoded into its domain event (what replay starts from)."""
    started = time.perf_counter()
    count = sum(1 for _ in app.log_events())
    return count, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description="audit verify and replay rates against a raw read")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument(
        "--clerk-commands", type=int, default=2_000, help="commands in the one-act-per-command pair"
    )
    parser.add_argument("--dir", type=Path, default=None, help="where to build the ledgers (default: temp)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        where = args.dir or Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        db, plain_db = where / "bench-audit.db", where / "bench-plain.db"
        for path in (db, plain_db):
            path.unlink(missing_ok=True)

        keys = demo_keys(where / "bench-keys")
        app = LedgerApp(str(db), keys=keys)
        written, write_chained = fill(app, args.events)
        plain = PlainApp(str(plain_db), keys)
        written_plain, write_plain = fill(plain, args.events)
        plain.close()
        ledger = Ledger(str(db), app)
        checkpoint(ledger, "S001", None, where / "bench-checkpoint.json")
        ledger.directory()  # the live copies caught up before anything is timed
        ledger.deadlines()
        ledger.notices()
        total = app.max_position()

        count, raw_seconds = raw_read(app)
        decoded, decode_seconds = decoded_read(app)
        report = verify_database(str(db))
        assert report.ok, report.findings[:3]
        replay = replay_views(ledger)
        assert replay["ok"], replay["projections"]
        ledger.close()

        raw_rate = count / raw_seconds
        rows = [
            ("eventsourcing select_notifications (raw)", count, raw_seconds),
            ("the same, decoded into domain events", decoded, decode_seconds),
            ("audit verify (chain, witness, checks)", report.events, report.seconds),
            (
                f"audit replay (decode, fold {len(fold_classes())} projections)",
                replay["events"],
                replay["seconds"],
            ),
        ]
        print(f"ledger: {total:,} events, {db.stat().st_size / 1e6:.1f} MB")
        print(f"{'measure':<44}{'events':>9}{'seconds':>9}{'events/s':>11}{'vs raw':>9}")
        for label, n, seconds in rows:
            rate = n / seconds
            print(f"{label:<44}{n:>9,}{seconds:>9.2f}{rate:>11,.0f}{rate / raw_rate:>8.3f}x")
        chained, unchained = written / write_chained, written_plain / write_plain
        print(
            f"writes in batches of {BATCH} commands: {chained:,.0f} events/s with the witness, "
            f"{unchained:,.0f} events/s on eventsourcing's plain recorder ({chained / unchained:.2f}x)"
        )

        print("\nsigned acts against the unsigned path (same commands, same run):")
        print(f"{'fill':<44}{'acts':>9}{'write ev/s':>12}{'verify ev/s':>13}")
        pairs = (
            (
                f"{args.events:,} events, {BATCH} commands per act",
                signed_pair(where, keys, args.events, BATCH),
            ),
            (
                f"{args.clerk_commands:,} commands, one per act (a clerk)",
                signed_pair(where, keys, 2 * args.clerk_commands, 1),
            ),
        )
        for label, pair in pairs:
            for side in ("unsigned", "signed"):
                r = pair[side]
                print(f"  {label + ', ' + side:<42}{r['acts']:>9,}{r['write']:>12,.0f}{r['verify']:>13,.0f}")
            ratios = f"{pair['write_ratio']:>11.2f}x{pair['verify_ratio']:>12.2f}x"
            print(f"  {'signed / unsigned':<42}{'':>9}{ratios}")
        print("targets: write >= 0.8x, verify >= 0.6x")


if __name__ == "__main__":
    main()
