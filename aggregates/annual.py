"""The annual report on government information disclosure (条例 第四十九–五十条).

One :class:`AnnualReport` per year, the office's: the clerk's own text of parts 一 (总体情况)
and 五 (存在的主要问题及改进情况), and its publication, due on the policy's day of the next
year (31 January; a rest day moves it to the next working day, 民法典 第二百零三条). What
is published is kept as published: the ledger shows that text for the year afterwards.
The figures themselves are not the aggregate's: they are read from every system's register.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from aggregates.base import Aggregate, Event, Labelled, Stamp, required, stable_id
from aggregates.errors import InvalidInput, Refused
from aggregates.obligations import Count, Obligation, Owed
from aggregates.policy import Policy

ART_REPORT = "国务院令第711号 第四十九条、第五十条"
DUE = "report.due_month_day"

ART_TABLE = "国办公开办函〔2021〕30号 表三: 一 + 二 = 三（七）+ 四"

__all__ = ["ART_REPORT", "ART_TABLE", "DUE", "AnnualReport", "Part", "Tally", "open_at_start", "tally"]


def _year(day: str | None) -> int | None:
    return int(day[:4]) if day else None


def open_at_start(received_on: str | None, answered_on: str | None, year: int) -> bool:
    """Received before ``year`` and not answered before it (二 when no report carried it)."""
    received, answered = _year(received_on), _year(answered_on)
    return received is not None and received < year and (answered is None or answered >= year)


@dataclass(frozen=True)
class Tally:
    """The request numbers behind table 三's 一, 二, 三（七） and 四."""

    new: set[str]
    carried: set[str]
    answered: set[str]
    forward: set[str]


def tally(
    year: int, days: Mapping[str, tuple[str | None, str | None]], carried: set[str], carried_from: str
) -> Tally:
    """Table 三 of ``year`` from each request's (received_on, answered_on) ISO days and what was
    carried over into it: refused, naming the requests that break it, when 一 + 二 ≠ 三（七）+ 四."""
    new = {n for n, (received, _) in days.items() if _year(received) == year}
    answered = {n for n, (_, on) in days.items() if _year(on) == year}
    forward = {
        n
        for n, (received, on) in days.items()
        if (_year(received) or 9999) <= year and (on is None or (_year(on) or 0) > year)
    }
    problems = []
    for n in sorted(new & carried):
        problems.append(
            f"{n}: counted both as new in {year} and as carried over from {year - 1} ({carried_from})"
        )
    for n in sorted(answered & forward):
        problems.append(f"{n}: counted both as answered in {year} and as carried into {year + 1}")
    for n in sorted((new | carried) - (answered | forward)):
        why = "is not in the register" if n not in days else f"was answered on {days[n][1]}, before {year}"
        problems.append(f"{n}: carried over into {year} ({carried_from}) but {why}")
    for n in sorted((answered | forward) - (new | carried)):
        received, on = days[n]
        problems.append(f"{n}: received on {received}, answered {on or 'not yet'}, "
                        f"but neither new in {year} nor carried over into it ({carried_from})")  # fmt: skip
    if problems:
        raise Refused(
            "year",
            f"table 三 of {year} does not add up (一 + 二 ≠ 三（七）+ 四); the requests that break it: "
            + "; ".join(problems),
            ART_TABLE,
        )
    return Tally(new, carried, answered, forward)


class Part(Labelled):
    """The parts of the national format the clerk writes (国办公开办函〔2021〕30号)."""

    OVERVIEW = "overview", "一、总体情况"
    PROBLEMS = "problems", "五、存在的主要问题及改进情况"
    OTHER = "other", "六、其他需要报告的事项"


class AnnualReport(Aggregate):
    kind = "annual_report"

    year: int
    office: str
    due_on: date
    policy_version: str
    texts: dict[Part, str]
    published_on: date | None  # the first publication: the board's obligation met
    last_published_on: date | None  # the latest (a republication): the date its notice bears
    published: dict[str, Any] | None
    publications: int

    @staticmethod
    def id_for(year: int) -> UUID:
        return stable_id("annual_report", str(year))

    @classmethod
    def open(cls, stamp: Stamp, year: int, office: str, policy: Policy) -> AnnualReport:
        """Opened: the office's report of ``year``, due on the policy's day of the next year."""
        text = str(policy.rule(DUE).value)
        try:
            month, day = (int(x) for x in text.split("-"))
            due = date(year + 1, month, day)
        except ValueError:
            raise InvalidInput("policy", f"{DUE} of {policy.version} is not a month-day like 01-31") from None
        if stamp.effective.year < year:
            raise Refused(
                "year",
                f"the report of {year} is written once the year has begun ({stamp.effective})",
                ART_REPORT,
            )
        return cls._create(
            cls.id_for(year),
            cls.Opened,
            stamp,
            year=year,
            office=office,
            due_on=due,
            policy_version=policy.version,
        )

    def record_text(self, stamp: Stamp, part: Part, text: str) -> None:
        text = required("text", text, f"the text of {part.label}", ART_REPORT)
        if self.texts.get(part) == text:
            raise Refused("text", f"{part.label} already reads so")
        self._trigger(self.TextRecorded, stamp, part=part, text=text)

    def publish(self, stamp: Stamp, content: dict[str, Any]) -> None:
        """Published: the report as printed that day (every table and text), kept as it was."""
        if stamp.effective.year <= self.year:
            raise Refused(
                "effective", f"the report of {self.year} is published after the year ends", ART_REPORT
            )
        if Part.OVERVIEW not in self.texts:
            raise Refused(
                "part",
                "write part 一、总体情况 first (`ledger annual-report text YEAR --part overview`)",
                ART_REPORT,
            )
        self._trigger(self.Published, stamp, content=content)

    def obligations(self) -> list[Obligation]:
        found = Owed(
            f"annual_report:{self.year}", unit=self.office, subject=f"{self.year}年政府信息公开工作年度报告"
        )
        found.add(
            "",
            what="the annual report published (向社会公布) and sent to the competent department",
            citation=f"{ART_REPORT}; 民法典 第二百零三条",
            policy_version=self.policy_version,
            count=Count.FIXED_DATE,
            start=self.due_on,
            met_on=self.published_on,
        )
        return found

    class Opened(Event):
        creates = True
        year: int
        office: str
        due_on: date
        policy_version: str

        def apply(self, r: AnnualReport) -> None:
            self.assign(r, "year", "office", "due_on", "policy_version")
            r.texts, r.published_on, r.published, r.publications = {}, None, None, 0
            r.last_published_on = None

        def summary(self) -> str:
            return f"annual report {self.year} opened, due {self.due_on}"

    class TextRecorded(Event):
        part: Part
        text: str

        def apply(self, r: AnnualReport) -> None:
            r.texts = {**r.texts, self.part: self.text}

        def summary(self) -> str:
            return f"{self.part.label} written"

    class Published(Event):
        content: dict[str, Any]

        def apply(self, r: AnnualReport) -> None:
            if r.published_on is None:
                r.published_on = self.effective
            r.last_published_on = self.effective
            r.published = self.content
            r.publications += 1

        def summary(self) -> str:
            return "published"
