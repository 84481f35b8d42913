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


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def emit(
    rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None, title: str | None = None
) -> None:
    if fmt == "json":
        click.echo(dumps(list(rows)))
        return
    if fmt == "csv":
        import csv
        import io

        buf = io.StringIO()
        writer = csv.DictWriter(
            buf, fieldnames=list(columns or (rows[0].keys() if rows else [])), extrasaction="ignore"
        )
        writer.writeheader()
        writer.writerows(rows)
        click.echo(buf.getvalue(), nl=False)
        return
    from rich.console import Console  # imported here: most writes never print a table
    from rich.table import Table

    cols = list(columns or (rows[0].keys() if rows else []))
    table = Table(title=title, show_lines=False)
    for col in cols:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in cols))
    Console(width=200, soft_wrap=True, emoji=False, markup=False).print(table)


def emit_object(obj: dict[str, Any], fmt: str) -> None:
    if fmt == "json":
        click.echo(dumps(obj))
        return
    for key, value in obj.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            emit(value, "table", title=key)
        elif isinstance(value, dict):
            click.echo(f"{key}:")
            for k, v in value.items():
                text = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, default=str)
                click.echo(f"  {k}: {text}")
        else:
            click.echo(f"{key}: {value}")
