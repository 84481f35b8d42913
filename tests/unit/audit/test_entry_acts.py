"""The authority table covers every entry: each entry class of every aggregate names the
act it records (or why it is never corrected), and a correction is refused to whoever
may not make that act."""

from __future__ import annotations

import importlib
import pkgutil
from types import SimpleNamespace
from typing import Any

import pytest

import aggregates
from aggregates.authority import (
    ENTRY_ACTS,
    Correction,
    authorise_corrected,
    authorise_correction,
    entry_name,
    may,
)
from aggregates.base import Aggregate, EntryCorrected, Event
from aggregates.duties import DutyYear
from aggregates.errors import Refused
from aggregates.org import Grant, Role, Staff, Unit, UnitKind
from tests.support.clock import stamp


def entry_classes() -> set[str]:
    for module in pkgutil.walk_packages(aggregates.__path__, "aggregates."):
        importlib.import_module(module.name)
    found: set[str] = set()
    todo = list(Aggregate.__subclasses__())
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        if not cls.__module__.startswith("aggregates."):
            continue  # a test's own aggregate
        for value in vars(cls).values():
            if isinstance(value, type) and issubclass(value, Event) and not issubclass(value, EntryCorrected):
                found.add(value.__qualname__)
    return found


def test_every_entry_class_of_every_aggregate_names_its_act_or_why_it_is_never_corrected() -> None:
    classes = entry_classes()
    assert len(classes) > 50
    assert sorted(classes - set(ENTRY_ACTS)) == []  # an entry class with no act in the table
    assert sorted(set(ENTRY_ACTS) - classes) == []  # a stale row
    for name, rule in ENTRY_ACTS.items():
        assert (rule.act is None) == (rule.correction == Correction.NEVER), name
        assert rule.correction != Correction.NEVER or rule.why_not, name


def bureau_staff() -> dict[str, Staff]:
    """One of each kind of actor: the office (its clerk heads it), two sections' clerks, the
    leaders, the group."""
    units = {
        code: Unit.establish(stamp(), code, code, kind)
        for code, kind in [
            ("OFFICE", UnitKind.OFFICE),
            ("FIN", UnitKind.SECTION),
            ("FUND", UnitKind.SECTION),
            ("LEAD", UnitKind.LEADERSHIP_TEAM),
            ("GROUP", UnitKind.LEADERSHIP_GROUP),
        ]
    }
    people = {
        sid: Staff.add(stamp(), sid, sid, units[unit])
        for sid, unit in [
            ("S001", "OFFICE"),
            ("S002", "FIN"),
            ("S003", "FUND"),
            ("P01", "LEAD"),
            ("D01", "LEAD"),
            ("G01", "GROUP"),
        ]
    }
    people["P01"].assign(stamp(), Grant(role=Role.PRINCIPAL_LEADER))
    people["D01"].assign(stamp(), Grant(role=Role.DEPUTY_LEADER, areas=("FIN",)))
    people["G01"].assign(stamp(), Grant(role=Role.GROUP_MEMBER))
    people["S001"].assign(
        stamp(), Grant(role=Role.OFFICE_HEAD)
    )  # heads the disclosure office (条例 第三十三条)
    return people


def fake(name: str, actor: str) -> tuple[Any, Any]:
    """An aggregate about FIN and one of its entries recorded by ``actor``."""
    cls = type(name.split(".")[1], (), {"__qualname__": name})
    entry = cls()
    entry.actor = actor
    entry.inspection = SimpleNamespace(area="FIN")
    aggregate = SimpleNamespace(
        unit="FIN", host="FIN", unit_kind=UnitKind.SECTION, host_kind=UnitKind.SECTION
    )
    return aggregate, entry


