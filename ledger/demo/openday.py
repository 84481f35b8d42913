"""Two government open days (附件4) in 2026, led by D02 (in charge of the office).

KFR-2026-01: a site visit (参观调研) to a key project hosted by FIN in June; two opinions,
one answered with a rectification that was followed up; summary published, checked by
the office (S005, who did not run it). KFR-2026-02: a symposium (座谈交流) hosted by
SERV on Monday 12 October, right after the National Day break: recruitment by the 7th
working day before (24 September); one rectification is still being carried out.
The office clerk S001 plans and runs both; the host unit's clerk answers the opinions.


The steps are data: ``ledger/demo/data/openday.jsonl``, one command per line as
`ledger import` reads them, each line naming its actor.
"""

from __future__ import annotations

from ledger.demo import Step, load


def steps() -> list[Step]:
    return load("openday")
