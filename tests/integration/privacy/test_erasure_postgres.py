"""Erasure on PostgreSQL: the key table is written with the events and read back the same way.

Runs when LEDGER_TEST_POSTGRES names a server (see tests/integration/test_postgres.py).
"""

from __future__ import annotations

import pytest

from aggregates.errors import Refused
from aggregates.privacy import ERASED
from ledger.application import LedgerApp
from ledger.interface import Ledger
from ledger.interface.decision import decision_show
from tests.integration.decision.test_decision_commands import approve, draft, publish
from tests.integration.privacy.test_erasure import COMMENT, COMMENTER, DECISION, found
from tests.integration.test_postgres import URL, pg_url
from tests.support.ledger import run, setup_bureau

__all__ = ["pg_url"]
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not URL, reason="set LEDGER_TEST_POSTGRES (see .ci/postgres-up)"),
]


def stored(url: str) -> bytes:
    import psycopg

    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT state FROM ledger_events").fetchall()
        views = conn.execute("SELECT value FROM projection_rows").fetchall()
    return b"\n".join(bytes(r[0]) for r in rows) + b"\n".join(str(v[0]).encode() for v in views)


def test_personal_data_is_sealed_and_erased_on_postgres(pg_url: str) -> None:
    app = LedgerApp(pg_url)
    setup_bureau(app)
    draft(app)
    approve(app)
    publish(app, "2026-01-07")
    fields = {"decision": DECISION, "channel": "email", "text": "建议。", "effective": "2026-01-20"}
    run(app, "S002", "decision.comment.receive", **fields, commenter=COMMENTER[0], contact=COMMENTER[1])
    ledger = Ledger(pg_url, app=app)
    assert decision_show(ledger, DECISION)["comments"][0]["commenter"] == COMMENTER[0]
    asked = {COMMENT} | {f"decision:X:comment:C{i:04d}" for i in range(1_003)}  # more than one query's worth
    assert set(app.recorder.personal_keys_of(asked)) == {COMMENT}  # type: ignore[attr-defined]
    assert found(stored(pg_url), COMMENTER) == []
    before = app.max_position()
    with pytest.raises(Refused):
        run(app, "S002", "privacy.erase", subject=COMMENT, reason="本人申请")
    assert app.max_position() == before
    run(app, "S001", "privacy.erase", subject=COMMENT, reason="本人申请")
    app.close()

    reopened = Ledger(pg_url)
    try:
        comment = decision_show(reopened, DECISION)["comments"][0]
        assert (comment["commenter"], comment["contact"]) == (ERASED, ERASED)
        keys = reopened.app.recorder.personal_keys()  # type: ignore[attr-defined]
        assert keys[COMMENT][0] is None and keys[COMMENT][2] is not None
    finally:
        reopened.close()