@pytest.mark.parametrize("name", sorted(n for n, r in ENTRY_ACTS.items() if r.correction != Correction.NEVER))
def test_a_correction_is_refused_to_everyone_who_may_not_make_the_act(name: str) -> None:
    people = bureau_staff()
    rule = ENTRY_ACTS[name]
    aggregate, entry = fake(name, "nobody")
    act, scope = rule.act_for(aggregate), rule.scope_for(aggregate, entry)
    allowed = {sid for sid, s in people.items() if may(s, act, scope)}
    assert allowed and allowed != set(people), f"{name}: {act} must separate someone"
    for sid, staff in people.items():
        aggregate, entry = fake(name, sid)  # the author themselves, where only the author may
        if sid in allowed:
            authorise_correction(staff, sid, aggregate, entry, {"note": "x"})
            continue
        with pytest.raises(Refused) as e:
            authorise_correction(staff, sid, aggregate, entry, {"note": "x"})
        assert f"{sid} may not correct {name}" in str(e.value) and e.value.article


@pytest.mark.parametrize(
    "name", sorted(n for n, r in ENTRY_ACTS.items() if r.correction == Correction.BY_AUTHOR)
)
def test_facts_only_the_author_knows_are_corrected_by_the_author_alone(name: str) -> None:
    people = bureau_staff()
    aggregate, entry = fake(name, "someone-else")
    for sid, staff in people.items():
        with pytest.raises(Refused, match="only its author someone-else may"):
            authorise_correction(staff, sid, aggregate, entry, {"note": "x"})


def test_roles_as_recorded_are_never_corrected() -> None:
    people = bureau_staff()
    grant = people["D01"].recorded_entry(3)
    assert isinstance(grant, Staff.RoleAssigned)
    for sid in ("S001", "P01", "G01"):
        with pytest.raises(Refused, match="never corrected: an act is authorised by the roles as recorded"):
            authorise_correction(people[sid], sid, people["D01"], grant, {"grant": {"role": "group_member"}})


def test_a_corrected_inspection_moved_out_of_the_deputys_areas_is_not_theirs() -> None:
    d01 = bureau_staff()["D01"]
    aggregate, entry = fake("DutyYear.QuarterlyInspectionDone", "D01")
    authorise_corrected(d01, "D01", aggregate, entry)
    entry.inspection = SimpleNamespace(area="FUND")
    with pytest.raises(Refused, match=r"D01 may not correct DutyYear\.QuarterlyInspectionDone .* for FUND"):
        authorise_corrected(d01, "D01", aggregate, entry)
    assert DutyYear.QuarterlyInspectionDone.__qualname__ == "DutyYear.QuarterlyInspectionDone"


def test_an_outcome_is_never_retracted_nor_rewritten_even_by_those_who_may_make_it() -> None:
    p01 = bureau_staff()["P01"]
    aggregate, entry = fake("Decision.Discussed", "P01")
    with pytest.raises(Refused, match=r"replace\.approved: Decision\.Discussed\.approved is the outcome"):
        authorise_correction(p01, "P01", aggregate, entry, {"approved": True})
    with pytest.raises(Refused, match="never retracted"):
        authorise_correction(p01, "P01", aggregate, entry, None)
    authorise_correction(p01, "P01", aggregate, entry, {"meeting": "局党组会第7次会议"})
    assert entry_name(entry) == "Decision.Discussed"


@pytest.mark.parametrize(
    "name",
    [
        f"OpenDay.{e}"
        for e in (
            "Planned",
            "RecruitmentPublished",
            "RepresentativeRegistered",
            "RepresentativesConfirmed",
            "RepresentativesPublicised",
            "ObjectionReceived",
            "ObjectionAnswered",
        )
    ],
)
def test_the_host_units_staff_and_the_office_record_the_recruitment_and_no_other_unit(name: str) -> None:
    """附件4 第五条: the host unit sets the quotas and recruits; the office, which carries the day
    out (第二条), may record these steps too; another section's clerk may not."""
    people = bureau_staff()
    aggregate, entry = fake(name, "S002")  # FIN hosts
    rule = ENTRY_ACTS[name]
    act, scope = rule.act_for(aggregate), rule.scope_for(aggregate, entry)
    allowed = {sid for sid, s in people.items() if may(s, act, scope)}
    assert allowed == {"S001", "S002"}
