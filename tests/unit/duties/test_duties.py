"""Leaders' duties (附件1) without storage: responsibilities, meetings, inspections, outcome."""

from __future__ import annotations

from datetime import date

import pytest

from aggregates.assessment import Grade
from aggregates.duties import DutyYear, Outcome, periods
from aggregates.errors import InvalidInput, Refused
from aggregates.org import Grant, Role, Staff, Unit, UnitKind
from ledger.commands.policy import packaged_policies
from tests.support.clock import stamp

POLICY = packaged_policies()[-1]
LEAD = Unit.establish(stamp("2026-01-05"), "LEAD", "局领导班子", UnitKind.LEADERSHIP_TEAM)


def leader(staff_id: str, role: Role | None, areas: tuple[str, ...] = ()) -> Staff:
    staff = Staff.add(stamp("2026-01-05"), staff_id, "某局长", LEAD)
    if role is not None:
        staff.assign(stamp("2026-01-05"), Grant(role=role, areas=areas))
    return staff


def principal_year(on: str = "2026-01-05", year: int = 2026) -> DutyYear:
    return DutyYear.assign(stamp(on), leader("P01", Role.PRINCIPAL_LEADER), year, POLICY, None)


def deputy_year(on: str = "2026-01-05", year: int = 2026) -> DutyYear:
    staff = leader("D01", Role.DEPUTY_LEADER, ("FIN", "FUND"))
    return DutyYear.assign(stamp(on), staff, year, POLICY, None)


def meet(d: DutyYear, day: str) -> None:
    d.hold_meeting(stamp(day, d.staff_id), ("工作要点",), "听取汇报", ())


def inspect(
    d: DutyYear, area: str, day: str, found: tuple[str, ...] = (), fixed: tuple[str, ...] = ()
) -> None:
    d.inspect(stamp(day, d.staff_id), area, "检查情况", found, fixed)


def full_deputy_year() -> DutyYear:
    d = deputy_year()
    for day in ("2026-03-10", "2026-06-10", "2026-09-10", "2026-12-10"):
        inspect(d, "FIN", day)
        inspect(d, "FUND", day)
    return d


# --- cycles from the policy ---------------------------------------------------------------


def test_half_years_and_quarters_come_from_the_policy_cycles() -> None:
    halves = periods(2026, POLICY.number("duties.meeting_cycle_months"))
    quarters = periods(2026, POLICY.number("duties.inspection_cycle_months"))
    assert [(p.label, p.end) for p in halves] == [("H1", date(2026, 6, 30)), ("H2", date(2026, 12, 31))]
    assert [p.end for p in quarters] == [
        date(2026, 3, 31),
        date(2026, 6, 30),
        date(2026, 9, 30),
        date(2026, 12, 31),
    ]


def test_a_cycle_that_does_not_divide_the_year_is_refused() -> None:
    with pytest.raises(InvalidInput, match="does not divide"):
        periods(2026, 5)


# --- responsibilities -------------------------------------------------------------------------


def test_principal_is_responsible_for_the_half_year_meetings() -> None:
    d = principal_year()
    assert d.principal and d.areas == ()
    assert [o.key for o in d.obligations()] == ["duties:P01:2026:H1:meeting", "duties:P01:2026:H2:meeting"]


def test_deputy_is_responsible_for_each_area_every_quarter() -> None:
    d = deputy_year()
    keys = [o.key for o in d.obligations()]
    assert len(keys) == 8 and "duties:D01:2026:Q3:FUND:inspection" in keys
    assert {o.unit for o in d.obligations()} == {"FIN", "FUND"}


def test_someone_who_is_no_leader_has_no_responsibility() -> None:
    with pytest.raises(Refused, match="附件1 第二条"):
        DutyYear.assign(stamp(), leader("S009", None), 2026, POLICY, None)


def test_responsibilities_are_recorded_once_per_person_and_year() -> None:
    with pytest.raises(Refused, match="already recorded"):
        DutyYear.assign(stamp(), leader("P01", Role.PRINCIPAL_LEADER), 2026, POLICY, principal_year())


def test_duties_bind_from_the_day_recorded_within_the_year() -> None:
    d = deputy_year(on="2026-08-03")
    assert {o.key.split(":")[3] for o in d.obligations()} == {"Q3", "Q4"}


def test_responsibilities_recorded_after_the_year_cover_all_of_it() -> None:
    assert len(deputy_year(on="2026-03-01", year=2025).obligations()) == 8


# --- meetings ---------------------------------------------------------------------------------


def test_meeting_meets_its_half_year() -> None:
    d = principal_year()
    meet(d, "2026-06-30")
    h1, h2 = d.obligations()
    assert h1.met_on == date(2026, 6, 30) and h2.met_on is None
    meet(d, "2026-07-01")
    assert d.obligations()[1].met_on == date(2026, 7, 1)


def test_only_the_principal_convenes_the_meeting() -> None:
    with pytest.raises(Refused, match="附件1 第四条"):
        meet(deputy_year(), "2026-03-01")


