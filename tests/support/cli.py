"""The CLI as a test invokes it: `ledger` through click's CliRunner."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import Result

from tests.support.ledger import stored_events

CliRun = Callable[..., Result]
"""``invoke(*args, actor="S001") -> Result``: one `ledger` command against the test's file."""

ORG_INIT = ("org", "init", "--bureau", "雁江区金融工作局", "--office-code", "OFFICE", "--actor-name", "王芳")
"""`ledger org init` of the demo's bureau, its office and its first clerk (S001), on an empty ledger."""


def correction(aggregate: str, version: int, *change: str, reason: str = "x") -> tuple[str, ...]:
    """The arguments of `ledger correct` for one entry: ``change`` is ``--replace JSON`` or ``--retract``."""
    return ("correct", "--aggregate", aggregate, "--version", str(version), "--reason", reason, *change)


def discussion(number: str, meeting: str = "局党组会") -> tuple[str, ...]:
    """`ledger decision discuss` approving ``number`` at ``meeting``, attended by 张局长."""
    return (
        "decision",
        "discuss",
        "--decision",
        number,
        "--approved",
        "--meeting",
        meeting,
        "--attendees",
        "张局长",
    )


def error_line(output: str) -> str:
    """The one line a failing command prints ("Error: …"): never a traceback, never a second error."""
    lines = output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), output
    return lines[0]


def ok(cli: CliRun, *args: str, actor: str | None = "S001") -> str:
    """Run a command that must succeed; what it prints."""
    result = cli(*args, actor=actor)
    assert result.exit_code == 0, result.output
    return result.output


def read_json(cli: CliRun, *args: str) -> Any:
    """A read command's answer as JSON (no actor needed to read; it must succeed)."""
    result = cli(*args, "--format", "json", actor=None)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def write_jsonl(path: Path, *lines: object) -> Path:
    """A file for `ledger import`: each line a command as JSON, or a string written as it is."""
    text = "\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines)
    path.write_text(text, encoding="utf-8")
    return path


def failed(cli: CliRun, db_file: Path, *args: str, actor: str | None, exit_code: int) -> Result:
    """Run a command that must fail with ``exit_code`` and write nothing to ``db_file``."""
    before = stored_events(db_file)
    result = cli(*args, actor=actor)
    assert result.exit_code == exit_code, result.output
    assert stored_events(db_file) == before
    return result


def refused(cli: CliRun, db_file: Path, *args: str, actor: str | None = "S001", exit_code: int = 1) -> str:
    """Run a command that must fail with ``exit_code`` (1: refused by a rule, 2: malformed input),
    print one line, on stderr, and write nothing to ``db_file``. Returns the line."""
    result = failed(cli, db_file, *args, actor=actor, exit_code=exit_code)
    line = error_line(result.output)
    assert result.stderr.strip() == line, result.output
    return line


def refused_import(cli: CliRun, db_file: Path, path: Path, exit_code: int, actor: str | None = "S001") -> str:
    """`ledger import` of a file that must fail as a whole (``exit_code``), writing nothing;
    returns what it says on stderr, a line for each bad line."""
    return failed(cli, db_file, "import", str(path), actor=actor, exit_code=exit_code).stderr
