"""Charts drawn on the server as SVG: no script, each with a sentence and its table of numbers.

Colours follow the board's states, and every colour is named in a legend (text, not colour
alone, carries the meaning): 按时 met on time, 逾期办结 met late, 逾期未办 overdue.
"""

from __future__ import annotations

import calendar as months
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from projections.notices import chinese_date
from projections.site.model import CalendarDays, Chart, Mark
from projections.site.registers import DecisionLine
from projections.site.svg import el, group, svg

# The board's states as the charts colour them, with the words for each.
STATES: tuple[tuple[str, str, str], ...] = (
    ("met", "按时办结", "#2e7d32"),
    ("met late", "逾期办结", "#ef8f00"),
    ("overdue", "逾期未办", "#c62828"),
    ("due", "即将到期", "#6a1b9a"),
    ("open", "办理中", "#1565c0"),
    ("announced short", "公布期限短于法定", "#ad1457"),
    ("pending", "待定（日历未录入）", "#757575"),
    ("closed", "已终止", "#9e9e9e"),
)
LABEL = {s: label for s, label, _ in STATES}
COLOUR = {s: colour for s, _, colour in STATES}
BOARD_STATES = ("met", "met late", "overdue")  # what a month's bar counts
# a day's dot takes the colour of its worst state
WORST_FIRST = ("overdue", "met late", "announced short", "due", "open", "pending", "met", "closed")


def _key(entries: Sequence[tuple[int, str, str, str | None]], x: int, y: int) -> list[str]:
    """A legend: per entry ``(offset, words, fill, stroke)``, a swatch and its words."""
    out = []
    for offset, words, fill, stroke in entries:
        out.append(el("rect", x=x + offset, y=y, width=12, height=12, fill=fill, stroke=stroke))
        out.append(el("text", words, x=x + offset + 16, y=y + 11, font_size=12))
    return out


def _legend(states: Sequence[str], x: int, y: int) -> list[str]:
    return _key([(i * 120, LABEL[s], COLOUR[s], None) for i, s in enumerate(states)], x, y)


def _chart(
    id: str,
    title: str,
    summary: str,
    size: tuple[int, int],
    parts: list[str],
    header: tuple[str, ...],
    rows: tuple[tuple[str, ...], ...],
) -> Chart:
    """The picture and its words: the sentence is the SVG's description and the chart's text."""
    return Chart(id, title, svg(id, title, summary, *size, parts), summary, header, rows)


def board_chart(marks: Iterable[Mark], units: dict[str, str], year: int, id: str = "board") -> Chart:
    """Per unit and month of the due day: deadlines met on time, met late, and overdue."""
    counts: Counter[tuple[str, int, str]] = Counter()
    for m in marks:
        if m.due is not None and m.due.year == year and m.status in BOARD_STATES:
            counts[(m.unit, m.due.month, m.status)] += 1
    shown = sorted({u for u, _, _ in counts}, key=lambda u: units.get(u, u))
    most = max(
        (sum(counts[(u, mo, s)] for s in BOARD_STATES) for u in shown for mo in range(1, 13)), default=1
    )
    left, col, row_h, bar_h = 110, 40, 70, 50
    width, height = left + 12 * col + 10, 40 + max(1, len(shown)) * row_h + 30
    parts = _legend(BOARD_STATES, left, 8)
    for mo in range(1, 13):
        parts.append(
            el(
                "text",
                f"{mo}月",
                x=left + (mo - 1) * col + col / 2,
                y=height - 10,
                font_size=11,
                text_anchor="middle",
            )
        )
    for r, unit in enumerate(shown):
        base = 40 + (r + 1) * row_h - 10
        parts.append(
            el("text", units.get(unit, unit), x=left - 8, y=base - bar_h / 2, font_size=13, text_anchor="end")
        )
        parts.append(el("line", x1=left, y1=base, x2=width - 10, y2=base, stroke="#888", stroke_width=1))
        for mo in range(1, 13):
            y = float(base)
            for s in BOARD_STATES:
                n = counts[(unit, mo, s)]
                if not n:
                    continue
                h = bar_h * n / most
                y -= h
                bar = el(
                    "rect",
                    x=left + (mo - 1) * col + 8,
                    y=round(y, 1),
                    width=col - 16,
                    height=round(h, 1),
                    fill=COLOUR[s],
                )
                parts.append(group([el("title", f"{units.get(unit, unit)} {mo}月 {LABEL[s]} {n}项"), bar]))
    total = Counter(s for (_, _, s), n in counts.items() for _ in range(n))
    summary = (
        f"{year}年各单位按到期月份统计的期限办理情况：共{sum(total.values())}项，"
        + "，".join(f"{LABEL[s]}{total[s]}项" for s in BOARD_STATES)
        + "。"
    )
    if not shown:
        summary = f"{year}年尚无已到期的期限。"
    rows = tuple(
        (units.get(u, u), f"{mo}月", *(str(counts[(u, mo, s)]) for s in BOARD_STATES))
        for u in shown
        for mo in range(1, 13)
        if any(counts[(u, mo, s)] for s in BOARD_STATES)
    )
    title = f"{year}年各单位各月期限办理情况"
    return _chart(
        id, title, summary, (width, height), parts, ("单位", "月份", *(LABEL[s] for s in BOARD_STATES)), rows
    )


