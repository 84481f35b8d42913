"""`ledger request list|show|complaints`: reads of the information requests (依申请公开).

Every act on a request is a generated subcommand of the same group
(`ledger request receive …`, `ledger request supplement ask …`, `ledger request extend …`).
"""

from __future__ import annotations

import click

import ledger.interface.request as reads
from cli.generated import subgroup
from cli.render import LIST_FORMATS, emit, read_options, record_read
from cli.session import Session
from ledger.interface import When, word_help


def register(root: click.Group) -> None:
    """Add the `request` group and its read commands to ``root`` (the writes are generated)."""
    request = subgroup(root, "request", word_help("request"))

    @request.command("list")
    @click.option("--year", type=int, help="only the requests received in YEAR")
    @read_options(*LIST_FORMATS)
    def list_(session: Session, when: When, fmt: str, year: int | None) -> None:
        """Every request: kind, channel, day of receipt, stage, the answer's due date and standing,
        outcome."""
        emit(
            reads.request_list(session.ledger, when, year),
            fmt,
            reads.LIST_COLUMNS,
            title="information requests",
        )

    record_read(
        request,
        reads.request_show,
        "One request as the office's register holds it (NUMBER: YSQ-2026-001); never published.",
    )

    @request.command("complaints")
    @read_options(*LIST_FORMATS)
    def complaints(session: Session, when: When, fmt: str) -> None:
        """Every complaint about disclosure work (投诉): the unit, when received and handled."""
        emit(reads.complaint_list(session.ledger, when), fmt, reads.COMPLAINT_COLUMNS, title="complaints")
