"""What every command shares: the session (database, actor, opened ledger), the one-line
failure, the group that turns domain errors into exit codes, and the history options."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ledger.interface import DomainError, Ledger, When, require_existing, validation_line


class LedgerFailure(click.ClickException):
    """One line on stderr; exit 1 for a refused act, 2 for invalid input."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code  # type: ignore[misc]


class Session:
    """What every command shares: the database, the actor, and the opened ledger."""

    def __init__(self, db: str, actor: str | None) -> None:
        self.db = db
        self.actor = actor
        self.writing = False
        self._ledger: Ledger | None = None

    @property
    def ledger(self) -> Ledger:
        if self._ledger is None:
            if not self.writing:
                require_existing(self.db)
            self._ledger = Ledger(self.db)
        return self._ledger

    def require_actor(self) -> str:
        """Every write names its actor; only a write may start a new ledger file."""
        if not self.actor:
            raise LedgerFailure(
                "--actor: every write names the staff member who makes it (or set LEDGER_ACTOR)", 2
            )
        self.writing = True
        return self.actor

    def close(self) -> None:
        if self._ledger is not None:
            self._ledger.close()


class LedgerGroup(click.Group):
    """Turns domain errors into one line on stderr and the right exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        from pydantic import ValidationError

        try:
            return super().invoke(ctx)
        except DomainError as e:
            raise LedgerFailure(e.one_line(), e.exit_code) from None
        except ValidationError as e:
            raise LedgerFailure(validation_line(e), 2) from None


F = Callable[..., Any]


def history_options(fn: F) -> F:
    """--as-of (the world on that date) and --known-at (what had been recorded by then),
    parsed once into the ``when`` argument of the command."""

    @functools.wraps(fn)
    def with_when(*args: Any, as_of: str | None, known_at: str | None, **kwargs: Any) -> Any:
        return fn(*args, when=When.parse(as_of, known_at), **kwargs)

    with_when = click.option(
        "--known-at", help="only what had been recorded by this moment (date or timestamp)"
    )(with_when)
    return click.option("--as-of", help="the state of the world on this date (YYYY-MM-DD)")(with_when)


def load_json_command(session: Session, name: str, file: Path, wrap: str | None = None) -> None:
    """Run command ``name`` with the fields in a JSON file (``wrap``: under that one field)."""
    import json

    from ledger.interface import build

    actor = session.require_actor()
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise LedgerFailure(f"{file}: not JSON ({e.msg} at line {e.lineno})", 2) from None
    except UnicodeDecodeError as e:
        raise LedgerFailure(f"{file}: not UTF-8 text (byte {e.start})", 2) from None
    fields = {wrap: data} if wrap else data
    result = session.ledger.run([build(name, fields)], actor)[0]
    click.echo(result["message"])
