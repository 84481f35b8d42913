"""One post, two responsibilities (一岗双责, 附件1): each leader's transparency duties in a year.

A :class:`DutyYear` — one per responsible person and year — records the responsibility
taken from the organisation (the principal leader; a deputy with the areas in charge,
附件1 第二条–第三条), the half-year transparency meetings the principal convenes
(第四条(一)), the quarterly inspections a deputy makes of each area (第四条(二)), and the
annual outcome (第五条). The principal leader's own inspections (第四条: every responsible
person checks, 定期或不定期) are recorded too. At the year's end a leader whose record
shows no problem is owed a commendation (第五条 要…表扬), due by a reading in policy data.
The cycles (6 and 3 months) and that reading are policy data.
"""

from __future__ import annotations

import calendar as _calendar
from datetime import date
from enum import StrEnum
from typing import Any
from uuid import UUID

from aggregates.assessment.vocabulary import GRADE_LABELS, Grade
from aggregates.base import Aggregate, Event, Frozen, Stamp, required, stable_id
from aggregates.errors import InvalidInput, Refused
from aggregates.obligations import Count, Obligation, Owed
from aggregates.org import Role, Staff
from aggregates.policy import Policy

ART_PERSONS = "附件1 第二条"
ART_MEETING = "附件1 第四条(一)"
ART_INSPECTION = "附件1 第四条(二)"
ART_OUTCOME = "附件1 第五条"
ART_CHECKS = "附件1 第四条"
COMMENDATION_READING = "duties.commendation_month_day"


class Outcome(StrEnum):
    COMMENDED = "commended"  # 表扬
    PENALISED = "penalised"  # 处罚


OUTCOME_LABELS = {Outcome.COMMENDED: "表扬", Outcome.PENALISED: "处罚"}


class Period(Frozen):
    """One cycle of a duty within the year: H1/H2 for meetings, Q1–Q4 for inspections."""

    label: str
    start: date
    end: date

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end


