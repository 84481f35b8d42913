"""`ledger`: the clerk's, supervisor's and auditor's command line.

Thin by design: parse → command model → the ledger's interface → print.
Exit codes: 0 done, 1 refused by a rule, 2 invalid input or an unknown name, 3 the ledger
could not be used, a bug included (``cli.session``; the README's "Exit codes").
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from cli.render import (
    LIST_FORMATS,
    dumps,
    emit,
    emit_object,
    format_option,
    page_footer,
    page_options,
    paging,
)
from cli.session import LedgerFailure, LedgerGroup, Session, history_options
from ledger.interface import system, word_help, words

if TYPE_CHECKING:
    from ledger.interface import When

LOG_COLUMNS = ("position", "recorded", "effective", "actor", "aggregate", "event", "summary")


class RootGroup(LedgerGroup):
    """`ledger`: loads a system's commands when its word is used, so a clerk's write
    imports one system, not five (the systems and their modules: ``ledger.systems``);
    ``ledger --help`` lists the words with their help from the table, loading none."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.loaded: set[str] = set()
        self.listing = False

    def load(self, word: str) -> None:
        """Register ``word``'s hand-written commands; its generated ones (the command models)
        are attached when first needed (``cli.generated.WordGroup``)."""
        if word in self.loaded or word not in words():
            return
        self.loaded.add(word)
        from cli.generated import WordGroup, attach

        import_module(system(word).cli).register(self)
        group = self.commands.get(word)
        if isinstance(group, WordGroup):
            group.generate = lambda: attach(self, run_command, word)
        else:
            attach(self, run_command, word)

    def load_all(self) -> None:
        from cli.generated import WordGroup

        for word in words():
            self.load(word)
            if isinstance(group := self.commands.get(word), WordGroup):
                group.attach_generated()

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(words()))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if self.listing and cmd_name in words() and cmd_name not in self.loaded:  # its line, as data
            text = word_help(cmd_name)
            return None if text is None else click.Command(cmd_name, help=text)
        self.load(cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self.listing = True
        try:
            super().format_commands(ctx, formatter)
        finally:
            self.listing = False


@click.group(cls=RootGroup)
@click.option(
    "--db",
    envvar="LEDGER_DB",
    default="ledger.db",
    show_default=True,
    help="SQLite file, or postgresql://user:pass@host:port/dbname",
)
@click.option("--actor", envvar="LEDGER_ACTOR", help="staff id of whoever records (every write)")
@click.option("--debug", is_flag=True, help="show the traceback of a failure (or set LEDGER_DEBUG=1)")
@click.option(
    "--keys",
    envvar="LEDGER_KEYS",
    type=click.Path(file_okay=False, path_type=Path),
    help="your key folder (default: ~/.config/gongkai-ledger/keys; $XDG_CONFIG_HOME respected)",
)
@click.option(
    "--key",
    envvar="LEDGER_KEY",
    type=click.Path(dir_okay=False, path_type=Path),
    help="your private key file, instead of ACTOR.pem in the key folder",
)
@click.pass_context
def cli(
    ctx: click.Context, db: str, actor: str | None, debug: bool, keys: Path | None, key: Path | None
) -> None:
    """Gongkai Ledger (公开台账): the bureau's transparency systems as an event-sourced ledger."""
    session = Session(db, actor, keys, key)
    ctx.obj = session
    ctx.call_on_close(session.close)


def run_command(ctx: click.Context, name: str, fields: dict[str, Any]) -> None:
    from ledger.interface import build

    session: Session = ctx.obj
    actor = session.require_actor()
    command = build(name, fields)  # validate before opening the database
    result = session.ledger.run([command], actor)[0]
    click.echo(result.get("message", dumps(result)))


@cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_obj
def import_(session: Session, file: Path) -> None:
    """Run a JSONL file of commands (one per line) atomically: all of them or none.

    A line may name its actor ("actor": "P01"); --actor makes the lines that name none."""
    session.writing = True  # an import may start a new ledger file, like any write
    count, problems = session.ledger.import_file(file, session.actor)
    if problems:
        for p in problems:
            click.echo(f"{file}:{p}", err=True)
        code = max(p.exit_code for p in problems)
        raise LedgerFailure(f"{len(problems)} bad line(s); nothing was written", code)
    click.echo(f"imported {count} command{'' if count == 1 else 's'}")


@cli.command("schema")
@click.argument("command", required=False)
def schema_(command: str | None) -> None:
    """Print the JSON Schema of every command (or of one)."""
    from ledger.interface import schema

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
    when: When,
    fmt: str,
) -> None:
    """Every stored event in order, with who recorded it and when it took effect."""
    emit(session.ledger.log(aggregate, since, when), fmt, LOG_COLUMNS)


