"""`ledger decision list|show|diff`: reads of the major-decision register (附件2).

Every act on a decision is a generated subcommand of the same group
(`ledger decision publish …`, `ledger decision comment receive …`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from cli.generated import subgroup
from cli.render import (
    LIST_FORMATS,
    dumps,
    emit,
    format_option,
    page_footer,
    page_options,
    paging,
    read_options,
    record_read,
)
from cli.session import Session
from ledger.interface import When, lean, word_help

if TYPE_CHECKING:
    from types import ModuleType


def reads() -> ModuleType:
    """The register's reads through the ledger (imported when used: a caught-up list needs none)."""
    import ledger.interface.decision

    return ledger.interface.decision


def register(root: click.Group) -> None:
    """Add the `decision` group and its read commands to ``root`` (the writes are generated)."""
    decision = subgroup(root, "decision", word_help("decision"))

    @decision.command("list")
    @click.option("--unit", help="only this unit's decisions")
    @page_options
    @read_options(*LIST_FORMATS)
    def list_(
        session: Session,
        unit: str | None,
        limit: int | None,
        page: int | None,
        every: bool,
        when: When,
        fmt: str,
    ) -> None:
        """Every decision with its stage, window, comments, report and decision dates, by number.
        A table shows 100 (--page, --limit, --all for more); JSON and CSV every row."""
        size, offset = paging(fmt, limit, page, every)
        listed = lean.decisions(session.db, unit, size, offset) if when.now else None
        if listed is None:
            listed = reads().decision_page(session.ledger, when, unit, size, offset)
        emit(listed.rows, fmt, lean.LIST_COLUMNS, title="decisions")
        if fmt == "table":
            page_footer(len(listed.rows), offset, listed.total, size, "by number")

    record_read(
        decision,
        lambda ledger, ref, when: reads().decision_show(ledger, ref, when),
        "One decision (REF: its number, e.g. YJJR-2026-01), as the clerk's ledger holds it.",
        "ref",
    )

    @decision.command("diff")
    @click.argument("ref")
    @click.argument("v1", type=int)
    @click.argument("v2", type=int)
    @format_option()
    @click.pass_obj
    def diff(session: Session, ref: str, v1: int, v2: int, fmt: str) -> None:
        """What changed between two draft versions (a unified diff)."""
        data = reads().decision_diff(session.ledger, ref, v1, v2)
        if fmt == "json":
            click.echo(dumps(data))
            return
        if not data["changed"]:
            click.echo(f"{data['number']}: versions {v1} and {v2} are the same")
            return
        click.echo(f"{data['number']} v{v1} → v{v2}: {data['note']}")
        click.echo("\n".join(data["diff"]))
