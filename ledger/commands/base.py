"""The command vocabulary: every write is a named, validated pydantic model.

The CLI, ``ledger import`` and the Python API all build these models and run
:meth:`Command.execute` inside a :class:`~ledger.application.UnitOfWork`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, get_args, get_origin

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from aggregates.errors import NoCalendar
from ledger.rules import text as public_text
from ledger.when import FIRST_YEAR, LAST_YEAR, year_problem

if TYPE_CHECKING:
    from uuid import UUID

    from aggregates.obligations import Obligation
    from ledger.application import UnitOfWork
    from ledger.rules.calendar import Computation, WorkingCalendar


class _MultiLine:
    """Marks a text field that may run over lines (a draft, a report, a comment)."""

    def __repr__(self) -> str:
        return "MULTI_LINE"


MULTI_LINE = _MultiLine()
Text = Annotated[str, MULTI_LINE]
"""Text that may hold line breaks and tabs; every other text field is one line."""


def _named_year(year: int) -> int:
    why = year_problem(year)
    if why is not None:
        raise PydanticCustomError("year_range", why)
    return year


Year = Annotated[int, AfterValidator(_named_year)]
"""A year a report or an assessment names: the reads' range and wording (``ledger.when``)."""


def year_field(description: str) -> Any:
    return Field(description=description, json_schema_extra={"minimum": FIRST_YEAR, "maximum": LAST_YEAR})


class _Shape:
    """Marks a text field printed in a fixed shape; ``check`` returns the value as it is kept.
    Applied after the control-character check, so a forged character is named as such."""

    def __init__(self, check: Callable[[str], str]) -> None:
        self.check = check

    def __repr__(self) -> str:
        return f"SHAPE({self.check.__name__})"


Title = Annotated[str, _Shape(public_text.title)]
"""A title a notice prints in 《》: typed without them, and not over the policy's length."""
Email = Annotated[str, _Shape(public_text.email)]
Phone = Annotated[str, _Shape(public_text.phone)]
Url = Annotated[str, _Shape(public_text.url)]


def number_field(description: str) -> Any:
    """A case's number (a decision's, an open day's, a request's, a complaint's): letters and
    digits first, then also ``_ . -``; at most forty characters."""
    return Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$", description=description)


# Fields that name something the ledger holds (a unit, a staff member, a number): folded to
# ASCII before they are checked, so a full-width ＦＩＮ is FIN. Fields with a pattern are too.
IDENTIFIERS = frozenset(
    {"unit", "code", "codes", "office_code", "staff_id", "leader", "decision", "comment", "host"}
    | {"area", "areas", "open_day", "submitted_with"}
)

# What text in the ledger never holds: control characters (C0, DEL, C1), Unicode's own line
# breaks, and the bidi overrides and isolates that make a terminal or a page show other text
# than was recorded. A multi-line field may hold only \n and \t of these.
_NOT_IN_A_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NOT_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _marks_multi_line(annotation: Any) -> bool:
    if get_origin(annotation) is Annotated and MULTI_LINE in annotation.__metadata__:
        return True
    return any(_marks_multi_line(arg) for arg in get_args(annotation))


def _shapes(annotation: Any) -> list[_Shape]:
    if get_origin(annotation) is Annotated:
        return [m for m in annotation.__metadata__ if isinstance(m, _Shape)]
    return [s for arg in get_args(annotation) for s in _shapes(arg)]


def _forbidden(value: Any, pattern: re.Pattern[str]) -> str | None:
    """The first forbidden character anywhere in a value (nested values included), if any."""
    if isinstance(value, str):
        found = pattern.search(value)
        return found.group() if found else None
    if isinstance(value, dict):
        items: Any = [*value.keys(), *value.values()]
    elif isinstance(value, list | tuple | set | frozenset):
        items = value
    elif isinstance(value, BaseModel):
        items = value.__dict__.values()
    else:
        return None
    return next((c for item in items if (c := _forbidden(item, pattern)) is not None), None)


