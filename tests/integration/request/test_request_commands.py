"""Information requests through the write door (Ledger.run / LedgerApp.execute): who may do
what (a clerk of the office registers and answers; only the head of the disclosure office
extends), the board's day-by-day explanation with paused days, the sealed requester, and no
requester's data in any public output (a property test)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aggregates.errors import NotFound, Refused
from ledger.application import LedgerApp
from ledger.interface import Ledger
from ledger.interface.annual import annual_report, html, markdown
from ledger.interface.publishing import site_input
from ledger.interface.request import complaint_list, request_show
from ledger.signing import KeyFolder
from projections.site import render
from tests.integration.test_site_public import as_text
from tests.support.clock import FakeClock
from tests.support.ledger import refused_without_writing, run, setup_bureau
from tests.support.requests import receipt

N = "YSQ-2026-101"


def receive(
    app: LedgerApp, number: str = N, name: str = "张某某", contact: str = "13900000001", **over: str
) -> None:
    run(app, "S001", "request.receive", **receipt(number, requester_name=name, contact=contact, **over))


def office_head(app: LedgerApp, staff_id: str = "S005") -> None:
    run(app, "P01", "org.role.assign", staff_id=staff_id, role="office_head")


def test_only_the_office_registers_and_answers_a_request(bureau: LedgerApp) -> None:
    message = refused_without_writing(bureau, Refused, "S002", "request.receive", **receipt(N))
    assert "the office (办公室, the disclosure office) staff" in message and "第四条" in message
    receive(bureau)
    refused_without_writing(bureau, Refused, "S002", "request.answer", request=N, outcome="disclosed")
    run(bureau, "S005", "request.answer", request=N, outcome="disclosed", effective="2026-09-28")


def test_only_the_head_of_the_disclosure_office_approves_an_extension(bureau: LedgerApp) -> None:
    receive(bureau)
    message = refused_without_writing(
        bureau,
        Refused,
        "S001",
        "request.extend",
        request=N,
        days=10,
        reason="需调取档案",
        effective="2026-10-09",
    )
    assert "政府信息公开工作机构负责人" in message and "第三十三条" in message
    office_head(bureau)
    run(bureau, "S005", "request.extend", request=N, days=10, reason="需调取档案", effective="2026-10-09")
    refused_without_writing(  # once (第三十三条)
        bureau, Refused, "S005", "request.extend", request=N, days=5, reason="再延", effective="2026-10-12"
    )


def test_the_board_explains_the_answer_day_by_day_with_the_consultation_days_paused(
    bureau: LedgerApp,
) -> None:
    receive(bureau)
    out = run(
        bureau,
        "S001",
        "request.consultation.send",
        request=N,
        kind="third_party",
        matter="是否涉及商业秘密",
        effective="2026-09-24",
    )
    assert out["consultation"] == "T01" and "2026-10-22" in out["message"]
    run(
        bureau,
        "S001",
        "request.consultation.reply",
        request=N,
        consultation="T01",
        opinion="同意公开",
        effective="2026-10-12",
    )
    ledger = Ledger(":memory:", app=bureau)
    explained = ledger.explain(f"request:{N}:answer")
    assert explained["due"] == "2026-11-04"
    kinds = {s["day"]: s["kind"] for s in explained["steps"]}
    assert (
        kinds["2026-09-24"] == "counted"
        and kinds["2026-09-25"] == "paused"
        and kinds["2026-10-12"] == "paused"
    )
    assert kinds["2026-10-13"] == "counted"
    assert "18 paused days not counted" in explained["rule"]
    window = ledger.explain(f"request:{N}:consultation:T01")
    assert window["due"] == "2026-10-22"


def test_the_register_opens_the_requester_for_the_office_and_erasure_shreds_it(bureau: LedgerApp) -> None:
    receive(bureau, name="欧阳某某", contact="13912345678")
    ledger = Ledger(":memory:", app=bureau)
    shown = request_show(ledger, N)
    assert (shown["requester_name"], shown["requester_contact"]) == ("欧阳某某", "13912345678")
    run(bureau, "S001", "privacy.erase", subject=f"request:{N}:requester", reason="本人申请删除")
    shown = request_show(ledger, N)
    assert (shown["requester_name"], shown["requester_contact"]) == ("已删除", "已删除")
    with pytest.raises(NotFound):
        request_show(ledger, "YSQ-2026-999")


def test_a_complaint_is_recorded_against_its_unit_and_counted_in_the_assessment_evidence(
    bureau: LedgerApp,
) -> None:
    receive(bureau)
    run(
        bureau,
        "S001",
        "request.complaint.receive",
        complaint="TS-2026-09",
        unit="OFFICE",
        summary="答复逾期",
        about_request=N,
        effective="2026-10-20",
    )
    run(
        bureau,
        "S001",
        "request.complaint.handle",
        complaint="TS-2026-09",
        result="已整改",
        effective="2026-10-23",
    )
    ledger = Ledger(":memory:", app=bureau)
    [c] = complaint_list(ledger)
    assert (c["unit"], c["handled_on"]) == ("OFFICE", "2026-10-23")
    from ledger.interface.assessment import evidence

    found = evidence(ledger, "OFFICE", 2026)["complaints"]
    assert found == {"criterion": "附件5 第四条(七)", "received": 1, "handled": 1, "open": 0}
    assert evidence(ledger, "FIN", 2026)["complaints"]["received"] == 0


RARE = st.characters(min_codepoint=0x3400, max_codepoint=0x4DBF)  # CJK Extension A: in no report's own text
NAMES = st.text(RARE, min_size=2, max_size=4)
CONTACTS = st.one_of(
    st.from_regex(r"1[3-9]\d{9}", fullmatch=True),
    st.from_regex(r"[a-z]{5,9}@[a-z]{4,8}\.cn", fullmatch=True),
)
OUTCOMES = st.sampled_from(["disclosed", "partial", "third_party", "not_held", "petition", "other"])


def test_no_requesters_name_or_contact_reaches_any_public_output(keys: KeyFolder) -> None:
    """The annual report in every format, every notice — the published report's among them —
    and every file of the site: never a requester's name or contact, whatever they are and
    however the request ended."""
    app = LedgerApp(":memory:", clock=FakeClock(datetime(2027, 1, 20, 2, tzinfo=UTC)), keys=keys)
    setup_bureau(app)
    ledger = Ledger(":memory:", app=app)
    run(
        app,
        "S001",
        "annual-report.text",
        year=2026,
        part="overview",
        text="总体情况。",
        effective="2027-01-10",
    )
    seen: list[str] = []

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(st.tuples(NAMES, CONTACTS, OUTCOMES, st.booleans()), min_size=1, max_size=3))
    def check(requests: list[tuple[str, str, str, bool]]) -> None:
        for name, contact, outcome, answered in requests:
            number = f"YSQ-2026-{len(seen) + 1:03d}"
            receive(app, number, name, contact, requester_kind="commercial", effective="2026-10-12")
            if answered:
                run(
                    app,
                    "S001",
                    "request.answer",
                    request=number,
                    outcome=outcome,
                    note="答复",
                    effective="2026-10-20",
                )
            seen.extend((name, contact))
        assert request_show(ledger, number)["requester_name"] == name  # the office's own view has it
        run(app, "S001", "annual-report.publish", year=2026, effective="2027-01-20")  # published again
        data = annual_report(ledger, 2026)
        notices = ledger.notices()
        assert any(n.slug == "annual-report-2026" for n in notices)
        public = [markdown(data), html(data), str(data)]
        public += [n.markdown() for n in notices] + [n.html() for n in notices]
        public += [as_text(name, content) for name, content in render.build(site_input(ledger)).items()]
        for text in public:
            leaked = [s for s in seen if s in text]
            assert not leaked, leaked

    check()
    app.close()


def test_a_corrected_requester_name_is_sealed_too_and_listed_as_a_data_subject(bureau: LedgerApp) -> None:
    receive(bureau, name="张某某")
    run(bureau, "S001", "correct", aggregate=f"request:{N}", version=1, reason="姓名录错",
        replace={"requester_name": "张某甲"})  # fmt: skip
    ledger = Ledger(":memory:", app=bureau)
    assert request_show(ledger, N)["requester_name"] == "张某甲"
    stored = [
        e for _, e in bureau.log_events() if type(e).__qualname__ == "InformationRequest.EntryCorrected"
    ]
    assert "张某甲" not in stored[0].model_dump_json()  # sealed under the requester's subject
    from ledger.interface.privacy import subjects

    assert f"request:{N}:requester" in {s["subject"] for s in subjects(ledger, prefix="request:")}
