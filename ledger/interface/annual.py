"""The annual report on government information disclosure (条例 第四十九–五十条) in the six
parts of the national format (国办公开办函〔2021〕30号), drawn from every system's register.

Table 三 is checked before anything is printed: the requests new this year (一) and carried
over (二) must be the requests answered this year (三(七)) and carried into next year (四),
column by column; a register that does not add up is refused, naming the requests that
break it. Carried over means what last year's published report carried into this one, when
it was published (else what the register shows open at the year's start). A published year
is shown as the ledger knew it when it was published. The publication itself is computed here
too (``publication``), by the act that records it, never handed in: what it carries forward,
and the report's public form, from which its notice is written (``projections/annual``).
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

from aggregates.annual import ART_REPORT, AnnualReport, Part, open_at_start, tally
from aggregates.request import (
    CASE_RESULT_LABELS,
    CATEGORY_LABELS,
    CATEGORY_ROWS,
    OUTCOME_LABELS,
    CaseResult,
    Category,
    Outcome,
    RequesterKind,
    category_of,
)
from ledger.interface.assessment import check_year
from ledger.interface.core import Ledger
from ledger.interface.request import register_rows
from ledger.rules.deadlines import standing
from ledger.when import NOW, When, local_time
from projections.catalogue.register import CatalogueView
from projections.decision.register import DecisionComments, DecisionRegister
from projections.openday.register import OpenDayRegister

FORMAT = "国办公开办函〔2021〕30号"
COLUMNS = tuple(RequesterKind)  # 自然人, then the five kinds of legal person; 总计 last
NO_DATA = "本台账不记录此项，按0填列"


def _year(day: str | None) -> int | None:
    return int(day[:4]) if day else None


def _when_published(ledger: Ledger, year: int, when: When) -> tuple[When, str | None]:
    """The moment the report of ``year`` was last published, as a read (the year's text
    afterwards is the one published), or ``when`` itself when it was not published by then."""
    report = ledger.as_recorded(AnnualReport, AnnualReport.id_for(year), when)
    if report is None or report.published_on is None:
        return when, None
    moment = [e.timestamp for e in report.recorded_entries() if isinstance(e, AnnualReport.Published)][-1]
    return When(
        known_at=min(moment, when.known_at) if when.known_at else moment
    ), report.published_on.isoformat()


def _requests(ledger: Ledger, when: When) -> list[dict[str, Any]]:
    return [r for k, r in register_rows(ledger, when).items() if k.startswith("request:")]


def _carried_in(
    ledger: Ledger, requests: list[dict[str, Any]], year: int, when: When
) -> tuple[set[str], str]:
    """二: what last year's published report carried into ``year``, else what the register shows."""
    last = ledger.as_recorded(AnnualReport, AnnualReport.id_for(year - 1), when)
    if last is not None and last.published and "carried_forward" in last.published:
        return set(last.published["carried_forward"]), f"{year - 1}年度报告结转"
    return {
        r["number"] for r in requests if open_at_start(r["received_on"], r["answered_on"], year)
    }, "台账所记上年结转"