def calendar_chart(cal: CalendarDays | None, marks: Iterable[Mark], year: int, id: str = "calendar") -> Chart:
    """The year at a glance: rest days, official holidays, adjusted working days, and each
    deadline as a dot on its day, coloured by its state on the board."""
    holidays = cal.holidays if cal else {}
    workdays = cal.workdays if cal else {}
    due: dict[date, Counter[str]] = {}
    for m in marks:
        if m.due is not None and m.due.year == year:
            due.setdefault(m.due, Counter())[m.status] += 1
    left, cell, top = 44, 18, 34
    width, height = left + 31 * cell + 6, top + 12 * cell + 50
    parts = _key(
        [
            (0, "法定节假日", "#fde0dc", "#c62828"),
            (100, "周末", "#eceff1", None),
            (160, "调休上班", "#e3f2fd", "#1565c0"),
        ],
        left,
        8,
    )
    for d in range(1, 32):
        parts.append(
            el(
                "text",
                str(d),
                x=left + (d - 1) * cell + cell / 2,
                y=top - 3,
                font_size=9,
                text_anchor="middle",
            )
        )
    for mo in range(1, 13):
        y = top + (mo - 1) * cell
        parts.append(el("text", f"{mo}月", x=left - 6, y=y + 13, font_size=11, text_anchor="end"))
        for d in range(1, months.monthrange(year, mo)[1] + 1):
            day = date(year, mo, d)
            x = left + (d - 1) * cell
            if day in holidays:
                fill, stroke, note = "#fde0dc", "#c62828", f"{holidays[day]}（法定节假日）"
            elif day in workdays:
                fill, stroke, note = "#e3f2fd", "#1565c0", f"{workdays[day]}（调休上班）"
            elif day.weekday() >= 5:
                fill, stroke, note = "#eceff1", "#ffffff", "周末"
            else:
                fill, stroke, note = "#ffffff", "#e0e0e0", "工作日"
            marks_here = due.get(day, Counter())
            words = "、".join(f"{LABEL[s]}{n}项" for s, n in sorted(marks_here.items()))
            cell_parts = [
                el("title", f"{chinese_date(day)} {note}" + (f"；期限：{words}" if words else "")),
                el("rect", x=x + 1, y=y + 1, width=cell - 2, height=cell - 2, fill=fill, stroke=stroke),
            ]
            if marks_here:
                worst = next(s for s in WORST_FIRST if s in marks_here)
                cell_parts.append(el("circle", cx=x + cell / 2, cy=y + cell / 2, r=5, fill=COLOUR[worst]))
            parts.append(group(cell_parts))
    legend_y = top + 12 * cell + 14
    parts += _legend(("met", "met late", "overdue"), left, legend_y)
    parts += _legend(("due", "open", "pending", "announced short"), left, legend_y + 18)
    counts = Counter(s for c in due.values() for s, n in c.items() for _ in range(n))
    source = "" if cal else f"（尚未录入{year}年工作日历：节假日待定）"
    summary = (
        f"{year}年日历{source}：法定节假日{len(holidays)}天，调休上班{len(workdays)}天；"
        f"到期期限{sum(counts.values())}项"
        + ("（" + "，".join(f"{LABEL[s]}{n}项" for s, n in sorted(counts.items())) + "）" if counts else "")
        + "。"
    )
    rows = (
        tuple(
            (
                chinese_date(day),
                "、".join(f"{LABEL[s]}{n}项" for s, n in sorted(c.items())),
                holidays.get(day) or (f"{workdays[day]}（调休上班）" if day in workdays else ""),
            )
            for day, c in sorted(due.items())
        )
        + tuple(
            (chinese_date(day), "", f"{name}（法定节假日）")
            for day, name in sorted(holidays.items())
            if day not in due
        )
        + tuple(
            (chinese_date(day), "", f"{name}（调休上班）")
            for day, name in sorted(workdays.items())
            if day not in due
        )
    )
    title = f"{year}年日历与期限"
    header = ("日期", "到期期限", "节假日／调休")
    return _chart(
        id, title, summary, (width, height), parts, header, tuple(sorted(rows, key=lambda r: _sortable(r[0])))
    )


