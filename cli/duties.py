"""`ledger duties status YEAR`: each responsible person's year under 附件1 (一岗双责);
the write commands are generated from the command models."""

from __future__ import annotations

import click

import ledger.interface.duties as reads
from cli.generated import subgroup
from cli.render import LIST_FORMATS, emit_object, read_options
from cli.session import Session
from ledger.interface import When


def register(root: click.Group) -> None:
    """Add the `duties` group and its read command to ``root``."""
    duties = subgroup(root, "duties", "Leaders' transparency duties (附件1, 一岗双责).")

    @duties.command("status")
    @click.argument("year", type=int)
    @read_options(*LIST_FORMATS)
    def status(session: Session, year: int, when: When, fmt: str) -> None:
        """Each responsible person's year: meetings and inspections met or overdue, and the outcome.
        As CSV: one row per person."""
        emit_object(reads.duties_status(session.ledger, year, when), fmt, csv_rows="people")
