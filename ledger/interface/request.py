"""Reads for `ledger request …`: the register of information requests, one request, complaints.

Strings in, plain data out; the CLI imports this module, never the aggregates. These are the
office's internal views (the requester's name and contact opened for it); nothing here is
published — the annual report prints only counts.
"""

from __future__ import annotations

from typing import Any

from ledger.interface.core import Ledger, find_row, ordered
from ledger.when import NOW, When
from projections.request.register import RequestRegister

LIST_COLUMNS = (
    "number",
    "kind",
    "channel",
    "received_on",
    "stage",
    "due",
    "status",
    "answered_on",
    "outcome",
    "cases",
)
COMPLAINT_COLUMNS = ("number", "unit", "received_on", "handled_on", "request", "about", "result")

SHOW_ORDER = (
    "number", "stage", "requester_kind_label", "requester_name", "requester_contact", "channel_label",
    "asked", "submitted_on", "received_on", "start_on", "received_by", "supplement_asked_on",
    "supplement_unclear", "supplement_due", "supplement_received_on", "extended_days", "extension_reason",
    "extension_approved_by", "extended_on", "answered_on", "outcome_label", "article", "note", "on_the_spot",
    "fee", "policy_version", "consultations", "cases",
)  # fmt: skip


def register_rows(ledger: Ledger, when: When = NOW) -> dict[str, dict[str, Any]]:
    """The register's rows (requests and complaints), live or as they stood at ``when``."""
    return ledger.rows(RequestRegister, when)


def request_list(ledger: Ledger, when: When = NOW, year: int | None = None) -> list[dict[str, Any]]:
    """Every request in order of receipt (of ``year`` if given), with its answer's standing."""
    board = {r["key"]: r for r in ledger.deadlines(when) if r["key"].startswith("request:")}
    out = []
    rows = [r for k, r in register_rows(ledger, when).items() if k.startswith("request:")]
    for row in sorted(rows, key=lambda r: (r["received_on"], r["number"])):
        if year is not None and int(row["received_on"][:4]) != year:
            continue
        answer = board.get(f"request:{row['number']}:answer") or board.get(
            f"request:{row['number']}:supplement"
        )
        out.append(
            {
                "number": row["number"],
                "kind": row["requester_kind_label"],
                "channel": row["channel_label"],
                "received_on": row["received_on"],
                "stage": row["stage"],
                "due": answer["due"] if answer else None,
                "status": answer["status"] if answer else None,
                "answered_on": row["answered_on"],
                "outcome": row["outcome_label"],
                "cases": len(row["cases"]),
            }
        )
    return out


def request_show(ledger: Ledger, ref: str, when: When = NOW) -> dict[str, Any]:
    """Everything the register holds about one request (the office's view, never a notice)."""
    rows = {k: r for k, r in register_rows(ledger, when).items() if k.startswith("request:")}
    return ordered(find_row(rows, "request", ref, "number", "request", "ledger request list"), SHOW_ORDER)


def complaint_list(ledger: Ledger, when: When = NOW) -> list[dict[str, Any]]:
    """Every complaint about disclosure work, received and handled."""
    rows = [r for k, r in register_rows(ledger, when).items() if k.startswith("complaint:")]
    return sorted(rows, key=lambda r: (r["received_on"], r["number"]))
