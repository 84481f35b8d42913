"""Reads for `ledger openday …`: the register of open days, and one open day.

Strings in, plain data out; the CLI imports this module, never the aggregates.
``show`` is the office's internal view (representatives' birth dates and contacts
included); what the public sees is only in the notices.
"""

from __future__ import annotations

from typing import Any

from ledger.interface.core import Ledger, find_row, ordered
from ledger.when import NOW, When
from projections.openday.register import OpenDayRegister

LIST_COLUMNS = (
    "number",
    "day",
    "form",
    "site",
    "theme",
    "host",
    "stage",
    "representatives",
    "recruited_on",
    "publicised_on",
    "held_on",
    "opinions",
    "supervised_on",
)

SHOW_ORDER = (
    "number", "day", "stage", "form_label", "site_kind_label", "site", "theme", "host", "host_name",
    "leader", "leader_name", "planned_on", "planned_by", "representatives", "registered", "recruited_on",
    "channels", "how_to_apply", "contact", "closes_on", "publicised_on", "publicised_where", "held_on",
    "attendance", "held_note", "opinions_heard", "opinions_answered", "summary_on", "supervised_on",
    "supervised_by", "findings", "problems", "cancelled_on", "cancel_reason", "policy_version", "id",
    "quotas", "representative_list", "opinion_list",
)  # fmt: skip


def _rows(ledger: Ledger, when: When) -> dict[str, dict[str, Any]]:
    return ledger.rows(OpenDayRegister, when)


def _find(rows: dict[str, dict[str, Any]], ref: str) -> dict[str, Any]:
    return find_row(rows, "open_day", ref, "number", "open day", "ledger openday list")


def open_day_list(ledger: Ledger, when: When = NOW) -> list[dict[str, Any]]:
    """Every open day in date order, with how far it has gone."""
    out = []
    rows = sorted(_rows(ledger, when).values(), key=lambda r: (r["day"], r["number"]))
    for row in rows:
        out.append(
            {
                "number": row["number"],
                "day": row["day"],
                "form": row["form_label"],
                "site": row["site"],
                "theme": row["theme"],
                "host": row["host"],
                "stage": row["stage"],
                "representatives": f"{row['registered']}/{row['representatives']}",
                "recruited_on": row["recruited_on"],
                "publicised_on": row["publicised_on"],
                "held_on": row["held_on"],
                "opinions": f"{row['opinions_answered']}/{row['opinions_heard']} answered",
                "supervised_on": row["supervised_on"],
                "cancelled_on": row["cancelled_on"],
            }
        )
    return out


def open_day_show(ledger: Ledger, ref: str, when: When = NOW) -> dict[str, Any]:
    """Everything the register holds about one open day (an internal view, not a notice)."""
    return ordered(_find(_rows(ledger, when), ref), SHOW_ORDER)
