"""The deadline board: every obligation every aggregate declares, keyed by obligation, with
its due day.

The due day is computed when the row is derived, with the working-day calendar the board
follows (each recorded year is a row ``calendar|<year>`` of the board itself, so a live copy
carries the calendar it was dated by); a year with no calendar leaves the day *pending*
(``due`` None, ``why`` says which year), never guessed. When a year is recorded or changed,
the rows it can move are dated again. Where an obligation stands (overdue, due soon …)
depends on the day it is read, so a read works it out for the rows it shows only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol
from uuid import UUID

from aggregates.base import Aggregate, Event
from aggregates.calendar import CalendarYear
from aggregates.obligations import Obligation
from projections.base import AggregateFold, Columns, Loader, Row
from projections.board_keys import CALENDAR, DATED


class Dating(Protocol):
    """Computes an obligation's due day with the calendar years given (the ledger's rules)."""

    def due(self, o: Obligation, years: Mapping[str, Row], version: int) -> tuple[str | None, str | None]:
        """(due day, None), or (None, why it is pending); ``version`` changes with ``years``."""
        ...


def declares_obligations(agg_class: type[Aggregate]) -> bool:
    return callable(getattr(agg_class, "obligations", None))


def obligation_of(row: Row) -> Obligation:
    """The obligation a board row holds (without the day the board dated it)."""
    return Obligation.model_validate({k: v for k, v in row.items() if k not in DATED})


def calendar_row(cal: CalendarYear) -> dict[str, Any]:
    return {
        "year": cal.year,
        "source": cal.source,
        "holidays": {d.isoformat(): n for d, n in sorted(cal.holidays.items())},
        "workdays": {d.isoformat(): n for d, n in sorted(cal.workdays.items())},
    }


def _touches(row: Row, years: set[int]) -> bool:
    """Whether a row's count can cross one of ``years`` (it runs between its start and due day)."""
    due = row.get("due")
    if due is None:
        return True
    ends = sorted((int(row["start"][:4]), int(due[:4])))
    return any(ends[0] <= y <= ends[1] for y in years)


class DeadlineBoard(AggregateFold):
    name = "deadlines"
    indexed = True
    dated = True  # ``Views.fold`` gives it the ledger's ``Dating``
    moves_untouched = True

    def __init__(
        self, rows: dict[str, Row] | None = None, loader: Loader | None = None, dating: Dating | None = None
    ) -> None:
        super().__init__(rows, loader)
        self.dating = dating
        self.calendar_version = 0

    def wants(self, event: Event) -> bool:
        owner = event.owner()
        return owner is CalendarYear or declares_obligations(owner)

    @classmethod
    def rows_under(cls, kind: str, id: UUID) -> str | None:
        """An aggregate's obligations are under its id (``derive``); a calendar year's row is
        under its year."""
        return None if kind == CalendarYear.__name__ else f"{id}|"

    def finish(self) -> None:
        """The calendar years first, then the obligations: every row is dated by the calendar
        as it stands at the end of the pass, whatever the batches (live copy = rebuild)."""
        pending, self.pending = self.pending, {}
        years = {agg.year: agg for agg, _, _ in pending.values() if isinstance(agg, CalendarYear)}
        if years:
            for year, cal in years.items():
                self.put(f"{CALENDAR}{year}", calendar_row(cal))
            self.calendar_version += 1
            self._redate(set(years))
        for agg, event, position in pending.values():
            if not isinstance(agg, CalendarYear):
                self.derive(agg, event, position)

    def redate(self, years: set[int]) -> None:
        """Date again the rows ``years`` can move, their calendar rows changed or taken out from
        outside a pass (a read of the past takes out a year its cut does not know)."""
        self.calendar_version += 1
        self._redate(years)

    def _redate(self, years: set[int]) -> None:
        if self.fetch is not None:
            self.needs_all = True  # only what changed is in memory: the caller reads every row
            return
        for key, row in list(self.rows.items()):
            if not key.startswith(CALENDAR) and _touches(row, years):
                self.put(key, self.dated_row(obligation_of(row)))

    def derive(self, agg: Aggregate, event: Event, position: int) -> None:
        current: list[Obligation] = agg.obligations()  # type: ignore[attr-defined]
        self.replace(f"{agg.id}|", {o.key: self.dated_row(o) for o in current})

    def dated_row(self, o: Obligation) -> Row:
        row: Row = o.row()
        if self.dating is not None:
            years = {k: self.rows[k] for k in self._under(CALENDAR)}
            row["due"], row["why"] = self.dating.due(o, years, self.calendar_version)
        return row

    def columns(self, key: str, row: Row) -> Columns | None:
        """unit; state: pending (no day yet), short (a window announced to close early),
        window, met / met late (by ``day``, the day it was met), todo; sorted by the day shown."""
        if key.startswith(CALENDAR):
            return None
        unit, name, due = row["unit"], row["key"], row.get("due")
        if due is None:
            return Columns(unit, "pending", name)
        stated = row.get("stated")
        if row.get("window"):
            if stated is not None and stated < due:
                return Columns(unit, "short", f"{due} {name}")
            return Columns(unit, "window", f"{max(due, stated or due)} {name}")
        met = row.get("met_on")
        if met is not None:
            return Columns(unit, "met" if met <= due else "met late", f"{due} {name}", met)
        return Columns(unit, "todo", f"{due} {name}")

    def obligations(self) -> list[tuple[str, Row]]:
        """(key, row) of every obligation, by key (the calendar rows left out)."""
        return [(k, r) for k, r in sorted(self.rows.items()) if not k.startswith(CALENDAR)]
