"""Unscheduled checks (不定期检查, 附件5 第二条): assessment is 定期与不定期相结合.

Beside the year-end assessment, the office checks a unit at any time (the leadership group
checks the office, which never checks itself). One :class:`UnscheduledChecks` per unit and
year holds them; each check is on the record with its findings and appears in the unit's
evidence for that year.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from aggregates.assessment.vocabulary import ART_SCOPE, ART_TIMING
from aggregates.base import Aggregate, Event, Frozen, Stamp, required, stable_id
from aggregates.errors import Refused
from aggregates.org import UNIT_KIND_LABELS, WORKING_UNITS, Unit, UnitKind

_FIXED = {
    "CheckRecorded": {
        key: "it identifies the check and the unit; correct the findings or problems"
        for key in ("unit", "unit_name", "unit_kind", "year", "number")
    }
}


class SpotCheck(Frozen):
    number: int
    on: date
    by: str
    findings: str
    problems: tuple[str, ...]


class UnscheduledChecks(Aggregate):
    """The unscheduled checks of one unit in one year."""

    kind = "unscheduled_checks"
    fixed_facts = _FIXED

    unit: str
    unit_name: str
    unit_kind: UnitKind
    year: int
    checks: dict[int, SpotCheck]

    @staticmethod
    def id_for(unit: str, year: int) -> UUID:
        return stable_id("unscheduled_checks", f"{unit}:{year}")

    @classmethod
    def record(
        cls,
        stamp: Stamp,
        unit: Unit,
        findings: str,
        problems: list[str],
        existing: UnscheduledChecks | None,
    ) -> UnscheduledChecks:
        """A check of ``unit`` on the stamp's date, in that date's year, with its findings."""
        if unit.unit_kind not in WORKING_UNITS:
            raise Refused(
                "unit",
                f"{unit.code} is the {UNIT_KIND_LABELS[unit.unit_kind]}; only 股室/中心 and the office "
                "are assessed",
                ART_SCOPE,
            )
        unit.ensure_open()
        required("findings", findings, "an unscheduled check records what it found", ART_TIMING)
        clean = tuple(p.strip() for p in problems if p.strip())
        year = stamp.effective.year
        agg = existing or cls.blank(cls.id_for(unit.code, year), stamp.at)
        number = max([*agg.__dict__.get("checks", {}), 0]) + 1
        agg._trigger(
            cls.CheckRecorded,
            stamp,
            **unit.named(),
            year=year,
            number=number,
            findings=findings.strip(),
            problems=clean,
        )
        return agg

    class CheckRecorded(Event):
        creates = True  # the first check of a unit's year opens its record
        unit: str
        unit_name: str
        unit_kind: UnitKind
        year: int
        number: int
        findings: str
        problems: tuple[str, ...]

        def apply(self, agg: UnscheduledChecks) -> None:
            self.assign(agg, "unit", "unit_name", "unit_kind", "year")
            check = SpotCheck(
                number=self.number,
                on=self.effective,
                by=self.actor,
                findings=self.findings,
                problems=self.problems,
            )
            agg.checks = {**agg.__dict__.get("checks", {}), self.number: check}

        def summary(self) -> str:
            return f"unscheduled check #{self.number} of {self.unit}: {len(self.problems)} problems"