def request_table(ledger: Ledger, year: int, when: When = NOW) -> dict[str, Any]:
    """Table 三, checked: refused (naming the requests) when 一 + 二 ≠ 三（七）+ 四."""
    requests = _requests(ledger, when)
    by_number = {r["number"]: r for r in requests}
    carried, carried_from = _carried_in(ledger, requests, year, when)
    days = {r["number"]: (r["received_on"], r["answered_on"]) for r in requests}
    t = tally(year, days, carried, carried_from)
    new, answered, forward = t.new, t.answered, t.forward

    def count(numbers: set[str], test: Any = None) -> dict[str, int]:
        found = Counter(
            str(by_number[n]["requester_kind"])
            for n in numbers
            if n in by_number and (test is None or test(by_number[n]))
        )
        out = {k.value: found[k.value] for k in COLUMNS}
        out["total"] = sum(out.values())
        return out

    rows: list[dict[str, Any]] = [
        {"row": "一、本年新收政府信息公开申请数量", **count(new)},
        {"row": "二、上年结转政府信息公开申请数量", **count(carried)},
        {"row": "三、本年度办理结果"},
    ]
    for category in Category:
        outcomes = [o for o in Outcome if category_of(o) is category]
        head = f"{CATEGORY_ROWS[category]}{CATEGORY_LABELS[category]}"
        if len(outcomes) == 1:
            rows.append({"row": head, **count(answered, lambda r, o=outcomes[0]: r["outcome"] == o.value)})
            continue
        rows.append({"row": head})
        for i, o in enumerate(outcomes, 1):
            rows.append(
                {
                    "row": f"{i}．{OUTCOME_LABELS[o]}",
                    **count(answered, lambda r, o=o: r["outcome"] == o.value),
                }
            )
    rows.append({"row": "（七）总计", **count(answered)})
    rows.append({"row": "四、结转下年度继续办理", **count(forward)})
    return {
        "columns": {k.value: k.label for k in COLUMNS} | {"total": "总计"},
        "rows": rows,
        "carried_from": carried_from,
        "carried_forward": sorted(forward),
        "check": f"一 {len(new)} + 二 {len(carried)} = 三（七）{len(answered)} + 四 {len(forward)}",
    }


def case_table(ledger: Ledger, year: int, when: When = NOW) -> dict[str, Any]:
    """Table 四: reviews and suits filed in ``year``, by their result at the year's end
    (本台账读作: 尚未审结 when not decided by 31 December)."""
    results = list(CaseResult)
    counts: dict[str, Counter[str]] = {"review": Counter(), "direct": Counter(), "after_review": Counter()}
    for r in _requests(ledger, when):
        for c in r["cases"]:
            if _year(c["filed_on"]) != year:
                continue
            decided = c["decided_on"] and _year(c["decided_on"]) == year
            result = c["result"] if decided else CaseResult.PENDING.value
            key = "review" if c["kind"] == "review" else "after_review" if c["prior_review"] else "direct"
            counts[key][result] += 1

    def row(key: str) -> dict[str, int]:
        out = {res.value: counts[key][res.value] for res in results}
        out["total"] = sum(out.values())
        return out

    return {
        "columns": {res.value: CASE_RESULT_LABELS[res] for res in results} | {"total": "总计"},
        "行政复议": row("review"),
        "行政诉讼（未经复议直接起诉）": row("direct"),
        "行政诉讼（复议后起诉）": row("after_review"),
        "note": "本台账读作：本年提起的案件，按年末结果计；年末未审结的计入尚未审结",
    }


def proactive_tables(ledger: Ledger, year: int, when: When = NOW) -> list[dict[str, Any]]:
    """Part 二: from the decisions of category (三) (normative documents) the ledger records;
    every cell it has no data for is 0 with a note, never invented (``unrecorded`` names
    them, for the public footnote)."""
    decisions = list(ledger.rows(DecisionRegister, when).values())
    normative = [d for d in decisions if d["category"] == "三" and d["decided_on"]]
    issued = sum(1 for d in normative if _year(d["decided_on"]) == year)
    in_force = sum(1 for d in normative if (_year(d["decided_on"]) or 9999) <= year)
    return [
        {"item": "第二十条第（一）项 规章", "issued": 0, "repealed": 0, "in_force": 0, "note": NO_DATA,
         "unrecorded": ["issued", "repealed", "in_force"]},
        {
            "item": "第二十条第（一）项 行政规范性文件",
            "issued": issued,
            "repealed": 0,
            "in_force": in_force,
            "note": "本年制发：本年作出决定的附件2第三条第（三）项决策；废止件数本台账不记录，按0填列",
            "unrecorded": ["repealed"],
        },
        {"item": "第二十条第（五）项 行政许可", "decisions": 0, "note": NO_DATA, "unrecorded": ["decisions"]},
        {"item": "第二十条第（六）项 行政处罚", "decisions": 0, "note": NO_DATA, "unrecorded": ["decisions"]},
        {"item": "第二十条第（六）项 行政强制", "decisions": 0, "note": NO_DATA, "unrecorded": ["decisions"]},
        {"item": "第二十条第（八）项 行政事业性收费", "amount": "0", "note": f"{NO_DATA}（万元）",
         "unrecorded": ["amount"]},
    ]  # fmt: skip


