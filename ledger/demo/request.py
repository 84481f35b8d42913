"""A year of information requests (依申请公开) to the office, 2026, and one complaint.

The office's clerk S001 registers and answers; S005, the head of the disclosure office
(role office_head, granted by the principal leader), approves the one extension. The year
holds: a request answered on the spot; one answered on time; one received by registered
post on the day the bureau signed for it; one sent back for supplement (补正) that came in
across the Spring Festival break; one abandoned when its supplement never came; a third
party consulted across the National Day break (its days not counted); one extended by 20
working days; every outcome kind of table 三 at least once; a review upheld and a suit after
it still pending; one request received in December and carried into 2027.

The steps are data: ``ledger/demo/data/request.jsonl``, one command per line as
`ledger import` reads them, each line naming its actor.
"""

from __future__ import annotations

from ledger.demo import Step, load


def steps() -> list[Step]:
    return load("request")
