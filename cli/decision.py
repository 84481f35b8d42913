"""`ledger decision list|show|diff`: reads of the major-decision register (附件2).

Every act on a decision is a generated subcommand of the same group
(`ledger decision publish …`, `ledger decision comment receive …`).
"""

from __future__ import annotations

import click

from cli.main import LedgerGroup, Session, history_options
from cli.render import dumps, emit, emit_object, format_option
from ledger.interface_decision import LIST_COLUMNS, decision_diff, decision_list, decision_show


def _decision() -> None:
    """Major-decision pre-disclosure (重大行政决策预公开, 附件2)."""


decision: click.Group = click.group("decision", cls=LedgerGroup)(_decision)


@decision.command("list")
@click.option("--unit", help="only this unit's decisions")
@history_options
@format_option()
@click.pass_obj
def list_(session: Session, unit: str | None, as_of: str | None, known_at: str | None, fmt: str) -> None:
    """Every decision with its stage, window, comments, report and decision dates."""
    emit(decision_list(session.ledger, as_of, known_at, unit), fmt, LIST_COLUMNS, title="decisions")


@decision.command("show")
@click.argument("ref")
@history_options
@format_option()
@click.pass_obj
def show(session: Session, ref: str, as_of: str | None, known_at: str | None, fmt: str) -> None:
    """One decision (REF: its number, e.g. YJJR-2026-01), as the clerk's ledger holds it."""
    emit_object(decision_show(session.ledger, ref, as_of, known_at), fmt)


@decision.command("diff")
@click.argument("ref")
@click.argument("v1", type=int)
@click.argument("v2", type=int)
@format_option()
@click.pass_obj
def diff(session: Session, ref: str, v1: int, v2: int, fmt: str) -> None:
    """What changed between two draft versions (a unified diff)."""
    data = decision_diff(session.ledger, ref, v1, v2)
    if fmt == "json":
        click.echo(dumps(data))
        return
    if not data["changed"]:
        click.echo(f"{data['number']}: versions {v1} and {v2} are the same")
        return
    click.echo(f"{data['number']} v{v1} → v{v2}: {data['note']}")
    click.echo("\n".join(data["diff"]))