def problems_list(ledger: Ledger, year: int, when: When = NOW) -> list[dict[str, Any]]:
    """Part 五's starting list: the year's public obligations missed or met late, from the board
    (an exempt matter's obligations are not public, and never listed)."""
    obligations, cal, day = ledger._board(when)
    found = []
    for o in obligations:
        if not o.public:
            continue
        row = standing(o, cal, day).row()
        if row["due"] and _year(row["due"]) == year and row["status"] in ("overdue", "met late"):
            found.append(
                {"key": o.key, "unit": o.unit, "subject": o.subject, "obligation": o.what, "due": row["due"],
                 "standing": row["status"], "done_on": row["met_on"], "citation": o.citation}
            )  # fmt: skip
    return sorted(found, key=lambda r: (r["due"], r["key"]))


RECTIFICATION_WORDS = {
    "ordered": "责令限期整改",
    "reported": "已报告整改情况",
    "passed": "整改验收通过",
    "failed": "整改未通过",
}


def rectifications(ledger: Ledger, year: int, when: When = NOW) -> list[dict[str, Any]]:
    """Part 五's other starting list: the rectifications the assessment ordered, due in ``year``."""
    from ledger.interface.assessment import results

    return [
        {
            "unit": a["unit"],
            "unit_name": a["unit_name"],
            "assessment_year": year - 1,
            "rectify_by": a["rectify_by"],
            "state": a["rectification"],
            "words": RECTIFICATION_WORDS.get(a["rectification"], a["rectification"]),
        }
        for a in results(ledger, year - 1, when)["assessments"]
        if a.get("rectify_by") and _year(a["rectify_by"]) == year
    ]


def other_figures(ledger: Ledger, year: int, when: When = NOW) -> dict[str, Any]:
    """Part 六: fees charged, and the five systems' own figures of the year."""
    requests = _requests(ledger, when)
    fees = sum((Decimal(r["fee"]) for r in requests if _year(r["answered_on"]) == year), Decimal(0))
    decisions = list(ledger.rows(DecisionRegister, when).values())
    comments = [c for c in ledger.rows(DecisionComments, when).values() if _year(c["received"]) == year]
    adopted = sum(1 for c in comments if c["outcome"] in ("adopted", "partly_adopted"))
    adjustments = [
        a
        for item in ledger.rows(CatalogueView, when).values()
        for a in item["adjustments"]
        if _year(a["adjusted_on"]) == year
    ]
    open_days = [o for o in ledger.rows(OpenDayRegister, when).values() if _year(o["held_on"]) == year]
    from ledger.interface.assessment import results

    grades = [
        {"unit": a["unit"], "unit_name": a["unit_name"], "grade": a.get("grade")}
        for a in results(ledger, year - 1, when)["assessments"]
        if a.get("grade")
    ]
    complaints = [r for k, r in register_rows(ledger, when).items() if k.startswith("complaint:")]
    return {
        "fees_charged_yuan": format(fees.normalize(), "f") if fees else "0",
        "decisions_pre_disclosed": sum(1 for d in decisions if _year(d["published_on"]) == year),
        "comments_received": len(comments),
        "comments_adopted": adopted,
        "catalogue_adjustments": len(adjustments),
        "open_days_held": len(open_days),
        "assessment_grades": grades,
        "assessment_year": year - 1,
        "complaints_received": sum(1 for c in complaints if _year(c["received_on"]) == year),
        "complaints_handled": sum(1 for c in complaints if _year(c["handled_on"]) == year),
    }


def annual_report(ledger: Ledger, year: int, when: When = NOW) -> dict[str, Any]:
    """The report of ``year`` in its six parts; refused when table 三 does not add up. A
    published year is shown as the ledger knew it when it was last published."""
    check_year(year)
    when, published_on = _when_published(ledger, year, when)
    report = ledger.as_recorded(AnnualReport, AnnualReport.id_for(year), when)
    return _compose(ledger, year, when, published_on, report.texts if report else {})


