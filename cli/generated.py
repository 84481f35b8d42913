"""One click command per command model, so the CLI and `ledger import` share one vocabulary.

``org.staff.add`` becomes ``ledger org staff add``; each field becomes an option
(``staff_id`` → ``--staff-id``). Click only collects strings: pydantic validates,
so a bad value gets the same message on the CLI as in an import file.

Any value may be read from a file: ``--draft @draft.txt`` (UTF-8; one final newline
dropped), since a shell's ``"$(cat draft.txt)"`` breaks on long texts; ``@@`` stands for
a value that really starts with ``@``.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from cli.session import LedgerFailure

if TYPE_CHECKING:  # the command models are imported only when a word's writes are attached
    from pydantic import BaseModel
    from pydantic.fields import FieldInfo

# runs one command: (context, command name, raw fields)
Runner = Callable[[click.Context, str, dict[str, Any]], None]


def _is_structured(annotation: Any) -> bool:
    from pydantic import BaseModel

    for arg in typing.get_args(annotation) or (annotation,):
        if isinstance(arg, type) and issubclass(arg, BaseModel | dict):
            return True
        if typing.get_origin(arg) is dict:
            return True
    return typing.get_origin(annotation) is dict


def _is_many(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin in (types.UnionType, typing.Union):
        return any(_is_many(a) for a in typing.get_args(annotation) if a is not type(None))
    return origin in (list, tuple, set, frozenset)


def _is_flag(annotation: Any) -> bool:
    return annotation is bool


def _option(name: str, info: FieldInfo) -> click.Option:
    flag = "--" + name.replace("_", "-")
    text = info.description or ""
    required = info.is_required()
    help_text = f"{text} (required)" if required else text
    ann = info.annotation
    if _is_flag(ann):
        return click.Option([f"{flag}/--no-{flag[2:]}", name], default=None, help=help_text)
    if _is_structured(ann):
        return click.Option([flag, name], multiple=_is_many(ann), help=f"{help_text} [JSON]")
    return click.Option([flag, name], multiple=_is_many(ann), help=help_text)


def from_file(value: Any, flag: str) -> Any:
    """``@path`` → the file's text; ``@@x`` → ``@x``; anything else as typed."""
    if not isinstance(value, str) or not value.startswith("@"):
        return value
    if value.startswith("@@"):
        return value[1:]
    path = Path(value[1:])
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise LedgerFailure(f"{flag}: {path}: not UTF-8 text (byte {e.start})", 2) from None
    except OSError as e:
        why = e.strerror or str(e)
        raise LedgerFailure(
            f"{flag}: {path}: {why}; @FILE reads the value from a file (@@ for a leading @)", 2
        ) from None
    return text.removesuffix("\n").removesuffix("\r")


def _collect(cls: type[BaseModel], params: dict[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name, value in params.items():
        if value is None or value == ():
            continue
        flag = f"--{name.replace('_', '-')}"
        value = (
            tuple(from_file(v, flag) for v in value) if isinstance(value, tuple) else from_file(value, flag)
        )
        info = cls.model_fields[name]
        if _is_structured(info.annotation):
            try:
                value = [json.loads(v) for v in value] if isinstance(value, tuple) else json.loads(value)
            except json.JSONDecodeError as e:
                raise click.BadParameter(f"not JSON ({e.msg})", param_hint=flag) from None
        fields[name] = list(value) if isinstance(value, tuple) else value
    return fields


class WordGroup(click.Group):
    """A group whose generated commands are attached when first needed (``generate``): a
    hand-written command of the group (a read such as ``decision list``) runs without the
    command models being imported; a write, a listing or ``--help`` attaches them all."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.generate: Callable[[], None] | None = None

    def attach_generated(self) -> None:
        generate, self.generate = self.generate, None
        if generate is not None:
            generate()

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        found = self.commands.get(cmd_name)
        if found is None or isinstance(found, click.Group):  # a write, or a group writes share
            self.attach_generated()
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        self.attach_generated()
        return super().list_commands(ctx)


def subgroup(parent: click.Group, name: str, text: str | None) -> click.Group:
    """The group ``name`` under ``parent``, made on first use (hand-written and generated
    commands share their groups)."""
    found = parent.commands.get(name)
    if isinstance(found, click.Group):
        return found
    group = WordGroup(name, help=text)
    parent.add_command(group)
    return group


def attach(root: click.Group, run: Runner, word: str) -> None:
    """Add a click command under ``root`` for every command model under ``word``.

    ``run(ctx, name, fields)`` executes it (the CLI's one write path).
    """
    from ledger.interface import command_help, commands_of

    for name, cls in commands_of(word).items():
        if not cls.generate_cli:
            continue
        *groups, leaf = name.split(".")
        parent = root
        for g in groups:
            parent = subgroup(parent, g, f"{g} commands")

        def callback(_name: str = name, _cls: type[BaseModel] = cls, **params: Any) -> None:
            run(click.get_current_context(), _name, _collect(_cls, params))

        parent.add_command(
            click.Command(
                leaf,
                callback=callback,
                params=[_option(f, i) for f, i in cls.model_fields.items()],
                help=f"{command_help(cls)}  [command: {name}]",
            )
        )
