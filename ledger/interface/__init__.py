"""The interface the CLI (and any other front end) calls: strings in, plain data out.

``core`` holds the facade every system shares; one module per system holds its reads.
"""

from ledger.interface.core import (
    DomainError,
    ImportProblem,
    Ledger,
    build,
    command_help,
    command_words,
    commands_of,
    require_existing,
    schema,
    validation_line,
)

__all__ = [
    "DomainError",
    "ImportProblem",
    "Ledger",
    "build",
    "command_help",
    "command_words",
    "commands_of",
    "require_existing",
    "schema",
    "validation_line",
]
