"""`python -m ledger.demo --db demo.db`: record the demo year, command by command.

Each system with a demo (``ledger.systems``) contributes its steps, in table order,
run through the same door as the CLI. ``make demo`` then reads the result with the
CLI, as a clerk would (the board, the calendar, the notices).

Every act is signed: each of the demo's staff gets a key in a folder next to the
database (``demo-keys/`` for ``demo.db``; kept if it is there already), the founder's
registered with ``org init`` and the others' by the office right after the bureau.
``ledger --keys demo-keys --actor S002 …`` then writes as that clerk.
"""

from __future__ import annotations

from pathlib import Path

import click

from ledger.demo import org
from ledger.interface import Ledger, build, mask
from ledger.signing import KeyFolder
from ledger.storage import is_postgres
from ledger.systems import demo_modules


def demo_keys(folder: Path) -> KeyFolder:
    """A key for each of the demo's staff in ``folder`` (made where missing)."""
    keys = KeyFolder(folder)
    for staff_id in org.STAFF:
        if keys.signer(staff_id) is None:
            keys.new(staff_id)
    return keys


def public_keys(keys: KeyFolder) -> dict[str, str]:
    found = {staff_id: keys.signer(staff_id) for staff_id in org.STAFF}
    return {staff_id: signer.public_key for staff_id, signer in found.items() if signer is not None}


@click.command()
@click.option("--db", default="demo.db", show_default=True)
@click.option(
    "--keys",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="the staff's key folder (default: DB's name with -keys, next to it; demo-keys for PostgreSQL)",
)
def main(db: str, folder: Path | None) -> None:
    beside = Path("demo-keys") if is_postgres(db) else Path(db).with_name(Path(db).stem + "-keys")
    keys = demo_keys(folder or beside)
    ledger = Ledger(db, keys=keys)
    count = 0
    try:
        for module in demo_modules():
            steps = org.steps(public_keys(keys)) if module is org else module.steps()
            for actor, name, fields in steps:
                ledger.run([build(name, fields)], actor)
                count += 1
    finally:
        ledger.close()
    click.echo(f"recorded {count} commands into {mask(db)}, each signed by its actor (keys in {keys.folder})")


if __name__ == "__main__":
    main()
