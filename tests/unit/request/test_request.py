"""The information request (条例 第二十七–四十五条) without storage: the day of receipt
(第三十一条), 补正 (第三十条), consultation (第三十二条), the answer period and its one extension
(第三十三条) with the paused days shown day by day, every outcome's article, review and suit."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from aggregates.errors import DomainError, InvalidInput, Refused
from aggregates.privacy import Sealed
from aggregates.request import (
    ANSWER_DAYS,
    EXTENSION_DAYS,
    OUTCOMES,
    SUPPLEMENT_DAYS,
    THIRD_PARTY_DAYS,
    CaseKind,
    CaseResult,
    Category,
    Channel,
    ConsultKind,
    InformationRequest,
    Outcome,
    RequesterKind,
    category_of,
)
from ledger.commands.policy import packaged_policies
from ledger.rules.deadlines import compute_due, standing
from tests.support.calendar import CAL
from tests.support.clock import stamp
from tests.support.vault import memory_vault

VAULT = memory_vault()
POLICY = packaged_policies()[-1]


def receive(effective: str = "2026-02-10", **over: Any) -> InformationRequest:
    args: dict[str, Any] = {
        "stamp": stamp(effective),
        "number": "YSQ-2026-001",
        "requester_kind": RequesterKind.NATURAL_PERSON,
        "name": "张三",
        "contact": "13800000000",
        "channel": Channel.IN_PERSON,
        "asked": "2025年小额贷款公司监管检查结果",
        "office": "OFFICE",
        "policy": POLICY,
        "existing": None,
        "vault": VAULT,
    }
    args.update(over)
    return InformationRequest.receive(**args)


def answer_obligation(r: InformationRequest) -> Any:
    return next(o for o in r.obligations() if o.key == f"request:{r.number}:answer")


def steps(r: InformationRequest) -> list[tuple[str, str]]:
    return [(s.day.isoformat(), s.kind) for s in compute_due(answer_obligation(r), CAL).steps]


def test_the_numbers_are_policy_data_citing_their_articles() -> None:
    assert [POLICY.number(k) for k in (SUPPLEMENT_DAYS, THIRD_PARTY_DAYS, ANSWER_DAYS, EXTENSION_DAYS)] == [
        7,
        15,
        20,
        20,
    ]
    assert POLICY.cite(SUPPLEMENT_DAYS).endswith("第三十条")
    assert POLICY.cite(THIRD_PARTY_DAYS).endswith("第三十二条")
    assert POLICY.cite(ANSWER_DAYS).endswith("第三十三条") and POLICY.cite(EXTENSION_DAYS).endswith(
        "第三十三条"
    )
    older = {p.version: p for p in packaged_policies()}["yanjiang-2022.2"]
    assert ANSWER_DAYS not in older.rules  # 2022.2 stays as recorded: the requests come in a new version


def test_a_request_in_person_is_received_the_day_it_is_submitted() -> None:
    r = receive("2026-03-03", submitted=date(2026, 3, 3))
    assert r.received_on == date(2026, 3, 3) == r.start_on


def test_a_request_by_registered_post_is_received_the_day_the_bureau_signs_for_it() -> None:
    with pytest.raises(InvalidInput) as e:
        receive("2026-03-05", channel=Channel.REGISTERED_POST, submitted=date(2026, 3, 2))
    assert e.value.field == "signed_for" and "第三十一条" in (e.value.article or "")
    r = receive(
        "2026-03-05", channel=Channel.REGISTERED_POST, submitted=date(2026, 3, 2), signed_for=date(2026, 3, 4)
    )
    assert r.received_on == date(2026, 3, 4)
    posted_unknown = receive("2026-03-05", channel=Channel.REGISTERED_POST, signed_for=date(2026, 3, 4))
    assert posted_unknown.received_on == posted_unknown.submitted_on == date(2026, 3, 4)
    with pytest.raises(Refused):  # signed for before it was sent
        receive(
            "2026-03-05",
            channel=Channel.REGISTERED_POST,
            submitted=date(2026, 3, 5),
            signed_for=date(2026, 3, 4),
        )


@pytest.mark.parametrize("channel", [Channel.ORDINARY_LETTER, Channel.FAX, Channel.EMAIL, Channel.ONLINE])
def test_a_request_by_letter_fax_or_online_is_received_the_day_both_sides_confirm_it(
    channel: Channel,
) -> None:
    with pytest.raises(InvalidInput):
        receive("2026-03-05", channel=channel, submitted=date(2026, 3, 1))
    r = receive("2026-03-05", channel=channel, submitted=date(2026, 3, 1), confirmed=date(2026, 3, 3))
    assert r.received_on == date(2026, 3, 3)


def test_a_receipt_is_never_recorded_before_it_happened() -> None:
    with pytest.raises(Refused):
        receive("2026-03-02", channel=Channel.ONLINE, confirmed=date(2026, 3, 3))


def test_the_requesters_name_and_contact_are_sealed_under_their_own_subject() -> None:
    r = receive()
    assert isinstance(r.requester_name, Sealed) and isinstance(r.requester_contact, Sealed)
    assert r.requester_name.subject == "request:YSQ-2026-001:requester"
    assert VAULT.open(r.requester_name) == "张三"
    assert "张三" not in r.pending()[0].summary() and "张三" not in r.subject()
    with pytest.raises(InvalidInput):
        receive(vault=None)


def test_the_answer_is_due_20_working_days_after_receipt_across_the_spring_festival() -> None:
    """Received Tuesday 10 February 2026: 14 February is a working Saturday (调休), 15–23 the break."""
    r = receive("2026-02-10")
    comp = compute_due(answer_obligation(r), CAL)
    assert comp.due == date(2026, 3, 16)  # 28 February is a working Saturday too
    kinds = dict(steps(r))
    assert kinds["2026-02-14"] == "counted"  # 调休上班
    assert all(kinds[f"2026-02-{d}"] == "skipped" for d in range(15, 24))
    assert [s.note for s in comp.steps if s.day == date(2026, 2, 16)] == ["rest day: public holiday (春节)"]
    assert sum(1 for _, k in steps(r) if k == "counted") == 20


def test_an_answer_on_the_spot_is_given_the_day_of_receipt_and_meets_the_obligation() -> None:
    r = receive("2026-03-03")
    with pytest.raises(Refused):
        r.answer_request(stamp("2026-03-04"), Outcome.DISCLOSED, None, None, on_the_spot=True)
    r.answer_request(stamp("2026-03-03"), Outcome.DISCLOSED, "当场提供", None, on_the_spot=True)
    assert standing(answer_obligation(r), CAL, date(2026, 3, 31)).status == "met"


def test_a_supplement_is_asked_once_within_7_working_days_and_restarts_the_period() -> None:
    r = receive("2026-02-10")
    ask_by = CAL.working_days_after(r.received_on, POLICY.number(SUPPLEMENT_DAYS)).due
    assert ask_by == date(2026, 2, 26)  # 11, 12, 13, 14 (调休), then 24, 25, 26 after the break
    with pytest.raises(Refused) as e:
        r.ask_supplement(stamp("2026-02-27"), "申请内容不明确", date(2026, 3, 13), ask_by)
    assert "第三十条" in (e.value.article or "")
    r.ask_supplement(stamp("2026-02-26"), "请明确所需信息的年份", date(2026, 3, 11), ask_by)
    assert not [o for o in r.obligations() if o.key.endswith(":answer")]  # the clock waits for the supplement
    with pytest.raises(Refused):
        r.ask_supplement(stamp("2026-02-26"), "再次补正", date(2026, 3, 11), ask_by)  # 一次性告知
    with pytest.raises(Refused):
        r.answer_request(stamp("2026-03-02"), Outcome.DISCLOSED, None, None)
    r.receive_supplement(stamp("2026-03-06"))
    assert r.start_on == date(2026, 3, 6)
    assert compute_due(answer_obligation(r), CAL).due == date(
        2026, 4, 3
    )  # 20 working days from the supplement


def test_a_supplement_after_its_period_needs_a_good_reason_else_the_request_is_abandoned() -> None:
    r = receive("2026-03-02")
    r.ask_supplement(stamp("2026-03-03"), "请明确所需信息", date(2026, 3, 13), None)
    with pytest.raises(Refused):
        r.answer_request(stamp("2026-03-13"), Outcome.ABANDONED, None, None)  # the period still runs
    with pytest.raises(Refused):
        r.receive_supplement(stamp("2026-03-16"))
    r.answer_request(stamp("2026-03-16"), Outcome.ABANDONED, "逾期未补正", None)
    assert category_of(r.answer.outcome) is Category.OTHER  # type: ignore[union-attr]
    assert not [o for o in r.obligations() if o.key.endswith(":answer")]
    late = receive("2026-03-02", number="YSQ-2026-002")
    late.ask_supplement(stamp("2026-03-03"), "请明确所需信息", date(2026, 3, 13), None)
    late.receive_supplement(stamp("2026-03-16"), good_reason="住院治疗")
    assert late.start_on == date(2026, 3, 16)


def test_third_party_consultation_days_are_not_counted_across_national_day() -> None:
    """Received Monday 21 September; the third party is consulted on the 24th and answers on
    12 October: the days from the 25th to the 12th are shown as paused, the count resumes on the 13th."""
    r = receive("2026-09-21")
    ends = CAL.working_days_after(date(2026, 9, 24), POLICY.number(THIRD_PARTY_DAYS)).due
    assert ends == date(2026, 10, 22)
    cid = r.consult(stamp("2026-09-24"), ConsultKind.THIRD_PARTY, "公开是否损害其商业秘密", ends)
    assert cid == "T01"
    r.record_reply(stamp("2026-10-12"), cid, "不同意公开涉及其商业秘密的部分")
    comp = compute_due(answer_obligation(r), CAL)
    kinds = dict(steps(r))
    assert [d for d, k in kinds.items() if k == "counted"][:3] == ["2026-09-22", "2026-09-23", "2026-09-24"]
    paused = [d for d, k in kinds.items() if k == "paused"]
    assert paused[0] == "2026-09-25" and paused[-1] == "2026-10-12" and len(paused) == 18
    assert "2026-10-03" in paused  # National Day inside the pause: not counted either way
    assert next(s.note for s in comp.steps if s.day == date(2026, 10, 3)).startswith(
        "not counted: T01 第三方征求意见"
    )
    assert comp.due == date(2026, 11, 4)  # 3 working days before, 17 from the 13th
    assert "18 paused days not counted" in comp.rule


def test_consultation_days_are_not_counted_across_the_spring_festival_working_saturday_included() -> None:
    """Received Monday 9 February; a third party consulted on the 11th answers on the 26th: the
    days 12–26 are paused (the 调休 Saturday the 14th too, and the break shown as such); the count
    resumes on the 27th, and the working Saturday 28 February counts."""
    r = receive("2026-02-09")
    cid = r.consult(stamp("2026-02-11"), ConsultKind.THIRD_PARTY, "征求意见", date(2026, 3, 6))
    r.record_reply(stamp("2026-02-26"), cid, "同意公开")
    comp = compute_due(answer_obligation(r), CAL)
    days = [(s.day.isoformat(), s.kind, s.note) for s in comp.steps]
    assert [d for d, k, _ in days if k == "counted"][:4] == [
        "2026-02-10",
        "2026-02-11",
        "2026-02-27",
        "2026-02-28",
    ]
    paused = {d: note for d, k, note in days if k == "paused"}
    assert (min(paused), max(paused), len(paused)) == ("2026-02-12", "2026-02-26", 15)
    assert paused["2026-02-17"].endswith("(public holiday (春节))")
    assert comp.due == date(2026, 3, 23)


def test_a_third_party_that_never_answers_pauses_the_count_only_for_its_own_period() -> None:
    r = receive("2026-09-21")
    r.consult(stamp("2026-09-24"), ConsultKind.THIRD_PARTY, "征求意见", date(2026, 10, 22))
    paused = [d for d, k in steps(r) if k == "paused"]
    assert paused[-1] == "2026-10-22"


def test_an_open_consultation_of_another_body_leaves_the_answer_pending_with_the_pause_named() -> None:
    r = receive("2026-09-21")
    r.consult(stamp("2026-09-24"), ConsultKind.OTHER_BODY, "请区财政局提供意见", None)
    row = standing(answer_obligation(r), CAL, date(2026, 10, 9))
    assert row.status == "pending" and "paused since 2026-09-25" in row.note and "第三十三条" in row.note


def test_the_extension_is_approved_once_by_at_most_20_working_days_before_the_period_ends() -> None:
    r = receive("2026-02-10")
    due = compute_due(answer_obligation(r), CAL).due
    with pytest.raises(InvalidInput) as e:
        r.extend(stamp("2026-03-10", "S005"), 21, "需调取档案", due)
    assert "第三十三条" in (e.value.article or "")
    with pytest.raises(Refused):
        r.extend(stamp("2026-03-17", "S005"), 20, "需调取档案", due)  # after the period ended
    r.extend(stamp("2026-03-10", "S005"), 20, "需调取档案", due)
    assert r.extension is not None and r.extension.approved_by == "S005"
    assert compute_due(answer_obligation(r), CAL).due == date(2026, 4, 14)  # 40 working days, 清明 4–6 April
    with pytest.raises(Refused):
        r.extend(stamp("2026-03-11", "S005"), 5, "再次延长", None)
    r.answer_request(stamp("2026-04-14"), Outcome.PARTIAL, None, None)
    assert standing(answer_obligation(r), CAL, date(2026, 4, 30)).status == "met"


def test_an_answer_after_its_due_date_reads_met_late_and_overdue_before() -> None:
    r = receive("2026-02-10")
    assert standing(answer_obligation(r), CAL, date(2026, 3, 17)).status == "overdue"
    r.answer_request(stamp("2026-03-17"), Outcome.NOT_HELD, None, None)
    assert standing(answer_obligation(r), CAL, date(2026, 3, 31)).status == "met late"


def test_every_outcome_is_a_row_of_table_three_citing_its_article() -> None:
    counts = {c: sum(1 for o in Outcome if category_of(o) is c) for c in Category}
    assert counts == {
        Category.DISCLOSED: 1, Category.PARTIAL: 1, Category.WITHHELD: 8,
        Category.UNAVAILABLE: 3, Category.NOT_PROCESSED: 5, Category.OTHER: 3,
    }  # fmt: skip
    assert set(OUTCOMES) == set(Outcome)
    assert all("第" in article or "国办公开办函" in article for _, article in OUTCOMES.values())
    assert OUTCOMES[Outcome.STATE_SECRET][1].endswith("第十四条")
    assert OUTCOMES[Outcome.THIRD_PARTY][1].endswith("第十五条")
    assert OUTCOMES[Outcome.NEEDS_MAKING][1].endswith("第三十八条")


def test_other_outcomes_say_what_they_were_and_still_unclear_needs_a_supplement() -> None:
    r = receive("2026-03-02")
    with pytest.raises(InvalidInput):
        r.answer_request(stamp("2026-03-03"), Outcome.OTHER, None, None)
    with pytest.raises(Refused):
        r.answer_request(stamp("2026-03-03"), Outcome.STILL_UNCLEAR, None, None)
    with pytest.raises(InvalidInput):
        r.answer_request(stamp("2026-03-03"), Outcome.DISCLOSED, None, "-5")
    r.answer_request(stamp("2026-03-03"), Outcome.DISCLOSED, None, "12.50")
    assert r.answer is not None and r.answer.fee == "12.5"
    with pytest.raises(Refused):
        r.answer_request(stamp("2026-03-04"), Outcome.DISCLOSED, None, None)  # answered once


def test_a_review_and_a_suit_after_it_are_recorded_with_their_results() -> None:
    r = receive("2026-03-02")
    r.answer_request(stamp("2026-03-20"), Outcome.STATE_SECRET, None, None)
    with pytest.raises(Refused):
        r.file_case(stamp("2026-04-01"), CaseKind.LITIGATION, prior_review=True)
    review = r.file_case(stamp("2026-04-01"), CaseKind.REVIEW, prior_review=False)
    with pytest.raises(InvalidInput):
        r.decide_case(stamp("2026-05-01"), review, CaseResult.PENDING)
    r.decide_case(stamp("2026-05-20"), review, CaseResult.UPHELD)
    suit = r.file_case(stamp("2026-06-01"), CaseKind.LITIGATION, prior_review=True)
    assert (review, suit) == ("A01", "A02")
    assert r.cases[suit].result is CaseResult.PENDING
    with pytest.raises(DomainError):
        r.decide_case(stamp("2026-06-02"), "A09", CaseResult.OTHER)


@pytest.mark.parametrize(
    ("fee", "says"),
    [
        ("-5", "is negative"),
        ("12.345", "at most two decimals"),
        ("ten", "not an amount"),
        ("NaN", "not an amount"),
        ("Infinity", "not an amount"),
        ("1e30", "not an amount"),
    ],
)
def test_a_fee_that_is_not_an_amount_in_yuan_is_refused_naming_the_field(fee: str, says: str) -> None:
    r = receive("2026-03-02")
    with pytest.raises(InvalidInput) as refused:
        r.answer_request(stamp("2026-03-03"), Outcome.DISCLOSED, None, fee)
    assert refused.value.field == "fee" and says in str(refused.value)
    assert r.answer is None
