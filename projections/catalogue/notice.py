"""The catalogue's notices: the whole list (政务公开事项清单) and one notice per adjustment."""

from __future__ import annotations

from collections import defaultdict

from aggregates.catalogue import ELEMENT_LABELS
from aggregates.public import PublicFact
from projections.notices import Notice, Section, chinese_date, cite, issued, quoted, system_title

COLUMNS = ("编号", *ELEMENT_LABELS.values())


def _latest_note(adj: PublicFact, issuer: str) -> str:
    d = adj.data
    return (
        f"最近一次调整：{chinese_date(adj.dated)}，{d['unit_name']}{d['kind_label']}事项"
        f"{quoted(d['title'])}（编号{d['code']}），调整原因：{d['trigger_label']}"
        f"（{cite(issuer, d['trigger_article'])}），调整依据：{d['grounds']}。"
    )


def catalogue_notice(items: list[PublicFact], adjustments: list[PublicFact], issuer: str) -> Notice:
    dated = max(f.dated for f in items)
    by_unit: dict[tuple[str, str], list[PublicFact]] = defaultdict(list)
    for f in items:
        if not f.data["removed"]:
            by_unit[(f.data["unit"], f.data["unit_name"])].append(f)
    listed = sum(len(v) for v in by_unit.values())
    intro = (
        f"根据《中华人民共和国政府信息公开条例》和{system_title(issuer, '附件3')}，现将本局政务公开事项清单"
        f"（{chinese_date(dated)}版）予以公布。清单共{listed}项，按信息保障股室（中心）分列，"
        "每项列明公开事项、公开内容、信息更新时间、公开主体、信息保障单位、公开渠道、公开栏目、"
        "公开依据、公开对象和公开方式。"
    )
    paragraphs = [intro]
    if adjustments:
        paragraphs.append(_latest_note(max(adjustments, key=lambda f: (f.dated, f.key)), issuer))
    sections = [Section(paragraphs=tuple(paragraphs))]
    for (_, unit_name), facts in sorted(by_unit.items()):
        rows = tuple(
            (f.data["code"], *(f.data["elements"][k] for k in ELEMENT_LABELS))
            for f in sorted(facts, key=lambda f: f.data["code"])
        )
        sections.append(
            Section(heading=f"{unit_name}（{len(rows)}项）", table_header=COLUMNS, table_rows=rows)
        )
    return issued("catalogue", f"{issuer}政务公开事项清单", issuer, dated, *sections)


def adjustment_notice(adj: PublicFact, issuer: str) -> Notice:
    d = adj.data
    changes = d["changes"]
    opening = (
        f"因{d['trigger_label']}（{d['grounds'].rstrip('。')}），根据{cite(issuer, d['trigger_article'])}，"
        f"{d['unit_name']}对本局政务公开事项清单作如下调整："
        f"{d['kind_label']}事项{quoted(d['title'])}（编号{d['code']}）。"
    )
    if d["kind"] == "added":
        header: tuple[str, ...] = ("要素", "新增内容")
        rows: tuple[tuple[str, ...], ...] = tuple((c["element"], c["new"]) for c in changes)
    elif d["kind"] == "removed":
        header = ("要素", "删除前内容")
        rows = tuple((c["element"], c["old"]) for c in changes)
    else:
        header = ("要素", "调整前", "调整后")
        rows = tuple((c["element"], c["old"], c["new"]) for c in changes)
    closing = "调整后的政务公开事项清单已同步更新，详见本局政务公开事项清单。特此公告。"
    return issued(
        f"catalogue-adjustment-{d['unit']}-{d['code']}-{d['number']}",
        f"关于调整政务公开事项清单的公告（{d['unit_name']}：{d['title']}）",
        issuer,
        adj.dated,
        Section(paragraphs=(opening,)),
        Section(heading="调整内容", table_header=header, table_rows=rows),
        Section(paragraphs=(closing,)),
    )


def write(facts: list[PublicFact], issuer: str) -> list[Notice]:
    items = [f for f in facts if f.kind == "catalogue.item"]
    adjustments = [f for f in facts if f.kind == "catalogue.adjustment"]
    notices = [adjustment_notice(a, issuer) for a in adjustments]
    if items:
        notices.append(catalogue_notice(items, adjustments, issuer))
    return notices
