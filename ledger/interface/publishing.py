"""Reads for `ledger site build` and `ledger report`: the ledger's public side gathered into
plain data, then rendered by ``projections.site`` (pages, charts, open data).

Every system with notices gets its own pages (``ledger.systems.notice_systems``), so a
system added to the table is published on the site without a line here changing.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aggregates.audit import Checkpoint
from aggregates.errors import InvalidInput, NotFound
from ledger.interface.core import Ledger
from ledger.systems import notice_systems
from ledger.when import NOW, When
from projections.notices import write_notices
from projections.site import render
from projections.site.model import CalendarDays, CheckpointMark, Mark, SiteInput, SystemNotices
from projections.site.registers import column_label, decision_lines

if TYPE_CHECKING:
    from projections.site.report import ReportInput, Scores

MARKER = ".ledger-site"  # lists the files a build wrote, so the next build may replace them


def _calendars(ledger: Ledger, years: range, when: When) -> tuple[CalendarDays, ...]:
    found = []
    for year in years:
        try:
            cal = ledger.calendar_year(year, when)
        except NotFound:
            continue  # a year with no calendar is pending: the chart says so
        found.append(
            CalendarDays(
                year,
                {date.fromisoformat(d["date"]): d["name"] for d in cal["holidays"]},
                {date.fromisoformat(d["date"]): d["name"] for d in cal["workdays"]},
            )
        )
    return tuple(found)


def last_checkpoint(ledger: Ledger, when: When = NOW) -> CheckpointMark | None:
    """The signed checkpoint recorded last (as known at ``when``): what the site rests on."""
    best: Checkpoint | None = None
    for _, event in ledger.app.log_events(1):
        if event.owner() is not Checkpoint or not when.admits(event):
            continue
        found = ledger.as_recorded(Checkpoint, event.originator_id, when)
        if found is not None and found.signature and (best is None or found.position >= best.position):
            best = found
    if best is None:
        return None
    return CheckpointMark(best.position, best.size, best.head, best.taken or "")


def _marks(ledger: Ledger, when: When) -> tuple[Mark, ...]:
    return tuple(
        Mark(
            r["key"],
            r["unit"],
            date.fromisoformat(r["due"]) if r["due"] else None,
            r["status"],
            date.fromisoformat(r["met_on"]) if r.get("met_on") else None,
        )
        for r in ledger.deadlines(when)
    )


def site_input(ledger: Ledger, when: When = NOW) -> SiteInput:
    """Everything the public site shows, as the ledger stood at ``when``."""
    day = when.day(ledger.today())
    facts = ledger.public_facts(when)
    bureau = ledger.bureau_name()
    systems = tuple(
        SystemNotices(s.word, s.label, tuple(write_notices(facts, bureau, [writer])))
        for s, writer in notice_systems()
    )
    units = {u["code"]: u["name"] for u in ledger.directory(when)["units"]}
    return SiteInput(
        bureau=bureau,
        day=day,
        systems=systems,
        facts=tuple(facts),
        units=units,
        marks=_marks(ledger, when),
        calendars=_calendars(ledger, range(day.year - 1, day.year + 2), when),
        checkpoint=last_checkpoint(ledger, when),
        as_of=when.as_of,
    )


def _prepare(out: Path) -> set[str]:
    """The files an earlier build wrote into ``out`` (to remove what this one no longer has);
    a folder with other content is refused, so a build never overwrites someone's files."""
    if out.exists() and not out.is_dir():
        raise InvalidInput("out", f"{out} is a file; name a folder for the site")
    marker = out / MARKER
    if marker.exists():
        return _earlier_files(out, marker)
    if out.exists() and any(out.iterdir()):
        raise InvalidInput(
            "out", f"{out} is not empty and holds no site built by ledger; choose an empty folder"
        )
    return set()


def _earlier_files(out: Path, marker: Path) -> set[str]:
    """The names an earlier build listed: only files inside ``out``, so a marker edited by
    hand can never make a rebuild delete something elsewhere."""
    try:
        names = json.loads(marker.read_text(encoding="utf-8"))
    except (ValueError, OSError) as e:
        raise InvalidInput(
            "out", f"{marker} is not a list ledger wrote ({e}); remove it or choose an empty folder"
        ) from None
    root = out.resolve()
    if not isinstance(names, list) or not all(
        isinstance(n, str) and (root / n).resolve().is_relative_to(root) and (root / n).resolve() != root
        for n in names
    ):
        raise InvalidInput("out", f"{marker} names files outside {out}; remove it or choose an empty folder")
    return set(names)