def _kind(char: str) -> str:
    if char in "\n\r\u2028\u2029":
        return "a line break"
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return "a bidi control"
    return "a control character"


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

    def touches(self) -> tuple[UUID, ...]:
        """The aggregates this command names by id (to create or to change): a unit of work of
        many commands asks the store about all of theirs in one query (``UnitOfWork.prefetch``).
        Only a saving: an aggregate not named here is loaded when the command first asks."""
        return ()

    @field_validator("*", mode="before")
    @classmethod
    def _as_typed(cls, value: Any, info: ValidationInfo) -> Any:
        """A date as a clerk types it; an identifier in its ASCII form."""
        dated, identifier, _, _ = cls.field_kind(info.field_name or "")
        if dated and value is not None:
            return public_text.clerk_day(value)
        if identifier:
            if isinstance(value, str):
                return public_text.fold(value)
            if isinstance(value, list | tuple):
                return [public_text.fold(v) if isinstance(v, str) else v for v in value]
        return value

    @field_validator("*")
    @classmethod
    def _printable(cls, value: Any, info: ValidationInfo) -> Any:
        """Every door builds a command, so text is checked here: what is recorded prints as
        it was typed, in notices, in `ledger log` and on a terminal."""
        _, _, multi_line, shape = cls.field_kind(info.field_name or "")
        pattern = _NOT_IN_TEXT if multi_line else _NOT_IN_A_LINE
        if type(value) is str:  # most fields: one string, checked without walking a structure
            found = pattern.search(value)
            if found is None:
                value = value if shape is None else shape.check(value)
                public_text.check_text(value, multi_line)
                return value
            char: str | None = found.group()
        else:
            char = _forbidden(value, pattern)
        if char is None:
            if shape is not None and isinstance(value, str):
                value = shape.check(value)
            for item in value if isinstance(value, list | tuple) else (value,):
                if isinstance(item, str):
                    public_text.check_text(item, multi_line)
            return value
        raise PydanticCustomError(
            "control_character",
            "{kind} (U+{code}) is not allowed: {allowed}",
            {
                "kind": _kind(char),
                "code": f"{ord(char):04X}",
                "allowed": "text, line breaks and tabs only" if multi_line else "one line of text",
            },
        )

    @classmethod
    @cache
    def field_kind(cls, field: str) -> tuple[bool, bool, bool, _Shape | None]:
        """(dated, identifier, multi_line, shape) of a field, found once: every line of an
        import asks for each of its fields."""
        return cls.dated(field), cls.identifier(field), cls.multi_line(field), cls.shape(field)

    @classmethod
    @cache
    def shape(cls, field: str) -> _Shape | None:
        """The fixed shape a field's text is printed in (``Title``, ``Email``, ``Phone``), if any."""
        info = cls.model_fields.get(field)
        if info is None:
            return None
        found = [m for m in info.metadata if isinstance(m, _Shape)] + _shapes(info.annotation)
        return found[0] if found else None

    @classmethod
    @cache
    def dated(cls, field: str) -> bool:
        """Whether a field holds a date (``effective``, ``closes_on``, …)."""
        info = cls.model_fields.get(field)
        return info is not None and date in (info.annotation, *get_args(info.annotation))

    @classmethod
    @cache
    def identifier(cls, field: str) -> bool:
        """Whether a field names something the ledger holds (see ``IDENTIFIERS``)."""
        info = cls.model_fields.get(field)
        if info is None:
            return False
        patterned = any(getattr(m, "pattern", None) for m in info.metadata)
        return patterned or field in IDENTIFIERS

    @classmethod
    @cache
    def multi_line(cls, field: str) -> bool:
        """Whether a field is text that may run over lines (marked ``Text`` or ``MULTI_LINE``)."""
        info = cls.model_fields.get(field)
        return info is not None and (MULTI_LINE in info.metadata or _marks_multi_line(info.annotation))


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
    """A command's one-line help: its docstring's first paragraph (a sentence may run over lines)."""
    first = (cls.__doc__ or cls.__name__).strip().split("\n\n")[0]
    return " ".join(line.strip() for line in first.splitlines())


# --- the days a command asks the working-day calendar for -------------------------------------
# Each is None for a year with no calendar: an act that happened is recorded all the same, and
# the board shows the deadline pending until the year is loaded (never a guess).


def _known(uow: UnitOfWork, compute: Callable[[WorkingCalendar], Computation]) -> date | None:
    try:
        return compute(uow.calendar()).due
    except NoCalendar:
        return None


def after_day(uow: UnitOfWork, day: date, n: int) -> date | None:
    """The ``n``-th working day after ``day`` by the calendar as recorded."""
    return _known(uow, lambda cal: cal.working_days_after(day, n))


def before_day(uow: UnitOfWork, day: date, n: int) -> date | None:
    """The ``n``-th working day before ``day`` by the calendar as recorded."""
    return _known(uow, lambda cal: cal.working_day_before(day, n))


def obligation_due(uow: UnitOfWork, o: Obligation | None) -> date | None:
    """The day ``o`` is due as the board computes it (None too when nothing is owed)."""
    from ledger.rules.deadlines import compute_due

    return None if o is None else _known(uow, lambda cal: compute_due(o, cal))
