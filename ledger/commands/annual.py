"""Annual-report commands (条例 第四十九–五十条): the clerk's text of parts 一 and 五, and
the publication of the year's report (the office's board obligation, due 31 January)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field

from aggregates.annual import ART_REPORT, AnnualReport, Part
from aggregates.authority import Act
from aggregates.errors import Refused
from aggregates.org import Organisation
from ledger.application import UnitOfWork
from ledger.commands.base import Command, Text, Year, year_field

YEAR = year_field("the year the report covers")


def report_of(uow: UnitOfWork, year: int, effective: date | None) -> AnnualReport:
    """The year's report, opened on first use, with the act that first needs it (due on the
    policy's day of the next year)."""
    found = uow.get(AnnualReport, AnnualReport.id_for(year))
    if found is not None:
        uow.changed(found)
        return found
    stamp = uow.stamp(effective)
    org = uow.load(Organisation, Organisation.id_for(), "org", "organisation; run `ledger org init`")
    report = AnnualReport.open(
        stamp, year, org.office_code, uow.policy(min(stamp.effective, _year_end(year)))
    )
    uow.add(report)
    return report


def _year_end(year: int) -> date:
    return date(year, 12, 31)


class RecordReportText(Command):
    """Write a part of the year's report in the clerk's own words (一、总体情况; 五、存在的主要问题及改进情况;
    六、其他需要报告的事项 beside the figures)."""

    name = "annual-report.text"
    generate_cli = False  # `ledger annual-report text YEAR --part … --text …`
    year: Year = YEAR
    part: Part = Field(description="overview (一), problems (五) or other (六)")
    text: Text = Field(min_length=1, description="the text (@FILE reads it from a file)")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.RECORD_ANNUAL_REPORT)
        report = report_of(uow, self.year, self.effective)
        report.record_text(uow.stamp(self.effective), self.part, self.text)
        return {"message": f"annual report {self.year}: {self.part.label} recorded"}


class PublishReport(Command):
    """Publish the year's report: checked first (table 三 must add up); the ledger then shows
    it, and its public notice prints it, as it stood when published."""

    name = "annual-report.publish"
    generate_cli = False  # `ledger annual-report publish YEAR`
    year: Year = YEAR

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.RECORD_ANNUAL_REPORT)
        report = report_of(uow, self.year, self.effective)
        others = sorted({a.kind for a in uow.unsaved() if a.id != report.id})
        if others:
            raise Refused(
                "command",
                f"publish the report of {self.year} in a run of its own: its figures are read from the "
                f"registers as saved, and this run changes {', '.join(others)} first",
                ART_REPORT,
            )
        stamp = uow.stamp(self.effective)
        content = _publication(uow, self.year, dict(report.texts))
        report.publish(stamp, content)
        return {
            "message": f"annual report {self.year} published on {report.last_published_on}; "
            f"table 三: {content['check']}"
        }


def _publication(uow: UnitOfWork, year: int, texts: dict[Part, str]) -> dict[str, Any]:
    """The publication's content, derived from the registers as saved (ledger.interface.annual
    reads every system's views; imported here, on use, as the one place a publication is
    computed — so the CLI, an import line, a correction and the demo cannot hand it another)."""
    from ledger.interface.annual import publication
    from ledger.interface.core import Ledger

    return publication(Ledger(uow.app.db, app=uow.app), year, texts)
