"""Event and aggregate base classes on top of eventsourcing's protocols.

Events are frozen pydantic models (extra fields forbidden) that carry, beside the
recording time, who did the act (``actor``) and when it happened in the world
(``effective``). Aggregates are plain objects rebuilt by applying their events;
the eventsourcing repository does that through :meth:`Event.mutate`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from datetime import date, datetime
from enum import StrEnum
from typing import Any, ClassVar, Self, TypeVar
from uuid import UUID

from pydantic import BaseModel, ConfigDict, ValidationError

from aggregates.audit_facts import stable_id
from aggregates.errors import InvalidInput, Malformed, Refused


def required(field: str, value: str | None, rule: str, article: str | None = None) -> str:
    """``value`` stripped; refused (naming ``field`` and ``article``) when blank."""
    if value is None or not value.strip():
        raise InvalidInput(field, rule, article)
    return value.strip()


def aggregate_ref(ref: str, field: str = "id") -> UUID:
    """An aggregate id from a UUID or a natural key such as ``staff:S001``."""
    try:
        return UUID(ref)
    except ValueError:
        pass
    kind, sep, key = ref.partition(":")
    if not sep or not key:
        raise InvalidInput(field, f"{ref!r} is neither a UUID nor a key like staff:S001 or unit:OFFICE")
    return stable_id(kind, key)


class Labelled(StrEnum):
    """A closed vocabulary whose every value carries the source's own label, written once:
    ``PORTAL = "portal", "政府门户网"``. The value alone is what is stored."""

    _value_: str
    label: str

    def __new__(cls, value: str, label: str = "") -> Self:
        # makes each member; a lookup such as ``Channel("portal")`` never comes here (the
        # enum answers it), which is why typing lets it pass the value alone
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def labels(cls) -> dict[Self, str]:
        """Every value's label, in the vocabulary's order."""
        return {member: member.label for member in cls}


class Frozen(BaseModel):
    """Immutable value object; unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Stamp(Frozen):
    """Who did an act, when it happened in the world, and when it was recorded."""

    actor: str
    effective: date
    at: datetime


_OWNERS: dict[type, type[Aggregate]] = {}  # event class -> the aggregate class it is nested in


class Event(Frozen):
    """A past fact about one aggregate.

    Subclasses nest inside their aggregate and implement :meth:`apply`, which only
    assigns: checks belong to the aggregate's public methods, because replay re-runs
    ``apply`` and a rule tightened later must never refuse to load old history.
    ``class_version`` and ``upcast_vN_vN+1`` static methods let old stored shapes load.
    """

    class_version: ClassVar[int] = 1
    creates: ClassVar[bool] = False

    originator_id: UUID
    originator_version: int
    timestamp: datetime
    actor: str
    effective: date

    def apply(self, aggregate: Any) -> None:
        """Assign this event's facts to the aggregate's state."""

    def assign(self, aggregate: Any, *fields: str) -> None:
        """Copy the named fields, as recorded, onto the aggregate's attributes of the same name."""
        for field, value in self.facts(*fields).items():
            setattr(aggregate, field, value)

    def facts(self, *fields: str) -> dict[str, Any]:
        """The named fields as recorded, by name: to build a record from them."""
        return {field: getattr(self, field) for field in fields}

    def step(self, aggregate: Any, stage: Any = None, by: str | None = None) -> None:
        """Mark the act: its stage (when it moves one), its day as the last act, and who did it."""
        if stage is not None:
            aggregate.stage = stage
        aggregate.last_act_on = self.effective
        if by is not None:
            setattr(aggregate, by, self.actor)

    def mutate(self, aggregate: Any) -> Any:
        if aggregate is None:
            if not self.creates:
                return None
            aggregate = self.owner().blank(self.originator_id, self.timestamp)
        self.apply(aggregate)
        aggregate.version = self.originator_version
        aggregate.modified_on = self.timestamp
        aggregate.__dict__.setdefault("_recorded_entries", []).append(self)  # kept for corrections
        return aggregate

    @classmethod
    def owner(cls) -> type[Aggregate]:
        """The aggregate class this event is nested in (looked up once per event class)."""
        found = _OWNERS.get(cls)
        if found is None:
            owner_path = cls.__qualname__.rsplit(".", 1)[0]
            obj: Any = sys.modules[cls.__module__]
            for part in owner_path.split("."):
                obj = getattr(obj, part)
            found = _OWNERS[cls] = obj
        return found

    def payload(self) -> dict[str, Any]:
        """The event's own facts, without the envelope fields."""
        return self.model_dump(
            mode="json",
            exclude={"originator_id", "originator_version", "timestamp", "actor", "effective"},
        )

    def summary(self) -> str:
        """One line for the audit log; events override it where a better line exists."""
        parts = []
        for key, value in self.payload().items():
            text = value if isinstance(value, str) else str(value)
            parts.append(f"{key}={text}")
        line = " ".join(parts)
        return line if len(line) <= 100 else line[:99] + "…"


