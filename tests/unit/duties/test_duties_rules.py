"""附件1 第四条 and 第五条 without storage: the principal's own inspections, the commendation owed."""

from __future__ import annotations

from datetime import date

import pytest

from aggregates.duties import DutyYear, Outcome
from aggregates.errors import Refused
from aggregates.obligations import Count
from aggregates.policy import Policy
from tests.support.clock import stamp
from tests.unit.duties.test_duties import POLICY, deputy_year, principal_year


def commendation(d: DutyYear) -> list[str]:
    return [o.key for o in d.obligations() if o.key.endswith(":commendation")]


def test_the_principal_inspects_any_unit_and_its_unfixed_problem_is_a_shortfall() -> None:
    """附件1 第四条: every responsible person checks — the principal leader too."""
    d = principal_year()
    d.inspect(stamp("2026-05-12", "P01"), "FUND", "检查", ("专栏更新不及时",), ())
    assert d.inspections[-1].area == "FUND"
    assert "problem in FUND not fixed by year end: 专栏更新不及时" in d.shortfalls_for({})


def test_a_deputy_still_inspects_only_the_areas_in_charge() -> None:
    """附件1 第四条(二): a deputy's inspections are of the areas in charge."""
    with pytest.raises(Refused, match="not in charge of SERV"):
        deputy_year().inspect(stamp("2026-05-12", "D01"), "SERV", "检查", (), ())


def test_a_year_without_problems_owes_the_commendation_and_the_outcome_meets_it() -> None:
    """附件1 第五条 要…表扬: owed once the record is complete without a problem (本台账读作: by 31 March)."""
    d = principal_year()
    assert commendation(d) == []  # the year is not over: meetings are still owed
    d.hold_meeting(stamp("2026-03-10", "P01"), ("工作要点",), "汇报", ())
    d.hold_meeting(stamp("2026-09-10", "P01"), ("工作要点",), "汇报", ())
    [owed] = [o for o in d.obligations() if o.key.endswith(":commendation")]
    assert (owed.start, owed.citation, owed.met_on) == (date(2027, 3, 31), "附件1 第五条", None)
    assert owed.count is Count.FIXED_DATE  # a rest day moves it (民法典 第二百零三条)
    meetings = {o.count for o in d.obligations() if o.key.endswith(":meeting")}
    assert meetings == {Count.FIXED}  # the last day of the half-year: never moved
    d.record_outcome(stamp("2027-01-15", "S001"), Outcome.COMMENDED, (), {})
    [met] = [o for o in d.obligations() if o.key.endswith(":commendation")]
    assert met.met_on == date(2027, 1, 15)


def test_a_policy_without_the_reading_owes_no_commendation_date() -> None:
    """A ledger whose policy version predates the reading derives no commendation deadline."""
    rules = {k: v for k, v in POLICY.rules.items() if k != "duties.commendation_month_day"}
    older = Policy(version="old", effective_from=POLICY.effective_from, source="x", rules=rules)
    from aggregates.org import Role
    from tests.unit.duties.test_duties import leader

    d = DutyYear.assign(stamp("2026-01-05"), leader("P01", Role.PRINCIPAL_LEADER), 2026, older, None)
    d.hold_meeting(stamp("2026-03-10", "P01"), ("工作要点",), "汇报", ())
    d.hold_meeting(stamp("2026-09-10", "P01"), ("工作要点",), "汇报", ())
    assert commendation(d) == []
