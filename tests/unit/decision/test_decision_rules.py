"""附件2 as the bureau wrote it, without storage: windows whose last day is not known yet,
the stated closing day, the ways offered, experts, explanations, the exemption's two steps,
the adoption reading and the final decision's publication."""

from __future__ import annotations

from datetime import date

import pytest

from aggregates.decision import (
    Channel,
    CommentChannel,
    CommentWays,
    Decision,
    ExemptionGround,
    Window,
)
from aggregates.errors import InvalidInput, NotFound, Refused
from aggregates.obligations import Count
from tests.support.clock import stamp
from tests.support.decision_life import MINIMUM, NORMAL, VAULT, approved, comment, drafted, published


def publish_pending(d: Decision, closes: str | None = None, adoption_days: int | None = 20) -> Decision:
    d.publish(
        stamp("2026-11-25", "S002"),
        channels=(Channel.PORTAL,),
        channel_detail=None,
        ways=CommentWays(email="zqyj@example.gov.cn"),
        days=39,
        closes_on=date.fromisoformat(closes) if closes else None,
        shortened_reason=None,
        contact="金融股 028-26650101",
        normal_days=NORMAL,
        minimum_days=MINIMUM,
        policy_version="test",
        closes_stated=closes is not None,
        adoption_days=adoption_days,
    )
    return d


def test_a_window_without_a_known_last_day_holds_up_to_its_nominal_day() -> None:
    """民法典 第二百零一条: the period runs from the next day; it never ends before day N."""
    w = Window(kind="published", start=date(2026, 11, 25), days=39, closes_on=None, reason=None,
               recorded_on=date(2026, 11, 25))  # fmt: skip
    assert w.nominal_last == date(2027, 1, 3) and w.last_day() is None
    assert w.holds(date(2027, 1, 3)) and not w.holds(date(2027, 1, 4))
    assert w.holds(date(2027, 1, 4), computed=date(2027, 1, 4))


def test_a_publication_is_recorded_without_a_closing_day_and_its_window_owed_on_its_period() -> None:
    """附件2 第六条(二): the act is recorded; the board computes the day when the calendar is known."""
    d = publish_pending(approved())
    assert d.publication is not None and d.publication.closes_on is None
    [window] = [o for o in d.obligations() if o.key.endswith(":comments")]
    assert (window.count, window.start, window.n, window.stated) == (
        Count.PERIOD_DAYS,
        date(2026, 11, 25),
        39,
        None,
    )


def test_a_comment_after_the_nominal_day_with_the_last_day_unknown_waits_for_the_calendar() -> None:
    """Whether the window was open on 2027-01-04 depends on 2027's calendar: refused, naming it."""
    d = publish_pending(approved())
    with pytest.raises(Refused, match="calendar for 2027"):
        d.receive_comment(stamp("2027-01-04", "S002"), CommentChannel.EMAIL, "意见")
    assert d.receive_comment(stamp("2027-01-04", "S002"), CommentChannel.EMAIL, "意见",
                             closes_on=date(2027, 1, 4)) == "C001"  # fmt: skip


def test_a_late_comment_refused_once_the_calendar_is_known_names_the_computed_last_day() -> None:
    """附件2 第六条(二): the refusal says which day the window closed, never "None"."""
    d = publish_pending(approved())
    with pytest.raises(Refused, match=r"after the window closed \(2027-01-04 24:00\)"):
        d.receive_comment(stamp("2027-01-05"), CommentChannel.EMAIL, "意见", closes_on=date(2027, 1, 4))


def test_a_stated_closing_day_is_kept_as_announced_and_owed_for_the_check() -> None:
    """附件2 第六条(二): the day announced is what the public was told; the board checks it."""
    d = publish_pending(approved(), closes="2027-01-03")
    [window] = [o for o in d.obligations() if o.key.endswith(":comments")]
    assert window.stated == date(2027, 1, 3) and d.windows[0].stated


def test_the_adoption_reading_is_owed_after_the_window_and_met_by_the_completion() -> None:
    """附件2 第六条(三) 及时, 本台账读作: N working days after the window's last day."""
    d = publish_pending(approved())
    [adoption] = [o for o in d.obligations() if o.key.endswith(":adoption")]
    assert (adoption.count, adoption.period_days, adoption.n) == (Count.WORKING_DAYS_AFTER_PERIOD, 39, 20)
    assert publish_pending(approved(), adoption_days=None).obligations()[-1].key.endswith(":comments")