def _sortable(chinese: str) -> tuple[int, ...]:
    y, rest = chinese.split("年")
    m, rest = rest.split("月")
    return int(y), int(m), int(rest.rstrip("日"))


def decision_timeline(line: DecisionLine, report: Mark | None, day: date, id: str) -> Chart:
    """One decision's course: drafted → published → comment window (its days) → adoption →
    report (due within the legal working days of the adoption) → the decision, to scale.
    ``report`` is the board's obligation to publish the adoption report: its due day and
    whether it was met late are the board's, never worked out again here."""
    report_due = report.due if report is not None else None
    drafted = line.drafted_on if line.drafted_on and line.drafted_on < line.published_on else None
    points: list[tuple[str, date]] = [("起草", drafted)] if drafted else []
    points.append(("公开征求意见", line.published_on))
    if line.closes_on:
        points.append(("征求意见截止", line.closes_on))
    if line.adoption_completed_on:
        points.append(("意见采纳完成", line.adoption_completed_on))
    if report_due and not line.report_on:
        points.append(("采纳情况应公布", report_due))
    if line.report_on:
        points.append(("公布采纳情况", line.report_on))
    if line.decided_on:
        points.append(("作出正式决定", line.decided_on))
    if line.withdrawn_on:
        points.append(("撤回", line.withdrawn_on))
    start = drafted or line.published_on
    end = max([p for _, p in points] + [min(day, (line.closes_on or day) + timedelta(days=30))])
    span = max(1, (end - start).days)
    left, right, width, height = 20, 20, 640, 140
    scale = (width - left - right) / span

    def x(d: date) -> float:
        return round(left + (d - start).days * scale, 1)

    parts = [el("line", x1=left, y1=70, x2=width - right, y2=70, stroke="#555", stroke_width=2)]
    if line.closes_on:
        parts.append(
            el(
                "rect",
                x=x(line.published_on),
                y=58,
                width=max(2, x(line.closes_on) - x(line.published_on)),
                height=24,
                fill="#bbdefb",
            )
        )
        parts.append(
            el(
                "text",
                f"征求意见期{line.days or (line.closes_on - line.published_on).days}日",
                x=(x(line.published_on) + x(line.closes_on)) / 2,
                y=52,
                font_size=12,
                text_anchor="middle",
            )
        )
    if line.adoption_completed_on and (report_due or line.report_on):
        end_r = line.report_on or report_due
        assert end_r is not None
        late = report is not None and report.status == "met late"
        parts.append(
            el(
                "rect",
                x=x(line.adoption_completed_on),
                y=62,
                width=max(2, x(end_r) - x(line.adoption_completed_on)),
                height=16,
                fill="#ffcdd2" if late else "#c8e6c9",
            )
        )
    if report_due:
        parts.append(
            el(
                "line",
                x1=x(report_due),
                y1=50,
                x2=x(report_due),
                y2=90,
                stroke="#c62828",
                stroke_dasharray="4 3",
            )
        )
    if start <= day <= end:
        parts.append(el("line", x1=x(day), y1=40, x2=x(day), y2=100, stroke="#000", stroke_width=1))
        parts.append(el("text", "今日", x=x(day), y=36, font_size=10, text_anchor="middle"))
    for i, (label, d) in enumerate(points):
        parts.append(
            group(
                [
                    el("title", f"{label}：{chinese_date(d)}"),
                    el("circle", cx=x(d), cy=70, r=5, fill="#0d47a1"),
                    el(
                        "text",
                        f"{label} {d.month}/{d.day}",
                        x=x(d),
                        y=100 + (i % 3) * 13,
                        font_size=11,
                        text_anchor="start"
                        if x(d) < width / 3
                        else "end"
                        if x(d) > 2 * width / 3
                        else "middle",
                    ),
                ]
            )
        )
    summary = (
        f"《{line.title}》（{line.number}）："
        + "，".join(f"{label}{chinese_date(d)}" for label, d in points)
        + "。"
    )
    if report_due:
        summary = summary[:-1] + f"；依规定采纳情况应于{chinese_date(report_due)}前公布。"
    title = f"{line.number} 时间线"
    rows = tuple((label, chinese_date(d)) for label, d in points)
    if report_due:
        rows += (("采纳情况公布期限", chinese_date(report_due)),)
    return _chart(id, title, summary, (width, height), parts, ("环节", "日期"), rows)


