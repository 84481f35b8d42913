"""A comment window checked against the closing day the clerk stated (附件2 第六条(二)),
and a deadline counted after a period's end (the adoption reading, 本台账读作)."""

from __future__ import annotations

from datetime import date

from aggregates.obligations import Count, Obligation
from ledger.rules.calendar import WorkingCalendar
from ledger.rules.deadlines import compute_due, standing
from tests.support.calendar import draft_obligation, official

CAL = official(2026)


def window(stated: str | None) -> Obligation:
    return draft_obligation(
        key="decision:D-1:comments",
        what="comment window closes",
        citation="附件2 第六条(二)",
        count=Count.PERIOD_DAYS,
        start=date(2026, 9, 1),
        n=30,
        window=True,
        stated=date.fromisoformat(stated) if stated else None,
    )


def test_a_stated_day_before_the_legal_end_is_flagged_announced_short() -> None:
    """30 days from 2026-09-01 end 2026-10-08 (National Day); 10-01 announced is too short."""
    s = standing(window("2026-10-01"), CAL, date(2026, 9, 20))
    assert (s.status, s.due) == ("announced short", date(2026, 10, 8))
    assert "legal end 2026-10-08" in s.note


def test_a_stated_day_after_the_legal_end_keeps_the_window_open_to_it() -> None:
    """The window never closes before the day announced."""
    s = standing(window("2026-10-12"), CAL, date(2026, 10, 10))
    assert (s.status, s.due) == ("open", date(2026, 10, 12))


def test_a_stated_day_in_a_year_without_calendar_is_pending_and_named() -> None:
    s = standing(window("2026-10-08"), WorkingCalendar(), date(2026, 9, 20))
    assert s.status == "pending" and "announced: 2026-10-08" in s.note


def test_working_days_after_a_period_count_from_its_moved_last_day() -> None:
    """20 working days after the window that closes 2026-10-08 (10-10 is a working Saturday)."""
    o = window(None).model_copy(
        update={"count": Count.WORKING_DAYS_AFTER_PERIOD, "period_days": 30, "n": 20, "window": False}
    )
    assert compute_due(o, CAL).due == date(2026, 11, 4)
    assert o.row().get("period_days") == 30 and "stated" not in o.row()