def periods(year: int, months: int) -> list[Period]:
    """The year cut into cycles of ``months`` months (from the policy), each with its last day."""
    if months < 1 or 12 % months:
        raise InvalidInput("policy", f"a duty cycle of {months} months does not divide the year")
    # the names of the cuts (halves, quarters), not the rule's numbers
    prefix = {2: "H", 4: "Q"}.get(12 // months, "P")
    found = []
    for index, first in enumerate(range(1, 13, months), start=1):
        last_month = first + months - 1
        last_day = _calendar.monthrange(year, last_month)[1]
        found.append(
            Period(label=f"{prefix}{index}", start=date(year, first, 1), end=date(year, last_month, last_day))
        )
    return found


def period_of(day: date, months: int) -> Period:
    return next(p for p in periods(day.year, months) if p.holds(day))


class Meeting(Frozen):
    held_on: date
    period: str
    topics: tuple[str, ...]
    report: str
    problems_resolved: tuple[str, ...]


class Inspection(Frozen):
    done_on: date
    period: str
    area: str
    findings: str
    problems_found: tuple[str, ...]
    problems_fixed: tuple[str, ...]


def _clean(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(i.strip() for i in items if i.strip())


_FROM_RECORD = "{} follows from the organisation, the policy or the entry's date; it is not corrected by hand"
FIXED_FACTS: dict[str, dict[str, str]] = {
    "Assigned": {
        key: _FROM_RECORD.format(key)
        for key in (
            "staff_id",
            "unit",
            "year",
            "principal",
            "areas",
            "from_date",
            "meeting_months",
            "inspection_months",
            "policy_version",
            "commend_by",
        )
    },
    "AnnualOutcomeRecorded": {
        "outcome": "the outcome was decided on the year's record (附件1 第五条); "
        "correct the record's entries",
        "shortfalls": "the shortfalls are read from the year's record; correct the record's entries",
    },
}


class DutyYear(Aggregate):
    """A responsible person's transparency duties in one year."""

    kind = "duty_year"
    fixed_facts = FIXED_FACTS

    staff_id: str
    name: str
    unit: str
    year: int
    principal: bool
    areas: tuple[str, ...]
    from_date: date
    meeting_months: int
    inspection_months: int
    policy_version: str
    commend_by: date | None
    meetings: list[Meeting]
    inspections: list[Inspection]
    outcome: Outcome | None
    reasons: tuple[str, ...]
    shortfalls: tuple[str, ...]
    outcome_on: date | None

    @staticmethod
    def id_for(staff_id: str, year: int) -> UUID:
        return stable_id("duty_year", f"{staff_id}:{year}")

    # --- deciding -------------------------------------------------------------------

    @classmethod
    def assign(
        cls, stamp: Stamp, staff: Staff, year: int, policy: Policy, existing: DutyYear | None
    ) -> DutyYear:
        """Take the responsibility from the organisation: principal, or deputy with areas."""
        if existing is not None:
            raise Refused(
                "staff_id",
                f"the {year} responsibilities of {staff.staff_id} are already recorded",
                ART_PERSONS,
            )
        principal = staff.holds(Role.PRINCIPAL_LEADER)
        deputy = staff.grants.get(Role.DEPUTY_LEADER) if staff.active else None
        areas = tuple(deputy.areas) if deputy else ()
        if not principal and not areas:
            raise Refused(
                "staff_id",
                f"{staff.staff_id} is neither the principal leader nor a deputy leader with areas; "
                "only they are responsible persons",
                ART_PERSONS,
            )
        if year > stamp.effective.year + 1:
            raise Refused("year", f"the responsibilities of {year} are recorded from {year - 1} on")
        # Duties bind from the day the responsibility is recorded within the year (a deputy
        # appointed in August owes no first-half inspections); recorded before or after
        # the year, they cover all of it.
        from_date = stamp.effective if stamp.effective.year == year else date(year, 1, 1)
        extra = {}
        if COMMENDATION_READING in policy.rules:
            month, day = str(policy.rule(COMMENDATION_READING).value).split("-")
            extra["commend_by"] = date(year + 1, int(month), int(day))
        return cls._create(
            cls.id_for(staff.staff_id, year),
            cls.Assigned,
            stamp,
            staff_id=staff.staff_id,
            name=staff.name,
            unit=staff.unit,
            year=year,
            principal=principal,
            areas=areas,
            from_date=from_date,
            meeting_months=policy.number("duties.meeting_cycle_months"),
            inspection_months=policy.number("duties.inspection_cycle_months"),
            policy_version=policy.version,
            **extra,
        )

    def _in_year(self, stamp: Stamp) -> None:
        if stamp.effective.year != self.year:
            raise Refused(
                "effective", f"{stamp.effective} is not in {self.year}, the year of this record", ART_PERSONS
            )

    def hold_meeting(
        self, stamp: Stamp, topics: tuple[str, ...], report: str, problems_resolved: tuple[str, ...]
    ) -> None:
        if not self.principal:
            raise Refused(
                "actor",
                f"{self.staff_id} is not the principal leader in {self.year}; the principal convenes "
                "the transparency meeting",
                ART_MEETING,
            )
        self._in_year(stamp)
        topics = _clean(topics)
        if not topics:
            raise InvalidInput("topics", "a transparency meeting records its topics", ART_MEETING)
        if not report.strip():
            raise InvalidInput(
                "report", "the meeting hears a report on the unit's transparency work", ART_MEETING
            )
        period = period_of(stamp.effective, self.meeting_months)
        meeting = Meeting(
            held_on=stamp.effective,
            period=period.label,
            topics=topics,
            report=report,
            problems_resolved=_clean(problems_resolved),
        )
        self._trigger(self.HalfYearMeetingHeld, stamp, meeting=meeting)

    def open_problems(self, area: str) -> list[str]:
        """Problems found in an area's inspections and not yet reported fixed."""
        found: list[str] = []
        fixed: set[str] = set()
        for i in self.inspections:
            if i.area == area:
                found += [p for p in i.problems_found if p not in found]
                fixed |= set(i.problems_fixed)
        return [p for p in found if p not in fixed]

    def inspect(
        self,
        stamp: Stamp,
        area: str,
        findings: str,
        problems_found: tuple[str, ...],
        problems_fixed: tuple[str, ...],
    ) -> None:
        if area not in self.areas and not self.principal:
            raise Refused(
                "area",
                f"{self.staff_id} is not in charge of {area} in {self.year} "
                f"(areas: {', '.join(self.areas) or 'none'})",
                ART_INSPECTION,
            )
        self._in_year(stamp)
        required("findings", findings, "an inspection records what it found", ART_INSPECTION)
        found = _clean(problems_found)
        fixed = _clean(problems_fixed)
        known = set(self.open_problems(area)) | set(found)
        unknown = [p for p in fixed if p not in known]
        if unknown:
            raise InvalidInput(
                "problems_fixed",
                f"{unknown[0]!r} is not an open problem of {area}; list it under problems_found first",
                ART_INSPECTION,
            )
        period = period_of(stamp.effective, self.inspection_months)
        inspection = Inspection(
            done_on=stamp.effective,
            period=period.label,
            area=area,
            findings=findings,
            problems_found=found,
            problems_fixed=fixed,
        )
        self._trigger(self.QuarterlyInspectionDone, stamp, inspection=inspection)

    def due_meetings(self) -> list[Period]:
        if not self.principal:
            return []
        return [p for p in periods(self.year, self.meeting_months) if p.end >= self.from_date]

    def due_inspections(self) -> list[Period]:
        return [p for p in periods(self.year, self.inspection_months) if p.end >= self.from_date]

    def meeting_in(self, period: Period) -> Meeting | None:
        return next((m for m in self.meetings if m.period == period.label), None)

    def inspection_in(self, period: Period, area: str) -> Inspection | None:
        return next((i for i in self.inspections if i.area == area and i.period == period.label), None)

    def shortfalls_for(self, area_grades: dict[str, Grade]) -> list[str]:
        """What went wrong in the year: missed duties, unfixed problems, a 不合格 area."""
        found = [
            f"no transparency meeting in {self.year} {p.label} ({p.start}–{p.end})"
            for p in self.due_meetings()
            if self.meeting_in(p) is None
        ]
        for area in self.areas:
            found += [
                f"no inspection of {area} in {self.year} {p.label} ({p.start}–{p.end})"
                for p in self.due_inspections()
                if self.inspection_in(p, area) is None
            ]
        for area in dict.fromkeys([*self.areas, *(i.area for i in self.inspections)]):
            found += [f"problem in {area} not fixed by year end: {p}" for p in self.open_problems(area)]
            if area_grades.get(area) == Grade.FAIL:
                found.append(f"{area} graded {GRADE_LABELS[Grade.FAIL]} in the {self.year} assessment")
        return found

    def record_outcome(
        self, stamp: Stamp, outcome: Outcome, reasons: tuple[str, ...], area_grades: dict[str, Grade]
    ) -> None:
        if self.outcome is not None:
            raise Refused("staff_id", f"the {self.year} outcome of {self.staff_id} is already recorded")
        if stamp.effective <= date(self.year, 12, 31):
            raise Refused(
                "effective", f"the {self.year} outcome is recorded once the year has ended", ART_OUTCOME
            )
        shortfalls = self.shortfalls_for(area_grades)
        reasons = _clean(reasons)
        if outcome == Outcome.COMMENDED and shortfalls:
            raise Refused(
                "outcome",
                f"{self.staff_id} cannot be commended for {self.year}: {'; '.join(shortfalls)}",
                ART_OUTCOME,
            )
        if outcome == Outcome.PENALISED and not shortfalls and not reasons:
            raise InvalidInput(
                "reasons",
                f"the ledger shows no shortfall of {self.staff_id} in {self.year}; "
                "a penalty states its reasons",
                ART_OUTCOME,
            )
        self._trigger(
            self.AnnualOutcomeRecorded, stamp, outcome=outcome, reasons=reasons, shortfalls=tuple(shortfalls)
        )

    # --- what it owes --------------------------------------------------------------

    def commendation(self) -> Obligation | None:
        """第五条 要…表扬: owed once the year's record is complete with no problem in it (the
        assessment's grades are checked when it is recorded), met by the recorded outcome."""
        if self.commend_by is None:
            return None
        if self.shortfalls_for({}) and self.outcome != Outcome.COMMENDED:
            return None
        role = "主要负责人" if self.principal else "分管负责人"
        return Obligation(
            key=f"duties:{self.staff_id}:{self.year}:commendation",
            unit=self.unit,
            subject=f"{self.name}（{self.staff_id}，{role}）{self.year}年",
            what=f"commendation (表扬): no problem in {self.year} in the record "
            f"(本台账读作: by {self.commend_by})",
            citation=ART_OUTCOME,
            policy_version=self.policy_version,
            count=Count.FIXED_DATE,
            start=self.commend_by,
            met_on=self.outcome_on if self.outcome is not None else None,
        )

    def obligations(self) -> list[Obligation]:
        found = Owed(
            f"duties:{self.staff_id}:{self.year}",
            unit=self.unit,
            policy_version=self.policy_version,
            count=Count.FIXED,
        )
        for p in self.due_meetings():
            held = self.meeting_in(p)
            found.add(
                f"{p.label}:meeting",
                subject=f"{self.name}（{self.staff_id}，主要负责人）{self.year}年{p.label}",
                what=f"transparency meeting (政务公开专题会议) held in {p.start}–{p.end}",
                citation=ART_MEETING,
                start=p.end,
                met_on=held.held_on if held else None,
            )
        for area in self.areas:
            for p in self.due_inspections():
                done = self.inspection_in(p, area)
                found.add(
                    f"{p.label}:{area}:inspection",
                    unit=area,
                    subject=f"{self.name}（{self.staff_id}，分管负责人）{area} {self.year}年{p.label}",
                    what=f"inspection of {area}'s transparency work in {p.start}–{p.end}",
                    citation=ART_INSPECTION,
                    start=p.end,
                    met_on=done.done_on if done else None,
                )
        commendation = self.commendation()
        if commendation is not None:
            found.append(commendation)
        return found

    def complete_replacement(self, original: Event, replacement: dict[str, Any]) -> dict[str, Any]:
        """A meeting or inspection may name only the facts that were wrong; its date and
        period follow from the entry, and an inspection's area is one in this person's charge."""
        for key in ("meeting", "inspection"):
            given = replacement.get(key)
            if not isinstance(given, dict) or not hasattr(original, key):
                continue
            for fact in ("done_on", "held_on", "period"):
                if fact in given:
                    raise Refused(f"replace.{key}.{fact}", _FROM_RECORD.format(fact))
            merged = {**getattr(original, key).model_dump(mode="json"), **given}
            if key == "inspection" and merged["area"] not in self.areas and not self.principal:
                raise Refused(
                    "replace.inspection.area",
                    f"{self.staff_id} is in charge of {', '.join(self.areas) or 'no area'}, "
                    f"not {merged['area']}",
                    ART_INSPECTION,
                )
            replacement = {**replacement, key: merged}  # validated with the entry by correct_entry
        return replacement

    # --- events ----------------------------------------------------------------------

    class Assigned(Event):
        creates = True
        staff_id: str
        name: str
        unit: str
        year: int
        principal: bool
        areas: tuple[str, ...]
        from_date: date
        meeting_months: int
        inspection_months: int
        policy_version: str
        commend_by: date | None = None

        def apply(self, d: DutyYear) -> None:
            self.assign(d, "staff_id", "name", "unit", "year", "principal")
            d.areas = tuple(self.areas)
            self.assign(d, "from_date", "meeting_months", "inspection_months", "policy_version", "commend_by")
            d.meetings = []
            d.inspections = []
            d.outcome = None
            d.reasons = ()
            d.shortfalls = ()
            d.outcome_on = None

        def summary(self) -> str:
            role = "principal leader" if self.principal else ""
            areas = f"deputy for {','.join(self.areas)}" if self.areas else ""
            return f"{self.staff_id} {self.year}: {' and '.join(r for r in (role, areas) if r)}"

    class HalfYearMeetingHeld(Event):
        meeting: Meeting

        def apply(self, d: DutyYear) -> None:
            d.meetings = [*d.meetings, self.meeting]

        def summary(self) -> str:
            return f"{self.meeting.period} meeting: {'; '.join(self.meeting.topics)}"[:100]

    class QuarterlyInspectionDone(Event):
        inspection: Inspection

        def apply(self, d: DutyYear) -> None:
            d.inspections = [*d.inspections, self.inspection]

        def summary(self) -> str:
            i = self.inspection
            return (
                f"{i.period} inspection of {i.area}: {len(i.problems_found)} found, "
                f"{len(i.problems_fixed)} fixed"
            )

    class AnnualOutcomeRecorded(Event):
        outcome: Outcome
        reasons: tuple[str, ...]
        shortfalls: tuple[str, ...]

        def apply(self, d: DutyYear) -> None:
            self.assign(d, "outcome")
            d.reasons, d.shortfalls = tuple(self.reasons), tuple(self.shortfalls)
            d.outcome_on = self.effective

        def summary(self) -> str:
            why = "; ".join((*self.shortfalls, *self.reasons))
            return f"{OUTCOME_LABELS[self.outcome]}" + (f": {why}" if why else "")
