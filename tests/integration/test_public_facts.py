"""The public-facts fold publishes only what a publisher says, for the classes it is given.

The audit tests' Errand is no system of the bureau: its facts function is handed to the
views by the test, never found on the aggregate.
"""

from __future__ import annotations

from datetime import date

from aggregates.base import Stamp
from aggregates.public import PublicFact
from ledger.application import LedgerApp
from ledger.systems import publishers
from ledger.views import Views
from projections.notices import PublicFacts
from tests.support import errand
from tests.support.errand import Errand


def record_errand(app: LedgerApp) -> None:
    at = Stamp(actor="S002", effective=date(2026, 6, 1), at=app.clock())
    app.save(Errand.open(at, "E1", "FIN", "六月报表", date(2026, 6, 30)))


def facts(fold: PublicFacts) -> list[PublicFact]:
    return [PublicFact.model_validate(row) for _, row in sorted(fold.rows.items())]


def test_an_aggregate_without_a_publisher_publishes_nothing(app: LedgerApp) -> None:
    record_errand(app)
    views = Views(app)  # the systems' publishers only
    assert Errand not in views.publishers
    assert facts(views.live(PublicFacts)) == []
    assert facts(views.history((PublicFacts,)).get(PublicFacts)) == []


def test_a_publisher_given_to_the_views_publishes_live_and_in_a_rebuild(app: LedgerApp) -> None:
    record_errand(app)
    views = Views(app, publishers={**publishers(), Errand: errand.public_facts})  # type: ignore[dict-item]
    live = views.live(PublicFacts)
    assert [(f.kind, f.key, f.data) for f in facts(live)] == [("errand", "E1", {"title": "六月报表"})]
    assert live.digest() == views.history((PublicFacts,)).get(PublicFacts).digest()
