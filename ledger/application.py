"""The composition root: one eventsourcing Application, and the unit of work commands run in.

A unit of work loads aggregates once, lets several commands act on them, and saves
everything they changed in one ``save()`` call — one transaction — or nothing.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application, ProcessingEvent
from eventsourcing.persistence import IntegrityError, Notification, PersistenceError, Recording
from eventsourcing.utils import resolve_topic

from aggregates.authority import Act, authorise, authorise_corrected, authorise_correction
from aggregates.base import Aggregate, Event, Stamp
from aggregates.calendar import CalendarYear
from aggregates.errors import DomainError, InvalidInput, NoCalendar, NotFound, Refused
from aggregates.org import Organisation, Role, Staff
from aggregates.policy import Policy, PolicyBook
from aggregates.privacy import Sealed
from ledger.rules.calendar import WorkingCalendar, YearSchedule, today
from ledger.storage import ChainedRecorder, StorageUnusable, persistence_env
from ledger.storage.chain import ChainedSQLiteRecorder, WitnessMissing
from ledger.storage.snapshots import keep_latest
from ledger.vault import KeyVault, VaultSession

if TYPE_CHECKING:
    from ledger.commands.base import Command
    from ledger.signing import Keyring, Signer

A = TypeVar("A", bound=Aggregate)
Clock = Callable[[], datetime]

ATTEMPTS = 8  # a unit of work that lost a race is run this many times in all, at most
BACKOFF_SECONDS = 0.02  # the first wait; doubled each time up to MAX_BACKOFF, jittered so racers spread out
MAX_BACKOFF_SECONDS = 0.5
# Events between snapshots of an aggregate (README: Snapshots). A thousand: a decision's
# ordinary life (~100 events) is folded whole, cheaply, and never snapshotted, so `audit
# verify`, which re-derives every snapshot from its events, pays only for the long ones.
SNAPSHOT_INTERVAL = 1000


def schedule_of(cal: CalendarYear | None) -> YearSchedule | None:
    return None if cal is None else YearSchedule(cal.year, cal.holidays, cal.workdays, cal.source)


def system_clock() -> datetime:
    return datetime.now(tz=UTC)


class IntervalsByTopic(Mapping[type[Any], int]):
    """Snapshot intervals keyed by aggregate class, held by topic: a cold command that never
    saves such an aggregate does not import every system's aggregate classes to build them."""

    def __init__(self, by_topic: Mapping[str, int]) -> None:
        self._by_topic = dict(by_topic)

    def __getitem__(self, cls: type[Any]) -> int:
        return self._by_topic[f"{cls.__module__}:{cls.__qualname__}"]

    def __iter__(self) -> Iterator[type[Any]]:
        return (resolve_topic(topic) for topic in self._by_topic)

    def __len__(self) -> int:
        return len(self._by_topic)


