"""The bench's province (``bench/province.py``) as import lines, for tests at a small size."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[2] / "bench" / "province.py"
EVENTS_OF = {"unit": 2, "staff": 3, "YJJR-2026-01": 124, "YJJR-2026-02": 124}  # about


def province() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_province", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def province_lines(events: int) -> list[str]:
    """Import lines making about ``events`` events: units, staff, decisions with their comments."""
    return [json.dumps(line, ensure_ascii=False) for line in province().lines(events, EVENTS_OF)]
