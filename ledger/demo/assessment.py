"""The assessment of 2025 (附件5), run early in 2026: one 优秀, one 不合格 that still fails.

The office (S001) records the standard and opens the assessments; each unit's clerk
self-assesses; the office assesses the sections on site, with its overall evaluation
(综合评议), and the leadership group (G01) assesses the office; the group (P01) approves;
the office announces (通报, 雁金融〔2026〕5号); FUND is ordered to rectify, reports, is
re-assessed and still fails; the group (G01) weighs it (视情节) and decides, with its reasons,
not to remove FUND's award eligibility. In 2026 the office makes unscheduled checks (不定期)
of FIN and FUND.


The steps are data: ``ledger/demo/data/assessment.jsonl``, one command per line as
`ledger import` reads them, each line naming its actor.
"""

from __future__ import annotations

from ledger.demo import Step, load

YEAR = 2025

# the year's points per criterion (附件5 第四条), as the demo records them
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


def steps() -> list[Step]:
    return load("assessment")
