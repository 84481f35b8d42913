"""The interface the CLI (and any other front end) calls: strings in, plain data out.

``core`` holds the facade every system shares; one module per system holds its reads.
Each name below is imported on first use (PEP 562), so a front end that only needs
``When`` or an error class does not pay for the facade, the command vocabulary or signing:
a read imports what it reads (``tests/e2e/test_cold_start.py`` guards it).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aggregates.errors import DomainError, NotFound, Unusable
    from ledger.interface.core import ImportProblem, Ledger, board_summary
    from ledger.interface.vocabulary import (
        build,
        command_help,
        command_words,
        commands_of,
        schema,
        validation_line,
    )
    from ledger.signing import KeyFolder, Signer
    from ledger.storage import mask
    from ledger.storage.opening import require_existing, storage_failure
    from ledger.systems import SYSTEMS, system, word_help, words
    from ledger.when import NOW, When

# each public name and the module that defines it
_HOME = {
    "DomainError": "aggregates.errors",
    "NotFound": "aggregates.errors",
    "Unusable": "aggregates.errors",
    "ImportProblem": "ledger.interface.core",
    "Ledger": "ledger.interface.core",
    "board_summary": "ledger.interface.core",
    "build": "ledger.interface.vocabulary",
    "command_help": "ledger.interface.vocabulary",
    "command_words": "ledger.interface.vocabulary",
    "commands_of": "ledger.interface.vocabulary",
    "schema": "ledger.interface.vocabulary",
    "validation_line": "ledger.interface.vocabulary",
    "KeyFolder": "ledger.signing",
    "Signer": "ledger.signing",
    "mask": "ledger.storage",
    "require_existing": "ledger.storage.opening",
    "storage_failure": "ledger.storage.opening",
    "SYSTEMS": "ledger.systems",
    "system": "ledger.systems",
    "word_help": "ledger.systems",
    "words": "ledger.systems",
    "NOW": "ledger.when",
    "When": "ledger.when",
}

__all__ = [
    "NOW",
    "SYSTEMS",
    "DomainError",
    "ImportProblem",
    "KeyFolder",
    "Ledger",
    "NotFound",
    "Signer",
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
    "word_help",
    "words",
]


def __getattr__(name: str) -> Any:
    """A public name, imported from its home module the first time it is asked for (a
    submodule such as ``ledger.interface.decision`` is imported by the import system)."""
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value
