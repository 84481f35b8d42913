"""A page of the deadline board or of the decision register read from the stored views alone,
when they are caught up: no aggregate, no pydantic model, no eventsourcing application.

A cold `ledger deadlines` spends most of its time importing what a caught-up read does not use.
Here the stored rows are read through ``ledger.storage.lean`` and each page is worked out by the
very functions the full path uses (``ledger.board.board_page``, ``ledger.decision_rows.register_page``),
so both print the same bytes. Each function returns None whenever the full path must answer:
the views behind, a PostgreSQL URL, an unknown unit or state (the full path names the field),
a window whose closing day the board would have to date. History (``--as-of``/``--known-at``)
never comes here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ledger.board import BoardPage, board_calendar, board_page, standing_rows, typed_states
from ledger.decision_rows import LIST_COLUMNS, Listed, register_page
from ledger.rules.calendar import today
from ledger.rules.folding import fold
from ledger.storage.lean import LeanRows, caught_up_views
from ledger.systems import stored_view_name

__all__ = ["LIST_COLUMNS", "board", "decisions"]

# the projections' names (``Fold.name``; a test holds them equal to the classes')
BOARD, DIRECTORY, DECISIONS = "deadlines", "directory", "decisions"


def board(
    db: str, unit: str | None, states: Sequence[str], limit: int | None, offset: int
) -> BoardPage | None:
    """``Ledger.board`` read now, from the stored board; None: ask the ledger."""
    wanted, unknown = typed_states(states)
    if unknown:
        return None
    unit = fold(unit) if unit is not None else None
    with _opened(db, unit, BOARD) as rows:
        if rows is None:
            return None
        source = rows.of(stored_view_name(BOARD))
        return board_page(source, board_calendar(source), today(), unit, wanted, limit, offset)


def decisions(db: str, unit: str | None, limit: int | None, offset: int) -> Listed | None:
    """``decision_page`` read now, from the stored register; None: ask the ledger."""
    with _opened(db, unit, DECISIONS, BOARD) as rows:  # the board dates a window's last day
        if rows is None:
            return None
        stored = rows

        def board_rows(keys: Sequence[str]) -> dict[str, dict[str, Any]]:
            return standing_rows(stored.of(stored_view_name(BOARD)), keys, today())

        return register_page(rows.of(stored_view_name(DECISIONS)), unit, limit, offset, board_rows)


@contextmanager
def _opened(db: str, unit: str | None, *views: str) -> Iterator[LeanRows | None]:
    """The stored ``views``, caught up with the log in one snapshot, with the directory when a
    unit is asked for; None when the full path must answer (views behind, a unit not known)."""
    names = [stored_view_name(v) for v in (*views, *([DIRECTORY] if unit is not None else []))]
    rows = caught_up_views(db, names)
    if rows is None:
        yield None
        return
    try:
        yield None if unit is not None and not known_unit(rows, unit) else rows
    finally:
        rows.close()


def known_unit(rows: LeanRows, unit: str) -> bool:
    """Whether the directory holds ``unit`` (else the full path refuses it, naming the field)."""
    return bool(rows.of(stored_view_name(DIRECTORY)).get([f"unit:{unit}"]))
