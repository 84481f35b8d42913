"""`ledger site build OUT`: the disclosure column as a static website (pages, feed, open data)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from cli.render import emit_object, format_option
from cli.session import Session, history_options

if TYPE_CHECKING:
    from ledger.interface import When


def register(root: click.Group) -> None:
    @root.group("site")
    def site() -> None:
        """The public website of the disclosure column (政务公开), built from the ledger."""

    @site.command("build")
    @click.argument("out", type=click.Path(file_okay=False, path_type=Path))
    @history_options
    @format_option()
    @click.pass_obj
    def build(session: Session, out: Path, when: When, fmt: str) -> None:
        """Write the site into OUT: a page per notice at a permanent address, the catalogue,
        registers, open data (JSON, CSV, Excel), an Atom feed and the inspector's charts.
        --as-of DATE builds it as the public saw it that day."""
        from ledger.interface.publishing import build_site  # rendering loaded only when used

        done = build_site(session.ledger, out, when)
        if fmt == "json":
            emit_object(done, fmt)
            return
        click.echo(
            f"built the site of {done['day']} in {done['out']}: {done['notices']} notices, "
            + ", ".join(f"{n} {kind}" for kind, n in done["files"].items())
            + f"; open {done['out']}/index.html"
        )
