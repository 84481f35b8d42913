"""`ledger`: the clerk's, supervisor's and auditor's command line.

Thin by design: parse → command model → the ledger's interface → print.
Exit codes: 0 done, 1 refused by a rule, 2 invalid input.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import Any

import click

from cli.generated import attach
from cli.render import LIST_FORMATS, dumps, emit, emit_object, format_option
from ledger.interface import (
    DomainError,
    Ledger,
    build,
    command_words,
    require_existing,
    schema,
    validation_line,
)

LOG_COLUMNS = ("position", "recorded", "effective", "actor", "aggregate", "event", "summary")


def history_options(fn: Any) -> Any:
    """--as-of (the world on that date) and --known-at (what had been recorded by then)."""
    fn = click.option("--known-at", help="only what had been recorded by this moment (date or timestamp)")(fn)
    return click.option("--as-of", help="the state of the world on this date (YYYY-MM-DD)")(fn)


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


# top-level word -> the CLI module that adds that system's reads (its writes are generated)
READS = {
    "decision": "cli.decision",
    "catalogue": "cli.catalogue",
    "assessment": "cli.assessment",
    "duties": "cli.assessment",
    "openday": "cli.openday",
    "audit": "cli.audit",
}


class RootGroup(LedgerGroup):
    """`ledger`: loads a system's commands when its word is used, so a clerk's write
    imports one system, not five."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.loaded: set[str] = set()

    def words(self) -> set[str]:
        return set(command_words()) | set(READS)

    def load(self, word: str) -> None:
        if word in self.loaded or word not in self.words():
            return
        self.loaded.add(word)
        if word in READS:
            import_module(READS[word]).register(self, history_options)
        attach(self, run_command, word)

    def load_all(self) -> None:
        for word in sorted(self.words()):
            self.load(word)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | self.words())

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        self.load(cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(cls=RootGroup)
@click.option(
    "--db",
    envvar="LEDGER_DB",
    default="ledger.db",
    show_default=True,
    help="SQLite file, or postgresql://user:pass@host:port/dbname",
)
@click.option("--actor", envvar="LEDGER_ACTOR", help="staff id of whoever records (every write)")
@click.pass_context
def cli(ctx: click.Context, db: str, actor: str | None) -> None:
    """Gongkai Ledger (公开台账): the bureau's transparency systems as an event-sourced ledger."""
    session = Session(db, actor)
    ctx.obj = session
    ctx.call_on_close(session.close)


def run_command(ctx: click.Context, name: str, fields: dict[str, Any]) -> None:
    session: Session = ctx.obj
    actor = session.require_actor()
    command = build(name, fields)  # validate before opening the database
    result = session.ledger.run([command], actor)[0]
    click.echo(result.get("message", dumps(result)))


@cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_obj
def import_(session: Session, file: Path) -> None:
    """Run a JSONL file of commands (one per line) atomically: all of them or none."""
    actor = session.require_actor()
    count, problems = session.ledger.import_file(file, actor)
    if problems:
        for p in problems:
            click.echo(f"{file}:{p}", err=True)
        code = max(p.exit_code for p in problems)
        raise LedgerFailure(f"{len(problems)} bad line(s); nothing was written", code)
    click.echo(f"imported {count} commands")


@cli.command("schema")
@click.argument("command", required=False)
def schema_(command: str | None) -> None:
    """Print the JSON Schema of every command (or of one)."""
    schemas = schema()
    if command:
        if command not in schemas:
            raise LedgerFailure(f"command: unknown command {command!r}", 2)
        schemas = {command: schemas[command]}
    click.echo(dumps(schemas))


@cli.command("log")
@click.option("--aggregate", help="an aggregate id or key (e.g. staff:S001)")
@click.option("--since", type=int, help="first position to list")
@history_options
@format_option(*LIST_FORMATS)
@click.pass_obj
def log(
    session: Session,
    aggregate: str | None,
    since: int | None,
    as_of: str | None,
    known_at: str | None,
    fmt: str,
) -> None:
    """Every stored event in order, with who recorded it and when it took effect."""
    emit(session.ledger.log(aggregate, since, known_at, as_of), fmt, LOG_COLUMNS)


@cli.command("show")
@click.argument("ref")
@click.option("--version", type=click.IntRange(min=1), help="the aggregate as it was at this version")
@history_options
@format_option()
@click.pass_obj
def show(
    session: Session, ref: str, version: int | None, as_of: str | None, known_at: str | None, fmt: str
) -> None:
    """An aggregate's state and history (REF: a UUID or a key such as staff:S001)."""
    data = session.ledger.show(ref, version, as_of, known_at)
    for row in data["history"]:
        row.pop("aggregate_id", None)
    emit_object(data, fmt)


@cli.group("calendar", cls=LedgerGroup)
def calendar() -> None:
    """The working-day calendar recorded in the ledger."""


@calendar.command("show")
@click.argument("year", type=int)
@history_options
@format_option()
@click.pass_obj
def calendar_show(session: Session, year: int, as_of: str | None, known_at: str | None, fmt: str) -> None:
    """A year's holidays and adjusted working days, with the notice they come from."""
    emit_object(session.ledger.calendar_year(year, as_of, known_at), fmt)


def _load_json_command(session: Session, name: str, file: Path, wrap: str | None = None) -> None:
    import json

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


@calendar.command("load")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_obj
def calendar_load(session: Session, file: Path) -> None:
    """Record a year from a JSON file (format: see README, 'Calendar files')."""
    _load_json_command(session, "calendar.record", file)


@cli.group("policy", cls=LedgerGroup)
def policy() -> None:
    """Policy data: the regime's numbers with their citations."""


@policy.command("show")
@history_options
@format_option(*LIST_FORMATS)
@click.pass_obj
def policy_show(session: Session, as_of: str | None, known_at: str | None, fmt: str) -> None:
    """Every recorded version of the policy data."""
    columns = ("version", "effective_from", "key", "value", "unit", "citation")
    emit(session.ledger.policy(as_of, known_at), fmt, columns)


@policy.command("load")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_obj
def policy_load(session: Session, file: Path) -> None:
    """Record a new version of the policy data from a JSON file."""
    _load_json_command(session, "policy.record", file, wrap="policy")


@cli.group("org", cls=LedgerGroup)
def org() -> None:
    """The organisation: units, staff and roles."""


@org.command("list")
@history_options
@format_option()
@click.pass_obj
def org_list(session: Session, as_of: str | None, known_at: str | None, fmt: str) -> None:
    """Units and staff with their current roles."""
    emit_object(session.ledger.directory(as_of, known_at), fmt)


BOARD_COLUMNS = ("key", "unit", "subject", "obligation", "due", "status", "note", "citation")


@cli.group("deadlines", cls=LedgerGroup, invoke_without_command=True)
@click.option("--unit", help="only this unit's obligations")
@history_options
@format_option(*LIST_FORMATS)
@click.pass_context
def deadlines(
    ctx: click.Context, unit: str | None, as_of: str | None, known_at: str | None, fmt: str
) -> None:
    """The deadline board: every obligation, its due date, status and citation."""
    if ctx.invoked_subcommand is None:
        emit(ctx.obj.ledger.deadlines(as_of, known_at, unit), fmt, BOARD_COLUMNS, title="deadline board")


@deadlines.command("explain")
@click.argument("key")
@history_options
@format_option()
@click.pass_obj
def deadlines_explain(session: Session, key: str, as_of: str | None, known_at: str | None, fmt: str) -> None:
    """How an obligation's date was worked out, day by day."""
    emit_object(session.ledger.explain(key, as_of, known_at), fmt)


@cli.command("notices")
@history_options
@click.option("--format", "fmt", type=click.Choice(("md", "html", "json")), default="md", show_default=True)
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), help="write one file per notice here"
)
@click.pass_obj
def notices(session: Session, as_of: str | None, known_at: str | None, fmt: str, out: Path | None) -> None:
    """The public notices (Chinese, dated): only public data, ever."""
    docs = session.ledger.notices(as_of, known_at)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        for doc in docs:
            text = (
                doc.model_dump_json(indent=2)
                if fmt == "json"
                else doc.markdown()
                if fmt == "md"
                else doc.html()
            )
            (out / f"{doc.slug}.{fmt}").write_text(text, encoding="utf-8")
        click.echo(f"wrote {len(docs)} notices to {out}")
        return
    if fmt == "json":
        click.echo(dumps([d.model_dump(mode="json") for d in docs]))
    else:
        click.echo("\n\n".join(d.markdown() if fmt == "md" else d.html() for d in docs))


def main() -> None:
    cli(prog_name="ledger")


if __name__ == "__main__":
    main()
