"""The assessment of 2025 (附件5), run early in 2026: one 优秀, one 不合格 that is rectified.

The office (S001) records the standard and opens the assessments; each unit's clerk
self-assesses; the office assesses the sections on site and the leadership group (G01)
assesses the office; the group (P01) approves; the office announces (通报); FUND is
ordered to rectify, reports, and passes.
"""

from __future__ import annotations

from typing import Any

from ledger.demo import Step

YEAR = 2025

STANDARD = {
    "organisation": 15,
    "scope": 15,
    "content": 15,
    "forms": 10,
    "supervision": 10,
    "effect": 15,
    "accountability": 10,
    "key_tasks": 10,
}


def scores(*values: float) -> dict[str, float]:
    return dict(zip(STANDARD, values, strict=True))


# unit -> (clerk, self-assessment scores, on-site scores, on-site assessor)
UNITS: dict[str, tuple[str, dict[str, float], dict[str, float], str]] = {
    "FIN": (  # 92.5 → 优秀
        "S002",
        scores(15, 14.5, 14, 10, 9.5, 14, 9.5, 9),
        scores(14.5, 14, 14, 9.5, 9, 14, 9, 8.5),
        "S001",
    ),
    "FUND": (  # 58.5 → 不合格
        "S003",
        scores(12, 11, 11, 8, 7, 11, 7, 7),
        scores(9, 9, 9, 6, 6, 8.5, 5, 6),
        "S001",
    ),
    "SERV": (  # 84 → 良好
        "S004",
        scores(14, 13, 13, 9, 8, 13, 9, 8),
        scores(13, 13, 13, 8, 8, 13, 8, 8),
        "S001",
    ),
    "OFFICE": (  # 76 → 合格, assessed on site by the leadership group, never by itself
        "S005",
        scores(13, 12, 12, 9, 8, 12, 8, 8),
        scores(12, 11, 11, 8, 7, 11, 8, 8),
        "G01",
    ),
}

REPORTS = {
    "FIN": "2025年金融股政务公开自查报告：主动公开信息86条，政策解读5篇，依申请公开按期办结。",
    "FUND": "2025年资金股政务公开自查报告：资金分配结果公开不够及时，部分栏目更新滞后。",
    "SERV": "2025年金融服务中心政务公开自查报告：服务事项清单已公开，办事指南按期更新。",
    "OFFICE": "2025年办公室政务公开自查报告：统筹推进全局政务公开，组织开展政务开放日2次。",
}


def steps() -> list[Step]:
    office = "S001"
    out: list[Step] = [
        (office, "assessment.standard.record", {"year": YEAR, "points": STANDARD, "effective": "2026-01-08"})
    ]
    for unit in UNITS:
        out.append((office, "assessment.open", {"unit": unit, "year": YEAR, "effective": "2026-01-09"}))
    for unit, (clerk, own, _, _) in UNITS.items():
        fields: dict[str, Any] = {"unit": unit, "year": YEAR, "scores": own, "report": REPORTS[unit]}
        out.append((clerk, "assessment.self.record", {**fields, "effective": "2026-01-20"}))
    for unit, (_, _, onsite, assessor) in UNITS.items():
        opinion = f"{unit} 2025年度政务公开工作实地考核意见：见评分表。"
        fields = {"unit": unit, "year": YEAR, "scores": onsite, "opinion": opinion}
        out.append((assessor, "assessment.onsite.record", {**fields, "effective": "2026-02-10"}))
    for unit in UNITS:
        out.append(
            ("P01", "assessment.grade.approve", {"unit": unit, "year": YEAR, "effective": "2026-03-05"})
        )
    for unit in UNITS:
        fields = {"unit": unit, "year": YEAR, "effective": "2026-03-10"}
        if unit == "FUND":
            fields |= {
                "rectify_by": "2026-05-08",
                "requirements": "及时公开专项资金分配结果，补齐栏目更新，建立信息发布台账。",
            }
        out.append((office, "assessment.announce", fields))
    out += [
        (
            "S003",
            "assessment.rectification.report",
            {
                "unit": "FUND",
                "year": YEAR,
                "report": "已补充公开2025年专项资金分配结果12条，建立信息发布台账，栏目按月更新。",
                "effective": "2026-04-30",
            },
        ),
        (
            office,
            "assessment.rectification.verify",
            {
                "unit": "FUND",
                "year": YEAR,
                "passed": True,
                "opinion": "经复查，整改到位，达到合格。",
                "effective": "2026-05-15",
            },
        ),
    ]
    return out
