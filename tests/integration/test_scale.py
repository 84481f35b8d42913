"""At scale the same answers: a live copy caught up batch by batch equals its rebuild, a
prefix's rows are found through the index, and a large table prints every row, aligned."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from aggregates.base import Event
from aggregates.errors import Refused
from cli.main import cli
from cli.render import LARGE, emit
from ledger import views
from ledger.application import LedgerApp
from ledger.demo.__main__ import public_keys
from ledger.demo.decision import life
from ledger.demo.org import steps as bureau_steps
from ledger.interface import build
from projections.base import Fold
from projections.board import DeadlineBoard
from projections.decision.register import DecisionRegister
from projections.org import Directory
from tests.integration.test_old_ledger import old_copy
from tests.support.ledger import play


class Plain(Fold):
    name = "plain"

    def apply(self, event: Event, position: int) -> None:  # pragma: no cover - rows put by hand
        raise NotImplementedError


def test_replace_drops_only_the_rows_under_its_prefix_and_finds_rows_put_after_the_index() -> None:
    fold = Plain({"a|1": {"n": 1}, "a|2": {"n": 2}, "ab|1": {"n": 3}, "b|1": {"n": 4}})
    fold.replace("a|", {"2": {"n": 20}})
    assert fold.rows == {"a|2": {"n": 20}, "ab|1": {"n": 3}, "b|1": {"n": 4}}
    fold.put("a|3", {"n": 30})  # after the index was built
    fold.replace("a|", {})
    assert fold.rows == {"ab|1": {"n": 3}, "b|1": {"n": 4}}
    assert fold.changed == {"a|1", "a|2", "a|3"}


def test_an_overlay_begun_from_zero_asks_the_store_only_for_groups_it_stored_and_let_go() -> None:
    asked: list[str] = []
    fold = Plain({})
    fold.fetch = lambda prefix: asked.append(prefix) or {}
    fold.stored = set()  # nothing stored when it began
    fold.replace("a|", {"1": {"n": 1}})
    fold.replace("a", {"|1": {"n": 1}})  # a prefix without "|" may span groups: none stored yet
    assert asked == []
    fold.release()  # the batch stored: group "a|" may now hold rows
    fold.replace("b|", {"1": {"n": 2}})
    fold.replace("a|x", {"1": {"n": 3}})
    fold.replace("a", {"|1": {"n": 1}})
    assert asked == ["a|x", "a"]


def test_a_live_copy_caught_up_in_small_batches_equals_a_rebuild_that_lets_aggregates_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "CATCH_UP", 7)  # 282 events: forty batches, aggregates reloaded
    monkeypatch.setattr(views, "KEEP", 2)  # the rebuild lets go of all but two aggregates
    db = old_copy(tmp_path)
    runner = CliRunner()
    for read in (["deadlines"], ["decision", "list"], ["notices", "--out", str(tmp_path / "n")]):
        result = runner.invoke(cli, ["--db", str(db), *read])
        assert result.exit_code == 0, result.output
    replayed = runner.invoke(cli, ["--db", str(db), "audit", "replay", "--format", "json"])
    assert replayed.exit_code == 0, replayed.output
    assert all(p["same"] for p in json.loads(replayed.output)["projections"])


def test_a_decisions_comments_are_shown_in_the_order_received_past_c999(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stored keys sort as text (C1000 before C999); the reader sees them as received."""
    from ledger.interface import Ledger
    from ledger.interface.decision import comments_of

    db = old_copy(tmp_path)
    ledger = Ledger(str(db))
    stored = {f"YJJR-2026-01|{cid}": {"comment_id": cid} for cid in ("C1001", "C1000", "C999", "C998")}
    try:
        comments = comments_of(ledger, "YJJR-2026-01")  # the old ledger's own, read as they are
        monkeypatch.setattr(ledger, "rows", lambda fold, when, prefix: stored)
        past = comments_of(ledger, "YJJR-2026-01")
    finally:
        ledger.close()
    assert comments and all("outcome" in c for c in comments)
    assert [c["comment_id"] for c in past] == ["C998", "C999", "C1000", "C1001"]


def test_a_large_table_prints_every_row_aligned_under_its_header(capsys: pytest.CaptureFixture[str]) -> None:
    rows: list[dict[str, Any]] = [
        {"key": f"k{i}", "subject": "金融股" if i % 2 else "x", "due": None} for i in range(LARGE + 5)
    ]
    emit(rows, "table", columns=("key", "subject", "due"), title="board")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "board" and lines[1].split() == ["key", "subject", "due"]
    body = lines[3:-1]
    assert len(body) == LARGE + 5 and lines[-1] == f"({LARGE + 5} rows)"
    # the column after a CJK cell starts where it starts after a plain one (CJK is two cells wide)
    assert body[0].index("x") == body[1].index("金") == lines[1].index("subject")


