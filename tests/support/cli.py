"""The CLI as a test invokes it: `ledger` through click's CliRunner."""

from __future__ import annotations

from collections.abc import Callable

from click.testing import Result

CliRun = Callable[..., Result]
"""``invoke(*args, actor="S001") -> Result``: one `ledger` command against the test's file."""
