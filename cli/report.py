"""`ledger report YEAR`: the supervisor's printable report of a year (placeholder filled below)."""

from __future__ import annotations

import click


def register(root: click.Group) -> None:
    pass
