"""The index of when each aggregate last changed (``projections.times``), without storage."""

from __future__ import annotations

from datetime import UTC, date, datetime

from aggregates.base import Event, Stamp
from aggregates.org import Unit, UnitKind
from projections.base import Columns
from projections.times import AggregateTimes, moment

UNIT_ID = str(Unit.id_for("FIN"))


def unit_life() -> list[Event]:
    """FIN established in effect 2 March, recorded 1 November; closed in effect 30 June,
    recorded 2 November; the establishment corrected on 5 November (a correction keeps the
    corrected entry's effective day: 2 March)."""
    first = Stamp(actor="S001", effective=date(2026, 3, 2), at=datetime(2026, 11, 1, 9, tzinfo=UTC))
    unit = Unit.establish(first, "FIN", "金融股", UnitKind.SECTION)
    unit.close(
        Stamp(actor="S001", effective=date(2026, 6, 30), at=datetime(2026, 11, 2, 9, tzinfo=UTC)), "合并"
    )
    at = Stamp(actor="S001", effective=date(2026, 11, 5), at=datetime(2026, 11, 5, 9, tzinfo=UTC))
    unit.correct_entry(at, 1, "名称录错", {"name": "金融服务股"})
    return list(unit.collect_events())  # type: ignore[arg-type]


def folded(events: list[Event]) -> AggregateTimes:
    fold = AggregateTimes()
    for position, event in enumerate(events, 1):
        fold.apply(event, position)
    return fold


def test_a_row_holds_the_earliest_and_latest_recorded_moment_and_effective_day_and_the_event_count() -> None:
    assert folded(unit_life()).rows == {
        UNIT_ID: {
            "id": UNIT_ID,
            "kind": "Unit",
            "recorded": "2026-11-05T09:00:00.000000Z",  # the correction, recorded last
            "effective": "2026-06-30",  # the closing: the correction is in effect on 2 March
            "version": 3,
            "first_recorded": "2026-11-01T09:00:00.000000Z",  # the establishment
            "first_effective": "2026-03-02",
        }
    }


def test_the_earliest_is_the_earliest_whatever_order_the_events_come_in() -> None:
    establish, close, correct = unit_life()
    row = folded([correct, close, establish]).rows[UNIT_ID]
    assert (row["first_recorded"], row["first_effective"]) == ("2026-11-01T09:00:00.000000Z", "2026-03-02")
    row = folded([close, correct]).rows[UNIT_ID]  # no establishment: the closing, the correction (2 March)
    assert (row["first_recorded"], row["first_effective"]) == ("2026-11-02T09:00:00.000000Z", "2026-03-02")


def test_its_columns_are_the_class_the_recorded_moment_and_the_effective_day() -> None:
    fold = folded(unit_life())
    assert fold.columns(UNIT_ID, fold.rows[UNIT_ID]) == Columns(
        "Unit", "aggregate", "2026-11-05T09:00:00.000000Z", "2026-06-30"
    )


def test_events_folded_again_or_out_of_order_leave_the_same_row() -> None:
    events = unit_life()
    assert folded([*events, *events]).rows == folded(events).rows  # a catch-up from before its position
    assert folded(events[::-1]).rows == folded(events).rows


def test_a_copy_caught_up_over_an_overlay_takes_the_stored_row_into_account() -> None:
    events = unit_life()
    stored = folded(events).rows
    fold = AggregateTimes()
    fold.fetch = lambda prefix: {k: r for k, r in stored.items() if k.startswith(prefix)}
    fold.apply(events[0], 1)  # the establishment again: nothing it holds is later
    assert fold.rows == stored


def test_a_copy_caught_up_over_an_overlay_keeps_the_stored_earliest() -> None:
    establish, close, correct = unit_life()
    stored = folded([establish]).rows
    fold = AggregateTimes()
    fold.fetch = lambda prefix: {k: r for k, r in stored.items() if k.startswith(prefix)}
    fold.apply(close, 2)
    fold.apply(correct, 3)
    assert fold.rows == folded([establish, close, correct]).rows
    assert fold.rows[UNIT_ID]["first_recorded"] == "2026-11-01T09:00:00.000000Z"


def test_moments_are_fixed_width_utc_text_in_time_order() -> None:
    from datetime import timedelta, timezone

    beijing = datetime(2026, 7, 1, 7, 59, 59, 999999, tzinfo=timezone(timedelta(hours=8)))
    assert moment(beijing) == "2026-06-30T23:59:59.999999Z"
    assert moment(datetime(2026, 6, 30, 23, 59, 59, tzinfo=UTC)) < moment(beijing)
    assert moment(datetime(2026, 7, 1, tzinfo=UTC)) > moment(beijing)


def test_a_copy_caught_up_from_zero_asks_the_store_only_for_the_rows_it_stored_and_let_go() -> None:
    establish, close, correct = unit_life()
    asked: list[str] = []
    stored: dict[str, dict[str, object]] = {}

    def fetch(prefix: str) -> dict[str, dict[str, object]]:
        asked.append(prefix)
        return {k: r for k, r in stored.items() if k.startswith(prefix)}

    fold = AggregateTimes()
    fold.fetch, fold.stored = fetch, set()  # an overlay begun from zero: nothing stored yet
    fold.apply(establish, 1)
    assert asked == []  # nothing stored: no query
    stored.update(fold.rows)
    fold.release()  # the batch written and let go
    fold.apply(close, 2)
    fold.apply(correct, 3)
    assert asked == [UNIT_ID]  # once, for the row a batch stored
    assert fold.rows == folded([establish, close, correct]).rows
