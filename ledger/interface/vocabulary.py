"""The command vocabulary a front end speaks: a command built from its name and raw fields,
pydantic's complaints in a clerk's words, and each command's help and schema.

Apart from ``core`` so that a read, which runs no command, never imports the command
models (``ledger.commands``) nor builds their pydantic schemas.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from aggregates.errors import InvalidInput, Malformed
from ledger.commands.base import (
    Command,
    command_class,
    command_words,
    commands_of,
    describe,
    schema,
)

__all__ = [
    "build",
    "command_class",
    "command_help",
    "command_words",
    "commands_of",
    "schema",
    "validation_line",
]


# pydantic's wording for the usual slips, said as a clerk would be told (by error type)
PLAIN_WORDS = {
    "missing": "required",
    "string_pattern_mismatch": "{input!r} is not allowed here: letters, digits, - and _ only, e.g. FIN",
    "int_parsing": "{input!r} is not a whole number",
    "int_from_float": "{input!r} is not a whole number",
    "float_parsing": "{input!r} is not a number",
    "decimal_parsing": "{input!r} is not a number",
    "bool_parsing": "{input!r} is not yes or no (true/false)",
    "string_too_short": "must not be empty",
    "too_short": "give at least one",
    "string_type": "must be text",
    "extra_forbidden": "no such field; see `ledger schema`",
    "date_type": "not a date; use YYYY-MM-DD, e.g. 2026-09-01",
}


def validation_line(err: ValidationError) -> str:
    """The first problem of a pydantic error, as ``field: rule``, in plain words."""
    first = err.errors()[0]
    field = ".".join(str(p) for p in first["loc"]) or "input"
    words = PLAIN_WORDS.get(first["type"])
    if words is not None:
        value = first.get("input")
        return f"{field}: " + words.format(input=str(value)[:60] if value is not None else "")
    if first["type"] == "enum":
        expected = (first.get("ctx") or {}).get("expected", "")
        return f"{field}: {str(first.get('input'))[:60]!r} is not one of {expected}"
    return f"{field}: {first['msg']}"


def build(name: str, fields: dict[str, Any]) -> Command:
    """A validated command from its name and raw fields; InvalidInput otherwise."""
    cls = command_class(name)
    if cls is None:
        raise InvalidInput("command", f"unknown command {name!r}; see `ledger schema`")
    try:
        return cls.model_validate(fields)
    except ValidationError as e:
        field, rule = validation_line(e).split(": ", 1)
        first = e.errors()[0]
        example = described_example(cls, field)
        if first["type"] == "string_pattern_mismatch" and example:
            typed = repr(str(first.get("input"))[:60])
            pattern = str((first.get("ctx") or {}).get("pattern", ""))
            if ":" in pattern:  # a key of several parts (a data subject), not a code: its own form
                rule = f"{typed} is not in the form this field takes, {example}"
            else:
                rule = f"{typed} is not allowed here: letters, digits, - and _ only, {example}"
        raise Malformed(field, rule, article_of(cls, field)) from None


def described_example(cls: type[Command], field: str) -> str | None:
    """The ``e.g. …`` a field's description gives, if any (a pattern's own words for a clerk)."""
    info = cls.model_fields.get(field.split(".", 1)[0])
    description = info.description if info is not None else None
    if not description or "e.g." not in description:
        return None
    return "e.g." + description.split("e.g.", 1)[1].split(" (", 1)[0].rstrip(")")


def article_of(cls: type[Command], field: str) -> str | None:
    """The article a command field cites (``Field(json_schema_extra=cites(...))``), if any."""
    info = cls.model_fields.get(field.split(".", 1)[0])
    extra = info.json_schema_extra if info is not None else None
    article = extra.get("article") if isinstance(extra, dict) else None
    return article if isinstance(article, str) else None


def command_help(cls: type[Command]) -> str:
    return describe(cls)
