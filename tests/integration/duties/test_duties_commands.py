"""Leaders' duties (附件1) and the assessment evidence through the application."""

from __future__ import annotations

from typing import Any

import pytest

from aggregates.errors import NotFound, Refused
from ledger.application import LedgerApp
from ledger.demo import assessment as demo_assessment
from ledger.demo import duties as demo_duties
from ledger.interface import Ledger
from ledger.interface import assessment as reads
from ledger.interface import duties as duty_reads
from ledger.when import When
from tests.support.ledger import play, refused_without_writing, run


@pytest.fixture
def year(bureau: LedgerApp) -> LedgerApp:
    """The bureau with the demo's 2026 duties and 2025 assessment recorded."""
    play(bureau, demo_duties.steps(), demo_assessment.steps())
    return bureau


def board(app: LedgerApp, as_of: str | None = None) -> dict[str, dict[str, Any]]:
    return {r["key"]: r for r in Ledger(":memory:", app=app).deadlines(When.parse(as_of))}


def test_missed_quarterly_inspection_is_overdue_on_the_board(year: LedgerApp) -> None:
    rows = board(year)
    assert rows["duties:D02:2026:Q2:OFFICE:inspection"]["status"] == "overdue"
    assert rows["duties:D02:2026:Q2:SERV:inspection"]["status"] == "met"
    assert rows["duties:P01:2026:H2:meeting"]["status"] == "met"
    assert rows["duties:D02:2026:Q4:SERV:inspection"]["status"] == "open"


def test_inspection_is_due_until_the_last_day_of_its_quarter(year: LedgerApp) -> None:
    key = "duties:D02:2026:Q2:OFFICE:inspection"
    assert board(year, "2026-06-30")[key]["status"] == "due"
    assert board(year, "2026-07-01")[key]["status"] == "overdue"


def test_only_the_principal_records_the_half_year_meeting(bureau: LedgerApp) -> None:
    run(bureau, "S001", "duties.assign", staff_id="D01", year=2026)
    message = refused_without_writing(
        bureau,
        Refused,
        "D01",
        "duties.meeting.record",
        topics=["要点"],
        report="汇报",
        effective="2026-03-01",
    )
    assert "principal leader" in message and "附件1 第四条(一)" in message


def test_only_the_deputy_in_charge_inspects_an_area(bureau: LedgerApp) -> None:
    run(bureau, "S001", "duties.assign", staff_id="D01", year=2026)
    message = refused_without_writing(
        bureau, Refused, "D01", "duties.inspection.record", area="SERV", findings="x", effective="2026-03-01"
    )
    assert "deputy leader in charge" in message and "附件1 第四条" in message


def test_meeting_before_the_responsibility_is_recorded_is_not_found(bureau: LedgerApp) -> None:
    message = refused_without_writing(
        bureau,
        NotFound,
        "P01",
        "duties.meeting.record",
        topics=["要点"],
        report="汇报",
        effective="2026-03-01",
    )
    assert "duties assign" in message


def test_only_the_office_records_responsibilities_and_only_for_leaders(bureau: LedgerApp) -> None:
    refused_without_writing(bureau, Refused, "S002", "duties.assign", staff_id="D01", year=2026)
    message = refused_without_writing(bureau, Refused, "S001", "duties.assign", staff_id="G01", year=2026)
    assert "附件1 第二条" in message


def test_duties_status_shows_each_person_and_the_missed_inspection(year: LedgerApp) -> None:
    status = duty_reads.duties_status(Ledger(":memory:", app=year), 2026)
    people = {p["staff_id"]: p for p in status["people"]}
    assert set(people) == {"P01", "D01", "D02"}
    d02 = people["D02"]
    assert (d02["overdue"], d02["met"], d02["due"] + d02["open"] + d02["pending"]) == (1, 5, 2)
    assert (people["P01"]["met"], people["P01"]["overdue"]) == (2, 0)
    missed = [d for d in status["duties"] if d["standing"] == "overdue"]
    assert [(d["staff_id"], d["period"], d["area"]) for d in missed] == [("D02", "Q2", "OFFICE")]


def test_outcome_of_a_year_with_every_duty_missed_is_a_penalty_with_reasons(bureau: LedgerApp) -> None:
    run(bureau, "S001", "duties.assign", staff_id="P01", year=2025)
    refused_without_writing(
        bureau, Refused, "S001", "duties.outcome.record", staff_id="P01", year=2025, outcome="commended"
    )
    run(bureau, "S001", "duties.outcome.record", staff_id="P01", year=2025, outcome="penalised")
    status = duty_reads.duties_status(Ledger(":memory:", app=bureau), 2025)
    people = {p["staff_id"]: p for p in status["people"]}
    assert people["D01"]["responsibility"] == "not recorded for the year"
    person = people["P01"]
    assert person["outcome"] == "处罚" and "no transparency meeting in 2025 H1" in person["reasons"]


def test_evidence_lists_the_units_facts_of_the_year_by_system(year: LedgerApp) -> None:
    ledger = Ledger(":memory:", app=year)
    office = reads.evidence(ledger, "OFFICE", 2026)
    duties = next(s for s in office["summary"] if s["system"] == "duties")
    assert (duties["met"], duties["overdue"], duties["due"] + duties["open"]) == (2, 1, 1)
    assessment = next(s for s in office["summary"] if s["system"] == "assessment")
    assert assessment["met"] == 4  # the office ran the 2025 assessments on time
    fund = reads.evidence(ledger, "FUND", 2026)
    assert {f["key"] for f in fund["facts"] if f["system"] == "assessment"} == {
        "assessment:FUND:2025:rectification"
    }
    assert all(f["key"].split(":")[-2] != "OFFICE" for f in fund["facts"])


def test_evidence_of_another_year_holds_none_of_these_facts(year: LedgerApp) -> None:
    evidence = reads.evidence(Ledger(":memory:", app=year), "FIN", 2025)
    assert evidence["facts"] == [] and evidence["assessment"]["grade"] == "优秀"


def test_evidence_as_of_a_date_shows_what_was_then_outstanding(year: LedgerApp) -> None:
    evidence = reads.evidence(Ledger(":memory:", app=year), "FIN", 2026, When.parse(as_of="2026-05-01"))
    standing = {f["key"]: f["standing"] for f in evidence["facts"]}
    assert standing["duties:D01:2026:Q1:FIN:inspection"] == "met"
    assert standing["duties:D01:2026:Q2:FIN:inspection"] == "open"


def test_evidence_for_an_unknown_unit_is_not_found(year: LedgerApp) -> None:
    with pytest.raises(NotFound, match="no unit NOPE"):
        reads.evidence(Ledger(":memory:", app=year), "NOPE", 2026)
