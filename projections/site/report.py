"""`ledger report`: one self-contained HTML page for a supervisor (styles and pictures inline,
printable to PDF from a browser), and the same data as JSON.

Unlike the site, the report is internal: it names every obligation on the board, the
assessment scores and the evidence per unit, for whoever supervises the year.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from projections.site.charts import LABEL, assessment_chart, board_chart, calendar_chart, decision_timeline
from projections.site.model import CalendarDays, Chart, CheckpointMark, Mark
from projections.site.registers import DecisionLine
from projections.site.render import environment, stylesheet


@dataclass(frozen=True)
class Scores:
    """One unit's assessment by criterion: the standard's points, self and on-site scores."""

    unit: str
    unit_name: str
    year: int
    points: dict[str, float]
    self_scores: dict[str, float] | None
    onsite_scores: dict[str, float] | None
    grade: str | None


@dataclass(frozen=True)
class ReportInput:
    bureau: str
    year: int
    day: date
    unit: str | None
    units: dict[str, str]
    obligations: list[dict[str, Any]]  # the board's rows due in the year
    marks: tuple[Mark, ...]
    calendar: CalendarDays | None
    decisions: list[DecisionLine]
    scores: list[Scores]
    evidence: list[dict[str, Any]]
    verification: dict[str, Any]
    checkpoint: CheckpointMark | None
    as_of: date | None = None


def charts(report: ReportInput) -> list[Chart]:
    found = [
        board_chart(report.marks, report.units, report.year),
        calendar_chart(report.calendar, report.marks, report.year),
    ]
    board = {m.key: m for m in report.marks}
    for n, line in enumerate(report.decisions, start=1):
        found.append(
            decision_timeline(line, board.get(f"decision:{line.number}:report"), report.day, f"timeline-{n}")
        )
    for n, s in enumerate(report.scores, start=1):
        found.append(assessment_chart(s.unit_name, s.points, s.self_scores, s.onsite_scores, f"scores-{n}"))
    return found


def summary(report: ReportInput) -> list[dict[str, Any]]:
    """One line per unit: how many of its obligations of the year stand in each state."""
    counts: dict[str, Counter[str]] = {}
    for row in report.obligations:
        counts.setdefault(row["unit"], Counter())[row["status"]] += 1
    return [
        {"unit": u, "unit_name": report.units.get(u, u), **{s: counts[u][s] for s in LABEL}}
        for u in sorted(counts)
    ]


def data(report: ReportInput) -> dict[str, Any]:
    """The report as JSON: the same content, each chart as its sentence and its table."""
    return {
        "bureau": report.bureau,
        "year": report.year,
        "unit": report.unit,
        "day": report.day.isoformat(),
        "verification": report.verification,
        "checkpoint": None
        if report.checkpoint is None
        else {"position": report.checkpoint.position, "head": report.checkpoint.head},
        "summary": summary(report),
        "obligations": report.obligations,
        "charts": [
            {"id": c.id, "title": c.title, "summary": c.summary, "header": c.header, "rows": c.rows}
            for c in charts(report)
        ],
        "evidence": report.evidence,
    }


def html(report: ReportInput) -> str:
    return (
        environment()
        .get_template("report.html")
        .render(
            report=report,
            charts=charts(report),
            summary=summary(report),
            states=LABEL,
            css=stylesheet().decode("utf-8"),
        )
    )
