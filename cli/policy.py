"""`ledger policy show|load`: the regime's numbers and our readings, with their citations
(`policy seed` is generated from its command model)."""

from __future__ import annotations

from pathlib import Path

import click

from cli.generated import subgroup
from cli.render import LIST_FORMATS, emit, read_options
from cli.session import Session, load_json_command
from ledger.interface import When, word_help

COLUMNS = ("version", "effective_from", "key", "value", "unit", "citation")


def register(root: click.Group) -> None:
    policy = subgroup(root, "policy", word_help("policy"))

    @policy.command("show")
    @read_options(*LIST_FORMATS)
    def policy_show(session: Session, when: When, fmt: str) -> None:
        """Every recorded version of the policy data."""
        emit(session.ledger.policy(when), fmt, COLUMNS)

    @policy.command("load")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.pass_obj
    def policy_load(session: Session, file: Path) -> None:
        """Record a new version of the policy data from a JSON file."""
        load_json_command(session, "policy.record", file, wrap="policy")