def test_a_calendar_recorded_earlier_in_the_same_import_decides_a_later_comments_window(
    app: LedgerApp,
) -> None:
    """An import computes a window's last day once, not once per comment; a calendar year
    recorded by an earlier line of the same import still moves it (附件2 第六条(二))."""
    play(app, bureau_steps(public_keys(app.keys)))  # calendars up to 2025: 2026 comes in the import
    lines = [step for step in life("YJJR-2026-01") if step[1] != "decision.comment.receive"]
    published = [s for s in lines[: [n for _, n, _ in lines].index("decision.publish") + 1]]
    comment = ("S002", "decision.comment.receive", {"decision": "YJJR-2026-01", "channel": "email"})
    before = ("S002", comment[1], {**comment[2], "text": "早到的意见。", "effective": "2026-01-20"})
    after = ("S002", comment[1], {**comment[2], "text": "迟到的意见。", "effective": "2026-02-25"})
    seed = ("S001", "calendar.seed", {"effective": "2026-01-19"})
    steps = [*published, before, seed, after]
    written = app.max_position()
    with pytest.raises(Refused, match="after the window closed") as refused:
        app.execute([build(n, f) for _, n, f in steps], [a for a, _, _ in steps])
    assert "--late" in str(refused.value)  # not "last day pending": the calendar was read afresh
    assert app.max_position() == written  # all or nothing


def test_live_copies_at_different_positions_are_caught_up_in_one_pass_equal_to_their_rebuild(
    bureau: LedgerApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ledger.interface import Ledger
    from ledger.interface.audit import replay_views
    from ledger.interface.decision import decision_list

    monkeypatch.setattr(views, "CATCH_UP", 3)
    ledger = Ledger(":memory:", app=bureau)
    steps = life("YJJR-2026-01")
    play(bureau, steps[:6])
    ledger.deadlines()  # the board caught up here
    play(bureau, steps[6:12])
    decision_list(ledger)  # the register caught up further; every other copy never
    play(bureau, steps[12:])
    positions = {ledger.views.position(cls) for cls in (DeadlineBoard, DecisionRegister, Directory)}
    assert len(positions) == 3
    report = replay_views(ledger)
    assert report["ok"], report["projections"]
    assert {ledger.views.position(cls) for cls in (DeadlineBoard, DecisionRegister, Directory)} == {
        bureau.max_position()
    }


def test_the_annual_report_counts_the_comments_of_the_year_from_their_own_rows(app: LedgerApp) -> None:
    """Part 六 counts the comments received in the year and those adopted (fully or partly):
    the same numbers the demo's own lines give."""
    from ledger.demo import load
    from ledger.interface import Ledger
    from ledger.interface.annual import other_figures
    from tests.support.ledger import record_demo

    record_demo(app)
    lines = load("decision")
    received = [f for _, n, f in lines if n == "decision.comment.receive" and f["effective"][:4] == "2026"]
    kept = ("adopted", "partly_adopted")
    adopted = [f for _, n, f in lines if n == "decision.comment.assess" and f["outcome"] in kept]
    figures = other_figures(Ledger(":memory:", app=app), 2026)
    assert figures["comments_received"] == len(received) > 0
    assert figures["comments_adopted"] == len(adopted) > 0


def test_rows_kept_in_a_scratch_file_replace_drop_and_digest_as_rows_in_memory() -> None:
    from ledger.storage.scratch import ScratchRows

    start = {
        "a|1": {"n": 1},
        "a|2": {"n": 2},
        "ab|1": {"n": 3},
        "b|1": {"n": "台账"},
        "台|𠀀": {},
        "台|z": {},
    }
    memory, spilled = Plain(start), Plain()
    spilled.rows = ScratchRows()
    try:
        for key, row in start.items():
            spilled.put(key, row)
        for fold in (memory, spilled):
            fold.replace("a|", {"2": {"n": 20}})
        spilled.rows.flush()  # the rows now in the file, none in memory
        for fold in (memory, spilled):
            fold.put("a|3", {"n": 30})
            fold.drop("ab|1")
            fold.drop("zz|9")  # never stored: nothing happens
        spilled.rows.flush()
        memory.replace("b|", {})
        spilled.replace("b|", {})
        assert spilled.digest() == memory.digest()  # the same rows, read in the same key order
        spilled.replace("台|", {})
        memory.replace("台|", {})
        assert dict(spilled.rows.items()) == memory.rows == {"a|2": {"n": 20}, "a|3": {"n": 30}}
        assert "b|1" not in spilled.rows and "a|3" in spilled.rows
    finally:
        spilled.rows.close()


def test_a_replay_names_the_first_rows_that_differ_streaming_both_copies_by_key() -> None:
    from ledger.audit.replay import compare_streams

    live = [("a", {"n": 1}), ("b", {"n": 2}), ("d", {"n": 4})]
    rebuilt = [("b", {"n": 2}), ("c", {"n": 3}), ("d", {"n": 5})]
    assert compare_streams(iter(live), iter(rebuilt)) == [
        "a: in the live copy only",
        "c: missing from the live copy",
        "d: differs",
    ]
