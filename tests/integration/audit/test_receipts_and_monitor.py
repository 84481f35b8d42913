"""Receipts and the monitor against the insider who edits or truncates after the last checkpoint.

Finding 3 of issue 10: with the witness (and the projections' tracking) recomputed to
match, an edit or a cut after the last checkpoint passed verification, even with the
checkpoint files and the bureau's key. A receipt handed out (a file, or the footer of a
public notice) and a monitor's remembered head catch both.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from aggregates.errors import InvalidInput, Refused
from ledger.application import LedgerApp
from ledger.audit import findings
from ledger.audit.keys import generate_key
from ledger.demo.decision import life
from ledger.interface import NOW, Ledger
from ledger.interface.audit import (
    checkpoint,
    monitor,
    notices_with_receipt,
    receipt,
    register_key,
    verify,
)
from projections.notices import RECEIPT_PREFIX
from tests.support.clock import FakeClock
from tests.support.ledger import run, setup_bureau
from tests.support.signing import act_boundary
from tests.support.tamper import edit, found, rewrite_witness_and_tracking, sql


@dataclass
class Handed:
    """A ledger, the bureau's key, a checkpoint, then receipts handed out later (after it)."""

    db: Path
    key: Path
    pub: Path
    checkpoint: Path
    receipts: Path
    covered: int  # the checkpoint covers 1..covered
    vouched: int  # the receipts vouch for 1..vouched
    last: int

    def verify(self, receipts: bool = True) -> dict[str, Any]:
        return verify(
            str(self.db), (self.checkpoint,), self.pub, receipts=self.receipts if receipts else None
        )


@pytest.fixture
def handed(tmp_path: Path, clock: FakeClock) -> Handed:
    db = tmp_path / "ledger.db"
    key, pub = tmp_path / "bureau.pem", tmp_path / "bureau.pub"
    generate_key(key, pub)
    app = LedgerApp(str(db), clock=clock)
    setup_bureau(app)
    for actor, name, fields in life("YJJR-2026-01"):  # a decision published: public notices to hand out
        run(app, actor, name, **fields)
    ledger = Ledger(str(db), app)
    register_key(ledger, "P01", pub)
    cp = checkpoint(ledger, "S001", key, tmp_path / "checkpoint.json")
    clock.advance(hours=1)
    run(app, "S001", "org.unit.add", code="AUD", unit_name="审计股")
    run(app, "S001", "org.staff.add", staff_id="S010", staff_name="钱七", unit="AUD")
    folder = tmp_path / "handed-out"
    folder.mkdir()
    handed = receipt(ledger, key, folder / "receipt.json")
    docs = notices_with_receipt(ledger, NOW, key)
    for doc in docs:  # the receipt as a Markdown footer, an HTML paragraph and a JSON field
        (folder / f"{doc.slug}.md").write_text(doc.markdown(), encoding="utf-8")
        (folder / f"{doc.slug}.html").write_text(doc.html(), encoding="utf-8")
    (folder / "notices.json").write_text(json.dumps([d.data() for d in docs], ensure_ascii=False))
    clock.advance(hours=1)
    run(app, "S001", "org.unit.add", code="LAW", unit_name="法规股")
    run(app, "S001", "org.staff.add", staff_id="S011", staff_name="孙八", unit="LAW")
    ledger.directory()
    ledger.notices()
    last = app.max_position()
    app.close()
    return Handed(
        db, key, pub, tmp_path / "checkpoint.json", folder, cp["position"], handed["position"], last
    )


def truncate(db: Path, after: int) -> None:
    sql(db, "DELETE FROM stored_events WHERE rowid > ?", (after,))
    rewrite_witness_and_tracking(db)


def edit_and_rewrite(db: Path, position: int, old: str, new: str) -> None:
    edit(db, position, old, new)
    rewrite_witness_and_tracking(db)


def position_of(db: Path, text: str) -> int:
    for position, state in sql(db, "SELECT rowid, state FROM stored_events ORDER BY rowid"):
        if text.encode() in state:
            return int(position)
    raise AssertionError(text)


def test_the_untouched_ledger_verifies_against_every_receipt_handed_out(handed: Handed) -> None:
    report = handed.verify()
    assert report["ok"], report["findings"]
    notices = len(list(handed.receipts.glob("*.md")))
    assert notices > 0 and len(list(handed.receipts.glob("*.html"))) == notices
    # the checkpoint in the ledger and its file; the receipt file; each notice in three formats
    assert report["checkpoints_checked"] == 2 + 1 + 3 * notices


def test_a_tail_cut_after_the_last_checkpoint_passes_without_receipts_and_is_caught_by_them(
    handed: Handed,
) -> None:
    cut = act_boundary(handed.db, handed.vouched - 1)  # whole acts, after the checkpoint, vouched for
    assert cut > handed.covered
    truncate(handed.db, cut)
    assert handed.verify(receipts=False)["ok"]  # the checkpoint covers only the prefix it signs
    report = handed.verify()
    assert (cut + 1, findings.TRUNCATED) in found(report)
    assert any(
        "vouches" in f["detail"] or "covers positions up to" in f["detail"] for f in report["findings"]
    )


