"""The decision register's list, a row per decision, from its stored register row.

Kept apart from ``ledger.interface.decision`` (which loads aggregates): the list is worked out
the same way whether the register is read through the ledger or straight from the stored rows
(``ledger.interface.lean``). Only public columns: a register row's comments (with commenters'
sealed contacts) are never listed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ledger.storage.view_index import Where

if TYPE_CHECKING:
    from ledger.reading import RowSource

BoardRows = Callable[[Sequence[str]], dict[str, dict[str, Any]]]  # the board's rows of keys, as they stand

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


def register_page(
    source: RowSource, unit: str | None, limit: int | None, offset: int, board: BoardRows
) -> Listed:
    """``limit`` decisions (all when None) of ``unit`` from ``offset``, by number, read from the
    live register ``source`` (only those rows are read); the board is asked (``board``) only
    for the windows whose last day was never announced."""
    total = sum(source.count(unit, EVERY).values())
    rows = [row for _, row in source.query(unit, EVERY, limit, offset)]

    def closes(unknown: list[dict[str, Any]]) -> dict[str, str]:
        keys = window_keys(unknown)
        return closes_found(keys, board(list(keys)))

    return listed_page(rows, total, closes)


def listed_page(
    rows: list[dict[str, Any]], total: int, closes: Callable[[list[dict[str, Any]]], dict[str, str]]
) -> Listed:
    """``rows`` as the list shows them; ``closes`` dates the windows whose last day was never
    announced (called only when there are some: the board is read then, not before)."""
    unknown = [row for row in rows if closes_unknown(row)]
    computed = closes(unknown) if unknown else {}
    return Listed([listed(row, computed) for row in rows], total)
