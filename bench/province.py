"""A province-sized ledger, deterministically: the bench's data (`make bench-scale`).

A province has thousands of reporting units; each records its staff and, over a year,
its major decisions, each with tens of public comments (the issue measured ~56 a
decision). The generator writes what `ledger import` reads, one command a line, from
the demo's own decision lives (``ledger/demo/data/decision.jsonl``) renumbered, so
every line passes the same rules a clerk's would:

- the bureau of the demo (``ledger.demo.org``), signed, and the 2026 calendar;
- per 1,000 events about 2 new units and 30 staff (``org.unit.add``, ``org.staff.add``);
- the rest decisions: demo decisions 01 (金融股) and 02 (资金股) in turn, each given
  ``COMMENTS`` more comments on its last open day, all assessed.

Same size, same lines: the order and every value follow from the position alone
(no clock, no randomness), so two runs compare the same ledger.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ledger.demo import load

COMMENTS = 52  # added to the demo's 4 (or 3): about 56 comments a decision, as measured
LIVES = ("YJJR-2026-01", "YJJR-2026-02")


def _life(number: str) -> list[dict[str, Any]]:
    return [
        {"actor": actor, "command": name, **fields}
        for actor, name, fields in load("decision")
        if fields.get("decision") == number
    ]


def _padded(number: str) -> list[dict[str, Any]]:
    """The demo decision ``number`` with ``COMMENTS`` more comments, received on the last
    day of the original ones and assessed with the original assessments."""
    lines = _life(number)
    receives = [i for i, x in enumerate(lines) if x["command"] == "decision.comment.receive"]
    assesses = [i for i, x in enumerate(lines) if x["command"] == "decision.comment.assess"]
    first = len(receives)
    last = lines[receives[-1]]
    actor, day = last["actor"], last["effective"]
    assess_day = lines[assesses[-1]]["effective"]
    extra = [
        {
            "actor": actor,
            "command": "decision.comment.receive",
            "effective": day,
            "decision": number,
            "channel": ("email", "post")[i % 2],
            "text": f"第{i + 1}条意见：建议细化第{i % 4 + 1}条的适用范围。",
            **({"commenter": f"群众{i}"} if i % 2 else {}),
        }
        for i in range(COMMENTS)
    ]
    assessed = [
        {
            "actor": actor,
            "command": "decision.comment.assess",
            "effective": assess_day,
            "decision": number,
            "comment": f"C{first + i + 1:03d}",
            "outcome": "not_adopted",
            "reason": "已在相关条款中体现。",
        }
        for i in range(COMMENTS)
    ]
    at_receive, at_assess = receives[-1] + 1, assesses[-1] + 1
    return lines[:at_receive] + extra + lines[at_receive:at_assess] + assessed + lines[at_assess:]


def _renamed(lines: list[dict[str, Any]], old: str, new: str) -> list[dict[str, Any]]:
    return [{**x, "decision": new} if x.get("decision") == old else dict(x) for x in lines]


def setup_steps() -> list[tuple[str, str, dict[str, Any]]]:
    """After the demo's bureau: the 2026 calendar (the lives are in 2026)."""
    return [("S001", "calendar.seed", {"effective": "2026-01-05"})]


def lines(events: int, events_of: dict[str, int]) -> Iterator[dict[str, Any]]:
    """Commands making about ``events`` events; ``events_of`` says how many events a unit, a
    staff member and a decision life make (measured once: ``measure``)."""
    lives = [_padded(n) for n in LIVES]
    made = unit = staff = decision = 0
    while made < events:
        if made >= (unit + 1) * 500:  # about 2 units per 1,000 events
            unit += 1
            yield {
                "actor": "S001",
                "command": "org.unit.add",
                "effective": "2026-01-05",
                "code": f"U{unit:05d}",
                "unit_name": f"第{unit}报送单位",
            }
            made += events_of["unit"]
        elif made >= (staff + 1) * 33:  # about 30 staff per 1,000 events
            staff += 1
            yield {
                "actor": "S001",
                "command": "org.staff.add",
                "effective": "2026-01-05",
                "staff_id": f"P{staff:06d}",
                "staff_name": f"工作人员{staff}",
                "unit": f"U{unit:05d}" if unit else "FIN",
            }
            made += events_of["staff"]
        else:
            decision += 1
            old = LIVES[decision % 2]
            yield from _renamed(lives[decision % 2], old, f"PD{decision:06d}-{old[-2:]}")
            made += events_of[old]


def write(path: Any, events: int, events_of: dict[str, int]) -> int:
    """Write the commands for about ``events`` events to ``path``; the number of lines."""
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        for line in lines(events, events_of):
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
            n += 1
    return n
