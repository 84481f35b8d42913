"""`correct` goes through the same authority table as the acts (issue 10, finding 4).

On the demo's ledger, an insider tries to correct every kind of entry it holds in the
name of someone who may not make the act the entry records; each attempt is refused and
nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from aggregates.authority import ENTRY_ACTS, Correction, entry_name, may
from aggregates.base import Aggregate, Event
from aggregates.errors import Refused
from aggregates.org import Staff
from ledger.application import LedgerApp
from ledger.signing import KeyFolder
from tests.support.ledger import record_demo, refused_without_writing

STAFF = ("S001", "S002", "S003", "S004", "S005", "P01", "D01", "D02", "G01")


@pytest.fixture(scope="module")
def demo(key_folder: Path) -> Iterator[LedgerApp]:
    """The demo's year, recorded once for the module (refusals write nothing)."""
    app = LedgerApp(":memory:", keys=KeyFolder(key_folder))
    record_demo(app)
    yield app
    app.close()


def first_entries(app: LedgerApp) -> dict[str, Event]:
    found: dict[str, Event] = {}
    for _, event in app.log_events():
        found.setdefault(entry_name(event), event)
    return found


def test_the_office_cannot_turn_the_leaders_rejection_into_an_approval(demo: LedgerApp) -> None:
    """The exact command of the finding: `ledger --actor S001 correct --aggregate
    decision:YJJR-2026-07 --version 3 --reason x --replace '{"approved":true}'`."""
    fields: dict[str, Any] = {"aggregate": "decision:YJJR-2026-07", "version": 3, "reason": "x"}
    message = refused_without_writing(demo, Refused, "S001", "correct", **fields, replace={"approved": True})
    assert "S001 may not correct Decision.Discussed" in message
    assert "only the leadership team" in message and "附件2 第六条(一)" in message
    for leader in ("P01", "D01"):  # those who discussed it may not rewrite the verdict either
        message = refused_without_writing(
            demo, Refused, leader, "correct", **fields, replace={"approved": True}
        )
        assert "replace.approved" in message and "only followed by a new act" in message
        refused_without_writing(demo, Refused, leader, "correct", **fields, retract=True)


def test_every_kind_of_entry_refuses_a_correction_by_someone_who_may_not_make_its_act(
    demo: LedgerApp,
) -> None:
    staff = {sid: demo.get(Staff, Staff.id_for(sid)) for sid in STAFF}
    entries = first_entries(demo)
    swept: list[str] = []
    for name, entry in sorted(entries.items()):
        rule = ENTRY_ACTS[name]
        if rule.correction == Correction.NEVER:
            continue
        aggregate = demo.get(Aggregate, entry.originator_id)
        act, scope = rule.act_for(aggregate), rule.scope_for(aggregate, entry)
        wrong = [
            sid
            for sid, s in staff.items()
            if s is None
            or not may(s, act, scope)
            or (rule.correction == Correction.BY_AUTHOR and sid != entry.actor)
        ]
        assert wrong, f"{name}: no one is kept from {act.value}"
        facts = entry.payload()
        change: dict[str, Any] = (
            {"replace": dict([next(iter(facts.items()))])} if facts else {"retract": True}
        )
        for sid in wrong:
            message = refused_without_writing(
                demo,
                Refused,
                sid,
                "correct",
                aggregate=str(entry.originator_id),
                version=entry.originator_version,
                reason="insider",
                **change,
            )
            assert f"{sid} may not correct {name}" in message, message
        swept.append(name)
    assert len(swept) >= 45  # every correctable entry class the demo's year holds


def test_role_entries_are_never_corrected_so_past_acts_keep_the_roles_they_were_authorised_by(
    demo: LedgerApp,
) -> None:
    for actor in ("S001", "P01", "G01"):
        message = refused_without_writing(
            demo,
            Refused,
            actor,
            "correct",
            aggregate="staff:D01",
            version=4,  # the deputy's grant (v3 registered D01's key)
            reason="x",
            replace={"grant": {"role": "deputy_leader", "areas": ["FIN", "FUND", "SERV"]}},
        )
        assert "Staff.RoleAssigned: a role grant or end is never corrected" in message
        refused_without_writing(
            demo, Refused, actor, "correct", aggregate="staff:D01", version=4, reason="x", retract=True
        )


def test_the_office_cannot_rewrite_a_units_self_assessment(demo: LedgerApp) -> None:
    message = refused_without_writing(
        demo,
        Refused,
        "S001",
        "correct",
        aggregate="assessment:FIN:2025",
        version=2,
        reason="x",
        replace={"report": "改写"},
    )
    assert "S001 may not correct Assessment.SelfAssessed" in message and "附件5 第五条" in message
