"""The website keeps the notices' guarantees, over generated ledgers: no exempt decision, no
commenter or contact, no internal key — in any page, the feed, or any open-data file."""

from __future__ import annotations

import zipfile
from datetime import date
from io import BytesIO

from hypothesis import given, settings
from hypothesis import strategies as st

from aggregates.decision import Decision
from ledger.systems import notice_systems
from projections.decision.facts import public_facts
from projections.notices import write_notices
from projections.site import render
from projections.site.model import CalendarDays, Mark, SiteInput, SystemNotices
from tests.integration.decision.test_decision_notices import ISSUER, decision_life


def site_of(decisions: list[Decision], day: date) -> SiteInput:
    facts = [f for d in decisions for f in public_facts(d)]
    systems = tuple(
        SystemNotices(s.word, s.label, tuple(write_notices(facts, ISSUER, [writer])))
        for s, writer in notice_systems()
    )
    # the board knows every decision, exempt ones too: its keys and subjects never reach a page
    marks = tuple(
        Mark(f"decision:{d.number}:{what}", d.unit, day, status)
        for d in decisions
        for what, status in (("review", "overdue"), ("report", "met late"), ("comments", "open"))
    )
    calendar = CalendarDays(day.year, {date(day.year, 10, 1): "国庆节"}, {date(day.year, 9, 27): "国庆节"})
    return SiteInput(ISSUER, day, systems, tuple(facts), {"FIN": "金融股"}, marks, (calendar,))


def as_text(name: str, content: bytes) -> str:
    if name.endswith(".xlsx"):
        with zipfile.ZipFile(BytesIO(content)) as z:
            return "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    return content.decode("utf-8-sig")


@settings(max_examples=40, deadline=None)
@given(
    st.integers(1, 3).flatmap(lambda n: st.tuples(*(decision_life(i) for i in range(n)))),
    st.dates(date(2026, 8, 1), date(2026, 12, 31)),
)
def test_no_exempt_decision_and_no_commenter_data_anywhere_on_the_site(
    lives: tuple[tuple[Decision, list[str]], ...], day: date
) -> None:
    decisions = [d for d, _ in lives]
    private = [p for _, ps in lives for p in ps]
    files = render.build(site_of(decisions, day))
    for name, content in files.items():
        text = as_text(name, content)
        assert "QX" not in text, name
        assert not [p for p in private if p in text], name
    # and the site is not empty: every published decision is in the register with its page
    register = as_text("decisions.html", files["decisions.html"])
    for d in decisions:
        if d.publication is not None:
            assert d.number in register
            assert f"notices/decision/decision-{d.number}-call.html" in files
