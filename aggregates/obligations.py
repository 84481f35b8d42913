"""Obligations: what an aggregate owes by when, as the aggregate itself declares it.

An aggregate with duties implements ``obligations() -> list[Obligation]``; the
deadline board only stores them and the ledger computes their dates with the
working-day calendar at read time, so loading a year later recomputes them.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from aggregates.base import Frozen


class Count(StrEnum):
    PERIOD_DAYS = "period_days"  # N days per 民法典 201–203
    WORKING_DAYS_AFTER = "working_days_after"  # the Nth working day after start
    WORKING_DAY_BEFORE = "working_day_before"  # the Nth working day before start
    # due on ``start`` itself, never moved: the last day of a calendar period within which an
    # act must happen (a half-year's meeting, a quarter's inspection), not a time limit
    FIXED = "fixed"
    # due by a fixed date (a day of the year set by law or a reading, or a day an order sets):
    # a rest day moves it to the first working day after (民法典 第二百零三条)
    FIXED_DATE = "fixed_date"
    # the Nth working day after the last day of a period of ``period_days`` days from start
    WORKING_DAYS_AFTER_PERIOD = "working_days_after_period"


class Pause(Frozen):
    """Days a count stops: from ``first`` to ``last`` (None: not ended yet), and why."""

    first: date
    last: date | None
    why: str


class Obligation(Frozen):
    key: str  # unique on the board, e.g. "decision:D-2026-01:report"
    unit: str  # the unit that owes it
    subject: str  # what it is about (a decision's title, an item's name)
    what: str  # the obligation in words ("adoption report published")
    citation: str  # the article it comes from
    policy_version: str | None = None
    count: Count
    start: date
    n: int = 0
    met_on: date | None = None  # when it was done, if it was
    window: bool = False  # a window that simply closes (e.g. the comment period)
    public: bool = True  # False for an exempt matter: never on a public notice
    # Facts only some obligations have; left out of a stored row when unset, so rows
    # derived before they existed stay the same.
    period_days: int | None = None  # for WORKING_DAYS_AFTER_PERIOD
    stated: date | None = None  # the day announced for it, checked against the rules when read
    # days not counted in a WORKING_DAYS_AFTER count (a consultation, 条例 第三十三条); a pause
    # with no last day yet leaves the obligation pending until it ends
    paused: tuple[Pause, ...] | None = None

    def row(self) -> dict[str, object]:
        """The obligation as the board stores it (optional facts only when set)."""
        return self.model_dump(mode="json", exclude={k for k in OPTIONAL if getattr(self, k) is None})


OPTIONAL = ("period_days", "stated", "paused")


class Owed(list[Obligation]):
    """One aggregate's obligations as they are built: each keyed under the aggregate's key
    and, unless it says otherwise, owed by the same unit about the same subject under the
    same terms (``common``), so a builder says only what differs from one to the next."""

    def __init__(self, key: str, **common: Any) -> None:
        super().__init__()
        self.key, self.common = key, common

    def add(self, key: str, /, **facts: Any) -> None:
        """The obligation keyed ``{key of the aggregate}:{key}`` (an empty ``key``: the aggregate's own)."""
        self.append(Obligation(key=f"{self.key}:{key}" if key else self.key, **{**self.common, **facts}))
