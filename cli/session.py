"""What every command shares: the session (database, actor, opened ledger), the one-line
failure, the group that turns every error into one line and its exit code, and the
history options.

Exit codes (the README's convention): 0 done; 1 refused by a rule; 2 malformed input or
a name the ledger does not hold; 3 the ledger could not be used; 4 a fault of the ledger
itself (a bug: report it with the ``--debug`` traceback).
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

import click

from ledger.interface import DomainError, NotFound, Unusable

if TYPE_CHECKING:  # imported when first used: a read needs neither keys nor the command models
    from pydantic import ValidationError

    from ledger.interface import KeyFolder, Ledger, Signer

BUG = 3  # the ledger could not be used: it failed itself (the line says it is a bug)


class LedgerFailure(click.ClickException):
    """One line on stderr and its exit code: 1 refused by a rule, 2 invalid input,
    3 the ledger could not be used, 4 a bug."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code  # type: ignore[misc]


class Session:
    """What every command shares: the database, the actor, and the opened ledger."""

    def __init__(self, db: str, actor: str | None, keys: Path | None = None, key: Path | None = None) -> None:
        self.db = db
        self.actor = actor
        self._key_folder, self._key_file = keys, key
        self.writing = False
        self._ledger: Ledger | None = None

    @cached_property
    def keys(self) -> KeyFolder:
        """The actor's key folder: their key signs every write (``ledger.signing``)."""
        from ledger.interface import KeyFolder

        return KeyFolder(self._key_folder, self._key_file)

    @property
    def ledger(self) -> Ledger:
        if self._ledger is None:
            from ledger.interface import Ledger, require_existing

            if not self.writing:
                require_existing(self.db)
            self._ledger = Ledger(self.db, keys=self)  # the key folder opens when a write signs
        return self._ledger

    def signer(self, actor: str) -> Signer | None:
        """The actor's signer from the key folder (the ledger's keyring: only a write asks)."""
        return self.keys.signer(actor)

    @property
    def opened(self) -> Ledger | None:
        """The ledger, if this command opened it (a failure is explained from what it holds)."""
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


def debugging(ctx: click.Context) -> bool:
    """``--debug`` or ``LEDGER_DEBUG=1``: let the traceback through."""
    if ctx.find_root().params.get("debug"):
        return True
    return os.environ.get("LEDGER_DEBUG", "").strip().lower() in ("1", "true", "yes", "on")


class LedgerGroup(click.Group):
    """Turns every error into one line on stderr and its exit code; never a traceback
    (unless ``--debug``). A password in ``--db`` is never printed."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a closed pipe shows here, not in click's final flush (exit 1)
            return result
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:
            # the reader has had enough (`ledger log | head`): stop quietly, as Unix tools do
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise click.exceptions.Exit(0) from None
        except Exception as e:
            if debugging(ctx):
                raise
            from ledger.interface import mask, storage_failure, validation_line

            db = str(ctx.find_root().params.get("db") or "")
            session = ctx.find_root().obj
            if isinstance(e, NotFound) and isinstance(session, Session) and session.opened is not None:
                e = session.opened.suggest(e)
            if isinstance(e, DomainError | Unusable):
                message, code = e.one_line(), e.exit_code
            elif validation_error(e):
                message, code = validation_line(e), 2
            elif (unusable := storage_failure(db, e)) is not None:
                message, code = unusable.one_line(), unusable.exit_code
            elif isinstance(e, OSError) and e.filename is not None:
                message, code = f"{e.filename}: {e.strerror or e}; check the path", 2
            else:
                message = (
                    f"the ledger failed ({type(e).__name__}: {e}); this is a bug: run again "
                    "with --debug (or LEDGER_DEBUG=1) and report the traceback"
                )
                code = BUG
            raise LedgerFailure(mask(" ".join(message.split()), db), code) from None


def validation_error(e: Exception) -> TypeGuard[ValidationError]:
    """A pydantic ValidationError (none can be raised where pydantic was never imported: a read
    of stored views does not import it just to look)."""
    pydantic = sys.modules.get("pydantic")
    return pydantic is not None and isinstance(e, pydantic.ValidationError)


F = Callable[..., Any]


def history_options(fn: F) -> F:
    """--as-of (the world on that date) and --known-at (what had been recorded by then),
    parsed once into the ``when`` argument of the command."""

    @functools.wraps(fn)
    def with_when(*args: Any, as_of: str | None, known_at: str | None, **kwargs: Any) -> Any:
        from ledger.interface import When

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
