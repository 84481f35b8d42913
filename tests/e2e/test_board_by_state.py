"""The board read state by state on the stored due days (SQL on the indexed columns) says, on
every day of the demo year, what working each obligation out afresh with the calendar says."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from ledger.board import board_page
from ledger.interface import Ledger
from ledger.rules.deadlines import standing, urgency
from projections.board import DeadlineBoard, obligation_of
from tests.support.site import demo_ledger


def test_the_board_by_state_on_stored_due_days_is_the_board_worked_out_afresh_every_day(
    tmp_path: Path,
) -> None:
    ledger = Ledger(str(demo_ledger(tmp_path)))
    source = ledger.views.source(DeadlineBoard)
    obligations = [obligation_of(row) for _, row in ledger.views.live(DeadlineBoard).obligations()]
    cal = ledger.app.calendar()
    seen: set[str] = set()
    day = date(2026, 1, 1)
    while day <= date(2027, 2, 28):
        afresh = sorted((standing(o, cal, day).row() for o in obligations), key=urgency)
        assert board_page(source, cal, day, None, set(), None).rows == afresh, day
        seen |= {row["status"] for row in afresh}
        day += timedelta(days=1)
    assert seen >= {"overdue", "due", "open", "pending", "met late", "met", "closed"}