def build_site(ledger: Ledger, out: Path, when: When = NOW) -> dict[str, Any]:
    """Write the site into ``out``: pages, feed, stylesheet, open data."""
    earlier = _prepare(out)
    site = site_input(ledger, when)
    files = render.build(site)
    for name, content in files.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    for stale in sorted(earlier - set(files)):
        (out / stale).unlink(missing_ok=True)
    (out / MARKER).write_text(json.dumps(sorted(files), ensure_ascii=False), encoding="utf-8")
    kinds = Counter(Path(name).suffix.lstrip(".") for name in files)
    return {
        "out": str(out),
        "day": site.day.isoformat(),
        "notices": len(site.notices),
        "columns": [column_label(s.label) for s in site.systems],
        "files": dict(sorted(kinds.items())),
        "removed": len(earlier - set(files)),
    }


# --- the supervisor's report ----------------------------------------------------------------


def _verification(ledger: Ledger) -> dict[str, Any]:
    """The hash chain verified from the raw rows, as `ledger audit verify` does."""
    from ledger.audit.verify import verify_chain
    from ledger.interface.audit import raw_connection

    with raw_connection(ledger) as source:
        found, _ = verify_chain(source)
    first = found.first
    return {**found.chain(), "first_problem": None if first is None else first.line()}


def _scores(ledger: Ledger, unit: str, unit_name: str, year: int, when: When) -> Scores | None:
    """A unit's assessment by criterion, of ``year`` (else the year before, assessed in this one)."""
    from aggregates.assessment import CRITERION_ITEMS, GRADE_LABELS, Assessment, Criterion, ScoringStandard
    from projections.site.report import Scores

    for assessed in (year, year - 1):
        found = ledger.as_recorded(Assessment, Assessment.id_for(unit, assessed), when)
        standard = ledger.as_recorded(ScoringStandard, ScoringStandard.id_for(assessed), when)
        if found is None or standard is None:
            continue

        def by_item(scores: dict[Criterion, Any] | None) -> dict[str, float] | None:
            return (
                None
                if scores is None
                else {CRITERION_ITEMS[c]: float(scores[c]) for c in Criterion if c in scores}
            )

        points = by_item(standard.points) or {}
        grade = GRADE_LABELS[found.grade] if found.grade else None
        name = unit_name if assessed == year else f"{unit_name}（{assessed}年度）"
        return Scores(
            unit, name, assessed, points, by_item(found.self_scores), by_item(found.onsite_scores), grade
        )
    return None


def report_input(ledger: Ledger, year: int, unit: str | None = None, when: When = NOW) -> ReportInput:
    """Everything the supervisor's report of ``year`` shows (one unit's, if ``unit``)."""
    from aggregates.org import WORKING_UNITS
    from ledger.interface.assessment import check_year, evidence
    from projections.site.report import ReportInput

    check_year(year)
    day = when.day(ledger.today())
    rows = [r for r in ledger.deadlines(when, unit) if r["due"] and date.fromisoformat(r["due"]).year == year]
    rows.sort(key=lambda r: (r["unit"], r["due"], r["key"]))
    directory = ledger.directory(when)["units"]
    units = {u["code"]: u["name"] for u in directory}
    assessed = [u["code"] for u in directory if u["kind"] in WORKING_UNITS and unit in (None, u["code"])]
    lines = [
        d
        for d in decision_lines(ledger.public_facts(when))
        if d.published_on.year == year and (unit is None or d.unit_name == units.get(unit))
    ]
    calendars = _calendars(ledger, range(year, year + 1), when)
    scores = [s for u in assessed if (s := _scores(ledger, u, units[u], year, when)) is not None]
    return ReportInput(
        bureau=ledger.bureau_name(),
        year=year,
        day=day,
        unit=unit,
        units=units,
        obligations=rows,
        marks=tuple(m for m in _marks(ledger, when) if unit in (None, m.unit)),
        calendar=calendars[0] if calendars else None,
        decisions=lines,
        scores=scores,
        evidence=[evidence(ledger, u, year, when) for u in assessed],
        verification=_verification(ledger),
        checkpoint=last_checkpoint(ledger, when),
        as_of=when.as_of,
    )


def write_report(
    ledger: Ledger, year: int, out: Path, unit: str | None = None, when: When = NOW, fmt: str = "html"
) -> dict[str, Any]:
    """Write ``report-YEAR[-UNIT].html`` (or ``.json``) into ``out``."""
    if out.exists() and not out.is_dir():
        raise InvalidInput("out", f"{out} is a file; name a folder for the report")
    from projections.site import report

    found = report_input(ledger, year, unit, when)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"report-{year}{'-' + unit if unit else ''}.{fmt}"
    if fmt == "json":
        path.write_text(
            json.dumps(report.data(found), ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8"
        )
    else:
        path.write_text(report.html(found), encoding="utf-8")
    return {
        "file": str(path),
        "obligations": len(found.obligations),
        "verified": found.verification["ok"],
    }