def test_an_edit_after_the_last_checkpoint_with_the_witness_rewritten_is_caught_by_the_receipts(
    handed: Handed,
) -> None:
    target = position_of(handed.db, "钱七")
    assert handed.covered < target <= handed.vouched
    edit_and_rewrite(handed.db, target, "钱七", "钱九")
    alone = handed.verify(receipts=False)  # the act that added 钱七 signed his name …
    assert (
        alone["first_problem"]["position"] == target
        and alone["first_problem"]["kind"] == findings.ACT_MISMATCH
    )
    report = handed.verify()  # … and every receipt handed out since says so too
    assert (handed.vouched, findings.CHECKPOINT_MISMATCH) in found(report)
    sources = {
        f["detail"].split(":")[0] for f in report["findings"] if f["kind"] == findings.CHECKPOINT_MISMATCH
    }
    for suffix in (".md", ".html"):  # the notices' footers
        assert any(s.startswith("receipt in") and s.endswith(suffix) for s in sources), suffix
    assert any("notices.json (" in s for s in sources)  # a notice's receipt field
    assert any(s.endswith("receipt.json") for s in sources)


def test_a_forged_receipt_is_found_by_its_signature(handed: Handed) -> None:
    path = handed.receipts / "receipt.json"
    data = json.loads(path.read_text())
    data["position"] = handed.last  # a receipt that would vouch for more than was handed out
    path.write_text(json.dumps(data))
    report = handed.verify()
    assert (handed.last, findings.BAD_SIGNATURE) in found(report)


def test_a_receipt_is_signed_only_with_a_registered_key_and_only_for_a_record_that_verifies(
    handed: Handed, tmp_path: Path
) -> None:
    generate_key(tmp_path / "other.pem", tmp_path / "other.pub")
    ledger = Ledger(str(handed.db))
    try:
        with pytest.raises(Refused, match="not registered in the ledger"):
            receipt(ledger, tmp_path / "other.pem", tmp_path / "r.json")
        sql(handed.db, "UPDATE stored_events SET topic='x' WHERE rowid=3")
        with pytest.raises(Refused, match=r"does not verify .* a receipt would vouch for it"):
            receipt(ledger, handed.key, tmp_path / "r.json")
    finally:
        ledger.close()
    assert not (tmp_path / "r.json").exists()


def test_a_folder_without_receipts_is_an_input_error(handed: Handed, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.md").write_text("# 无回执\n")
    with pytest.raises(InvalidInput, match="no receipts"):
        verify(str(handed.db), receipts=empty)
    (empty / "bad.md").write_text(RECEIPT_PREFIX + "{not json\n")
    report = verify(str(handed.db), receipts=empty)
    assert findings.UNREADABLE in {f["kind"] for f in report["findings"]}


def test_the_monitor_remembers_the_head_and_reports_a_rollback_and_a_fork(
    handed: Handed, tmp_path: Path, clock: FakeClock
) -> None:
    state = tmp_path / "monitor.json"
    first = monitor(str(handed.db), state)
    assert first["ok"] and first["first_run"] and first["now"]["position"] == handed.last
    app = LedgerApp(str(handed.db), clock=clock)
    run(app, "S001", "org.unit.add", code="NEW", unit_name="新股")
    app.close()
    grown = monitor(str(handed.db), state)
    assert grown["ok"] and grown["now"]["position"] == handed.last + 2  # the unit and its signed act
    remembered = state.read_text()

    # the tail cut (whole acts), witness and tracking trimmed to match
    cut = act_boundary(handed.db, handed.last - 1)
    truncate(handed.db, cut)
    assert verify(str(handed.db))["ok"]
    rolled = monitor(str(handed.db), state)
    assert not rolled["ok"] and [f["kind"] for f in rolled["findings"]] == [findings.ROLLBACK]
    assert state.read_text() == remembered  # it keeps remembering what it saw

    app = LedgerApp(str(handed.db), clock=clock)  # the forger appends to reach the length again …
    for code in ("FAK", "FAL", "FAM"):
        run(app, "S001", "org.unit.add", code=code, unit_name="假股")
    app.close()
    forked = monitor(str(handed.db), state)
    assert not forked["ok"] and [f["kind"] for f in forked["findings"]] == [findings.FORK]
    assert forked["findings"][0]["position"] == handed.last + 2  # where the remembered head was


def test_notices_without_a_receipt_are_as_before(handed: Handed) -> None:
    ledger = Ledger(str(handed.db))
    try:
        plain = ledger.notices()
    finally:
        ledger.close()
    assert plain and all("receipt" not in d.data() for d in plain)
    assert all(RECEIPT_PREFIX not in d.markdown() and "receipt" not in d.html() for d in plain)


def test_the_monitor_catches_an_edit_with_the_witness_rewritten_to_match(
    handed: Handed, tmp_path: Path
) -> None:
    state = tmp_path / "monitor.json"
    assert monitor(str(handed.db), state)["ok"]
    target = position_of(handed.db, "孙八")
    edit_and_rewrite(handed.db, target, "孙八", "孙九")
    # every witness in the file agrees; the act that recorded 孙八 does not, and the monitor remembers
    assert (target, findings.ACT_MISMATCH) in found(verify(str(handed.db)))
    report = monitor(str(handed.db), state)
    assert [(f["position"], f["kind"]) for f in report["findings"]] == [(handed.last, findings.FORK)]
