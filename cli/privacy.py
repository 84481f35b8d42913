"""`ledger privacy subjects`: the data subjects whose personal data the ledger keeps (ids only);
`ledger privacy erase` is generated from its command model."""

from __future__ import annotations

import click

import ledger.interface.privacy as reads
from cli.generated import subgroup
from cli.render import LIST_FORMATS, emit, format_option
from cli.session import Session
from ledger.interface import word_help


def register(root: click.Group) -> None:
    """Add the `privacy` group and its read command to ``root``."""
    privacy = subgroup(root, "privacy", word_help("privacy"))

    @privacy.command("subjects")
    @click.option("--prefix", help="only subjects starting so, e.g. decision:YJJR-2026-01")
    @format_option(*LIST_FORMATS)
    @click.pass_obj
    def subjects(session: Session, prefix: str | None, fmt: str) -> None:
        """Each data subject (ids only, never the data): kept, erased (when, by whom, why) or lost."""
        emit(reads.subjects(session.ledger, prefix), fmt, reads.SUBJECT_COLUMNS)
