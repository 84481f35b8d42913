"""`ledger catalogue …` reads: the catalogue on a date, what changed, a unit's year, an item's history.

The writes (`ledger catalogue item establish|change|remove`, `catalogue publish`,
`catalogue filing submit|accept`, `catalogue info record|update`) are generated from the
command models.
"""

from __future__ import annotations

from typing import Any

import click

import ledger.interface.catalogue as reads
from cli.generated import subgroup
from cli.render import LIST_FORMATS, emit, emit_object, format_option, read_options
from cli.session import Session
from ledger.interface import When, word_help

DIFF_COLUMNS = ("change", "unit", "code", "title", "element", "old", "new")
STATS_COLUMNS = (
    "unit",
    "year",
    "items",
    "adjustments",
    "added",
    "changed",
    "removed",
    "published",
    "published_on_time_share",
    "filed",
    "filed_on_time_share",
    "accepted",
    "information_on_time_share",
    "items_overdue_now",
)


def _table_row(row: dict[str, Any]) -> dict[str, Any]:
    """The ten elements under their Chinese names, as the catalogue is read."""
    return {
        "单位": row["unit"],
        "编号": row["code"],
        **{label: row[field] for field, label in reads.ELEMENT_LABELS.items()},
        "状态": row["status"],
    }


def register(root: click.Group) -> None:
    """Add the catalogue's read commands (and the `catalogue` group) to ``root``."""
    catalogue = subgroup(root, "catalogue", word_help("catalogue"))

    @catalogue.command("show")
    @click.option("--unit", help="only this unit's items")
    @click.option("--all", "include_removed", is_flag=True, help="list removed items too")
    @read_options(*LIST_FORMATS)
    def show(
        session: Session,
        unit: str | None,
        include_removed: bool,
        when: When,
        fmt: str,
    ) -> None:
        """The catalogue with its ten elements, as it stood on a date (default: now)."""
        rows = reads.catalogue_show(session.ledger, unit, when, include_removed)
        if fmt == "json":
            emit(rows, fmt)
        else:
            emit([_table_row(r) for r in rows], fmt, title=f"政务公开事项清单 {when.as_of or ''}".strip())

    @catalogue.command("diff")
    @click.argument("date1")
    @click.argument("date2")
    @click.option("--unit", help="only this unit's items")
    @format_option(*LIST_FORMATS)
    @click.pass_obj
    def diff(session: Session, date1: str, date2: str, unit: str | None, fmt: str) -> None:
        """What was added, changed (element by element) and removed between DATE1 and DATE2."""
        rows = reads.catalogue_diff(session.ledger, date1, date2, unit)
        emit(rows, fmt, DIFF_COLUMNS, title=f"{date1} → {date2}")

    @catalogue.command("stats")
    @click.argument("year", type=int)
    @click.option("--unit", help="only this unit")
    @format_option(*LIST_FORMATS)
    @click.pass_obj
    def stats(session: Session, year: int, unit: str | None, fmt: str) -> None:
        """Per unit: items, adjustments, and the share published, filed and refreshed on time."""
        emit(reads.catalogue_stats(session.ledger, year, unit), fmt, STATS_COLUMNS, title=f"catalogue {year}")

    @catalogue.command("history")
    @click.argument("unit")
    @click.argument("code")
    @format_option()
    @click.pass_obj
    def history(session: Session, unit: str, code: str, fmt: str) -> None:
        """One item's state and every event it went through (a removed item keeps its history)."""
        emit_object(reads.catalogue_history(session.ledger, unit, code), fmt)