E = TypeVar("E", bound=Event)

# Envelope fields: who recorded what when. A correction may replace an entry's facts,
# never who recorded it, when, or which aggregate and version it is.
ENVELOPE = frozenset({"originator_id", "originator_version", "timestamp", "actor", "effective"})


class EntryCorrected(Event):
    """A compensating entry: an earlier entry of the same aggregate, corrected or retracted.

    The wrong entry stays on the trail; applying this rebuilds the aggregate's state
    from its own entries with the corrected one's facts replaced (``replacement``) or,
    when ``replacement`` is None, the entry left out (a retraction). Every aggregate
    class gets its own nested ``EntryCorrected`` (``Staff.EntryCorrected``), so the
    stored topic names the aggregate like any other event.
    """

    corrects_version: int
    reason: str
    replacement: dict[str, Any] | None = None

    def corrected(self, original: Event) -> Event | None:
        """The entry as it should have read (None: it should not have been made)."""
        if self.replacement is None:
            return None
        return type(original).model_validate({**original.model_dump(mode="json"), **self.replacement})

    def mutate(self, aggregate: Any) -> Any:
        if aggregate is None:
            return None
        corrections = aggregate.__dict__.setdefault("_entry_corrections", {})
        corrections[self.corrects_version] = self
        aggregate._rebuild_with_corrections()
        aggregate.version = self.originator_version
        aggregate.modified_on = self.timestamp
        return aggregate

    def summary(self) -> str:
        if self.replacement is None:
            return f"retracts v{self.corrects_version}: {self.reason}"
        facts = " ".join(f"{k}={v}" for k, v in sorted(self.replacement.items()))
        line = f"corrects v{self.corrects_version} ({self.reason}): {facts}"
        return line if len(line) <= 100 else line[:99] + "…"


# Inside ``Aggregate`` the name ``EntryCorrected`` is its own class attribute (the nested
# event each aggregate class gets), so the class body names the event class by this alias.
AnyCorrection = EntryCorrected


M = TypeVar("M", bound=BaseModel)
K = TypeVar("K")


def changed(entries: dict[K, M], key: K, **update: Any) -> dict[K, M]:
    """``entries`` with a copy of the one under ``key`` changed by ``update``, or as they were
    when there is none (e.g. an opinion since retracted): for the event mutators, which assign only."""
    found = entries.get(key)
    return entries if found is None else {**entries, key: found.model_copy(update=update)}


def replaced(original: Event, replacement: dict[str, Any], article: str | None = None) -> Event:
    """The entry as ``replacement`` would make it, validated by its own model; an invalid
    value is refused naming ``replace.<field>``."""
    try:
        return type(original).model_validate({**original.model_dump(mode="json"), **replacement})
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise Malformed(f"replace.{where}", first["msg"], article) from None