@cli.command("show")
@click.argument("ref")
@click.option("--version", type=click.IntRange(min=1), help="the aggregate as it was at this version")
@history_options
@format_option()
@click.pass_obj
def show(session: Session, ref: str, version: int | None, when: When, fmt: str) -> None:
    """An aggregate's state and history (REF: a UUID or a key such as staff:S001)."""
    data = session.ledger.show(ref, version, when)
    for row in data["history"]:
        row.pop("aggregate_id", None)
    emit_object(data, fmt)


BOARD_COLUMNS = ("key", "unit", "subject", "obligation", "due", "status", "note", "citation")


@cli.group("deadlines", invoke_without_command=True)
@click.option("--unit", help="only this unit's obligations")
@click.option(
    "--status",
    "states",
    multiple=True,
    help="only these states, comma-separated: overdue, due, open, pending, met late, met, closed",
)
@page_options
@history_options
@format_option(*LIST_FORMATS)
@click.pass_context
def deadlines(
    ctx: click.Context,
    unit: str | None,
    states: tuple[str, ...],
    limit: int | None,
    page: int | None,
    every: bool,
    when: When,
    fmt: str,
) -> None:
    """The deadline board, most urgent first: overdue, then due soonest; a line per unit on top.
    A table shows the 100 most urgent (--page, --limit, --all for more); JSON and CSV every row."""
    if ctx.invoked_subcommand is not None:
        return
    size, offset = paging(fmt, limit, page, every)
    board = None
    if when.now:  # caught-up views answer from their stored rows alone (cold start)
        from ledger.interface import lean

        board = lean.board(ctx.obj.db, unit, states, size, offset)
    if board is None:
        board = ctx.obj.ledger.board(when, unit, states, size, offset)
    if fmt == "table":
        for line in board.summary():
            counts = ", ".join(f"{n} {state}" for state, n in line.items() if state != "unit" and n)
            click.echo(f"{line['unit']}: {counts}")
    emit(board.rows, fmt, BOARD_COLUMNS, title="deadline board", optional=("citation", "note"))
    if fmt == "table":
        page_footer(len(board.rows), offset, board.total, size, "most urgent first")


@deadlines.command("explain")
@click.argument("key")
@history_options
@format_option()
@click.pass_obj
def deadlines_explain(session: Session, key: str, when: When, fmt: str) -> None:
    """How an obligation's date was worked out, day by day."""
    emit_object(session.ledger.explain(key, when), fmt)


@cli.command("notices")
@history_options
@click.option("--format", "fmt", type=click.Choice(("md", "html", "json")), default="md", show_default=True)
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), help="write one file per notice here"
)
@click.option(
    "--receipt",
    "key",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="sign a receipt of the record they rest on into each notice, with this (registered) key",
)
@click.pass_obj
def notices(session: Session, when: When, fmt: str, out: Path | None, key: Path | None) -> None:
    """The public notices (Chinese, dated): only public data, ever."""
    if key is None:
        docs = session.ledger.notices(when)
    else:
        from ledger.interface.audit import notices_with_receipt  # signing only when asked

        docs = notices_with_receipt(session.ledger, when, key)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        for doc in docs:
            text = (
                doc.model_dump_json(indent=2, exclude=None if doc.receipt else {"receipt"})
                if fmt == "json"
                else doc.markdown()
                if fmt == "md"
                else doc.html()
            )
            (out / f"{doc.slug}.{fmt}").write_text(text, encoding="utf-8")
        click.echo(f"wrote {len(docs)} notice{'' if len(docs) == 1 else 's'} as {fmt} to {out}")
        return
    if fmt == "json":
        click.echo(dumps([d.data() for d in docs]))
    else:
        click.echo("\n\n".join(d.markdown() if fmt == "md" else d.html() for d in docs))


# Outputs over every system (not systems themselves): the website and the supervisor's report.
for output in ("site", "report"):
    import_module(f"cli.{output}").register(cli)


def main() -> None:
    cli(prog_name="ledger")


if __name__ == "__main__":
    main()
