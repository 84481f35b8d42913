"""A writable ledger's live copy catches up on what changed, not on every row.

After a write, the next read folds the events since each stored position over an overlay:
only the stored rows under the prefixes those events touch are read, and only what changed
is written back. Caught up so in many small steps (a write, a read, a write …) over the
demo's whole year, with a correction, an erasure and a calendar year recorded late, every
projection equals its rebuild; and one write on a large ledger reads a handful of rows.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from aggregates.decision import Decision
from ledger.application import LedgerApp
from ledger.demo import Step
from ledger.demo import org as demo_org
from ledger.demo.__main__ import public_keys
from ledger.interface import Ledger
from ledger.interface.decision import comments_of, decision_show
from ledger.interface.privacy import subjects
from ledger.signing import KeyFolder
from ledger.storage.views_sqlite import ViewStore
from ledger.systems import demo_modules, fold_classes
from ledger.views import Views
from projections.base import Fold, Row
from projections.board import DeadlineBoard
from projections.decision.register import DecisionComments
from tests.support.clock import FakeClock
from tests.support.ledger import copy_of, run, setup_bureau
from tests.support.province import province_lines


class CountingStore:
    """The view store, counting the stored rows each read hands back (``load`` by name)."""

    def __init__(self, store: ViewStore) -> None:
        self.store = store
        self.rows_read = 0
        self.loaded: list[str] = []

    def _counted(self, rows: dict[str, Row]) -> dict[str, Row]:
        self.rows_read += len(rows)
        return rows

    def load(self, projection: str) -> dict[str, Row]:
        self.loaded.append(projection)
        return self._counted(self.store.load(projection))

    def under(self, projection: str, prefix: str) -> dict[str, Row]:
        return self._counted(self.store.under(projection, prefix))

    def get(self, projection: str, keys: Iterable[str]) -> dict[str, Row]:
        return self._counted(self.store.get(projection, keys))

    def query(self, *args: Any, **kwargs: Any) -> list[tuple[str, Row]]:
        found = self.store.query(*args, **kwargs)
        self.rows_read += len(found)
        return found

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)


def counted(views: Views) -> CountingStore:
    store = CountingStore(views.store)
    views._store = store  # type: ignore[assignment]
    return store


def demo_year(keys: KeyFolder) -> Iterator[Step]:
    """The demo's whole year, as ``python -m ledger.demo`` records it (2026's calendar late)."""
    for module in demo_modules():
        yield from demo_org.steps(public_keys(keys)) if module is demo_org else module.steps()


def stored_equals_rebuild(views: Views, classes: Sequence[type[Fold]]) -> None:
    rebuilt = views.history(tuple(classes))
    for cls in classes:
        assert views.store.position(views.stored_name(cls)) == views.app.max_position(), cls.name
        n, stored = views.store.digest(views.stored_name(cls))
        assert (n, stored) == (len(rebuilt.get(cls).rows), rebuilt.get(cls).digest()), cls.name


def catch_up(views: Views, classes: Sequence[type[Fold]], together: bool) -> None:
    if together:
        views.caught_up_together(tuple(classes))
    else:
        for cls in classes:
            assert views.caught_up(cls) is None  # stored, not held in memory


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_projection_caught_up_in_small_steps_equals_its_rebuild(
    tmp_path: Path, clock: FakeClock, keys: KeyFolder, seed: int
) -> None:
    """A read after a write, or after a few: the demo's year, then a correction and an erasure."""
    app = LedgerApp(str(tmp_path / "ledger.db"), clock=clock, keys=keys)
    views = Ledger(str(tmp_path / "ledger.db"), app=app).views
    classes = fold_classes()
    chance = random.Random(seed)
    try:
        for i, (actor, name, fields) in enumerate(demo_year(keys)):
            run(app, actor, name, **fields)
            if i > 20 and chance.random() < 0.4:  # the bureau first, from zero, in one pass
                wanted = chance.sample(classes, chance.randint(1, len(classes)))
                catch_up(views, wanted, together=chance.random() < 0.3)
        catch_up(views, classes, together=False)
        stored_equals_rebuild(views, classes)
        run(app, "S001", "correct", aggregate="request:YSQ-2026-011", version=1, reason="收到日期录错",
            replace={"received_on": "2026-03-04"})  # fmt: skip
        catch_up(views, classes, together=bool(seed % 2))
        kept = [s["subject"] for s in subjects(Ledger(app.db, app=app)) if s["status"] == "kept"]
        run(app, "S001", "privacy.erase", subject=chance.choice(kept), reason="本人申请删除")
        catch_up(views, classes, together=not seed % 2)
        stored_equals_rebuild(views, classes)
    finally:
        app.close()