class LedgerApp(Application[UUID]):
    """Gongkai Ledger's event-sourced application."""

    name = "ledger"
    env: ClassVar[dict[str, str]] = {}
    # A snapshot of an aggregate of these classes is taken when a save brings it to (or past)
    # a multiple of its interval: the aggregates whose events grow with the public's part
    # (comments, requests' consultations, open days' representatives, a unit's catalogue).
    # eventsourcing declares a dict; it only calls .get() and tests truth, which a Mapping has
    snapshotting_intervals: ClassVar[Mapping[type[Any], int]] = IntervalsByTopic(  # type: ignore[assignment]
        dict.fromkeys(
            (
                "aggregates.decision.aggregate:Decision",
                "aggregates.request.aggregate:InformationRequest",
                "aggregates.openday.aggregate:OpenDay",
                "aggregates.catalogue.index:CatalogueIndex",
                "aggregates.org:Organisation",
            ),
            SNAPSHOT_INTERVAL,
        )
    )

    def __init__(
        self,
        db: str = ":memory:",
        clock: Clock = system_clock,
        read_only: bool = False,
        keys: Keyring | None = None,
    ) -> None:
        self.db = db
        self.clock = clock
        self.read_only = read_only  # opened for reading only: no table created, views kept in memory
        # where the write door finds an actor's key: given, or the user's own key folder (as the CLI)
        self._keys: Keyring | None = keys
        self._default_keys = keys is None
        env = persistence_env(db, read_only)
        if read_only:  # nothing may be created, and an older ledger has no snapshot table: fold
            env["IS_SNAPSHOTTING_ENABLED"] = "n"
        super().__init__(env=env)

    @property
    def keys(self) -> Keyring | None:
        """The keyring a write signs from; the user's own key folder unless one was given (made,
        and ``ledger.signing`` imported, only when a write asks: a read never signs)."""
        if self._keys is None and self._default_keys:
            from ledger.signing import KeyFolder

            self._keys = KeyFolder()
        return self._keys

    @keys.setter
    def keys(self, keys: Keyring | None) -> None:
        self._keys, self._default_keys = keys, False

    @cached_property
    def vault(self) -> KeyVault:
        """The personal-data keys (none on a recorder without the key table)."""
        return KeyVault(
            getattr(self.recorder, "personal_keys", dict), getattr(self.recorder, "personal_keys_of", None)
        )

    # --- writing -----------------------------------------------------------------

    def execute(
        self, commands: Sequence[Command], actor: str | Sequence[str], signer: Signer | None = None
    ) -> list[dict[str, Any]]:
        """Run commands in one unit of work; save all their events atomically or none, with
        the act that signs them (``signer``, else the actor's key from ``keys``).

        ``actor`` makes every command, or ``actor[i]`` makes ``commands[i]`` (an import
        whose lines name their actors: the clerk drafts, the leader discusses); each
        command is authorised and stamped as its own actor, and each actor signs their own
        act (``signer`` is for a single actor).

        A ledger whose audit witness is missing takes no write but the one that
        re-establishes it (the recorder refuses too; this says so before any rule is checked).

        Another writer may have saved a new version of an aggregate between our load and
        our save (eventsourcing refuses ours: optimistic concurrency). The unit of work is
        then run again from a fresh load, against the new state, where it succeeds or is
        refused by a rule like any other act; the clerk never sees the race."""
        restoring = any(getattr(cls, "restores_witness", False) for cls in {type(c) for c in commands})
        if not restoring and self.witness_missing():  # (a class flag: asked of each class once)
            raise WitnessMissing
        actors = [actor] * len(commands) if isinstance(actor, str) else list(actor)
        if len(actors) != len(commands):
            raise ValueError("one actor per command")
        signers = {  # each actor's key looked up once, not once a line
            a: signer if signer is not None else self.keys.signer(a) if self.keys else None
            for a in dict.fromkeys(actors)
        }
        for attempt in range(1, ATTEMPTS + 1):
            uow = UnitOfWork(self, actors[0] if actors else "", self.clock(), None, commands, actors, signers)
            if len(commands) > 1:  # an import: what its lines name, asked about in one query
                uow.prefetch(id for command in commands for id in command.touches())
            results = []
            for index, command in enumerate(commands):
                uow.actor = actors[index]
                try:
                    results.append(command.execute(uow))
                except DomainError as e:
                    e.index = index
                    raise
            try:
                uow.commit()
            except IntegrityError:
                if attempt < ATTEMPTS:
                    pause = min(MAX_BACKOFF_SECONDS, BACKOFF_SECONDS * 2 ** (attempt - 1))
                    time.sleep(random.uniform(0.5, 1.5) * pause)
                continue
            return results
        raise StorageUnusable(
            self.db,
            f"other writers changed the same records {ATTEMPTS} times while this was recorded",
            "nothing was written; run the command again",
        )

    def save(self, *aggregates: Aggregate, **kwargs: Any) -> list[Recording[UUID]]:  # type: ignore[override]
        """eventsourcing's ``save()``, for the ledger's own aggregates only: their events are
        collected without its two run-time protocol checks per object (``isinstance`` through
        ``typing``: 0.24 s of CPU for an import of 20,000 new units). The same events, the
        same recording, snapshots and notification, in the same order."""
        processing_event: ProcessingEvent[UUID] = ProcessingEvent()
        for aggregate in aggregates:
            processing_event.events.extend(aggregate.collect_events())
            processing_event.aggregates[aggregate.id] = aggregate
        processing_event.saved_kwargs.update(kwargs)
        recordings = self._record(processing_event)
        self._take_snapshots(processing_event)
        self._notify(recordings)
        self.notify(processing_event.events)  # type: ignore[arg-type]
        return recordings

    def _take_snapshots(self, processing_event: ProcessingEvent[UUID]) -> None:
        """Snapshot each saved aggregate whose new events reached a multiple of its class's
        interval, from the aggregate in hand (already folded; not loaded again). A snapshot
        is an optimisation outside the audit chain, saved after the events' transaction: one
        that cannot be saved now (a lock) is left for the next interval, never an error."""
        if self.snapshots is None:
            return
        from ledger.snapshots import LedgerSnapshot, UnsnapshottableState  # only when saving

        first: dict[UUID, int] = {}
        for event in processing_event.events:
            first.setdefault(event.originator_id, event.originator_version)
        taken = []
        try:
            for id, aggregate in processing_event.aggregates.items():
                interval = self.snapshotting_intervals.get(type(aggregate))
                if interval and id in first and aggregate.version // interval > (first[id] - 1) // interval:
                    taken.append(LedgerSnapshot.take(aggregate))  # type: ignore[arg-type]
            if taken:
                self.snapshots.put(taken)  # type: ignore[arg-type]
                keep_latest(self.snapshots.recorder, {s.originator_id: s.originator_version for s in taken})
        except (UnsnapshottableState, PersistenceError, sqlite3.Error):
            pass  # the events are saved; loading folds a little further until the next snapshot

    def snapshot_versions(self, id: UUID) -> list[int]:
        """The versions of ``id`` a snapshot is kept at (the latest only: ``ledger.storage.snapshots``)."""
        if self.snapshots is None:
            return []
        return [s.originator_version for s in self.snapshots.get(id)]

    # --- reading -----------------------------------------------------------------

    def get(self, cls: type[A], id: UUID, version: int | None = None) -> A | None:
        from ledger.snapshots import StaleSnapshot  # light: the snapshot classes, no storage

        try:
            agg: Aggregate = self.repository.get(id, version=version)
        except AggregateNotFoundError:
            return None
        except StaleSnapshot:  # taken by older code: the events are the record
            return self.fold(cls, id, version)
        if not isinstance(agg, cls):
            return None
        return agg

    def fold(self, cls: type[A], id: UUID, version: int | None = None) -> A | None:
        """The aggregate folded from its events alone, no snapshot used (what ``get`` must equal)."""
        agg: Any = None
        for event in self.events.get(id, lte=version):
            agg = event.mutate(agg)  # type: ignore[attr-defined]
        return agg if isinstance(agg, cls) else None

    def calendar(self) -> WorkingCalendar:
        return WorkingCalendar.lazy(self._year_schedule)

    def _year_schedule(self, year: int) -> YearSchedule | None:
        return schedule_of(self.get(CalendarYear, CalendarYear.id_for(year)))

    def notifications(
        self, start: int = 1, stop: int | None = None, batch: int = 1000
    ) -> Iterator[Notification]:
        """Every stored event from ``start`` in notification order."""
        position = start
        while True:
            page = self.recorder.select_notifications(position, batch, stop=stop)
            yield from page
            if len(page) < batch:
                return
            position = page[-1].id + 1

    def log_events(self, start: int = 1, stop: int | None = None) -> Iterator[tuple[int, Event]]:
        for n in self.notifications(start, stop):
            yield n.id, self.mapper.to_domain_event(n)  # type: ignore[misc]

    def max_position(self) -> int:
        return self.recorder.max_notification_id() or 0

    # --- the audit chain (written by the recorder; see ledger.storage.chain) ---------

    def witness_missing(self) -> bool:
        return isinstance(self.recorder, ChainedRecorder) and self.recorder.witness_missing()

    def witness_size(self, position: int) -> int | None:
        """How many events the witness holds up to ``position`` (None without a witness recorder)."""
        if not isinstance(self.recorder, ChainedRecorder) or self.recorder.witness_missing():
            return None
        return self.recorder.witness_size(position)

    def raw_head(self) -> tuple[int, int, str]:
        """(last position, events, head) recomputed from the stored rows, not the witness."""
        if not isinstance(self.recorder, ChainedRecorder):
            raise InvalidInput("db", "this ledger's storage keeps no audit chain")
        return self.recorder.raw_head()

    def witness_link(self, position: int) -> str | None:
        """The audit chain's link at ``position`` as its witness recorded it; None if none is."""
        if not isinstance(self.recorder, ChainedRecorder):
            return None
        return self.recorder.witness_link(position)

    def copy_in(self, rows: Sequence[Sequence[Any]], head: str, keys: Sequence[Sequence[Any]] = ()) -> int:
        """Raw rows written at their own positions into this empty ledger, with the personal-data
        keys they were sealed with (``ledger migrate``)."""
        if not isinstance(self.recorder, ChainedRecorder):
            raise InvalidInput("dst", "this ledger's storage keeps no audit chain")
        return self.recorder.insert_raw(rows, head, keys)

    @contextmanager
    def raw_snapshot(self) -> Iterator[sqlite3.Connection]:
        """The SQLite connection the ledger writes with, in a read transaction (for ``:memory:``,
        which no other connection can open; a file is read by ``ledger.audit.raw.open_raw``)."""
        if not isinstance(self.recorder, ChainedSQLiteRecorder):
            raise InvalidInput("db", "only an SQLite ledger in memory is read through its own connection")
        with self.recorder.raw_snapshot() as conn:
            yield conn


