"""`ledger duties status YEAR`: each responsible person's year under 附件1 (一岗双责);
the write commands are generated from the command models."""

from __future__ import annotations

import click

import ledger.interface.duties as reads
from cli.generated import subgroup
from cli.render import year_read
from ledger.interface import word_help


def register(root: click.Group) -> None:
    """Add the `duties` group and its read command to ``root``."""
    duties = subgroup(root, "duties", word_help("duties"))

    year_read(
        duties,
        "status",
        lambda session, year, when: reads.duties_status(session.ledger, year, when),
        "people",
        "Each responsible person's year: meetings and inspections met or overdue, and the outcome. "
        "As CSV: one row per person.",
    )