def test_a_calendar_year_recorded_since_re_dates_the_stored_board_read_whole(
    tmp_path: Path, clock: FakeClock, keys: KeyFolder
) -> None:
    """The one change an overlay cannot fold: a year recorded may move every row of the board,
    so then (and only then) every stored row is read; the board still equals its rebuild."""
    app = LedgerApp(str(tmp_path / "ledger.db"), clock=clock, keys=keys)
    views = Ledger(app.db, app=app).views
    try:
        steps = list(demo_year(keys))
        late = next(i for i, (_, name, _) in enumerate(steps) if name == "calendar.seed" and i > 5)
        for actor, name, fields in steps[:late]:
            run(app, actor, name, **fields)
        catch_up(views, (DeadlineBoard,), together=False)
        store = counted(views)
        run(app, *steps[late][:2], **steps[late][2])
        catch_up(views, (DeadlineBoard,), together=False)
        assert store.loaded == [views.stored_name(DeadlineBoard)]
        views._store = store.store
        stored_equals_rebuild(views, (DeadlineBoard,))
    finally:
        app.close()


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory, key_folder: Path) -> Path:
    """A bureau with a province's units, staff and commented decisions, its views caught up."""
    db = tmp_path_factory.mktemp("province") / "ledger.db"
    app = LedgerApp(str(db), keys=KeyFolder(key_folder))
    try:
        setup_bureau(app)
        ledger = Ledger(str(db), app=app)
        count, problems = ledger.import_lines(province_lines(3000), "S001")
        assert count > 2500 and problems == []
        ledger.views.caught_up_together(fold_classes())
    finally:
        app.close()
    return db


def test_one_write_on_a_large_ledger_is_caught_up_reading_only_the_rows_it_touches(
    province: Path, tmp_path: Path, keys: KeyFolder
) -> None:
    db = copy_of(province, tmp_path)
    app = LedgerApp(str(db), keys=keys)
    views = Ledger(str(db), app=app).views
    try:
        stored = sum(views.store.digest(views.stored_name(cls))[0] for cls in fold_classes())
        store = counted(views)
        run(
            app,
            "S001",
            "org.staff.add",
            staff_id="S900",
            staff_name="新同事",
            unit="FIN",
            effective="2026-11-20",
        )
        catch_up(views, fold_classes(), together=False)
        assert store.loaded == []
        assert store.rows_read <= 2, store.rows_read  # the staff member's own rows, if any
        assert stored > 1000
        views._store = store.store
        stored_equals_rebuild(views, fold_classes())
    finally:
        app.close()


def test_a_decisions_comments_are_read_and_caught_up_under_its_own_prefix(
    province: Path, tmp_path: Path, keys: KeyFolder
) -> None:
    """`ledger decision show` after a correction reads the decision's own rows only."""
    db = copy_of(province, tmp_path)
    app = LedgerApp(str(db), keys=keys)
    ledger = Ledger(str(db), app=app)
    views = ledger.views
    try:
        name = views.stored_name(DecisionComments)
        every = views.store.load(name)
        numbers = sorted({key.split("|")[0] for key in every})
        assert len(numbers) > 3
        mine = [k for k in every if k.startswith(f"{numbers[0]}|")]
        assessed = [
            e
            for _, e in app.log_events(1)
            if e.originator_id == Decision.id_for(numbers[0]) and isinstance(e, Decision.CommentAssessed)
        ][-1]
        version = assessed.originator_version
        run(app, assessed.actor, "correct", aggregate=f"decision:{numbers[0]}", version=version,
            reason="评估录错", retract=True)  # fmt: skip
        store = counted(views)
        shown = decision_show(ledger, numbers[0])
        assert store.loaded == []
        assert store.rows_read <= 2 * len(mine) + 2, (store.rows_read, len(mine))
        assert shown["comments"] == comments_of(Ledger(str(db)), numbers[0])
        assert len(shown["comments"]) == len(mine)
        views._store = store.store
        stored_equals_rebuild(views, (DecisionComments,))
    finally:
        app.close()


