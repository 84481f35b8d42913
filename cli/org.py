"""`ledger org list`: units and staff with their roles; `ledger key new`: a person's signing key.
The writes (`org init`, `org unit add`, `org staff add`, `org staff key register|revoke`,
`org role assign|end`, …) are generated from the command models."""

from __future__ import annotations

import click

from cli.generated import subgroup
from cli.render import LIST_FORMATS, emit_object, read_options
from cli.session import LedgerFailure, Session
from ledger.interface import When, word_help


def register(root: click.Group) -> None:
    org = subgroup(root, "org", word_help("org"))

    @org.command("list")
    @read_options(*LIST_FORMATS)
    def org_list(session: Session, when: When, fmt: str) -> None:
        """Units and staff with their current roles. As CSV: one row per staff member."""
        emit_object(session.ledger.directory(when), fmt, csv_rows="staff")

    key = subgroup(root, "key", "Your own signing key (its private half never leaves your key folder).")

    @key.command("new")
    @click.option("--staff-id", required=True, help="whose key (yours)")
    @click.pass_obj
    def key_new(session: Session, staff_id: str) -> None:
        """Make your Ed25519 key: the private half goes to your key folder (or --key), the
        public half is printed for the office to register."""
        made = session.keys.new(staff_id)
        click.echo(f"private key for {staff_id} written to {made['private']} (keep it; never share it)")
        click.echo(f"public key {made['key_id']}: {made['public_key']}")
        click.echo(
            f"the office registers it: ledger org staff key register --staff-id {staff_id} "
            f"--public-key {made['public_key']}"
        )

    @key.command("show")
    @click.option("--staff-id", required=True, help="whose key")
    @click.pass_obj
    def key_show(session: Session, staff_id: str) -> None:
        """Print the public half of a key in your key folder."""
        signer = session.keys.signer(staff_id)
        if signer is None:
            raise LedgerFailure(f"key: no key for {staff_id} in {session.keys.folder}", 2)
        click.echo(signer.public_key)
