"""Loading a decision with many comments, with and without snapshots (`make bench`).

Builds, in a temporary folder, the demo's bureau and calendar, the demo decision
YJJR-2026-01 up to its publication for comment, and then ``--comments`` comments
(default 10,000) received in batches of 1,000 through the write door. Then times, in
the same run and on the same file, best of ``--repeat``:

- a read (``LedgerApp.get``): the latest snapshot plus the events after it
  (eventsourcing's ``Repository.get``);
- the fold of every event from the first (what a write does, ``LedgerApp.fold``);

and prints both, their ratio, and that both give the same state.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from aggregates.decision import Decision
from ledger.demo import load
from ledger.demo.__main__ import demo_keys, public_keys
from ledger.demo.org import steps
from ledger.interface import Ledger, build
from ledger.snapshots import snapshot_state

NUMBER = "YJJR-2026-01"
BATCH = 1000


def build_ledger(db: Path, comments: int) -> None:
    keys = demo_keys(db.with_name("keys"))
    ledger = Ledger(str(db), keys=keys)
    setup = [*steps(public_keys(keys)), ("S001", "calendar.seed", {"effective": "2026-01-05"})]
    for actor, name, fields in setup:
        ledger.run([build(name, fields)], actor)
    life = [x for x in load("decision") if x[2].get("decision") == NUMBER]
    first = next(i for i, x in enumerate(life) if x[1] == "decision.comment.receive")
    for actor, name, fields in life[:first]:
        ledger.run([build(name, fields)], actor)
    actor, _, template = life[first]
    for start in range(0, comments, BATCH):
        lines = [
            json.dumps(
                {
                    "actor": actor,
                    "command": "decision.comment.receive",
                    "effective": template["effective"],
                    "decision": NUMBER,
                    "channel": ("email", "post")[i % 2],
                    "text": f"第{i + 1}条意见：建议细化第{i % 4 + 1}条的适用范围。",
                },
                ensure_ascii=False,
            )
            for i in range(start, min(comments, start + BATCH))
        ]
        _, problems = ledger.import_lines(lines, None)
        assert not problems, problems[:3]
    ledger.app.close()


def best(repeat: int, load: object) -> tuple[float, Decision]:
    seconds, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = load()  # type: ignore[operator]
        seconds = min(seconds, time.perf_counter() - started)
    assert isinstance(result, Decision)
    return seconds, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from ledger.application import LedgerApp

    with tempfile.TemporaryDirectory() as where:
        db = Path(where) / "snapshots.db"
        started = time.perf_counter()
        build_ledger(db, args.comments)
        built = time.perf_counter() - started
        app = LedgerApp(str(db))
        ident = Decision.id_for(NUMBER)
        read, snapped = best(args.repeat, lambda: app.get(Decision, ident))
        fold, folded = best(args.repeat, lambda: app.fold(Decision, ident))
        same = snapshot_state(snapped) == snapshot_state(folded)
        taken = app.snapshot_versions(ident)
        app.close()
    print(
        f"snapshots: a decision with {len(folded.comments):,} comments, "
        f"v{folded.version} ({built:.1f} s to build)"
    )
    print(f"  snapshot kept at v{', v'.join(map(str, taken))}" if taken else "  no snapshot taken")
    print(f"  load from the latest snapshot: {read * 1000:8.1f} ms (best of {args.repeat})")
    print(f"  fold of every event:           {fold * 1000:8.1f} ms")
    print(f"  ratio fold / snapshot: {fold / read:.1f}×; same state: {'yes' if same else 'NO'}")
    assert same, "the snapshot's state differs from the fold of the events"


if __name__ == "__main__":
    main()