class Aggregate:
    """Base for mutable aggregates rebuilt from their events."""

    kind: ClassVar[str] = "aggregate"
    EntryCorrected: ClassVar[type[AnyCorrection]] = AnyCorrection
    # Facts a correction never replaces, by event class name: fact -> why not (they
    # identify the aggregate, link its entries, or follow from other facts).
    fixed_facts: ClassVar[dict[str, dict[str, str]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "EntryCorrected" not in cls.__dict__:  # a nested correction event per aggregate class
            cls.EntryCorrected = type(  # type: ignore[misc]
                "EntryCorrected",
                (EntryCorrected,),
                {
                    "__module__": cls.__module__,
                    "__qualname__": f"{cls.__qualname__}.EntryCorrected",
                    "__doc__": f"An earlier entry of a {cls.kind} corrected or retracted, with the reason.",
                },
            )

    def __init__(self, id: UUID, created_on: datetime) -> None:
        self.id = id
        self.version = 0
        self.created_on = created_on
        self.modified_on = created_on
        self._pending: list[Event] = []

    @classmethod
    def blank(cls, id: UUID, created_on: datetime) -> Self:
        """An empty instance for a creation event to fill in."""
        obj = cls.__new__(cls)
        Aggregate.__init__(obj, id, created_on)
        return obj

    @classmethod
    def _create(cls, id: UUID, event_class: type[Event], stamp: Stamp, **facts: Any) -> Self:
        obj = cls.blank(id, stamp.at)
        obj._trigger(event_class, stamp, **facts)
        return obj

    def _trigger(self, event_class: type[E], stamp: Stamp, **facts: Any) -> E:
        event = event_class(
            originator_id=self.id,
            originator_version=self.version + 1,
            timestamp=stamp.at,
            actor=stamp.actor,
            effective=stamp.effective,
            **facts,
        )
        event.mutate(self)
        self._pending.append(event)
        return event

    def pending(self) -> list[Event]:
        """The events not yet saved, left in place (the act that signs them reads them first)."""
        return list(self._pending)

    def collect_events(self) -> list[Event]:
        """Hand the pending events to the application's ``save``."""
        events, self._pending = self._pending, []
        return events

    def state(self) -> dict[str, Any]:
        """A plain view of the aggregate for ``ledger show``."""
        out: dict[str, Any] = {}
        for key, value in vars(self).items():
            if key.startswith("_"):
                continue
            out[key] = value
        return out

    # --- corrections (additive: every aggregate can correct its own entries) -----

    def recorded_entries(self) -> list[Event]:
        """The entries applied so far, in order, as recorded (corrections excluded)."""
        return list(self.__dict__.get("_recorded_entries", []))

    def _not_before(self, stamp: Stamp, day: date, what: str, article: str | None = None) -> None:
        """Refused when the act's day comes before ``day``, the day of ``what`` it follows."""
        if stamp.effective < day:
            raise Refused("effective", f"{stamp.effective} is before {what} ({day})", article)

    def _next_id(
        self, prefix: str, event_class: type[Event], field: str, width: int = 2, kept: Iterable[str] = ()
    ) -> str:
        """The next of R01, R02, … (C001, … at ``width`` 3), the ids ``event_class`` carries in
        ``field`` (and any ``kept``): an id once given, even if retracted, is never given again."""
        used = self._ids_given(event_class, field) | set(kept)
        n = len(used) + 1
        while f"{prefix}{n:0{width}d}" in used:
            n += 1
        return f"{prefix}{n:0{width}d}"

    def _ids_given(self, event_class: type[Event], field: str) -> set[str]:
        """The ``field`` of every recorded ``event_class`` entry, read from the entries added
        since the last ask (kept in a private attribute, which snapshots leave out): a
        decision's thousandth comment does not read the 999 before it again."""
        entries: list[Event] = self.__dict__.get("_recorded_entries", [])
        memo: dict[tuple[type[Event], str], tuple[list[Event], int, set[str]]]
        memo = self.__dict__.setdefault("_ids_given_memo", {})
        seen, read, ids = memo.get((event_class, field), (entries, 0, set()))
        if seen is not entries or read > len(entries):  # entries replaced: read them all again
            read, ids = 0, set()
        ids.update(getattr(e, field) for e in entries[read:] if isinstance(e, event_class))
        memo[(event_class, field)] = (entries, len(entries), ids)
        return ids

    def recorded_entry(self, version: int) -> Event | None:
        """The entry recorded at ``version`` (None if there is none or it is a correction)."""
        for event in self.__dict__.get("_recorded_entries", []):
            if event.originator_version == version:
                return event  # type: ignore[no-any-return]
        return None

    def entry_corrections(self) -> dict[int, AnyCorrection]:
        """The latest correction of each corrected entry, by the entry's version."""
        return dict(self.__dict__.get("_entry_corrections", {}))

    def correct_entry(
        self, stamp: Stamp, version: int, reason: str, replacement: dict[str, Any] | None
    ) -> AnyCorrection:
        """Record a compensating entry: ``version`` corrected (``replacement``) or retracted (None).

        The correction takes the corrected entry's effective date, so ``--as-of`` sees
        it exactly when it sees the entry; its own recording time is ``stamp.at``.
        """
        required("reason", reason, "a correction states its reason")
        original = self.recorded_entry(version)
        if original is None:
            if 1 <= version <= self.version:
                raise InvalidInput("version", f"v{version} is a correction; correct the entry it corrects")
            raise InvalidInput("version", f"this {self.kind} has no v{version} (it is at v{self.version})")
        never = self.fixed_facts.get(type(original).__name__, {})
        for key in replacement or {}:
            if key in never:
                raise Refused(f"replace.{key}", never[key])
        current = self.entry_corrections().get(version)
        if replacement and current is not None and current.replacement:
            # the latest correction is the one applied: it carries the earlier one's facts too
            replacement = {**current.replacement, **replacement}
        if replacement:
            replacement = self.complete_replacement(original, replacement)
        now = original if current is None else current.corrected(original)
        facts: dict[str, Any] | None = None
        if replacement is None:
            if original.creates:
                raise Refused(
                    "version", f"v{version} created this {self.kind}; it cannot be retracted, only corrected"
                )
            if now is None:
                raise Refused("version", f"v{version} is already retracted")
        else:
            fields = set(type(original).model_fields) - ENVELOPE
            if not replacement:
                raise InvalidInput("replace", f"name the facts to replace: {', '.join(sorted(fields))}")
            for key in replacement:
                if key not in fields:
                    raise InvalidInput(
                        f"replace.{key}",
                        f"{type(original).__name__} has no fact {key!r}; it has {', '.join(sorted(fields))}",
                    )
            dumped = replaced(original, replacement).model_dump(mode="json")
            facts = {key: dumped[key] for key in sorted(replacement)}
            if now is not None and all(now.model_dump(mode="json")[k] == v for k, v in facts.items()):
                raise Refused("replace", f"v{version} already says {facts}")
        at = Stamp(actor=stamp.actor, effective=original.effective, at=stamp.at)
        return self._trigger(
            type(self).EntryCorrected, at, corrects_version=version, reason=reason.strip(), replacement=facts
        )

    def complete_replacement(self, original: Event, replacement: dict[str, Any]) -> dict[str, Any]:
        """Hook: check a replacement against the aggregate's rules and add the facts that
        follow from it (a total from its scores). The default takes it as given."""
        return replacement

    def _rebuild_with_corrections(self) -> None:
        """Recompute state from the recorded entries with every correction in place."""
        corrections: dict[int, AnyCorrection] = self.__dict__.get("_entry_corrections", {})
        fresh: Any = None
        for event in self.__dict__.get("_recorded_entries", []):
            fix = corrections.get(event.originator_version)
            use = event if fix is None else fix.corrected(event)
            if use is not None:
                fresh = use.mutate(fresh)
        keep = {"id", "version", "created_on", "modified_on"}
        for key in [k for k in vars(self) if not k.startswith("_") and k not in keep]:
            delattr(self, key)
        if fresh is not None:
            for key, value in vars(fresh).items():
                if not key.startswith("_") and key not in keep:
                    setattr(self, key, value)
