"""Major-decision pre-disclosure (附件2) in 2026: seven decisions of the bureau.

* 01 金融股, published 2026-01-16: the 30th day is the first day of the Spring Festival
  break (2026-02-15), so comments are open until 2026-02-24 24:00; one e-mail holds two
  comments (one 人次 in the adoption report); decided.
* 02 资金股, special funds, shortened to 10 days with the reason stated; the adoption
  report comes out late.
* 03 金融服务中心, exempt for personal privacy (第七条): decided, never pre-disclosed.
* 04 金融股, extended by 10 days; the new last day falls in the Dragon Boat break.
* 05 金融股, published 2026-09-01: the 30th day is National Day, open until 2026-10-08;
  a late comment on an adjusted working Saturday; the report is still due.
* 06 资金股, the 15th five-year plan, comments open at the end of November.
* 07 金融股, not approved in discussion, then withdrawn.


Every publication names the bureau's contact person and telephone and the portal address
where the draft and its explanation can be downloaded, as the notices print them.

The steps are data: ``ledger/demo/data/decision.jsonl``, one command per line as
`ledger import` reads them, each line naming its actor.
"""

from __future__ import annotations

from ledger.demo import Step, load


def steps() -> list[Step]:
    return load("decision")


def life(number: str) -> list[Step]:
    """The steps of one of the demo's decisions (e.g. ``YJJR-2026-07``), in order."""
    return [step for step in steps() if step[2].get("decision") == number]
