"""Corrections: a compensating entry on any aggregate; the wrong entry stays on the trail."""

from __future__ import annotations

from datetime import date

import pytest
from eventsourcing.utils import get_topic, resolve_topic

from aggregates.base import EntryCorrected
from aggregates.errors import InvalidInput, Refused
from aggregates.org import Grant, Role, Staff, Unit, UnitKind
from tests.support.clock import stamp
from tests.support.errand import Errand


def staff() -> Staff:
    unit = Unit.establish(stamp(), "FIN", "金融股", UnitKind.SECTION)
    return Staff.add(stamp(), "S002", "李明", unit)  # v1 Added, v2 RoleAssigned unit_staff FIN


def replay(agg: Staff) -> Staff:
    rebuilt = None
    for event in agg.collect_events():
        rebuilt = event.mutate(rebuilt)
    assert isinstance(rebuilt, Staff)
    return rebuilt


def test_every_aggregate_class_has_its_own_correction_event_with_a_resolvable_topic() -> None:
    assert Staff.EntryCorrected is not Unit.EntryCorrected
    assert issubclass(Errand.EntryCorrected, EntryCorrected)
    assert Staff.EntryCorrected.owner() is Staff
    assert resolve_topic(get_topic(Staff.EntryCorrected)) is Staff.EntryCorrected


def test_correction_replaces_the_facts_and_keeps_the_wrong_entry() -> None:
    s = staff()
    event = s.correct_entry(stamp(actor="S001"), 1, "名字录错", {"name": "李敏"})
    assert s.name == "李敏" and s.version == 3
    assert s.recorded_entry(1).name == "李明"  # type: ignore[union-attr]
    assert event.corrects_version == 1 and event.replacement == {"name": "李敏"}
    assert event.effective == s.recorded_entry(1).effective  # type: ignore[union-attr]
    assert replay(s).name == "李敏"


def test_retraction_leaves_the_entry_out_and_later_entries_still_apply() -> None:
    s = staff()
    s.assign(stamp(), Grant(role=Role.GROUP_MEMBER))
    s.correct_entry(stamp(), 2, "不是金融股工作人员", None)
    assert set(s.grants) == {Role.GROUP_MEMBER}
    s.assign(stamp(), Grant(role=Role.DEPUTY_LEADER, areas=("FIN",)))
    assert set(replay(s).grants) == {Role.GROUP_MEMBER, Role.DEPUTY_LEADER}


def test_a_second_correction_of_the_same_entry_wins() -> None:
    s = staff()
    s.correct_entry(stamp(), 1, "typo", {"name": "李敏"})
    s.correct_entry(stamp(), 1, "typo again", {"name": "李民"})
    assert s.name == "李民"
    assert replay(s).name == "李民"


def test_a_second_correction_of_other_facts_keeps_the_first_corrections_facts() -> None:
    e = Errand.open(stamp(effective="2026-06-01"), "E1", "FIN", "月报", date(2026, 6, 30))
    e.correct_entry(stamp(), 1, "期限录错", {"due": "2026-07-15"})
    second = e.correct_entry(stamp(), 1, "标题录错", {"title": "季报"})
    assert (e.title, e.due) == ("季报", date(2026, 7, 15))
    assert second.replacement == {"due": "2026-07-15", "title": "季报"}


def test_replacement_must_name_facts_of_the_corrected_event() -> None:
    s = staff()
    with pytest.raises(InvalidInput, match=r"replace\.nam: Added has no fact 'nam'"):
        s.correct_entry(stamp(), 1, "x", {"nam": "y"})
    with pytest.raises(InvalidInput, match=r"replace\.actor"):
        s.correct_entry(stamp(), 1, "x", {"actor": "S999"})
    with pytest.raises(InvalidInput, match=r"replace\.grant\.role"):
        s.correct_entry(stamp(), 2, "x", {"grant": {"role": "emperor"}})
    assert s.version == 2


def test_the_creating_entry_cannot_be_retracted_and_versions_must_exist() -> None:
    s = staff()
    with pytest.raises(Refused, match="cannot be retracted"):
        s.correct_entry(stamp(), 1, "x", None)
    with pytest.raises(InvalidInput, match="no v7"):
        s.correct_entry(stamp(), 7, "x", None)
    s.correct_entry(stamp(), 1, "typo", {"name": "李敏"})
    with pytest.raises(InvalidInput, match="is a correction"):
        s.correct_entry(stamp(), 3, "x", None)


def test_a_correction_that_changes_nothing_is_refused() -> None:
    s = staff()
    with pytest.raises(Refused, match="already says"):
        s.correct_entry(stamp(), 1, "x", {"name": "李明"})
    with pytest.raises(InvalidInput, match="reason"):
        s.correct_entry(stamp(), 1, "  ", {"name": "李敏"})


def test_corrected_dates_are_validated_and_reach_derived_obligations() -> None:
    e = Errand.open(stamp(effective="2026-06-01"), "E1", "FIN", "月报", date(2026, 6, 30))
    with pytest.raises(InvalidInput, match=r"replace\.due"):
        e.correct_entry(stamp(), 1, "x", {"due": "not a date"})
    e.correct_entry(stamp(), 1, "期限录错", {"due": "2026-07-15"})
    assert e.obligations()[0].start == date(2026, 7, 15)
