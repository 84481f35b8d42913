"""The decision register's list, a row per decision, from its stored register row.

Kept apart from ``ledger.interface.decision`` (which loads aggregates): the list is worked out
the same way whether the register is read through the ledger or straight from the stored rows
(``ledger.interface.lean``). Only public columns: a register row's comments (with commenters'
sealed contacts) are never listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ledger.storage.view_index import Where

LIST_COLUMNS = (
    "number",
    "unit",
    "title",
    "category",
    "stage",
    "published_on",
    "closes_on",
    "comments",
    "report_on",
    "decided_on",
)

EVERY = (Where(),)  # every row of the register


@dataclass
class Listed:
    rows: list[dict[str, Any]]  # the rows shown, by number
    total: int  # how many there are (of the unit, if one is named)


def closes_unknown(row: dict[str, Any]) -> bool:
    """A row whose window's last day was never announced: the board dates it (its calendar was
    missing when the row was derived)."""
    return row["closes_on"] is None and bool(row["windows"])


def window_keys(rows: list[dict[str, Any]]) -> dict[str, str]:
    """The board's key of each row's comment window, to its decision's number."""
    return {f"{row['id']}|decision:{row['number']}:comments": row["number"] for row in rows}


def closes_found(keys: dict[str, str], found: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Each decision's closing day from its window's board row as it stands (``window_keys``)."""
    return {keys[k]: r["due"] for k, r in found.items() if r["due"]}


def listed(row: dict[str, Any], computed: dict[str, str]) -> dict[str, Any]:
    """A register row as the list shows it (``computed``: closing days the board worked out)."""
    late = f" (+{row['comments_late']} late)" if row["comments_late"] else ""
    return {
        "number": row["number"],
        "unit": row["unit"],
        "title": row["title"],
        "category": row["category_label"],
        "stage": row["stage"],
        "published_on": row["published_on"],
        "closes_on": row["closes_on"] or computed.get(row["number"]),
        "comments": f"{row['comments_total'] - row['comments_late']}{late}",
        "report_on": row["report_on"],
        "decided_on": row["decided_on"],
        "exemption": row["exemption"],
    }
