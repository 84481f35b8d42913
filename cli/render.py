"""Printing rows as a table (rich) or JSON, the same way for every read command."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast

import click

from cli.session import history_options

F = TypeVar("F", bound=Callable[..., Any])

FORMATS = ("table", "json")
LIST_FORMATS = ("table", "json", "csv")


def format_option(*choices: str) -> Callable[[F], F]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices or FORMATS),
        default=(choices or FORMATS)[0],
        show_default=True,
        help="output format",
    )


def read_options(*formats: str) -> Callable[[F], F]:
    """What every read command takes: --as-of/--known-at (as ``when``), --format (as ``fmt``; the
    first of ``formats`` is the default) and the session, in that order of arguments."""

    def apply(fn: F) -> F:
        return cast(F, history_options(format_option(*formats)(click.pass_obj(fn))))

    return apply


PAGE = 100  # rows a table shows unless told otherwise (the most urgent / the first by number)


def page_options(fn: F) -> F:
    """--limit, --page and --all, the same for every read that can be long (as ``limit``,
    ``page``, ``every``; ``paging`` turns them into rows and offset)."""
    fn = click.option("--all", "every", is_flag=True, help="every row (JSON and CSV: every row anyway)")(fn)
    fn = click.option(
        "--page", type=click.IntRange(min=1), help=f"which page of --limit rows (default {PAGE}) to show"
    )(fn)
    return click.option("--limit", type=click.IntRange(min=1), help=f"rows per page (table: {PAGE})")(fn)


def paging(fmt: str, limit: int | None, page: int | None, every: bool) -> tuple[int | None, int]:
    """(rows to show, how many to skip): a table shows a page of ``PAGE`` rows; JSON and CSV
    give every row unless a page is asked for; ``--all`` every row."""
    if every:
        if limit is not None or page is not None:
            raise click.UsageError("--all shows every row: give it without --limit or --page")
        return None, 0
    if limit is None and page is None and fmt != "table":
        return None, 0
    size = limit or PAGE
    return size, ((page or 1) - 1) * size


def page_footer(shown: int, offset: int, total: int, limit: int | None, order: str) -> None:
    """Under a table that does not show every row: which rows these are and how to see the rest."""
    if limit is None or (offset == 0 and shown >= total):
        return
    size = limit
    line = f"rows {offset + 1}–{offset + shown} of {total}, {order}"
    if not shown:
        line = f"no rows on this page; {total} in all"
    more = offset + shown < total
    hint = f"--page {offset // size + 2} for the next {size}, " if more else ""
    click.echo(f"{line}; {hint}--all for every row")


def year_read(
    group: click.Group, name: str, read: Callable[[Any, int, Any], dict[str, Any]], csv_rows: str, text: str
) -> None:
    """Add ``GROUP NAME YEAR``: a read of one year, with the history options, as a table, JSON or
    CSV (one row per item of ``csv_rows``). ``read(session, year, when)`` gives the data."""

    @group.command(name, help=text)
    @click.argument("year", type=int)
    @read_options(*LIST_FORMATS)
    def command(session: Any, year: int, when: Any, fmt: str) -> None:
        emit_object(read(session, year, when), fmt, csv_rows=csv_rows)


def record_read(
    group: click.Group, read: Callable[[Any, str, Any], dict[str, Any]], text: str, argument: str = "number"
) -> None:
    """Add ``GROUP show NUMBER``: one record by its number, with the history options, as a table
    or JSON. ``read(ledger, number, when)`` gives the data."""

    @group.command("show", help=text)
    @click.argument(argument)
    @read_options()
    def command(session: Any, when: Any, fmt: str, **ref: str) -> None:
        emit_object(read(session.ledger, ref[argument], when), fmt)


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def console() -> Any:
    """A console that fits the terminal it prints to; colour only on a terminal (rich leaves
    colour out of a pipe or a file; NO_COLOR and FORCE_COLOR are honoured). Printed to a pipe,
    it is as wide as ``COLUMNS`` says, else wide enough for the board not to fold."""
    import os
    import sys

    from rich.console import Console  # imported here: most writes never print a table

    class PipedConsole(Console):
        def on_broken_pipe(self) -> None:
            """Rich would exit 1 here; the CLI's one handler stops quietly (exit 0) instead."""
            self.quiet = True
            raise BrokenPipeError

    width = None if sys.stdout.isatty() or os.environ.get("COLUMNS") else PIPE_WIDTH
    return PipedConsole(
        file=sys.stdout, width=width, soft_wrap=False, emoji=False, markup=False, highlight=False
    )


