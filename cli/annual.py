"""`ledger annual-report show|publish YEAR`: the annual report on government information
disclosure (条例 第四十九–五十条) in the national format; `ledger annual-report text YEAR
--part …` is generated from its command model."""

from __future__ import annotations

from pathlib import Path

import click

import ledger.interface.annual as reads
from cli.generated import from_file, subgroup
from cli.render import dumps, read_options
from cli.session import Session
from ledger.interface import When, build


def register(root: click.Group) -> None:
    """Add the `annual-report` group and its hand-written commands to ``root``."""
    group = subgroup(
        root, "annual-report", "The annual report on government information disclosure (第四十九条)."
    )

    @group.command("show")
    @click.argument("year", type=int)
    @click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="write it to FILE")
    @read_options("md", "html", "json")
    def show(session: Session, year: int, when: When, fmt: str, out: Path | None) -> None:
        """The report of YEAR in the six parts of the national format (国办公开办函〔2021〕30号);
        refused (exit 1, naming the requests) when table 三 does not add up."""
        data = reads.annual_report(session.ledger, year, when)
        text = (
            dumps(data) + "\n"
            if fmt == "json"
            else reads.html(data)
            if fmt == "html"
            else reads.markdown(data)
        )
        if out is None:
            click.echo(text, nl=False)
            return
        out.write_text(text, encoding="utf-8")
        click.echo(f"annual report {year} written to {out}")

    @group.command("text")
    @click.argument("year", type=int)
    @click.option(
        "--part",
        required=True,
        type=click.Choice(["overview", "problems", "other"]),
        help="overview (一、总体情况), problems (五、存在的主要问题及改进情况) or other (六)",
    )
    @click.option("--text", "text", required=True, help="the text (@FILE reads it from a file)")
    @click.option("--effective", help="when it was written (default: today)")
    @click.pass_obj
    def text_(session: Session, year: int, part: str, text: str, effective: str | None) -> None:
        """Write a part of the report of YEAR in the office's own words."""
        actor = session.require_actor()
        fields = {"year": year, "part": part, "text": from_file(text, "--text")}
        if effective:
            fields["effective"] = effective
        command = build("annual-report.text", fields)
        session.writing = True
        click.echo(session.ledger.run([command], actor)[0]["message"])

    @group.command("publish")
    @click.argument("year", type=int)
    @click.option("--effective", help="the day it was published (default: today)")
    @click.pass_obj
    def publish(session: Session, year: int, effective: str | None) -> None:
        """Publish the report of YEAR (due 31 January of the next year): checked first (table 三
        must add up); its public notice and `show` print it as published from then on."""
        actor = session.require_actor()
        session.writing = True
        fields: dict[str, object] = {"year": year}
        if effective:
            fields["effective"] = effective
        command = build("annual-report.publish", fields)
        click.echo(session.ledger.run([command], actor)[0]["message"])
