"""A year of leaders' duties (附件1, 一岗双责) in 2026, up to late November.

P01 holds the two half-year meetings; D01 inspects FIN and FUND every quarter (a problem
found in FIN in Q2 is fixed in Q3); D02 inspects SERV every quarter but misses the
office in Q2, which shows as overdue on the deadline board. Q4 is still open.


The steps are data: ``ledger/demo/data/duties.jsonl``, one command per line as
`ledger import` reads them, each line naming its actor.
"""

from __future__ import annotations

from ledger.demo import Step, load

YEAR = 2026


def steps() -> list[Step]:
    return load("duties")
