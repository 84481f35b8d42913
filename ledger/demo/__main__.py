"""`python -m ledger.demo --db demo.db --out demo-notices` (what `make demo` runs)."""

from __future__ import annotations

from pathlib import Path

import click

from cli.main import cli
from ledger.demo import assessment, catalogue, decision, duties, openday, org
from ledger.interface import Ledger

SYSTEMS = (org, decision, catalogue, duties, assessment, openday)


@click.command()
@click.option("--db", default="demo.db", show_default=True)
@click.option("--out", default="demo-notices", show_default=True, type=click.Path(path_type=Path))
@click.option("--as-of", default=None, help="board date (default: today)")
def main(db: str, out: Path, as_of: str | None) -> None:
    ledger = Ledger(db)
    count = 0
    for system in SYSTEMS:
        for actor, name, fields in system.steps():
            ledger.execute(name, fields, actor)
            count += 1
    ledger.close()
    click.echo(f"recorded {count} commands into {db}\n")
    board = ["--db", db, "deadlines"] + (["--as-of", as_of] if as_of else [])
    for args in (["--db", db, "org", "list"], ["--db", db, "calendar", "show", "2026"], board):
        click.echo(f"$ ledger {' '.join(args[2:])}")
        cli.main(args, prog_name="ledger", standalone_mode=False)
        click.echo()
    cli.main(["--db", db, "notices", "--out", str(out)], prog_name="ledger", standalone_mode=False)
    cli.main(
        ["--db", db, "notices", "--out", str(out), "--format", "html"],
        prog_name="ledger",
        standalone_mode=False,
    )


if __name__ == "__main__":
    main()
