"""The write door when another writer gets there first: the unit of work is run again from a
fresh load, against the new state, where it succeeds or a rule refuses it; a race lost every
time exits 3 with nothing of ours written. The insider is a rival application on the same
file that saves between our load and our save."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from aggregates.errors import Refused
from ledger import application
from ledger.application import ATTEMPTS, LedgerApp, UnitOfWork
from ledger.interface import Ledger, Unusable, build
from ledger.interface.decision import decision_show
from tests.support.clerks import number, published_decisions
from tests.support.ledger import run


@pytest.fixture
def apps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Ledger, LedgerApp]]:
    """Our ledger and a rival's application, on one file with a published decision; no real waiting."""
    db = tmp_path / "ledger.db"
    published_decisions(db, 1)
    monkeypatch.setattr(application.time, "sleep", lambda _: None)
    ours, rival = Ledger(str(db)), LedgerApp(str(db))
    yield ours, rival
    ours.close()
    rival.close()


def rival_saves_first(
    monkeypatch: pytest.MonkeyPatch, ours: Ledger, rival_act: Callable[[], object], times: int
) -> list[int]:
    """Before each of our first ``times`` saves, the rival acts; the list counts our saves."""
    save = UnitOfWork.commit
    ours_saved: list[int] = []

    def commit(uow: UnitOfWork) -> None:
        if uow.app is ours.app:
            ours_saved.append(1)
            if len(ours_saved) <= times:
                rival_act()
        save(uow)

    monkeypatch.setattr(UnitOfWork, "commit", commit)
    return ours_saved


def comment(text: str) -> dict[str, Any]:
    return {"decision": number(1), "channel": "email", "text": text, "effective": "2026-09-10"}


def test_a_comment_that_loses_the_race_is_recorded_after_the_rivals(
    apps: tuple[Ledger, LedgerApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    ours, rival = apps
    tries = rival_saves_first(
        monkeypatch, ours, lambda: run(rival, "S002", "decision.comment.receive", **comment("先到")), 1
    )

    result = ours.run([build("decision.comment.receive", comment("后到"))], "S002")

    assert len(tries) == 2  # lost once, then run again against the new state
    assert result[0]["comment"] == "C002"
    comments = decision_show(ours, number(1))["comments"]
    assert [(c["comment_id"], c["text"]) for c in comments] == [("C001", "先到"), ("C002", "后到")]


def test_a_unit_that_the_rival_added_first_is_refused_by_the_rule_on_the_second_run(
    apps: tuple[Ledger, LedgerApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    ours, rival = apps
    unit = {"code": "AUDIT", "unit_name": "审计股", "effective": "2026-03-02"}
    rival_saves_first(monkeypatch, ours, lambda: run(rival, "S001", "org.unit.add", **unit), 1)
    before = ours.event_count()

    with pytest.raises(Refused, match="unit AUDIT already exists"):
        ours.run([build("org.unit.add", unit)], "S001")

    assert ours.event_count() == before + 2  # the rival's unit and its signed act, not ours


def test_a_race_lost_every_time_exits_3_and_writes_nothing_of_ours(
    apps: tuple[Ledger, LedgerApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    ours, rival = apps
    tries = rival_saves_first(
        monkeypatch, ours, lambda: run(rival, "S002", "decision.comment.receive", **comment("抢先")), ATTEMPTS
    )
    before = ours.event_count()

    with pytest.raises(Unusable, match="run the command again") as refused:
        ours.run([build("decision.comment.receive", comment("总是晚到"))], "S002")

    assert refused.value.exit_code == 3 and len(tries) == ATTEMPTS
    texts = [c["text"] for c in decision_show(ours, number(1))["comments"]]
    assert texts == ["抢先"] * ATTEMPTS and ours.event_count() == before + 2 * ATTEMPTS  # each with its act
