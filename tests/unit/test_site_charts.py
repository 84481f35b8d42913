"""The charts say what the board and the calendar say: counts per unit and month, rest days
and adjusted working days, each deadline coloured by its state, and a timeline to scale."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from typing import Any

from projections.site.charts import COLOUR, board_chart, calendar_chart, decision_timeline
from projections.site.model import CalendarDays, Mark
from projections.site.registers import DecisionLine

SVG = "{http://www.w3.org/2000/svg}"
UNITS = {"FIN": "金融股", "FUND": "资金股"}


def mark(unit: str, due: str, status: str, key: str = "k") -> Mark:
    return Mark(key, unit, date.fromisoformat(due), status)


def cells(svg: str) -> dict[str, ET.Element]:
    """Each calendar day's group by the text of its tooltip's first word (the date)."""
    root = ET.fromstring(svg)
    return {
        g.find(f"{SVG}title").text.split()[0]: g
        for g in root.iter(f"{SVG}g")
        if g.find(f"{SVG}title") is not None
    }  # type: ignore[union-attr]


def test_the_board_chart_counts_each_units_deadlines_by_month_and_state() -> None:
    marks = [
        mark("FIN", "2026-03-02", "met"),
        mark("FIN", "2026-03-20", "met"),
        mark("FIN", "2026-03-31", "met late"),
        mark("FUND", "2026-11-05", "overdue"),
        mark("FUND", "2026-11-06", "open"),  # not yet due: not on the chart
        mark("FIN", "2025-03-02", "met"),  # another year
    ]
    chart = board_chart(marks, UNITS, 2026)
    assert set(chart.rows) == {("金融股", "3月", "2", "1", "0"), ("资金股", "11月", "0", "0", "1")}
    assert (
        chart.summary
        == "2026年各单位按到期月份统计的期限办理情况：共4项，按时办结2项，逾期办结1项，逾期未办1项。"
    )
    ET.fromstring(chart.svg)  # well-formed


def test_the_calendar_marks_holidays_adjusted_working_days_and_each_deadline_by_its_state() -> None:
    cal = CalendarDays(2026, {date(2026, 10, 1): "国庆节"}, {date(2026, 9, 27): "国庆节"})
    marks = [
        mark("FIN", "2026-10-09", "met"),
        mark("FIN", "2026-10-09", "overdue"),
        mark("FIN", "2026-12-02", "open"),
    ]
    chart = calendar_chart(cal, marks, 2026)
    days = cells(chart.svg)
    holiday = days["2026年10月1日"].find(f"{SVG}rect")
    workday = days["2026年9月27日"].find(f"{SVG}rect")
    assert holiday is not None and holiday.get("stroke") == "#c62828"
    assert workday is not None and workday.get("stroke") == "#1565c0"
    dot = days["2026年10月9日"].find(f"{SVG}circle")
    assert dot is not None and dot.get("fill") == COLOUR["overdue"]  # the worse of the two
    assert days["2026年12月2日"].find(f"{SVG}circle").get("fill") == COLOUR["open"]  # type: ignore[union-attr]
    assert "法定节假日1天，调休上班1天；到期期限3项" in chart.summary


def test_a_year_without_a_calendar_is_drawn_as_pending_never_guessed() -> None:
    chart = calendar_chart(None, [], 2031)
    assert "尚未录入2031年工作日历" in chart.summary


def published(closes_on: date, days: int, **course: Any) -> DecisionLine:
    """A decision published on 2026-03-02 by e-mail, with the rest of its ``course``."""
    return DecisionLine(
        number="YJJR-2026-02",
        title="雁江区<示例>办法",
        unit_name="金融股",
        category="",
        published_on=date(2026, 3, 2),
        closes_on=closes_on,
        days=days,
        ways=("email",),
        **course,
    )


def test_a_decisions_timeline_shows_its_window_and_a_late_report() -> None:
    line = published(
        date(2026, 3, 12), 10, adoption_completed_on=date(2026, 3, 16), report_on=date(2026, 4, 10)
    )
    chart = decision_timeline(line, mark("FIN", "2026-03-30", "met late"), date(2026, 12, 1), "t")
    root = ET.fromstring(chart.svg)  # the title's <> escaped
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "征求意见期10日" in texts
    assert any(r.get("fill") == "#ffcdd2" for r in root.iter(f"{SVG}rect"))  # late: drawn red
    assert ("采纳情况公布期限", "2026年3月30日") in chart.rows
    assert "《雁江区<示例>办法》" in chart.summary


def test_a_decisions_timeline_starts_when_it_was_drafted_and_draws_the_window_from_publication() -> None:
    """The course the issue asks for: drafted → published → window → adoption → report."""
    line = published(date(2026, 4, 1), 30, drafted_on=date(2026, 2, 2))
    chart = decision_timeline(line, None, date(2026, 12, 1), "t")
    assert chart.rows[:2] == (("起草", "2026年2月2日"), ("公开征求意见", "2026年3月2日"))
    root = ET.fromstring(chart.svg)
    [window] = [r for r in root.iter(f"{SVG}rect") if r.get("fill") == "#bbdefb"]
    assert float(window.get("x", "0")) > 20  # the window begins at publication, not at drafting


def test_every_state_the_board_can_say_has_words_and_a_colour_on_the_charts() -> None:
    """A comment window announced short is a board state too: a day holding one is drawn,
    not a build that stops on a word the charts never learnt."""
    from ledger.rules.deadlines import STATES as BOARD

    assert set(BOARD) <= set(COLOUR)
    chart = calendar_chart(None, [mark("FIN", "2026-03-02", "announced short")], 2026)
    assert "公布期限短于法定1项" in " ".join(r[1] for r in chart.rows)


def test_a_decisions_timeline_draws_the_report_as_the_board_rates_it() -> None:
    """Late or on time is the board's word on the obligation, not a second reckoning here."""
    line = published(
        date(2026, 3, 12), 10, adoption_completed_on=date(2026, 3, 16), report_on=date(2026, 3, 27)
    )
    chart = decision_timeline(line, mark("FIN", "2026-03-30", "met"), date(2026, 12, 1), "t")
    fills = {r.get("fill") for r in ET.fromstring(chart.svg).iter(f"{SVG}rect")}
    assert "#c8e6c9" in fills and "#ffcdd2" not in fills


def test_a_window_announced_short_stays_open_until_the_boards_legal_end() -> None:
    """Comments are taken until the legal end (the board's due day), not the day announced."""
    line = published(date(2026, 3, 12), 10)
    window = mark("FIN", "2026-03-20", "announced short", "decision:YJJR-2026-02:comments")
    assert line.status(date(2026, 3, 15), window) == "征求意见中"
    assert line.open_on(date(2026, 3, 15), window)
    assert line.status(date(2026, 3, 21), window) == "征求意见已截止"
    assert line.status(date(2026, 3, 15)) == "征求意见已截止"  # no board row: the day announced
