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


class Facts(list[PublicFact]):
    """One aggregate's public facts as they are built: every fact bears the same unit, a
    kind under the system's name, a key under the aggregate's, and the same head data, so
    a facts function says only what differs from one notice to the next."""

    def __init__(self, system: str, key: str, unit: str, head: dict[str, Any]) -> None:
        super().__init__()
        self.system, self.key, self.unit, self.head = system, key, unit, head

    def add(self, kind: str, key: str, dated: date, /, **data: Any) -> None:
        """The fact ``{system}.{kind}`` keyed ``{key of the aggregate}{key}``: head data first."""
        fact = PublicFact(
            kind=f"{self.system}.{kind}",
            key=self.key + key,
            unit=self.unit,
            dated=dated,
            data={**self.head, **data},
        )
        self.append(fact)