def _compose(
    ledger: Ledger, year: int, when: When, published_on: str | None, texts: dict[Part, str]
) -> dict[str, Any]:
    return {
        "year": year,
        "title": f"{ledger.bureau_name()}{year}年政府信息公开工作年度报告",
        "format": FORMAT,
        "basis": ART_REPORT,
        "published_on": published_on,
        "as_known_at": local_time(when.known_at) if when.known_at else None,
        "part1_overview": texts.get(Part.OVERVIEW),
        "part2_proactive": proactive_tables(ledger, year, when),
        "part3_requests": request_table(ledger, year, when),
        "part4_review_litigation": case_table(ledger, year, when),
        "part5_problems": {
            "text": texts.get(Part.PROBLEMS),
            "from_the_ledger": problems_list(ledger, year, when),
            "rectifications": rectifications(ledger, year, when),
        },
        "part6_other": {"text": texts.get(Part.OTHER), **other_figures(ledger, year, when)},
    }


def publication(ledger: Ledger, year: int, texts: dict[Part, str]) -> dict[str, Any]:
    """What `annual-report publish` records, derived here and never supplied: the report as the
    registers stand now (a republication too), checked — table 三 must add up, or the
    publication is refused naming the requests — with the clerk's ``texts``. Kept in the
    event: what table 三 carries into the next year (its 二), and the public form of the
    report, from which its notice is written exactly as published."""
    check_year(year)
    data = _compose(ledger, year, NOW, None, texts)
    table = data["part3_requests"]
    return {
        "year": year,
        "carried_forward": table["carried_forward"],
        "check": table["check"],
        "public": public_form(data),
    }


def public_form(data: dict[str, Any]) -> dict[str, Any]:
    """The report as the public reads it: the figures and the clerk's texts only. The ledger's
    own starting lists for part 五, the request numbers behind table 三 and where its 二
    came from stay in the office (no requester, no internal reference)."""
    t3, t4 = data["part3_requests"], data["part4_review_litigation"]
    p5 = data["part5_problems"]
    return {  # columns as [key, label] pairs: their order is the format's, and JSON keeps lists in order
        "year": data["year"],
        "part1_overview": data["part1_overview"],
        "part2_proactive": [{k: v for k, v in row.items() if k != "note"} for row in data["part2_proactive"]],
        "part3_requests": {"columns": list(t3["columns"].items()), "rows": t3["rows"]},
        "part4_review_litigation": {
            **{k: v for k, v in t4.items() if k not in ("note", "columns")},
            "columns": list(t4["columns"].items()),
        },
        "part5_problems": {"text": p5["text"]},
        "part6_other": data["part6_other"],
    }


# --- the report as text -------------------------------------------------------------------


def _cells(row: dict[str, Any], columns: dict[str, str]) -> list[str]:
    return [str(row.get(k, "")) for k in columns]


def _md_table(head: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "| " + " | ".join("---" for _ in head) + " |"]
    out += ["| " + " | ".join(c.replace("|", "｜") for c in r) + " |" for r in rows]
    return out


