"""`ledger calendar show|load`: the working-day calendar recorded in the ledger
(`calendar seed` is generated from its command model)."""

from __future__ import annotations

from pathlib import Path

import click

from cli.generated import subgroup
from cli.render import LIST_FORMATS, emit_object, read_options
from cli.session import Session, load_json_command
from ledger.interface import When


def register(root: click.Group) -> None:
    calendar = subgroup(root, "calendar", "The working-day calendar recorded in the ledger.")

    @calendar.command("show")
    @click.argument("year", type=int)
    @read_options(*LIST_FORMATS)
    def calendar_show(session: Session, year: int, when: When, fmt: str) -> None:
        """A year's holidays and adjusted working days, with the notice they come from.
        As CSV: one row per holiday."""
        emit_object(session.ledger.calendar_year(year, when), fmt, csv_rows="holidays")

    @calendar.command("load")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.pass_obj
    def calendar_load(session: Session, file: Path) -> None:
        """Record a year from a JSON file (format: see README, 'Calendar files')."""
        load_json_command(session, "calendar.record", file)
