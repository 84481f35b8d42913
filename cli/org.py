"""`ledger org list`: units and staff with their roles. The writes (`org init`,
`org unit add`, `org staff add`, `org role assign|end`, …) are generated from the command models."""

from __future__ import annotations

import click

from cli.generated import subgroup
from cli.render import emit_object, read_options
from cli.session import Session
from ledger.interface import When


def register(root: click.Group) -> None:
    org = subgroup(root, "org", "The organisation: units, staff and roles.")

    @org.command("list")
    @read_options()
    def org_list(session: Session, when: When, fmt: str) -> None:
        """Units and staff with their current roles."""
        emit_object(session.ledger.directory(when), fmt)
