"""`ledger calendar show|load`: the working-day calendar recorded in the ledger
(`calendar seed` is generated from its command model)."""

from __future__ import annotations

from pathlib import Path

import click

from cli.generated import subgroup
from cli.render import year_read
from cli.session import Session, load_json_command
from ledger.interface import word_help


def register(root: click.Group) -> None:
    calendar = subgroup(root, "calendar", word_help("calendar"))

    year_read(
        calendar,
        "show",
        lambda session, year, when: session.ledger.calendar_year(year, when),
        "holidays",
        "A year's holidays and adjusted working days, with the notice they come from. "
        "As CSV: one row per holiday.",
    )

    @calendar.command("load")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.pass_obj
    def calendar_load(session: Session, file: Path) -> None:
        """Record a year from a JSON file (format: see README, 'Calendar files')."""
        load_json_command(session, "calendar.record", file)
