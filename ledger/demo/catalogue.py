"""The catalogue: a dozen items across the units, published in January, then adjusted.

* 2026-01: the units compile their items; each unit publishes its part of the catalogue.
* a law-triggered addition (第四条(一)): the VAT Law in force from 2026-01-01 brings the
  service centre a new item on the VAT exemption for small-business loan interest;
  published, filed and accepted on time;
* a change after a change of functions (第四条(三)), published on time but filed late;
* a removal (第四条(四)): the office's guide merged into its item on functions;
* an element change (第四条(二)) in November, filed and awaiting acceptance;
* information formed under FUND-01 in October and still unpublished: overdue.


The steps are data: ``ledger/demo/data/catalogue.jsonl``, one command per line as
`ledger import` reads them, each line naming its actor.
"""

from __future__ import annotations

from ledger.demo import Step, load


def steps() -> list[Step]:
    return load("catalogue")
