"""Checks shared by the decision's acts (kept apart so the aggregate reads as its life)."""

from __future__ import annotations

from aggregates.errors import InvalidInput


def required(field: str, value: str | None, rule: str, article: str | None = None) -> str:
    """``value`` stripped; refused (naming ``field`` and ``article``) when blank."""
    if value is None or not value.strip():
        raise InvalidInput(field, rule, article)
    return value.strip()
