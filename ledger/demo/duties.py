"""A year of leaders' duties (附件1, 一岗双责) in 2026, up to late November.

P01 holds the two half-year meetings; D01 inspects FIN and FUND every quarter (a problem
found in FIN in Q2 is fixed in Q3); D02 inspects SERV every quarter but misses the
office in Q2, which shows as overdue on the deadline board. Q4 is still open.
"""

from __future__ import annotations

from ledger.demo import Step

YEAR = 2026


def steps() -> list[Step]:
    office = "S001"
    out: list[Step] = [
        (office, "duties.assign", {"staff_id": who, "year": YEAR, "effective": "2026-01-05"})
        for who in ("P01", "D01", "D02")
    ]
    meetings = [
        ("2026-03-20", ["2026年政务公开工作要点", "重大行政决策预公开"], ["政务公开专栏维护人员不足"]),
        ("2026-09-15", ["上半年政务公开工作情况", "政务开放日筹备"], ["政务开放日场地协调"]),
    ]
    for day, topics, resolved in meetings:
        fields = {
            "topics": topics,
            "report": "听取办公室关于全局政务公开工作情况的汇报。",
            "problems_resolved": resolved,
            "effective": day,
        }
        out.append(("P01", "duties.meeting.record", fields))
    problem = "政策解读栏目更新滞后"
    inspections: list[tuple[str, str, str, list[str], list[str]]] = [
        ("D01", "FIN", "2026-03-25", [], []),
        ("D01", "FUND", "2026-03-26", [], []),
        ("D02", "SERV", "2026-03-27", [], []),
        ("D02", "OFFICE", "2026-03-30", [], []),
        ("D01", "FIN", "2026-06-20", [problem], []),
        ("D01", "FUND", "2026-06-22", [], []),
        ("D02", "SERV", "2026-06-25", [], []),
        # D02 does not inspect OFFICE in Q2: the board shows it overdue
        ("D01", "FIN", "2026-09-18", [], [problem]),
        ("D01", "FUND", "2026-09-19", [], []),
        ("D02", "SERV", "2026-09-22", [], []),
        ("D02", "OFFICE", "2026-09-23", [], []),
        ("D01", "FIN", "2026-11-18", [], []),
    ]
    for who, area, day, found, fixed in inspections:
        findings = f"{area}政务公开制度落实和目标任务完成情况检查：" + (
            "发现问题，已督促整改。" if found else "制度落实到位。"
        )
        fields = {
            "area": area,
            "findings": findings,
            "problems_found": found,
            "problems_fixed": fixed,
            "effective": day,
        }
        out.append((who, "duties.inspection.record", fields))
    return out
