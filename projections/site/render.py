"""The site, rendered: every page, the feed, the stylesheet and the open data, as files in memory.

``build(site)`` returns ``{relative path: bytes}``; writing them is the caller's business, so
a property test renders a whole site from generated aggregates without touching a disk.
Templates are Jinja2 with autoescape on: every string from the ledger is escaped once, in
one place, rather than by hand in each page.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache
from importlib.resources import files as package_files
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from projections.notices import Notice, chinese_date
from projections.site import opendata
from projections.site.charts import board_chart, calendar_chart, decision_timeline
from projections.site.model import Chart, SiteInput, SystemNotices
from projections.site.registers import (
    Table,
    adjustments_table,
    assessments_table,
    catalogue_table,
    column_label,
    comment_window,
    decision_lines,
    decisions_table,
    first_notice_url,
    notice_url,
    notices_table,
    open_day_lines,
    open_days_table,
    ways_text,
)

LATEST = 10  # notices on the home page


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("projections.site", "templates"),
        autoescape=select_autoescape(("html", "xml")),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["cn_date"] = chinese_date
    env.filters["column"] = column_label
    env.filters["cn_iso"] = lambda iso: chinese_date(date.fromisoformat(iso))
    return env


def stylesheet() -> bytes:
    return package_files("projections.site").joinpath("templates/site.css").read_bytes()


def _page(template: str, root: str, site: SiteInput, **context: Any) -> bytes:
    html = environment().get_template(template).render(root=root, site=site, **context)
    return html.encode("utf-8")


def _with_data(out: dict[str, bytes], *tables: Table) -> None:
    for t in tables:
        out.update(opendata.files(t))


def charts(site: SiteInput) -> list[Chart]:
    """The inspector's pictures for the site's year: the board, the calendar, each decision."""
    year = site.day.year
    found = [
        board_chart(site.marks, site.units, year),
        calendar_chart(next((c for c in site.calendars if c.year == year), None), site.marks, year),
    ]
    board = {m.key: m for m in site.marks}
    for n, line in enumerate(decision_lines(site.facts), start=1):
        found.append(
            decision_timeline(line, board.get(f"decision:{line.number}:report"), site.day, f"timeline-{n}")
        )
    return found


def build(site: SiteInput) -> dict[str, bytes]:
    """Every file of the site, by its path relative to the site's root."""
    out: dict[str, bytes] = {"site.css": stylesheet()}
    lines = decision_lines(site.facts)
    open_now = [d for d in lines if d.open_on(site.day, comment_window(site, d.number))]
    upcoming = [d for d in open_day_lines(site) if date.fromisoformat(d["day"]) >= site.day]
    catalogue, adjustments = catalogue_table(site), adjustments_table(site)
    decisions, open_days, assessments = decisions_table(site), open_days_table(site), assessments_table(site)
    everything = notices_table(site)
    _with_data(out, catalogue, adjustments, decisions, open_days, assessments, everything)

    link = notice_url  # the templates' word for a notice's permanent address
    calls = {d.number: first_notice_url(site, f"decision-{d.number}-call") for d in open_now}
    out["index.html"] = _page(
        "index.html",
        "",
        site,
        open_now=open_now,
        calls=calls,
        ways_text=ways_text,
        latest=site.notices[:LATEST],
        link=link,
        catalogue=catalogue,
        upcoming=upcoming,
        upcoming_links=dict(zip((r[0] for r in open_days.rows), open_days.links, strict=True)),
    )
    out["notices/index.html"] = _page(
        "notices.html", "../", site, groups=_by_system(site.systems), table=everything, link=link
    )
    for s in site.systems:
        mine = notices_table(site, s.word)
        _with_data(out, mine)
        out[f"notices/{s.word}/index.html"] = _page(
            "system.html", "../../", site, system=s, months=_by_month(s.notices), table=mine, link=link
        )
        for n in s.notices:
            out[link(s.word, n.slug)] = _page("notice.html", "../../", site, system=s, notice=n)
    out["catalogue.html"] = _page("catalogue.html", "", site, table=catalogue, history=adjustments)
    out["decisions.html"] = _page("list.html", "", site, tables=[decisions], intro=DECISIONS_INTRO)
    out["open-days.html"] = _page("list.html", "", site, tables=[open_days], intro=OPEN_DAYS_INTRO)
    out["assessments.html"] = _page("list.html", "", site, tables=[assessments], intro=ASSESSMENTS_INTRO)
    out["inspector.html"] = _page("inspector.html", "", site, charts=charts(site))
    out["data/index.html"] = _page(
        "data.html",
        "../",
        site,
        tables=[catalogue, adjustments, decisions, open_days, assessments, everything],
    )
    out["feed.xml"] = _page("feed.xml", "", site, entries=site.notices, link=link, first=_first_words)
    return out


DECISIONS_INTRO = "已向社会公开征求意见的重大行政决策事项，及其征求意见期限、意见采纳情况和正式决定。"
OPEN_DAYS_INTRO = "政务开放日活动的时间、主题、地点和形式。报名与公示见各活动的公告。"
ASSESSMENTS_INTRO = "各股室（中心）年度政务公开考核等次的通报。"


def _by_system(systems: Iterable[SystemNotices]) -> list[tuple[SystemNotices, list[Notice]]]:
    return [(s, sorted(s.notices, key=lambda n: (n.dated, n.slug), reverse=True)) for s in systems]


def _by_month(notices: Iterable[Notice]) -> list[tuple[str, list[Notice]]]:
    months: dict[str, list[Notice]] = {}
    for n in sorted(notices, key=lambda n: (n.dated, n.slug), reverse=True):
        months.setdefault(f"{n.dated.year}年{n.dated.month}月", []).append(n)
    return list(months.items())


def _first_words(notice: Notice, limit: int = 120) -> str:
    """The feed's summary of a notice: its first paragraph, cut at ``limit`` characters."""
    for s in notice.sections:
        for p in s.paragraphs:
            text = " ".join(p.split())
            return text if len(text) <= limit else text[:limit] + "……"
    return notice.title