def test_meeting_outside_the_year_is_refused() -> None:
    d = principal_year(year=2025, on="2026-01-05")
    with pytest.raises(Refused, match="not in 2025"):
        meet(d, "2026-01-06")


def test_meeting_without_topics_or_report_is_refused() -> None:
    d = principal_year()
    with pytest.raises(InvalidInput, match="topics"):
        d.hold_meeting(stamp("2026-03-01", "P01"), (" ",), "汇报", ())
    with pytest.raises(InvalidInput, match="hears a report"):
        d.hold_meeting(stamp("2026-03-01", "P01"), ("要点",), "", ())


# --- inspections ------------------------------------------------------------------------------


def test_inspection_of_an_area_not_in_charge_is_refused() -> None:
    with pytest.raises(Refused, match="not in charge of SERV") as err:
        inspect(deputy_year(), "SERV", "2026-03-01")
    assert err.value.article == "附件1 第四条(二)"


def test_inspection_meets_only_its_area_and_quarter() -> None:
    d = deputy_year()
    inspect(d, "FIN", "2026-04-01")
    met = [o.key for o in d.obligations() if o.met_on]
    assert met == ["duties:D01:2026:Q2:FIN:inspection"]


def test_problems_found_stay_open_until_reported_fixed() -> None:
    d = deputy_year()
    inspect(d, "FIN", "2026-04-01", found=("栏目更新滞后", "解读缺失"))
    inspect(d, "FIN", "2026-07-01", fixed=("栏目更新滞后",))
    assert d.open_problems("FIN") == ["解读缺失"]
    assert d.open_problems("FUND") == []


def test_fixing_a_problem_never_found_is_refused() -> None:
    with pytest.raises(InvalidInput, match="not an open problem of FIN"):
        inspect(deputy_year(), "FIN", "2026-04-01", fixed=("无中生有",))


# --- annual outcome -----------------------------------------------------------------------------


def test_outcome_waits_until_the_year_has_ended() -> None:
    d = full_deputy_year()
    with pytest.raises(Refused, match="once the year has ended"):
        d.record_outcome(stamp("2026-12-31"), Outcome.COMMENDED, (), {})
    d.record_outcome(stamp("2027-01-01"), Outcome.COMMENDED, (), {})
    assert d.outcome is Outcome.COMMENDED and d.outcome_on == date(2027, 1, 1)


def test_leader_with_a_missed_inspection_cannot_be_commended() -> None:
    d = deputy_year()
    for day in ("2026-03-10", "2026-09-10", "2026-12-10"):
        inspect(d, "FIN", day)
        inspect(d, "FUND", day)
    with pytest.raises(Refused, match="no inspection of FIN in 2026 Q2") as err:
        d.record_outcome(stamp("2027-01-05"), Outcome.COMMENDED, (), {})
    assert err.value.article == "附件1 第五条"


def test_principal_with_a_missed_half_year_meeting_cannot_be_commended() -> None:
    d = principal_year()
    meet(d, "2026-03-01")
    with pytest.raises(Refused, match="no transparency meeting in 2026 H2"):
        d.record_outcome(stamp("2027-01-05"), Outcome.COMMENDED, (), {})


def test_unfixed_problem_prevents_commendation() -> None:
    d = full_deputy_year()
    inspect(d, "FUND", "2026-12-20", found=("资金公开不及时",))
    with pytest.raises(Refused, match="not fixed by year end"):
        d.record_outcome(stamp("2027-01-05"), Outcome.COMMENDED, (), {})


def test_failing_assessment_of_an_area_prevents_commendation() -> None:
    d = full_deputy_year()
    with pytest.raises(Refused, match="FUND graded 不合格"):
        d.record_outcome(stamp("2027-04-01"), Outcome.COMMENDED, (), {"FUND": Grade.FAIL, "FIN": Grade.GOOD})


def test_penalty_records_the_shortfalls_as_its_reasons() -> None:
    d = deputy_year()
    d.record_outcome(stamp("2027-01-05"), Outcome.PENALISED, (), {})
    assert d.outcome is Outcome.PENALISED
    assert len(d.shortfalls) == 8 and d.shortfalls[0].startswith("no inspection of FIN in 2026 Q1")


def test_penalty_without_shortfall_or_reason_is_refused() -> None:
    with pytest.raises(InvalidInput, match="states its reasons") as err:
        full_deputy_year().record_outcome(stamp("2027-01-05"), Outcome.PENALISED, (), {})
    assert err.value.field == "reasons"


def test_penalty_with_a_stated_reason_is_recorded() -> None:
    d = full_deputy_year()
    d.record_outcome(stamp("2027-01-05"), Outcome.PENALISED, ("分管领域发生信息公开投诉",), {})
    assert d.reasons == ("分管领域发生信息公开投诉",) and d.shortfalls == ()


def test_outcome_is_recorded_once() -> None:
    d = full_deputy_year()
    d.record_outcome(stamp("2027-01-05"), Outcome.COMMENDED, (), {})
    with pytest.raises(Refused, match="already recorded"):
        d.record_outcome(stamp("2027-01-06"), Outcome.PENALISED, ("x",), {})
