"""The site's lists, each a table with open data beside it, derived from public facts only.

Every column is public by construction: the facts are what the systems chose to publish
(``projections/<word>/facts.py``), and the lists pick from them again — never a trigger's
internal article, never a representative or a commenter.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from aggregates.public import PublicFact
from projections.decision.notice import WAY_LABELS
from projections.notices import chinese_date, chinese_day
from projections.site.model import Mark, SiteInput


@dataclass(frozen=True)
class Table:
    """A list as a page shows it and as open data: ``keys`` name the JSON fields, ``header``
    the columns a clerk reads; ``links`` give, per row, where its first cell points."""

    name: str  # the file stem of its open data: decisions.json, decisions.csv, decisions.xlsx
    title: str
    keys: tuple[str, ...]
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    links: tuple[str | None, ...] = field(default=())
    workbook: bool = True  # an .xlsx too: a list a clerk prints or forwards (not a column's index)

    @classmethod
    def of(
        cls,
        name: str,
        title: str,
        columns: Sequence[tuple[str, str]],
        rows: Iterable[tuple[str, ...]],
        links: Iterable[str | None] = (),
        workbook: bool = True,
    ) -> Table:
        """A table whose ``columns`` pair each JSON field with its heading, so the two never drift."""
        keys, header = zip(*columns, strict=True)
        return cls(name, title, keys, header, tuple(rows), tuple(links), workbook)

    def records(self) -> list[dict[str, str]]:
        return [dict(zip(self.keys, row, strict=True)) for row in self.rows]


def notice_url(word: str, slug: str) -> str:
    """A notice's permanent address, relative to the site's root: stable across rebuilds,
    since a notice's slug comes from its fact's key."""
    return f"notices/{word}/{slug}.html"


def first_notice_url(site: SiteInput, prefix: str) -> str | None:
    """The address of the first notice whose slug starts with ``prefix`` (any system)."""
    for s in site.systems:
        for n in sorted(s.notices, key=lambda n: (n.dated, n.slug)):
            if n.slug.startswith(prefix):
                return notice_url(s.word, n.slug)
    return None


def notices_table(site: SiteInput, only: str | None = None) -> Table:
    rows, links = [], []
    for s, n in site.notices:
        if only is not None and s.word != only:
            continue
        url = notice_url(s.word, n.slug)
        rows.append((n.title, chinese_date(n.dated), n.issuer, column_label(s.label), url))
        links.append(url)
    return Table.of(
        f"notices-{only}" if only else "notices",
        "公告目录",
        (
            ("title", "标题"),
            ("dated", "发布日期"),
            ("issuer", "发布机关"),
            ("column", "栏目"),
            ("url", "地址"),
        ),
        rows,
        links,
        workbook=only is None,
    )


def column_label(label: str) -> str:
    """A system's label as a portal column reads it: without the ledger's own ``(附件2)``."""
    return label.split(" (", 1)[0]


# --- decisions (重大行政决策预公开) -------------------------------------------------------------


@dataclass(frozen=True)
class DecisionLine:
    """One published decision as the public can follow it, from its notices' facts."""

    number: str
    title: str
    unit_name: str
    category: str
    published_on: date
    closes_on: date | None
    days: int | None
    ways: tuple[str, ...]
    report_on: date | None = None
    adoption_completed_on: date | None = None
    decided_on: date | None = None
    document_number: str | None = None
    withdrawn_on: date | None = None
    drafted_on: date | None = None
    shortened_reason: str | None = None

    def status(self, day: date, window: Mark | None = None) -> str:
        """``window`` is the board's comment-window obligation: its due day is the last day
        comments are taken (the legal end when the notice announced a shorter window)."""
        if self.withdrawn_on is not None:
            return "已撤回"
        if self.decided_on is not None:
            return "已作出决定"
        if self.report_on is not None:
            return "已公布意见采纳情况"
        last = window.due if window is not None and window.due is not None else self.closes_on
        if last is not None and day <= last:
            return "征求意见中"
        return "征求意见已截止"

    def open_on(self, day: date, window: Mark | None = None) -> bool:
        return self.status(day, window) == "征求意见中" and self.published_on <= day


def comment_window(site: SiteInput, number: str) -> Mark | None:
    """The board's obligation for a decision's comment window, if the board holds it."""
    return site.marks_by_key.get(f"decision:{number}:comments")


