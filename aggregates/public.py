"""What an aggregate makes public: the data, never the text, of its notices.

A system's ``projections/<word>/facts.py`` builds an aggregate's public facts from its
state (``public_facts(agg) -> list[PublicFact]``); the notice writers word them. The
rules of *what* may be public stay in the domain where they are rules (``Decision.exempt``:
nothing, ever); the facts functions keep the guarantees (never a commenter or their
contact, never a representative's birth date), and tests hold them to it.
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
