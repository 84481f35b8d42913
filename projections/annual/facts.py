"""What the published annual report makes public: the report as it was published.

The publication (``AnnualReport.Published``) keeps the report's public form, derived from the
registers and checked when it was published; the notice prints that, never the registers as
they stand later. A publication recorded before the public form was kept has no notice.
"""

from __future__ import annotations

from aggregates.annual import AnnualReport
from aggregates.public import Facts, PublicFact

# the aggregate whose facts ``public_facts`` builds (the table of systems wires them)
PUBLISHES = AnnualReport


def public_facts(report: AnnualReport) -> list[PublicFact]:
    """One fact once the report is published: its public form, dated the latest publication.
    The requests' numbers, where table 三's 二 came from and the office's starting lists for
    part 五 are not in it (``ledger.interface.annual.public_form``)."""
    published = report.published or {}
    public = published.get("public")
    facts = Facts("annual", f"annual_report:{report.year}:", report.office, {"year": report.year})
    if public is not None and report.last_published_on is not None:
        facts.add("report", "report", report.last_published_on, report=public)
    return facts
