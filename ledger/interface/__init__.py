"""The interface the CLI (and any other front end) calls: strings in, plain data out.

``core`` holds the facade every system shares; one module per system holds its reads.
"""

from ledger.interface.core import (
    DomainError,
    ImportProblem,
    Ledger,
    NotFound,
    Unusable,
    board_summary,
    build,
    command_help,
    command_words,
    commands_of,
    schema,
    validation_line,
)
from ledger.signing import KeyFolder
from ledger.storage import mask
from ledger.storage.opening import require_existing, storage_failure
from ledger.systems import SYSTEMS, system, words
from ledger.when import NOW, When

__all__ = [
    "NOW",
    "SYSTEMS",
    "DomainError",
    "ImportProblem",
    "KeyFolder",
    "Ledger",
    "NotFound",
    "Unusable",
    "When",
    "board_summary",
    "build",
    "command_help",
    "command_words",
    "commands_of",
    "mask",
    "require_existing",
    "schema",
    "storage_failure",
    "system",
    "validation_line",
    "words",
]