def assessment_chart(
    unit_name: str,
    points: dict[str, float],
    self_scores: dict[str, float] | None,
    onsite_scores: dict[str, float] | None,
    id: str,
) -> Chart:
    """A unit's scores by criterion (附件5 第四条 (一)–(八)): the points of the year's standard,
    the self-assessment and the office's on-site score."""
    items = list(points)
    left, bar_w, row_h = 60, 460, 30
    width, height = left + bar_w + 80, 40 + len(items) * row_h + 10
    most = max(points.values(), default=1) or 1
    parts = _key(
        [
            (0, "标准分", "#ffffff", "#555"),
            (80, "自评分", "#90caf9", None),
            (160, "实地考核分", "#1565c0", None),
        ],
        left,
        8,
    )
    rows = []
    for i, item in enumerate(items):
        y = 36 + i * row_h
        full = points[item]
        mine, onsite = (self_scores or {}).get(item), (onsite_scores or {}).get(item)
        parts.append(el("text", item, x=left - 6, y=y + 15, font_size=12, text_anchor="end"))
        parts.append(
            el(
                "rect",
                x=left,
                y=y,
                width=round(bar_w * full / most, 1),
                height=20,
                fill="#fff",
                stroke="#555",
            )
        )
        if mine is not None:
            parts.append(
                el("rect", x=left, y=y + 2, width=round(bar_w * mine / most, 1), height=7, fill="#90caf9")
            )
        if onsite is not None:
            parts.append(
                el("rect", x=left, y=y + 11, width=round(bar_w * onsite / most, 1), height=7, fill="#1565c0")
            )
        shown = f"{_num(onsite) if onsite is not None else '—'}/{_num(full)}"
        parts.append(el("text", shown, x=left + bar_w * full / most + 6, y=y + 15, font_size=11))
        rows.append(
            (
                item,
                _num(full),
                _num(mine) if mine is not None else "",
                _num(onsite) if onsite is not None else "",
            )
        )
    total = sum(v for v in (onsite_scores or {}).values())
    summary = (
        f"{unit_name}各项考核得分："
        + "，".join(f"{r[0]}{r[3] or '未评'}／{r[1]}分" for r in rows)
        + (f"；实地考核合计{_num(total)}分。" if onsite_scores else "；尚无实地考核分。")
    )
    title = f"{unit_name}考核得分"
    return _chart(
        id,
        title,
        summary,
        (width, height),
        parts,
        ("考核内容", "标准分", "自评分", "实地考核分"),
        tuple(rows),
    )


def _num(value: float) -> str:
    return f"{value:g}"
