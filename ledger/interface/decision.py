"""Reads for `ledger decision …`: the register, one decision, and what changed between drafts.

Strings in, plain data out; the CLI imports this module, never the aggregates.
"""

from __future__ import annotations

import difflib
from typing import Any

from aggregates.errors import InvalidInput, NotFound
from aggregates.org import Unit
from ledger.board import page_of
from ledger.decision_rows import LIST_COLUMNS as LIST_COLUMNS  # the CLI lists these
from ledger.decision_rows import Listed, listed_page, register_page
from ledger.interface.core import Ledger, find_row, ordered
from ledger.rules.text import fold
from ledger.when import NOW, When
from projections.decision.register import DecisionComments, DecisionRegister

SHOW_ORDER = (
    "number", "title", "category_label", "unit", "unit_name", "stage", "stage_on", "version",
    "reviewed_version", "reviewer", "exemption_proposal", "exemption", "approved_version", "published_on",
    "published_version",
    "channels", "days", "closes_on", "shortened_reason", "comments_total", "comments_late", "unassessed",
    "outcomes", "adoption_completed_on", "report_on", "decided_on", "document_number", "withdrawn_on",
    "withdrawn_reason", "decision_channels", "id", "versions", "argumentations", "discussions", "windows",
    "explanations", "opinions", "comments",
)  # fmt: skip
COLUMN_ORDER = {
    "versions": ("version", "on", "note", "chars"),
    "discussions": ("on", "meeting", "version", "approved", "attendees"),
    "argumentations": ("on", "version", "experts", "conclusion"),
    "explanations": ("on", "title", "channels", "text"),
    "windows": ("kind", "start", "days", "closes_on", "stated", "reason", "recorded_on"),
    "opinions": ("key", "summary", "concentrated", "outcome", "response"),
    "comments": (
        "comment_id", "received", "channel", "late", "unoffered", "text", "outcome", "opinion", "reason",
        "commenter", "contact",
    ),
}  # fmt: skip


def _rows(ledger: Ledger, when: When = NOW) -> dict[str, dict[str, Any]]:
    return ledger.rows(DecisionRegister, when)


def _named(ledger: Ledger, ref: str, when: When = NOW) -> dict[str, Any]:
    """The register row ``ref`` names; live and by number, only the rows under its key are read
    (a UUID, or the register as it stood, is looked for among every row)."""
    if when.now:
        key = f"decision:{fold(ref).removeprefix('decision:')}"
        under = ledger.rows(DecisionRegister, when, key)
        if key in under:
            return under[key]
    return _find(_rows(ledger, when), ref)


def _find(rows: dict[str, dict[str, Any]], ref: str) -> dict[str, Any]:
    return find_row(rows, "decision", ref, "id", "decision", "ledger decision list")


def decision_list(ledger: Ledger, when: When = NOW, unit: str | None = None) -> list[dict[str, Any]]:
    """Every decision of the register (of ``unit``), by number."""
    return decision_page(ledger, when, unit).rows


def decision_page(
    ledger: Ledger, when: When = NOW, unit: str | None = None, limit: int | None = None, offset: int = 0
) -> Listed:
    """``limit`` decisions (all when None) from ``offset``, by number; live, only those are read."""
    if unit is not None and ledger.app.get(Unit, Unit.id_for(unit)) is None:
        raise NotFound("unit", f"no unit {unit} in the ledger; see `ledger org list`")
    if when.now:  # the page the lean read gives (``ledger.interface.lean``), by the same function
        return register_page(ledger.views.source(DecisionRegister), unit, limit, offset, ledger.board_rows)
    every = [row for _, row in sorted(_rows(ledger, when).items()) if unit in (None, row["unit"])]
    return listed_page(page_of(every, limit, offset), len(every), lambda _: _computed_closes(ledger, when))


def _computed_closes(ledger: Ledger, when: When) -> dict[str, str]:
    """Each window's last day as the board computes it now (a day never announced is derived
    where it is read; None on the board while its year's calendar is missing)."""
    out = {}
    for r in ledger.deadlines(when):
        parts = r["key"].split(":")
        if len(parts) == 3 and parts[0] == "decision" and parts[2] == "comments" and r["due"]:
            out[parts[1]] = r["due"]
    return out


def decision_show(ledger: Ledger, ref: str, when: When = NOW) -> dict[str, Any]:
    """Everything the register holds about one decision (an internal view, not a notice)."""
    row = dict(_named(ledger, ref, when))
    row["comments"] = comments_of(ledger, row["number"], when)
    if row.get("closes_on") is None:
        row["closes_on"] = _computed_closes(ledger, when).get(row["number"])
    row["versions"] = [
        {"version": v["version"], "on": v["on"], "note": v["note"], "chars": len(v["text"])}
        for v in row["versions"]
    ]
    for key, columns in COLUMN_ORDER.items():
        row[key] = [ordered(item, columns) for item in row[key]]
    return ordered(row, SHOW_ORDER)


def comments_of(ledger: Ledger, number: str, when: When = NOW) -> list[dict[str, Any]]:
    """A decision's comments in the order received (C001, C002, …, C1000)."""
    prefix = f"{number}|"
    rows = ledger.rows(DecisionComments, when, prefix)
    mine = [(key[len(prefix) :], row) for key, row in rows.items()]
    return [row for _, row in sorted(mine, key=lambda kv: (len(kv[0]), kv[0]))]


def decision_diff(ledger: Ledger, ref: str, v1: int, v2: int) -> dict[str, Any]:
    """What changed from draft version ``v1`` to ``v2``: text and drafting explanation."""
    row = _named(ledger, ref)
    versions = {v["version"]: v for v in row["versions"]}
    for field, v in (("v1", v1), ("v2", v2)):
        if v not in versions:
            known = ", ".join(str(k) for k in sorted(versions))
            raise InvalidInput(field, f"decision {row['number']} has no version {v} (versions: {known})")
    a, b = versions[v1], versions[v2]

    def lines(v: dict[str, Any]) -> list[str]:
        e = v["explanation"]
        return [
            *v["text"].splitlines(),
            "",
            f"【起草背景】{e['background']}",
            f"【法律和政策依据】{e['basis']}",
            f"【主要内容】{e['main_content']}",
        ]

    diff = list(
        difflib.unified_diff(
            lines(a),
            lines(b),
            fromfile=f"{row['number']} v{v1} ({a['on']})",
            tofile=f"{row['number']} v{v2} ({b['on']})",
            lineterm="",
        )
    )
    return {
        "number": row["number"],
        "from": v1,
        "to": v2,
        "note": b["note"],
        "changed": bool(diff),
        "diff": diff,
    }
