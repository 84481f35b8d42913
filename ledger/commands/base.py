"""The command vocabulary: every write is a named, validated pydantic model.

The CLI, ``ledger import`` and the Python API all build these models and run
:meth:`Command.execute` inside a :class:`~ledger.application.UnitOfWork`.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from ledger.application import UnitOfWork


class Command(BaseModel):
    """A request to change the ledger. ``name`` is its stable, dotted identifier."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    name: ClassVar[str]
    # False where the CLI offers a friendlier form (e.g. `calendar load FILE`).
    generate_cli: ClassVar[bool] = True

    effective: date | None = Field(
        default=None, description="when it happened in the world (default: today, Asia/Shanghai)"
    )

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        """Decide, through the aggregates, and return a plain result for the caller."""
        raise NotImplementedError


def cites(article: str) -> dict[str, Any]:
    """Field metadata naming the article a field's allowed values come from; an invalid
    value's one-line error cites it, and `ledger schema` shows it."""
    return {"article": article}


def _subclasses(cls: type[Command]) -> list[type[Command]]:
    found = []
    for sub in cls.__subclasses__():
        if "name" in sub.__dict__:
            found.append(sub)
        found.extend(_subclasses(sub))
    return found


def load_system(word: str) -> None:
    """Import the module that defines the commands under a top-level word (e.g. ``org``)."""
    from ledger.systems import system

    try:
        import_module(system(word).commands)
    except KeyError:
        return


@cache
def registry() -> dict[str, type[Command]]:
    """Every command by name (every system's module is imported first).

    Cached: the vocabulary is fixed once its modules are imported, and an import of
    20,000 lines looks it up once per line."""
    from ledger.systems import SYSTEMS

    for s in SYSTEMS:
        import_module(s.commands)
    return {cls.name: cls for cls in sorted(_subclasses(Command), key=lambda c: c.name)}


@cache
def commands_of(word: str) -> dict[str, type[Command]]:
    """The commands under one top-level word (``org`` → ``org.init``, ``org.staff.add``, …),
    importing only the module that defines them."""
    load_system(word)
    return {
        cls.name: cls
        for cls in sorted(_subclasses(Command), key=lambda c: c.name)
        if cls.name == word or cls.name.startswith(word + ".")
    }


def command_class(name: str) -> type[Command] | None:
    """One command by name, importing only its own system."""
    return commands_of(name.split(".", 1)[0]).get(name)


def command_words() -> tuple[str, ...]:
    from ledger.systems import words

    return words()


def schema() -> dict[str, Any]:
    """The JSON Schema of every command, keyed by its name."""
    return {name: cls.model_json_schema() for name, cls in registry().items()}


def describe(cls: type[BaseModel]) -> str:
    return (cls.__doc__ or cls.__name__).strip().splitlines()[0]
