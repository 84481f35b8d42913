"""`ledger openday list|show`: reads of the open days (政务开放日, 附件4).

Every act on an open day is a generated subcommand of the same group
(`ledger openday plan …`, `ledger openday representative register …`).
"""

from __future__ import annotations

import click

import ledger.interface.openday as reads
from cli.generated import subgroup
from cli.render import LIST_FORMATS, emit, read_options, record_read
from cli.session import Session
from ledger.interface import When, word_help


def register(root: click.Group) -> None:
    """Add the `openday` group and its read commands to ``root`` (the writes are generated)."""
    openday = subgroup(root, "openday", word_help("openday"))

    @openday.command("list")
    @read_options(*LIST_FORMATS)
    def list_(session: Session, when: When, fmt: str) -> None:
        """Every open day: date, form, site, stage, representatives, opinions answered, check."""
        emit(reads.open_day_list(session.ledger, when), fmt, reads.LIST_COLUMNS, title="open days")

    record_read(
        openday,
        reads.open_day_show,
        "One open day as the office's ledger holds it (NUMBER: KFR-2026-01); not a notice.",
    )