def test_a_comment_by_a_way_not_offered_is_refused_unless_flagged() -> None:
    """附件2 第六条(二): never silently accepted."""
    d = publish_pending(approved())
    with pytest.raises(Refused, match="did not offer 传真"):
        d.receive_comment(stamp("2026-11-30", "S002"), CommentChannel.FAX, "意见")
    cid = d.receive_comment(stamp("2026-11-30", "S002"), CommentChannel.FAX, "意见", unoffered=True)
    assert d.comments[cid].unoffered
    with pytest.raises(InvalidInput, match="offered 电子邮件"):
        d.receive_comment(stamp("2026-11-30", "S002"), CommentChannel.EMAIL, "意见", unoffered=True)


def test_experts_argue_before_the_discussion_only() -> None:
    """附件2 第二条: 专家论证 comes with public participation before the government decides."""
    d = drafted()
    d.clear_review(stamp("2026-08-10", "S002"))
    d.argue(stamp("2026-08-12", "S002"), ("王教授", " "), "可行")
    assert d.argumentations[0].experts == ("王教授",) and d.argumentations[0].version == 1
    d.discuss(stamp("2026-08-20", "D01"), True, "局党组会", attendees=("张局长",))
    with pytest.raises(Refused) as e:
        d.argue(stamp("2026-08-21", "S002"), ("李研究员",), "可行")
    assert e.value.article == "附件2 第二条"


def test_an_exemption_takes_a_proposal_and_someone_else_to_confirm_it() -> None:
    """附件2 第七条, separation of duties: the proposer never confirms their own proposal."""
    d = drafted()
    d.propose_exemption(stamp("2026-08-10", "S002"), ExemptionGround.COMMERCIAL_SECRET)
    assert not d.exempt
    with pytest.raises(Refused, match="separation of duties"):
        d.confirm_exemption(stamp("2026-08-11", "S002"), True)
    with pytest.raises(Refused, match="confirms or declines it first"):
        d.clear_review(stamp("2026-08-11", "S002"))
    d.confirm_exemption(stamp("2026-08-11", "P01"), False)
    assert not d.exempt and d.exemption_proposal is None
    d.propose_exemption(stamp("2026-08-12", "S002"), ExemptionGround.COMMERCIAL_SECRET)
    d.confirm_exemption(stamp("2026-08-13", "P01"), True)
    assert d.exempt and d.reviewer == "S002"


def test_a_discussion_without_attendees_is_refused() -> None:
    """附件2 第六条(一): the collective discussion records the meeting and who attended."""
    d = drafted()
    d.clear_review(stamp("2026-08-10", "S002"))
    with pytest.raises(InvalidInput, match="who attended"):
        d.discuss(stamp("2026-08-20", "D01"), True, "局党组会", attendees=(" ",))


def test_a_policy_explanation_follows_the_publication() -> None:
    """附件2 第六条(一): 政策解释 once the draft is published, each its own notice."""
    d = approved()
    with pytest.raises(Refused):
        d.explain_policy(stamp("2026-08-25", "S002"), "一问一答", "问答", (Channel.PORTAL,))
    publish_pending(d)
    d.explain_policy(stamp("2026-11-26", "S002"), "一问一答", "问答", (Channel.PORTAL,))
    assert [e.title for e in d.explanations] == ["一问一答"]


def test_comments_of_one_submission_are_one_person_and_came_the_same_way_that_day() -> None:
    """The adoption report counts people (人次) and comments: the comments of one letter,
    e-mail or call name the first one; another way or another day is refused."""
    d = published()
    first = comment(d, on="2026-09-10")
    second = d.receive_comment(
        stamp("2026-09-10", "S002"), CommentChannel.EMAIL, "又及", vault=VAULT, submitted_with=first
    )
    third = d.receive_comment(
        stamp("2026-09-10", "S002"), CommentChannel.EMAIL, "再及", vault=VAULT, submitted_with=second
    )
    assert d.comments[third].submitted_with == first  # the submission's first comment
    with pytest.raises(InvalidInput, match="came by email on 2026-09-10"):
        d.receive_comment(
            stamp("2026-09-11", "S002"), CommentChannel.EMAIL, "次日", vault=VAULT, submitted_with=first
        )
    with pytest.raises(NotFound, match="no comment C009"):
        d.receive_comment(
            stamp("2026-09-10", "S002"), CommentChannel.EMAIL, "x", vault=VAULT, submitted_with="C009"
        )


def test_a_correction_cannot_move_a_comment_away_from_its_submission() -> None:
    d = published()
    first = comment(d, on="2026-09-10")
    d.receive_comment(
        stamp("2026-09-10", "S002"), CommentChannel.EMAIL, "又及", vault=VAULT, submitted_with=first
    )
    received = [v for v in range(1, d.version + 1) if type(d.recorded_entry(v)).__name__ == "CommentReceived"]
    with pytest.raises(Refused, match="came with C001, which did not come the same way that day"):
        d.correct_entry(stamp("2026-09-12", "S001"), received[0], "渠道录错", {"channel": "post"})
