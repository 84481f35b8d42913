"""`python -m ledger.demo --db demo.db`: record the demo year, command by command.

Each system with a demo (``ledger.systems``) contributes its steps, in table order,
run through the same door as the CLI. ``make demo`` then reads the result with the
CLI, as a clerk would (the board, the calendar, the notices).
"""

from __future__ import annotations

import click

from ledger.interface import Ledger, build, mask
from ledger.systems import demo_modules


@click.command()
@click.option("--db", default="demo.db", show_default=True)
def main(db: str) -> None:
    ledger = Ledger(db)
    count = 0
    try:
        for module in demo_modules():
            for actor, name, fields in module.steps():
                ledger.run([build(name, fields)], actor)
                count += 1
    finally:
        ledger.close()
    click.echo(f"recorded {count} commands into {mask(db)}")


if __name__ == "__main__":
    main()
