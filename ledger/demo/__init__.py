"""The demo: a realistic year of the bureau's transparency work, recorded command by command.

Each system with a demo (``ledger.systems``) has a module with ``steps() -> list[Step]``;
``python -m ledger.demo`` runs them in table order through the same door as the CLI.
Most steps are data (``data/<word>.jsonl``): the same lines a clerk would import.
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

Step = tuple[str, str, dict[str, Any]]  # (actor, command name, fields)


def load(word: str) -> list[Step]:
    """A system's steps from ``data/<word>.jsonl``: one JSON object per line with its
    ``actor`` and ``command`` beside the command's fields."""
    steps: list[Step] = []
    text = files("ledger.demo").joinpath("data", f"{word}.jsonl").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip():
            fields = json.loads(line)
            steps.append((fields.pop("actor"), fields.pop("command"), fields))
    return steps