def test_a_long_catch_up_from_zero_lets_go_of_each_batch_once_written_and_equals_its_rebuild(
    tmp_path: Path, clock: FakeClock, keys: KeyFolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an import no read has caught up (an audit replay's first step), every copy is
    caught up in one pass, batch by batch: what a batch wrote is let go (fetched again by
    prefix if a later event touches it), so memory holds one batch's rows, not every row."""
    import ledger.views

    app = LedgerApp(str(tmp_path / "ledger.db"), clock=clock, keys=keys)
    views = Ledger(app.db, app=app).views
    monkeypatch.setattr(ledger.views, "CATCH_UP", 40)
    held: list[tuple[str, int]] = []
    write = Views._write

    def watched(self: Views, cls: type[Fold], fold: Fold, position: int) -> int:
        done = write(self, cls, fold, position)
        held.append((cls.name, len(fold.rows)))
        return done

    monkeypatch.setattr(Views, "_write", watched)
    try:
        for actor, name, fields in demo_year(keys):
            run(app, actor, name, **fields)
        assert views.caught_up_together(fold_classes()) == {}
        assert len(held) > 3 * len(fold_classes())  # many batches
        let_go = {name for name, n in held if n == 0}
        assert let_go == {cls.name for cls in fold_classes() if not cls.moves_untouched}
        monkeypatch.setattr(Views, "_write", write)
        stored_equals_rebuild(views, fold_classes())
    finally:
        app.close()


class WatchedWrites:
    """The view store, noting the groups (key up to its first ``|``) each projection's writes
    stored, as the store sees them."""

    def __init__(self, store: ViewStore) -> None:
        self.store = store
        self.groups: dict[str, set[str]] = {}

    def write(self, projection: str, rows: dict[str, Row | None], *args: Any, **kwargs: Any) -> None:
        self.store.write(projection, rows, *args, **kwargs)
        stored = self.groups.setdefault(projection, set())
        stored.update(key[: key.find("|") + 1] for key, row in rows.items() if row is not None)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)


def test_a_catch_up_from_zero_fetches_only_the_groups_an_earlier_batch_of_it_stored(
    tmp_path: Path, clock: FakeClock, keys: KeyFolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing is stored before a catch-up from zero (after an import, an audit replay's first
    step): a prefix is asked of the store only when a batch of this catch-up wrote its group
    and let it go; none in the first batch. The copies still equal their rebuild."""
    import ledger.views
    from cli.main import cli

    app = LedgerApp(str(tmp_path / "ledger.db"), clock=clock, keys=keys)
    views = Ledger(app.db, app=app).views
    store = WatchedWrites(views.store)
    monkeypatch.setattr(ledger.views, "CATCH_UP", 40)
    asked: list[tuple[str, str, bool]] = []  # projection, prefix, whether its group was stored before
    fetcher = Views._fetcher

    def counted_fetcher(self: Views, cls: type[Fold]) -> Callable[[str], dict[str, Row]]:
        fetch, name = fetcher(self, cls), self.stored_name(cls)

        def counted(prefix: str) -> dict[str, Row]:
            asked.append((name, prefix, prefix[: prefix.find("|") + 1] in store.groups.get(name, ())))
            return fetch(prefix)

        return counted

    monkeypatch.setattr(Views, "_fetcher", counted_fetcher)
    try:
        for actor, name, fields in demo_year(keys):
            run(app, actor, name, **fields)
        assert app.max_position() > 10 * 40  # many batches
        views._store = store  # type: ignore[assignment]
        assert views.caught_up_together(fold_classes()) == {}
        assert asked  # a decision's comments, touched again batches later
        assert all(known for _, _, known in asked), [a for a in asked if not a[2]][:5]
        views._store = store.store
        stored_equals_rebuild(views, fold_classes())
    finally:
        app.close()
    replayed = CliRunner().invoke(cli, ["--db", str(tmp_path / "ledger.db"), "audit", "replay"])
    assert replayed.exit_code == 0, replayed.output
