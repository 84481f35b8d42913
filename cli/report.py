"""`ledger report YEAR --out DIR`: the supervisor's report of a year, one printable HTML file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from cli.session import Session, history_options

if TYPE_CHECKING:
    from ledger.interface import When


def register(root: click.Group) -> None:
    @root.command("report")
    @click.argument("year", type=int)
    @click.option("--unit", help="only this unit's obligations, decisions and assessment")
    @click.option(
        "--out", required=True, type=click.Path(file_okay=False, path_type=Path), help="folder to write into"
    )
    @history_options
    @click.option("--format", "fmt", type=click.Choice(("html", "json")), default="html", show_default=True)
    @click.pass_obj
    def report(session: Session, year: int, unit: str | None, out: Path, when: When, fmt: str) -> None:
        """Every obligation of YEAR with its status and lateness, the charts, the assessment
        evidence per unit and whether the record verifies: one self-contained HTML page
        (print it to PDF from a browser), or JSON."""
        from ledger.interface.publishing import write_report  # rendering loaded only when used

        done = write_report(session.ledger, year, out, unit, when, fmt)
        verified = "the record verifies" if done["verified"] else "THE RECORD DOES NOT VERIFY"
        click.echo(f"wrote {done['file']}: {done['obligations']} obligations; {verified}")