PIPE_WIDTH = 200


def width() -> int:
    """The width ``console()`` would print at, without building one (rich costs ~40 ms to import)."""
    import os
    import shutil
    import sys

    if not sys.stdout.isatty() and not os.environ.get("COLUMNS"):
        return PIPE_WIDTH
    return shutil.get_terminal_size().columns


# the style of a row by its state: what needs acting on stands out
STATE_STYLE = {"overdue": "bold red", "due": "yellow"}


def emit(
    rows: Sequence[dict[str, Any]],
    fmt: str,
    columns: Sequence[str] | None = None,
    title: str | None = None,
    optional: Sequence[str] = (),
) -> None:
    """Rows as a table, JSON or CSV. ``optional`` columns are left out of a table that would
    not fit the terminal (JSON and CSV always carry every column)."""
    if fmt == "json":
        click.echo(dumps(list(rows)))
        return
    if fmt == "csv":
        emit_csv(rows, columns)
        return
    cols = list(columns or (rows[0].keys() if rows else []))
    if len(rows) >= LARGE:
        if width() < 140:
            cols = [c for c in cols if c not in optional]
        emit_plain(rows, cols, title)
        return
    from rich.table import Table

    out = console()
    if out.width < 140:
        cols = [c for c in cols if c not in optional]
    table = Table(title=title, show_lines=False)
    for col in cols:
        table.add_column(col, overflow="fold")
    for row in rows:
        style = STATE_STYLE.get(str(row.get("status") or row.get("standing") or ""))
        table.add_row(*(cell(row.get(c)) for c in cols), style=style)
    out.print(table)


LARGE = 100  # rows from which a table (a full page) is printed line by line, not drawn by rich
WIDEST = 40  # a column wider than this in a large table does not widen the others' alignment


def emit_plain(rows: Sequence[dict[str, Any]], cols: Sequence[str], title: str | None) -> None:
    """A large table, aligned and printed line by line: drawing thousands of rows with rich costs
    seconds and holds the whole drawing in memory; this costs one pass to measure, one to print."""
    from rich.cells import cell_len  # the width of CJK text on a terminal

    cells = [[cell(row.get(c)) for c in cols] for row in rows]
    widths = [
        min(WIDEST, max([cell_len(c), *(cell_len(line[i]) for line in cells)])) for i, c in enumerate(cols)
    ]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v + " " * (w - cell_len(v)) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [title] if title else []
    out += [line(cols), "  ".join("-" * w for w in widths)]
    click.echo("\n".join(out))
    for i in range(0, len(cells), 1000):
        click.echo("\n".join(line(values) for values in cells[i : i + 1000]))
    click.echo(f"({len(rows)} rows)")


def emit_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None) -> None:
    """CSV with a UTF-8 byte-order mark, so Excel and WPS on a Chinese Windows read it as UTF-8."""
    import csv
    import io

    buf = io.StringIO()
    writer = csv.DictWriter(
        buf, fieldnames=list(columns or (rows[0].keys() if rows else [])), extrasaction="ignore"
    )
    writer.writeheader()
    writer.writerows({k: cell(v) for k, v in row.items()} for row in rows)
    click.echo(("\ufeff" + buf.getvalue()).encode("utf-8"), nl=False)  # bytes: no re-encoding


def cell(value: Any) -> str:
    """One value as a person reads it: nothing for None, yes/no, a list joined by semicolons."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{label(k)}: {cell(v)}" for k, v in value.items())
    return str(value)


def label(key: str) -> str:
    """A field's name as a label: ``closes_on`` → ``closes on``."""
    return key.replace("_", " ")


def emit_object(obj: dict[str, Any], fmt: str, csv_rows: str | None = None) -> None:
    """A record: its fields as ``label: value`` lines, its lists of rows as tables; JSON as is;
    as CSV, its list ``csv_rows`` (a spreadsheet holds one table)."""
    if fmt == "json":
        click.echo(dumps(obj))
        return
    if fmt == "csv" and csv_rows is not None:
        rows = obj.get(csv_rows)
        emit_csv(rows if isinstance(rows, list) else [])
        return
    for key, value in obj.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            emit(value, "table", title=label(key))
        elif isinstance(value, dict):
            click.echo(f"{label(key)}:")
            for k, v in value.items():
                if isinstance(v, list) and v and isinstance(v[0], dict):
                    emit(v, "table", title=label(k))
                else:
                    click.echo(f"  {label(k)}: {cell(v)}")
        else:
            click.echo(f"{label(key)}: {cell(value)}")
