"""Two government open days (附件4) in 2026, led by D02 (in charge of the office).

KFR-2026-01: a site visit (参观调研) to a key project hosted by FIN in June, planned and
recruited by the office clerk S001 (the office may record the host's steps); two opinions,
one answered with a rectification that was followed up; summary published, checked by
the office (S005, who did not run it). KFR-2026-02: a symposium (座谈交流) hosted by
SERV on Monday 12 October, right after the National Day break: SERV's clerk S004 sets the
quotas and recruits (附件4 第五条) by the 7th working day before (24 September), registers
the candidates, confirms the participants and publicises them for 5 working days ending
before the day; an objection received in the 公示 is answered, not upheld. The office (S001)
holds it with D02 meeting the representatives (第七条(二)); one rectification is still being
carried out.


The steps are data: ``ledger/demo/data/openday.jsonl``, one command per line as
`ledger import` reads them, each line naming its actor.
"""

from __future__ import annotations

from ledger.demo import Step, load


def steps() -> list[Step]:
    return load("openday")