def markdown(data: dict[str, Any]) -> str:
    """The report in Markdown, in the order and with the headings of the national format."""
    lines = [f"# {data['title']}", ""]
    if data["published_on"]:
        lines += [f"（{data['published_on']}公布）", ""]
    lines += ["## 一、总体情况", "", data["part1_overview"] or "（尚未撰写）", ""]
    lines += ["## 二、主动公开政府信息情况", ""]
    p2 = data["part2_proactive"]
    lines += _md_table(
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "说明"],
        [[r["item"], str(r["issued"]), str(r["repealed"]), str(r["in_force"]), r["note"]] for r in p2[:2]],
    )
    lines += [""]
    lines += _md_table(
        ["信息内容", "本年处理决定数量", "说明"],
        [[r["item"], str(r["decisions"]), r["note"]] for r in p2[2:5]],
    )
    lines += [""]
    lines += _md_table(
        ["信息内容", "本年收费金额（单位：万元）", "说明"], [[p2[5]["item"], p2[5]["amount"], p2[5]["note"]]]
    )
    t3 = data["part3_requests"]
    lines += ["", "## 三、收到和处理政府信息公开申请情况", ""]
    head = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", *t3["columns"].values()]
    lines += _md_table(head, [[r["row"], *_cells(r, t3["columns"])] for r in t3["rows"]])
    lines += ["", f"核对：{t3['check']}（{t3['carried_from']}）", ""]
    t4 = data["part4_review_litigation"]
    lines += ["## 四、政府信息公开行政复议、行政诉讼情况", ""]
    kinds = ["行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"]
    lines += _md_table(["", *t4["columns"].values()], [[k, *_cells(t4[k], t4["columns"])] for k in kinds])
    lines += ["", t4["note"], "", "## 五、存在的主要问题及改进情况", ""]
    p5 = data["part5_problems"]
    lines += [p5["text"] or "（尚未撰写）", ""]
    if p5["from_the_ledger"]:
        lines += ["台账提示（本年逾期或逾期完成的事项，供撰写本部分参考）：", ""]
        for r in p5["from_the_ledger"]:
            late = "逾期未完成" if r["standing"] == "overdue" else f"{r['done_on']}逾期完成"
            lines.append(f"- {r['subject']}：{r['obligation']}（{r['citation']}；应于{r['due']}，{late}）")
        lines += [""]
    if p5["rectifications"]:
        lines += ["台账提示（考核整改）：", ""]
        for r in p5["rectifications"]:
            lines.append(
                f"- {r['unit_name']}{r['assessment_year']}年度考核整改，限{r['rectify_by']}前：{r['words']}"
            )
        lines += [""]
    p6 = data["part6_other"]
    lines += ["## 六、其他需要报告的事项", ""]
    if p6["text"]:
        lines += [p6["text"], ""]
    grades = "、".join(f"{g['unit_name']}{g['grade']}" for g in p6["assessment_grades"]) or "无"
    lines += [
        f"- 本年收取信息处理费：{p6['fees_charged_yuan']}元。",
        f"- 重大行政决策预公开：{p6['decisions_pre_disclosed']}件，收到意见{p6['comments_received']}条，"
        f"采纳（含部分采纳）{p6['comments_adopted']}条。",
        f"- 政务公开事项清单动态调整：{p6['catalogue_adjustments']}项。",
        f"- 政务开放日活动：{p6['open_days_held']}次。",
        f"- {p6['assessment_year']}年度政务公开考核等次：{grades}。",
        f"- 收到政务公开工作投诉{p6['complaints_received']}件，办结{p6['complaints_handled']}件。",
        "",
    ]
    return "\n".join(lines)


def html(data: dict[str, Any]) -> str:
    """The report as one HTML page (the Markdown's content, tables as tables, text escaped)."""
    from html import escape

    body = []
    table: list[str] = []
    for line in markdown(data).splitlines():
        if line.startswith("|"):
            table.append(line)
            continue
        if table:
            body.append(_html_table(table))
            table = []
        if line.startswith("# "):
            body.append(f"<h1>{escape(line[2:])}</h1>")
        elif line.startswith("## "):
            body.append(f"<h2>{escape(line[3:])}</h2>")
        elif line.startswith("- "):
            body.append(f"<p>{escape(line[2:])}</p>")
        elif line.strip():
            body.append(f"<p>{escape(line)}</p>")
    if table:
        body.append(_html_table(table))
    return (
        '<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(data['title'])}</title>"
        "<style>table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 6px}</style>"
        "</head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def _html_table(lines: list[str]) -> str:
    from html import escape

    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines]
    head, body = rows[0], rows[2:]
    out = ["<table><tr>" + "".join(f"<th>{escape(c)}</th>" for c in head) + "</tr>"]
    out += ["<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in body]
    return "".join(out) + "</table>"
