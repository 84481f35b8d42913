"""The assessment announcement (通报) and rectification notices, in Chinese (附件5 第五条–第六条)."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from typing import Any

from aggregates.public import PublicFact
from projections.notices import Notice, Section, chinese_day, cite, issued

ADDRESSEES = "局机关各股室（中心）"

GRADE_ORDER = ("excellent", "good", "pass", "fail")


def _names(rows: list[dict[str, Any]]) -> str:
    return "、".join(r["unit_name"] for r in rows)


def announcement(
    year: int, dated: date, number: str | None, rows: list[dict[str, Any]], issuer: str
) -> Notice:
    rows = sorted(rows, key=lambda r: (GRADE_ORDER.index(r["grade"]), r["unit"]))
    commended = [r for r in rows if r["commended"]]
    criticised = [r for r in rows if r["criticised"]]
    sections = [
        Section(
            paragraphs=(
                f"根据{cite(issuer, '附件5 第五条')}，经各股室（中心）自查自评、办公室实地考核和综合评议，"
                f"报局政务公开领导小组审定，现将{year}年度政务公开工作考核结果通报如下。",
            )
        ),
        Section(
            heading="一、考核结果",
            table_header=("单位", "考核等次"),
            table_rows=tuple((r["unit_name"], r["grade_label"]) for r in rows),
        ),
        Section(
            heading="二、通报表彰",
            paragraphs=(
                (f"对考核等次为优秀的{_names(commended)}给予通报表彰。",)
                if commended
                else ("本次通报无考核等次为优秀的单位。",)
            ),
        ),
    ]
    if criticised:
        lines = []
        for r in criticised:
            line = (
                f"{r['unit_name']}考核等次为不合格，予以通报批评，责令于{chinese_day(r['rectify_by'])}前完成整改"
                f"并向局办公室报送整改情况。"
            )
            if r.get("requirements"):
                line += f"整改要求：{r['requirements']}"
            lines.append(line)
        lines.append(
            f"根据{cite(issuer, '附件5 第六条')}，对不认真整改或整改后仍不能达到合格的，"
            "将视情节取消其本年度评先评优资格，并追究相关负责人和个人的责任。"
        )
        sections.append(Section(heading="三、通报批评及限期整改", paragraphs=tuple(lines)))
    else:
        sections.append(
            Section(heading="三、通报批评及限期整改", paragraphs=("本次通报无考核等次为不合格的单位。",))
        )
    sections.append(
        Section(
            paragraphs=(
                "考核结果纳入年度目标管理考核体系。希望各股室（中心）对标先进，持续做好政务公开工作。",
            )
        )
    )
    return issued(
        f"assessment-{year}-result-{dated.isoformat()}",
        f"关于{year}年度政务公开工作考核结果的通报",
        issuer,
        dated,
        *sections,
        number=number,
        addressees=ADDRESSEES,
    )


def _verdict(d: dict[str, Any], issuer: str) -> str:
    """What the check found and, for a failure, what the leadership group decided (视情节)."""
    label = d.get("reassessed_grade_label")
    if d["passed"]:
        return (
            f"经复查重新考核，考核等次为{label}，整改到位。" if label else "经复查，整改到位，达到合格要求。"
        )
    found = "经复查重新考核，考核等次仍为不合格。" if label else "经复查，仍未达到合格要求。"
    article = cite(issuer, "附件5 第六条")
    if not d.get("decided_by_group"):  # recorded before the discretion was read: removed with the failure
        return f"{found}根据{article}，取消其{d['year']}年度评先评优资格，并依规追究相关负责人和个人的责任。"
    decision = ("" if not d["award_eligible"] else "不") + f"取消其{d['year']}年度评先评优资格"
    held = "，并追究相关负责人的责任" if d.get("accountability") else ""
    return f"{found}经局政务公开领导小组研究，根据{article}，视情节决定{decision}{held}。"


def rectification(fact: PublicFact, issuer: str) -> Notice:
    d = fact.data
    opening = (
        f"{d['unit_name']}在{d['year']}年度政务公开工作考核中考核等次为不合格，"
        f"被责令于{chinese_day(d['rectify_by'])}前完成整改。"
    )
    if d["reported_on"]:
        opening += f"该单位于{chinese_day(d['reported_on'])}报送整改情况。"
    else:
        opening += "该单位未按期报送整改情况。"
    return issued(
        f"assessment-{d['year']}-{d['unit']}-rectification",
        f"关于{d['unit_name']}{d['year']}年度政务公开考核整改情况的通报",
        issuer,
        fact.dated,
        Section(paragraphs=(opening, _verdict(d, issuer))),
        number=d.get("document_number"),
        addressees=ADDRESSEES,
    )


def write(facts: list[PublicFact], issuer: str) -> list[Notice]:
    """One 通报 per year, announcement date and 文号; one notice per rectification once it
    passed or the leadership group decided the consequences of its failure."""
    results: dict[tuple[int, date, str], list[dict[str, Any]]] = defaultdict(list)
    notices: list[Notice] = []
    for fact in facts:
        if fact.kind == "assessment.result":
            key = (int(fact.data["year"]), fact.dated, fact.data.get("document_number") or "")
            results[key].append(fact.data)
        elif fact.kind == "assessment.rectification":
            notices.append(rectification(fact, issuer))
    same_day = Counter((year, dated) for year, dated, _ in results)
    seen: Counter[tuple[int, date]] = Counter()
    for (year, dated, number), rows in sorted(results.items()):
        notice = announcement(year, dated, number or None, rows, issuer)
        if same_day[(year, dated)] > 1:  # two 通报 of one day under different 文号: two files
            seen[(year, dated)] += 1
            notice = notice.model_copy(update={"slug": f"{notice.slug}-{seen[(year, dated)]}"})
        notices.append(notice)
    return notices
