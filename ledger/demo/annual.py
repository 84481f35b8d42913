"""The annual report of 2026 (条例 第四十九条): the office writes parts 一 and 五 in its own
words; the figures come from the registers (``make demo`` prints the report). It is due on
31 January 2027, or the next working day if that is a rest day (民法典 第二百零三条): pending
on the board until the 2027 calendar is loaded.

The steps are data: ``ledger/demo/data/annual.jsonl``.
"""

from __future__ import annotations

from ledger.demo import Step, load


def steps() -> list[Step]:
    return load("annual")
