"""Import files whose lines name their actors, or not, or wrongly: never an escaped error,
and nothing written unless every line was accepted (hypothesis)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.application import LedgerApp
from ledger.interface import Ledger
from tests.support.ledger import setup_bureau

ACTORS = st.one_of(
    st.sampled_from(["S001", "S002", "S003", "P01", "D01", "G01", "S999", "", " ", "s001", "Ｓ００１"]),
    st.integers(),
    st.none(),
    st.lists(st.just("S001"), max_size=1),
    st.text(max_size=6),
)
CODES = st.sampled_from(["NEW", "FIN", "new", "N2"])
DECISION = "YJJR-2026-51"


def draft(code: str) -> dict[str, Any]:
    return {
        "command": "decision.draft", "decision": DECISION, "unit": code, "title": "办法", "category": "二",
        "draft": "第一条", "background": "b", "basis": "b", "main_content": "m",
    }  # fmt: skip


COMMANDS = st.one_of(
    CODES.map(lambda c: {"command": "org.unit.add", "code": c, "unit_name": "新股"}),
    CODES.map(draft),
    st.just({"command": "decision.review.clear", "decision": DECISION}),
    st.just(
        {
            "command": "decision.discuss",
            "decision": DECISION,
            "approved": True,
            "meeting": "会",
            "attendees": ["张局长"],
        }
    ),
    st.just({"command": "org.role.assign", "staff_id": "S003", "role": "group_member"}),
)


@st.composite
def lines(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 9)) == 0:
        return draw(st.sampled_from(["{not json", "[1]", '"S001"', "", '{"actor": "S001"}']))
    command = dict(draw(COMMANDS))
    if draw(st.booleans()):
        command["actor"] = draw(ACTORS)
    return json.dumps(command, ensure_ascii=False)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(lines(), min_size=1, max_size=5), st.sampled_from([None, "S001", "S002"]))
def test_an_import_of_lines_naming_any_actor_is_all_or_nothing(text: list[str], default: str | None) -> None:
    app = LedgerApp(":memory:")
    setup_bureau(app)
    ledger = Ledger(":memory:", app=app)
    try:
        before = app.max_position()
        count, problems = ledger.import_lines(text, default)
        if problems:
            assert count == 0 and app.max_position() == before
        else:
            assert count == sum(1 for t in text if t.strip())
        for p in problems:
            assert p.exit_code in (1, 2) and p.line >= 1
    finally:
        ledger.close()
