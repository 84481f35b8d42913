"""What an aggregate makes public: the data, never the text, of its notices.

An aggregate with public notices implements ``public_notices() -> list[PublicFact]``.
Choosing *what* is public (an exempt decision: nothing; a commenter's contact: never)
is a rule of the regime, so it lives here in the domain; wording and layout are the
notice projection's job.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from aggregates.base import Frozen


class PublicFact(Frozen):
    kind: str  # e.g. "decision.call_for_comments", "decision.adoption_report"
    key: str  # unique per notice, stable across rebuilds
    unit: str
    dated: date  # the date the notice bears
    data: dict[str, Any]  # only public data, JSON-ready
