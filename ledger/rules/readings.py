"""The ledger's own readings that are not the regime's numbers (本台账读作, each cited in
``ledger/policy_data/ledger-readings.json``): text limits and the board's warning period.

Read with the standard library alone: the lean board read (no pydantic, no aggregates)
needs the warning period too."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

READINGS_FILE = "ledger-readings.json"
FOLDER = Path(__file__).resolve().parent.parent / "policy_data"


@cache
def reading(key: str) -> int:
    """One reading's value (``text.title_max_chars``, ``board.due_soon_working_days`` …)."""
    value = json.loads((FOLDER / READINGS_FILE).read_text("utf-8"))["rules"][key]["value"]
    assert isinstance(value, int)
    return value
