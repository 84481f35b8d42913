"""What was known when, and what was in effect when: --known-at and --as-of, with corrections.

The FakeClock records entries at different moments (Beijing wall-clock times).
"""

from __future__ import annotations

from datetime import date

import pytest

from aggregates import authority
from aggregates.base import Stamp
from aggregates.errors import NotFound, Refused
from ledger.application import LedgerApp
from ledger.interface import Ledger
from ledger.when import When
from projections.board import DeadlineBoard
from tests.support.clock import FakeClock
from tests.support.errand import ENTRY_ACTS, Errand
from tests.support.ledger import run, setup_bureau


def stamp(app: LedgerApp, actor: str, effective: str) -> Stamp:
    return Stamp(actor=actor, effective=date.fromisoformat(effective), at=app.clock())


def rename_s009_on_10_july(app: LedgerApp, clock: FakeClock) -> None:
    """S009 was entered as 王五 in June; on 10 July the office corrects the name to 王伍."""
    clock.set("2026-07-10 10:00")
    run(
        app, "S001", "correct", aggregate="staff:S009", version=1, reason="名字录错", replace={"name": "王伍"}
    )


@pytest.fixture
def ledger(app: LedgerApp, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> Ledger:
    """A June errand due 30 June, finished on 28 June but only recorded on 5 July."""
    for name, act in ENTRY_ACTS.items():
        monkeypatch.setitem(authority.ENTRY_ACTS, name, act)
    clock.set("2026-06-01 09:00")
    setup_bureau(app)
    app.save(Errand.open(stamp(app, "S002", "2026-06-01"), "E1", "FIN", "六月报表", date(2026, 6, 30)))
    run(app, "S001", "org.staff.add", staff_id="S009", staff_name="王五", unit="FIN", effective="2026-06-01")
    clock.set("2026-07-05 16:00")
    errand = app.get(Errand, Errand.id_for("E1"))
    assert errand is not None
    errand.finish(stamp(app, "S002", "2026-06-28"))
    app.save(errand)
    return Ledger(":memory:", app)


def board(ledger: Ledger, **kw: str) -> dict[str, str | None]:
    (row,) = [r for r in ledger.deadlines(When.parse(**kw)) if r["key"] == "errand:E1"]
    return {"due": row["due"], "status": row["status"], "met_on": row["met_on"]}


def test_board_as_it_stood_differs_from_what_we_now_know(ledger: Ledger) -> None:
    then = board(ledger, as_of="2026-07-01", known_at="2026-07-01")
    assert then == {"due": "2026-06-30", "status": "overdue", "met_on": None}
    now = board(ledger, as_of="2026-07-01")
    assert now == {"due": "2026-06-30", "status": "met", "met_on": "2026-06-28"}
    assert board(ledger, as_of="2026-06-30", known_at="2026-06-30")["status"] == "due"
    assert board(ledger, as_of="2026-06-30")["status"] == "met"


def test_corrected_entry_changes_the_board_but_not_what_was_known_before(
    ledger: Ledger, app: LedgerApp, clock: FakeClock
) -> None:
    clock.set("2026-07-10 10:00")
    run(
        app,
        "S002",
        "correct",
        aggregate="errand:E1",
        version=1,
        reason="期限录错",
        replace={"due": "2026-06-25"},
    )
    assert board(ledger, as_of="2026-07-01") == {
        "due": "2026-06-25",
        "status": "met late",
        "met_on": "2026-06-28",
    }
    assert board(ledger) == {"due": "2026-06-25", "status": "met late", "met_on": "2026-06-28"}
    assert board(ledger, as_of="2026-07-01", known_at="2026-07-06")["due"] == "2026-06-30"
    live = ledger.views.live(DeadlineBoard)
    assert live.rows["|".join((str(Errand.id_for("E1")), "errand:E1"))]["start"] == "2026-06-25"
    assert live.digest() == ledger.views.history((DeadlineBoard,)).get(DeadlineBoard).digest()


def test_show_gives_the_state_known_at_a_moment_and_in_effect_on_a_date(
    ledger: Ledger, app: LedgerApp, clock: FakeClock
) -> None:
    rename_s009_on_10_july(app, clock)
    assert ledger.show("staff:S009")["state"]["name"] == "王伍"
    before = ledger.show("staff:S009", when=When.parse(known_at="2026-06-30"))
    assert before["state"]["name"] == "王五" and before["known_at"] == "2026-06-30 23:59:59 +08:00"
    assert [h["event"] for h in before["history"]] == ["Staff.Added", "Staff.RoleAssigned"]
    now = ledger.show("staff:S009", when=When.parse(as_of="2026-06-30"))
    assert now["state"]["name"] == "王伍"  # what we now know was the case on 30 June
    assert now["history"][-1]["event"] == "Staff.EntryCorrected"
    with pytest.raises(NotFound, match="as of 2026-05-31"):
        ledger.show("staff:S009", when=When.parse(as_of="2026-05-31"))


def test_directory_and_log_as_known_before_a_correction(
    ledger: Ledger, app: LedgerApp, clock: FakeClock
) -> None:
    rename_s009_on_10_july(app, clock)

    def name(**kw: str) -> str:
        (row,) = [s for s in ledger.directory(When.parse(**kw))["staff"] if s["staff_id"] == "S009"]
        return str(row["name"])

    assert name() == "王伍"
    assert name(known_at="2026-07-09") == "王五"
    assert "Staff.EntryCorrected" not in {
        r["event"] for r in ledger.log(when=When.parse(known_at="2026-07-09"))
    }
    trail = [r["event"] for r in ledger.log(aggregate="staff:S009")]
    assert trail == ["Staff.Added", "Staff.RoleAssigned", "Staff.EntryCorrected"]  # both stay on the trail
    assert {r["effective"] for r in ledger.log(when=When.parse(as_of="2026-05-31"))} == {"2026-01-05"}


def test_only_those_who_may_record_the_entry_may_correct_it(ledger: Ledger, app: LedgerApp) -> None:
    before = app.max_position()
    for outsider in ("S003", "S001"):  # another unit's staff, and the office: neither records for FIN
        with pytest.raises(Refused, match=f"{outsider} may not correct Errand.Opened .* for FIN"):
            run(
                app, outsider, "correct", aggregate="errand:E1", version=1, reason="x", replace={"title": "y"}
            )
    assert app.max_position() == before
    run(app, "S002", "correct", aggregate="errand:E1", version=2, reason="并未完成", retract=True)
    assert board(ledger)["met_on"] is None