def _iso(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def decision_lines(facts: Iterable[PublicFact]) -> list[DecisionLine]:
    """The register of published decisions: exempt ones have no facts, so never a line."""
    by_number: dict[str, dict[str, Any]] = {}
    for f in sorted(facts, key=lambda f: (f.dated, f.key)):
        if not f.kind.startswith("decision."):
            continue
        d = f.data
        line = by_number.setdefault(d["number"], {})
        what = f.kind.split(".", 1)[1]
        if what == "call_for_comments":
            line.update(
                number=d["number"],
                title=d["title"],
                unit_name=d["unit_name"],
                category=d.get("category_label", ""),
                drafted_on=_iso(d.get("drafted_on")),
                published_on=f.dated,
                closes_on=_iso(d.get("closes_on")),
                days=d.get("days"),
                ways=tuple(w["kind"] for w in d.get("ways", ())),
                shortened_reason=d.get("shortened_reason"),
            )
        elif what == "period_changed":
            line.update(closes_on=_iso(d.get("closes_on")), days=d.get("days"))
        elif what == "adoption_report":
            line.update(report_on=f.dated, adoption_completed_on=_iso(d.get("adoption_completed_on")))
        elif what == "decided":
            line.update(decided_on=f.dated, document_number=d.get("document_number"))
        elif what == "withdrawn":
            line.update(withdrawn_on=f.dated)
    return sorted(
        (DecisionLine(**v) for v in by_number.values() if "published_on" in v),
        key=lambda x: (x.published_on, x.number),
    )


def ways_text(ways: Iterable[str]) -> str:
    return "、".join(WAY_LABELS.get(w, w) for w in ways)


def decisions_table(site: SiteInput) -> Table:
    rows, links = [], []
    for d in decision_lines(site.facts):
        rows.append(
            (
                d.number,
                d.title,
                d.unit_name,
                d.category,
                chinese_date(d.published_on),
                chinese_date(d.closes_on) if d.closes_on else "",
                str(d.days or ""),
                d.status(site.day, comment_window(site, d.number)),
                chinese_date(d.report_on) if d.report_on else "",
                (chinese_date(d.decided_on) + (f"（{d.document_number}）" if d.document_number else ""))
                if d.decided_on
                else "",
            )
        )
        links.append(first_notice_url(site, f"decision-{d.number}-"))
    columns = (
        ("number", "编号"),
        ("title", "决策事项"),
        ("unit", "承办单位"),
        ("category", "类别"),
        ("published_on", "公开日期"),
        ("closes_on", "征求意见截止"),
        ("days", "期限（日）"),
        ("status", "状态"),
        ("report_on", "采纳情况公布"),
        ("decided", "正式决定"),
    )
    return Table.of("decisions", "重大行政决策预公开目录", columns, rows, links)


# --- catalogue (政务公开事项清单) ----------------------------------------------------------------

ELEMENTS = (
    ("title", "公开事项"),
    ("content", "公开内容"),
    ("update_limit", "信息更新时间"),
    ("discloser", "公开主体"),
    ("supplier", "信息保障单位"),
    ("channels", "公开渠道"),
    ("column", "公开栏目"),
    ("legal_basis", "公开依据"),
    ("audience", "公开对象"),
    ("method", "公开方式"),
)


def catalogue_table(site: SiteInput) -> Table:
    """The catalogue as last published: one row per item in force, the ten elements as columns."""
    rows = []
    for f in sorted(site.facts_of("catalogue.item"), key=lambda f: (f.data["unit"], f.data["code"])):
        if f.data.get("removed"):
            continue
        elements = f.data.get("elements", {})
        rows.append((f.data["unit_name"], f.data["code"], *(str(elements.get(k, "")) for k, _ in ELEMENTS)))
    return Table.of("catalogue", "政务公开事项清单", (("unit", "单位"), ("code", "编号"), *ELEMENTS), rows)


def adjustments_table(site: SiteInput) -> Table:
    rows, links = [], []
    for f in site.facts_of("catalogue.adjustment"):
        d = f.data
        changes = "；".join(
            f"{c['element']}：{c['old'] or '（无）'} → {c['new'] or '（无）'}" for c in d["changes"]
        )
        rows.append(
            (
                chinese_date(f.dated),
                d["unit_name"],
                d["code"],
                d["title"],
                d["kind_label"],
                d["trigger_label"],
                d.get("grounds") or "",
                changes,
            )
        )
        links.append(first_notice_url(site, f"catalogue-adjustment-{d['unit']}-{d['code']}-{d['number']}"))
    columns = (
        ("published_on", "公布日期"),
        ("unit", "单位"),
        ("code", "编号"),
        ("title", "公开事项"),
        ("kind", "调整类型"),
        ("trigger", "调整原因"),
        ("grounds", "调整依据"),
        ("changes", "调整内容"),
    )
    return Table.of("catalogue-adjustments", "清单调整记录", columns, rows, links)


# --- open days (政务开放日) and assessments (监督考核) --------------------------------------------


def open_day_lines(site: SiteInput) -> list[dict[str, Any]]:
    """Each open day once, from the first of its notices (the facts share their head data)."""
    seen: dict[str, dict[str, Any]] = {}
    for f in sorted((f for f in site.facts if f.kind.startswith("open_day.")), key=lambda f: f.key):
        seen.setdefault(f.data["number"], f.data)
    return sorted(seen.values(), key=lambda d: (d["day"], d["number"]))


def open_days_table(site: SiteInput) -> Table:
    rows, links = [], []
    for d in open_day_lines(site):
        day = date.fromisoformat(d["day"])
        rows.append(
            (
                d["number"],
                chinese_date(day),
                d.get("theme") or "",
                d.get("site") or "",
                d.get("form_label") or "",
                d.get("host_name") or "",
                "即将举办" if day >= site.day else "已举办",
            )
        )
        links.append(first_notice_url(site, f"open-day-{d['number']}-"))
    columns = (
        ("number", "编号"),
        ("day", "日期"),
        ("theme", "主题"),
        ("site", "地点"),
        ("form", "形式"),
        ("host", "举办单位"),
        ("status", "状态"),
    )
    return Table.of("open-days", "政务开放日", columns, rows, links)


def assessments_table(site: SiteInput) -> Table:
    rows, links = [], []
    for f in sorted(site.facts_of("assessment.result"), key=lambda f: (f.data["year"], f.data["unit"])):
        d = f.data
        verdict = "表扬" if d.get("commended") else "批评" if d.get("criticised") else ""
        rows.append(
            (
                str(d["year"]),
                d["unit_name"],
                d["grade_label"],
                verdict,
                chinese_day(d.get("rectify_by")),
                d.get("document_number") or "",
                chinese_date(f.dated),
            )
        )
        links.append(first_notice_url(site, f"assessment-{d['year']}-result-{f.dated.isoformat()}"))
    columns = (
        ("year", "年度"),
        ("unit", "单位"),
        ("grade", "等次"),
        ("verdict", "表扬／批评"),
        ("rectify_by", "整改期限"),
        ("document_number", "文号"),
        ("announced_on", "通报日期"),
    )
    return Table.of("assessments", "政务公开考核结果", columns, rows, links)