class UnitOfWork:
    """What one or more commands need: loading, authorising, stamping, saving once."""

    def __init__(
        self,
        app: LedgerApp,
        actor: str,
        now: datetime,
        signer: Signer | None = None,
        commands: Sequence[Command] = (),
        actors: Sequence[str] | None = None,
        signers: Mapping[str, Signer | None] | None = None,
    ) -> None:
        self.app = app
        self.actor = actor  # who makes the command being run (``actors``: one per command)
        self.now = now
        self.commands = commands  # what the acts say was asked
        self.actors = list(actors) if actors is not None else [actor] * len(commands)
        self.signers = dict(signers) if signers is not None else {actor: signer}
        self.today = today(now)
        self._seen: dict[UUID, Aggregate | None] = {}
        self._calendar: WorkingCalendar | None = None  # read once, unless a calendar year changes here
        self._periods: dict[tuple[date, int], date | None] = {}
        self._calendar_changes = False
        self._changed: dict[UUID, Aggregate] = {}
        self.vault = VaultSession(app.vault, now.isoformat())

    @property
    def signer(self) -> Signer | None:
        """The key that signs the current actor's act (ledger.signing)."""
        return self.signers.get(self.actor)

    def seal(self, subject: str, text: str) -> Sealed:
        """``text`` sealed under ``subject``'s key (made with this unit of work if new)."""
        return self.vault.seal(subject, text)

    def get(self, cls: type[A], id: UUID) -> A | None:
        if id not in self._seen:
            self._seen[id] = self.app.get(Aggregate, id)
        agg = self._seen[id]
        return agg if isinstance(agg, cls) else None

    def prefetch(self, ids: Iterable[UUID]) -> None:
        """Learn in one query which of ``ids`` the store holds nothing for, so that creating
        them asks no more (an import of a thousand new units would ask a thousand times).
        Those it holds are loaded as before, when first asked for."""
        wanted = {id for id in ids if id not in self._seen}
        recorder = self.app.recorder
        if not wanted or not isinstance(recorder, ChainedRecorder):
            return
        for id in wanted - recorder.stored_originators(wanted):
            self._seen[id] = None

    def stored(self, cls: type[A], id: UUID) -> A | None:
        """The aggregate as stored before this unit of work: the copy it loaded, unless it
        changed it (then read again)."""
        if id in self._seen and id not in self._changed:
            agg = self._seen[id]
            return agg if isinstance(agg, cls) else None
        return self.app.get(cls, id)

    def load(self, cls: type[A], id: UUID, field: str, what: str) -> A:
        agg = self.get(cls, id)
        if agg is None:
            raise NotFound(field, f"no {what} in the ledger")
        self.changed(agg)
        return agg

    def changed(self, agg: Aggregate) -> None:
        self._seen[agg.id] = agg
        self._changed[agg.id] = agg
        if isinstance(agg, CalendarYear):  # loaded to be changed: the days may move, read afresh
            self._calendar_changes = True

    def unsaved(self) -> list[Aggregate]:
        """The aggregates with events this unit of work has not saved yet (what its earlier
        commands changed: the views, which read what is saved, do not see it)."""
        return [a for a in self._changed.values() if a.pending()]

    def add(self, agg: Aggregate) -> None:
        if self.get(Aggregate, agg.id) is not None and agg.id not in self._changed:
            raise Refused("id", f"{agg.kind} already exists")
        self.changed(agg)

    def stamp(self, effective: date | None) -> Stamp:
        eff = effective or self.today
        if eff > self.today:
            raise Refused("effective", f"{eff} is in the future; record acts once they happened")
        return Stamp(actor=self.actor, effective=eff, at=self.now)

    def staff(self) -> Staff | None:
        return self.get(Staff, Staff.id_for(self.actor))

    def authorise(self, act: Act, scope: str | None = None) -> None:
        authorise(self.staff(), self.actor, act, scope)

    def authorise_correction(self, agg: Aggregate, entry: Event, replacement: dict[str, Any] | None) -> None:
        """A correction is authorised like the act the entry records (the same table)."""
        authorise_correction(self.staff(), self.actor, agg, entry, replacement)

    def authorise_corrected(self, agg: Aggregate, entry: Event) -> None:
        authorise_corrected(self.staff(), self.actor, agg, entry)

    def principal_named(self, org: Organisation) -> bool:
        """Whether a principal leader was ever named, which ends the founder's bootstrap.

        The organisation records it (``PrincipalNamed``); a ledger written before it did
        is read for any stored grant of the principal leader's role."""
        if org.principal is not None:
            return True
        topic = f"{Staff.RoleAssigned.__module__}:{Staff.RoleAssigned.__qualname__}"
        position: int | None = 1
        while position is not None:
            page = self.app.recorder.select_notifications(position, 1000, topics=[topic])
            for n in page:
                grant = self.app.mapper.to_domain_event(n)
                if isinstance(grant, Staff.RoleAssigned) and grant.grant.role == Role.PRINCIPAL_LEADER:
                    return True
            position = page[-1].id + 1 if len(page) == 1000 else None
        return False

    def calendar(self) -> WorkingCalendar:
        """The calendar as recorded, read once per unit of work (again after a year changes)."""
        if self._calendar_changes:
            return WorkingCalendar.lazy(self._year_schedule)
        if self._calendar is None:
            self._calendar = WorkingCalendar.lazy(self._year_schedule)
        return self._calendar

    def period_due(self, start: date, days: int) -> date | None:
        """The last day of ``days`` days from ``start`` by the calendar as recorded (None: its year
        is missing), computed once per unit of work: an import of a thousand comments on one
        window asks a thousand times."""
        key = (start, days)
        if key not in self._periods or self._calendar_changes:
            try:
                self._periods[key] = self.calendar().period_end(start, days).due
            except NoCalendar:
                self._periods[key] = None
        return self._periods[key]

    def _year_schedule(self, year: int) -> YearSchedule | None:
        return schedule_of(self.get(CalendarYear, CalendarYear.id_for(year)))

    def policy(self, on: date | None = None) -> Policy:
        book = self.get(PolicyBook, PolicyBook.id_for())
        policy = book.in_force(on or self.today) if book else None
        if policy is None:
            raise NotFound("policy", "no policy data in force; record it with `ledger policy seed`")
        return policy

    def acts(self, changed: Sequence[Aggregate]) -> list[Aggregate]:
        """One signed act per actor, in the order they first acted: each covers that actor's
        commands and the events stamped with their name (``ledger.signing.seal``)."""
        from ledger.signing import seal

        groups: dict[str, list[Command]] = {}
        for actor, command in zip(self.actors, self.commands, strict=True):
            groups.setdefault(actor, []).append(command)
        acting, acts = self.actor, list[Aggregate]()
        try:
            for actor, commands in (groups or {self.actor: []}).items():
                self.actor = actor
                try:
                    act = seal(self, changed, commands, others=frozenset(groups) - {actor})
                except DomainError as e:
                    e.index = self.actors.index(actor) if actor in self.actors else None  # its first line
                    raise
                if act is not None:
                    acts.append(act)
        finally:
            self.actor = acting
        return acts

    def commit(self) -> None:
        """Save everything changed, with the act that signs it (``ledger.signing``), in one
        ``save()``; personal-data keys made or destroyed go in the same transaction."""
        keys = self.vault.changes
        if self._changed:
            changed = list(self._changed.values())
            try:
                saved = [*changed, *self.acts(changed)]
                if keys:  # written in the events' transaction (ledger.storage.keys)
                    if not hasattr(self.app.recorder, "personal_keys"):
                        raise InvalidInput(
                            "db", "this storage keeps no personal-data keys; nothing is sealed"
                        )
                    self.app.save(*saved, keys=keys)
                else:
                    self.app.save(*saved)
            finally:
                forget = getattr(self.app.mapper, "forget_premapped", None)
                if forget is not None:
                    forget()
        self._changed.clear()
        if keys.made or keys.erased:
            self.app.vault.forget()
            if keys.erased:
                self.app.recorder.scrub()  # type: ignore[attr-defined]
        self.vault = VaultSession(self.app.vault, self.now.isoformat())
