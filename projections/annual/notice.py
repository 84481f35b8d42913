"""The annual report on government information disclosure as the public reads it (条例
第四十九–五十条; 国办公开办函〔2021〕30号): its six parts, written from the report's public
form as it was published. Nothing of the office's own: no request number, no requester, no
note of how the ledger reads a row — a row without data prints 0, as the national format
does, with a footnote a reader understands."""

from __future__ import annotations

from typing import Any

from aggregates.public import PublicFact
from projections.notices import Notice, Section, issued, sentence

REGULATIONS = "《中华人民共和国政府信息公开条例》"
FORMAT = "《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）"
FIELDS = {"issued": "本年制发件数", "repealed": "本年废止件数", "in_force": "现行有效件数"}
NONE = "无。"  # part 五 when the office wrote none (publication needs only part 一)
TABLE_FOUR = ("行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）")


def _item(row: dict[str, Any]) -> str:
    """``第二十条第（一）项 规章`` as the format prints it: 《条例》第二十条第（一）项规定的规章."""
    article, _, what = row["item"].partition(" ")
    return f"{what}（{article}）"


def _zero_footnote(rows: list[dict[str, Any]]) -> tuple[str, ...]:
    """Which cells are 0 because the bureau has no data for them, said once for the reader."""
    whole = [_item(r).split("（")[0] for r in rows if set(r.get("unrecorded", ())) >= _figures(r)]
    partly = [
        f"{_item(r).split('（')[0]}{FIELDS.get(f, '')}"
        for r in rows
        if r.get("unrecorded") and not set(r["unrecorded"]) >= _figures(r)
        for f in r["unrecorded"]
    ]
    named = "、".join([*whole, *partly])
    return (f"注：{named}，本机关本年度无相关统计数据，按0填列。",) if named else ()


def _figures(row: dict[str, Any]) -> set[str]:
    return {k for k in ("issued", "repealed", "in_force", "decisions", "amount") if k in row}


def _part_two(rows: list[dict[str, Any]]) -> list[Section]:
    documents = [r for r in rows if "issued" in r]
    decisions = [r for r in rows if "decisions" in r]
    fees = [r for r in rows if "amount" in r]
    return [
        Section(
            heading="二、主动公开政府信息情况",
            table_header=("信息内容", *FIELDS.values()),
            table_rows=tuple(
                (_item(r), str(r["issued"]), str(r["repealed"]), str(r["in_force"])) for r in documents
            ),
        ),
        Section(
            table_header=("信息内容", "本年处理决定数量"),
            table_rows=tuple((_item(r), str(r["decisions"])) for r in decisions),
        ),
        Section(
            table_header=("信息内容", "本年收费金额（单位：万元）"),
            table_rows=tuple((_item(r), str(r["amount"])) for r in fees),
        ),
        *([Section(paragraphs=_zero_footnote(rows))] if _zero_footnote(rows) else []),
    ]


def _part_three(table: dict[str, Any]) -> Section:
    columns = [key for key, _ in table["columns"]]
    return Section(
        heading="三、收到和处理政府信息公开申请情况",
        table_header=(
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            *(label for _, label in table["columns"]),
        ),
        table_rows=tuple(
            (row["row"], *(str(row[k]) if k in row else "" for k in columns)) for row in table["rows"]
        ),
    )


def _part_four(table: dict[str, Any]) -> list[Section]:
    columns = [key for key, _ in table["columns"]]
    return [
        Section(
            heading="四、政府信息公开行政复议、行政诉讼情况",
            table_header=("", *(label for _, label in table["columns"])),
            table_rows=tuple((kind, *(str(table[kind].get(k, 0)) for k in columns)) for kind in TABLE_FOUR),
        ),
        Section(
            paragraphs=(
                "注：统计本年度提起的行政复议、行政诉讼案件，按截至本年12月31日的结果计；"
                "届时尚未作出复议决定或者裁判的，计入“尚未审结”。",
            )
        ),
    ]


def _part_six(other: dict[str, Any]) -> Section:
    grades = "、".join(f"{g['unit_name']}{g['grade']}" for g in other["assessment_grades"]) or "无"
    lines = [sentence(other["text"])] if other.get("text") else []
    lines += [
        f"本年收取信息处理费{other['fees_charged_yuan']}元。",
        f"重大行政决策预公开{other['decisions_pre_disclosed']}件，收到意见{other['comments_received']}条，"
        f"采纳（含部分采纳）{other['comments_adopted']}条。",
        f"政务公开事项清单动态调整{other['catalogue_adjustments']}项。",
        f"举办政务开放日活动{other['open_days_held']}次。",
        f"{other['assessment_year']}年度政务公开考核等次：{grades}。",
        f"收到政务公开工作投诉{other['complaints_received']}件，办结{other['complaints_handled']}件。",
    ]
    return Section(heading="六、其他需要报告的事项", paragraphs=tuple(lines))


def report_notice(fact: PublicFact, issuer: str) -> Notice:
    """The report, part by part, in the order and with the headings of the national format."""
    year = fact.data["year"]
    report = fact.data["report"]
    problems = report["part5_problems"]["text"]
    intro = (
        f"本报告根据{REGULATIONS}（以下简称《条例》）第四十九条、第五十条和{FORMAT}的要求编制，"
        f"由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和"
        f"行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六个部分组成。本报告所列数据的"
        f"统计期限自{year}年1月1日起至{year}年12月31日止。"
    )
    return issued(
        f"annual-report-{year}",
        f"{issuer}{year}年政府信息公开工作年度报告",
        issuer,
        fact.dated,
        Section(paragraphs=(intro,)),
        Section(heading="一、总体情况", paragraphs=(report["part1_overview"],)),
        *_part_two(report["part2_proactive"]),
        _part_three(report["part3_requests"]),
        *_part_four(report["part4_review_litigation"]),
        Section(heading="五、存在的主要问题及改进情况", paragraphs=(problems or NONE,)),
        _part_six(report["part6_other"]),
    )


def write(facts: list[PublicFact], issuer: str) -> list[Notice]:
    """The published reports, one notice each."""
    return [report_notice(f, issuer) for f in facts if f.kind == "annual.report"]
