"""The interface the CLI (and any other front end) calls: strings in, plain data out.

It turns text into commands, runs them, and shapes what the ledger holds into
rows and dicts. Nothing here decides a rule: that is the aggregates' work.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar
from uuid import UUID

import pendulum
from eventsourcing.persistence import PersistenceError
from pydantic import BaseModel, ValidationError

from aggregates.base import Aggregate, Event, aggregate_ref
from aggregates.calendar import CalendarYear
from aggregates.errors import DomainError, InvalidInput, NoCalendar, NotFound
from aggregates.obligations import Obligation
from aggregates.org import Organisation
from aggregates.policy import PolicyBook
from aggregates.public import PublicFact
from ledger.application import LedgerApp
from ledger.commands.base import (
    Command,
    command_class,
    command_words,
    commands_of,
    describe,
    registry,
    schema,
)
from ledger.rules.calendar import TZ, WorkingCalendar, today
from ledger.rules.deadlines import compute_due, standing
from ledger.storage import is_postgres
from ledger.views import Views
from projections.base import Fold
from projections.board import DeadlineBoard
from projections.notices import Notice, PublicFacts, write_notices
from projections.org import Directory

A = TypeVar("A", bound=Aggregate)

__all__ = [
    "DomainError",
    "ImportProblem",
    "Ledger",
    "command_catalogue",
    "command_words",
    "commands_of",
    "schema",
]


def validation_line(err: ValidationError) -> str:
    """The first problem of a pydantic error, as ``field: rule``."""
    first = err.errors()[0]
    field = ".".join(str(p) for p in first["loc"]) or "input"
    return f"{field}: {first['msg']}"


def command_catalogue() -> dict[str, type[Command]]:
    return registry()


def build(name: str, fields: dict[str, Any]) -> Command:
    """A validated command from its name and raw fields; InvalidInput otherwise."""
    cls = command_class(name)
    if cls is None:
        raise InvalidInput("command", f"unknown command {name!r}; see `ledger schema`")
    try:
        return cls.model_validate(fields)
    except ValidationError as e:
        field, rule = validation_line(e).split(": ", 1)
        raise InvalidInput(field, rule, article_of(cls, field)) from None


def article_of(cls: type[Command], field: str) -> str | None:
    """The article a command field cites (``Field(json_schema_extra=cites(...))``), if any."""
    info = cls.model_fields.get(field.split(".", 1)[0])
    extra = info.json_schema_extra if info is not None else None
    article = extra.get("article") if isinstance(extra, dict) else None
    return article if isinstance(article, str) else None


@dataclass(frozen=True)
class ImportProblem:
    line: int
    field: str
    rule: str
    exit_code: int = 2  # 2: the line is invalid; 1: a rule refused it

    def __str__(self) -> str:
        return f"line {self.line}: {self.field}: {self.rule}"


def require_existing(db: str) -> None:
    """A read names a ledger that exists: a mistyped path must not become a new, empty ledger."""
    if is_postgres(db) or db == ":memory:" or db.startswith("file:"):
        return
    if Path(db).parent.is_dir() and not Path(db).exists():  # a missing folder is reported on opening
        raise InvalidInput("db", f"no ledger at {db}; `ledger org init` starts one (or set --db / LEDGER_DB)")


def resolve_id(ref: str) -> UUID:
    """An aggregate id from a UUID or a natural key such as ``staff:S001``."""
    return aggregate_ref(ref, "id")


def local_time(moment: datetime) -> str:
    return pendulum.instance(moment).in_timezone(TZ).format("YYYY-MM-DD HH:mm:ss")


def parse_moment(text: str) -> datetime:
    """A timestamp from the user; a bare date means the end of that day, Asia/Shanghai."""
    try:
        parsed = pendulum.parse(text, tz=TZ)
    except (ValueError, pendulum.parsing.exceptions.ParserError):
        raise InvalidInput("known_at", f"{text!r} is not a date or timestamp") from None
    if not isinstance(parsed, pendulum.DateTime):
        raise InvalidInput("known_at", f"{text!r} is not a date or timestamp")
    if len(text.strip()) == 10:  # YYYY-MM-DD: everything recorded that day
        parsed = parsed.end_of("day")
    return parsed


def parse_day(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(field, f"{text!r} is not a date (YYYY-MM-DD)") from None


def find_row(
    rows: dict[str, dict[str, Any]], kind: str, ref: str, field: str, noun: str, see: str
) -> dict[str, Any]:
    """A register row by number (``YJJR-2026-01``), key (``decision:YJJR-2026-01``) or UUID;
    NotFound on ``field`` otherwise, pointing at the ``see`` command."""
    number = ref.removeprefix(f"{kind}:")
    if f"{kind}:{number}" in rows:
        return rows[f"{kind}:{number}"]
    try:
        wanted = str(UUID(ref))
    except ValueError:
        wanted = None
    for row in rows.values():
        if row["id"] == wanted:
            return row
    raise NotFound(field, f"no {noun} {ref} in the ledger; see `{see}`")


def ordered(row: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    """``row`` with ``keys`` first, in that order, then the rest."""
    return {**{k: row[k] for k in keys if k in row}, **{k: v for k, v in row.items() if k not in keys}}


def _when(as_of: str | None, known_at: str | None) -> str:
    """`` as known at …`` / `` as of …`` for a message about a historical read."""
    known = f" as known at {local_time(parse_moment(known_at))}" if known_at else ""
    return known + (f" as of {parse_day(as_of, 'as_of')}" if as_of else "")


def event_row(position: int, event: Event) -> dict[str, Any]:
    owner = event.owner()
    return {
        "position": position,
        "recorded": local_time(event.timestamp),
        "effective": event.effective.isoformat(),
        "actor": event.actor,
        "aggregate": f"{owner.kind}:{str(event.originator_id)[:8]}",
        "aggregate_id": str(event.originator_id),
        "version": event.originator_version,
        "event": f"{owner.__name__}.{type(event).__name__}",
        "summary": event.summary(),
    }


def plain(value: Any) -> Any:
    """JSON-friendly form of aggregate state."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, dict):
        return {str(plain(k)): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    if isinstance(value, date | datetime | UUID):
        return value.isoformat() if not isinstance(value, UUID) else str(value)
    if hasattr(value, "value") and isinstance(getattr(value, "value", None), str):
        return value.value
    return value


def open_app(db: str) -> LedgerApp:
    """The application on ``db``; a path that cannot hold a ledger is an input error, not a crash."""
    if not is_postgres(db) and db != ":memory:":
        folder = Path(db).expanduser().parent
        if not folder.is_dir():
            raise InvalidInput("db", f"{db}: the directory {folder} does not exist")
    try:
        return LedgerApp(db)
    except (PersistenceError, sqlite3.Error) as e:
        raise InvalidInput("db", f"{db} cannot be opened as a ledger database ({e})") from None


class Ledger:
    """One ledger database, opened for a front end."""

    def __init__(self, db: str, app: LedgerApp | None = None) -> None:
        self.app = app or open_app(db)
        self.views = Views(self.app)

    def close(self) -> None:
        self.app.close()

    # --- writes ----------------------------------------------------------------

    def execute(self, name: str, fields: dict[str, Any], actor: str) -> dict[str, Any]:
        command = build(name, fields)
        return self.app.execute([command], actor)[0]

    def run(self, commands: list[Command], actor: str) -> list[dict[str, Any]]:
        return self.app.execute(commands, actor)

    def import_lines(
        self, lines: Iterable[str], actor: str, validate_only: bool = False
    ) -> tuple[int, list[ImportProblem]]:
        """Validate every line, then run them all in one transaction; nothing if any is bad."""
        commands: list[tuple[int, Command]] = []
        problems: list[ImportProblem] = []
        for number, text in enumerate(lines, start=1):
            if not text.strip():
                continue
            try:
                data = json.loads(text)
                if not isinstance(data, dict):
                    raise InvalidInput("line", "each line is one JSON object")
                name = data.pop("command", None)
                if not isinstance(name, str):
                    raise InvalidInput("command", 'each line names its command, e.g. "org.staff.add"')
                commands.append((number, build(name, data)))
            except json.JSONDecodeError as e:
                problems.append(ImportProblem(number, "line", f"not JSON ({e.msg})"))
            except DomainError as e:
                problems.append(ImportProblem(number, e.field, e.rule))
        if problems or validate_only:
            return 0, problems
        from ledger.application import UnitOfWork

        uow = UnitOfWork(self.app, actor, self.app.clock())
        for number, command in commands:
            try:
                command.execute(uow)
            except DomainError as e:
                rule = f"{e.rule} ({e.article})" if e.article else e.rule
                return 0, [ImportProblem(number, e.field, rule, e.exit_code)]
        uow.commit()
        return len(commands), []

    def import_file(self, path: Path, actor: str) -> tuple[int, list[ImportProblem]]:
        lines: list[str] = []
        problems: list[ImportProblem] = []
        with path.open("rb") as f:
            for number, raw in enumerate(f, start=1):
                try:
                    lines.append(raw.decode("utf-8"))
                except UnicodeDecodeError as e:
                    lines.append("")  # keeps the numbering of the lines after it
                    problems.append(ImportProblem(number, "line", f"not UTF-8 text (byte {e.start})"))
        if problems:
            return 0, problems + self.import_lines(lines, actor, validate_only=True)[1]
        return self.import_lines(lines, actor)

    # --- reads -----------------------------------------------------------------

    def log(
        self,
        aggregate: str | None = None,
        since: int | None = None,
        known_at: str | None = None,
        as_of: str | None = None,
    ) -> list[dict[str, Any]]:
        wanted = aggregate_ref(aggregate, "aggregate") if aggregate else None
        until = parse_moment(known_at) if known_at else None
        day = parse_day(as_of, "as_of") if as_of else None
        rows = []
        for position, event in self.app.log_events(since or 1):
            if wanted is not None and event.originator_id != wanted:
                continue
            if until is not None and event.timestamp > until:
                continue
            if day is not None and event.effective > day:
                continue
            rows.append(event_row(position, event))
        return rows

    def show(
        self, ref: str, version: int | None = None, as_of: str | None = None, known_at: str | None = None
    ) -> dict[str, Any]:
        """An aggregate's state and entries; as recorded by ``known_at``, as in effect on ``as_of``."""
        agg_id = resolve_id(ref)
        until = parse_moment(known_at) if known_at else None
        day = parse_day(as_of, "as_of") if as_of else None
        stored: list[Event] = list(self.app.events.get(agg_id, lte=version))  # type: ignore[arg-type]
        events = [
            e
            for e in stored
            if (until is None or e.timestamp <= until) and (day is None or e.effective <= day)
        ]
        agg: Aggregate | None = None
        for event in events:
            agg = event.mutate(agg)
        if agg is None:
            raise NotFound("id", f"no aggregate {ref} in the ledger{_when(as_of, known_at)}")
        history = [event_row(0, e) for e in events]
        for row in history:
            row.pop("position")
        out: dict[str, Any] = {"id": str(agg.id), "kind": agg.kind, "version": agg.version}
        if day is not None:
            out["as_of"] = day.isoformat()
        if until is not None:
            out["known_at"] = local_time(until)
        out["state"] = {k: plain(v) for k, v in agg.state().items() if k not in ("id",)}
        out["history"] = history
        return out

    def as_recorded(
        self, cls: type[A], id: UUID, as_of: str | None = None, known_at: str | None = None
    ) -> A | None:
        """An aggregate now, or as it stood on ``as_of`` / as recorded by ``known_at``."""
        if not as_of and not known_at:
            return self.app.get(cls, id)
        day = parse_day(as_of, "as_of") if as_of else None
        until = parse_moment(known_at) if known_at else None
        agg: Any = None
        for event in self.app.events.get(id):
            assert isinstance(event, Event)
            if until is not None and event.timestamp > until:
                continue
            if day is not None and event.effective > day:
                continue
            agg = event.mutate(agg)
        return agg if isinstance(agg, cls) else None

    def calendar_year(
        self, year: int, as_of: str | None = None, known_at: str | None = None
    ) -> dict[str, Any]:
        cal = self.as_recorded(CalendarYear, CalendarYear.id_for(year), as_of, known_at)
        if cal is None:
            when = _when(as_of, known_at)
            raise NotFound(
                "year",
                f"no working-day calendar for {year}{when}; load one with `ledger calendar load FILE`",
            )
        return {
            "year": year,
            "source": cal.source,
            "version": cal.version,
            "holidays": [{"date": d.isoformat(), "name": n} for d, n in sorted(cal.holidays.items())],
            "workdays": [{"date": d.isoformat(), "name": n} for d, n in sorted(cal.workdays.items())],
        }

    def policy(self, as_of: str | None = None, known_at: str | None = None) -> list[dict[str, Any]]:
        book = self.as_recorded(PolicyBook, PolicyBook.id_for(), as_of, known_at)
        if book is None:
            when = _when(as_of, known_at)
            raise NotFound("policy", f"no policy data recorded{when}; run `ledger policy seed`")
        return [
            {
                "version": p.version,
                "effective_from": p.effective_from.isoformat(),
                "key": key,
                "value": rule.value,
                "unit": rule.unit,
                "citation": rule.citation,
            }
            for p in book.versions.values()
            for key, rule in p.rules.items()
        ]

    def rows(self, fold: type[Fold], as_of: str | None, known_at: str | None) -> dict[str, dict[str, Any]]:
        """A projection's rows, live or as the world stood on ``as_of`` / as recorded by ``known_at``."""
        until = parse_moment(known_at) if known_at else None
        day = parse_day(as_of, "as_of") if as_of else None
        if day or until:
            return self.views.history((fold,), as_of=day, known_at=until).get(fold).rows
        return self.views.live(fold).rows

    def directory(
        self, as_of: str | None = None, known_at: str | None = None
    ) -> dict[str, list[dict[str, Any]]]:
        rows = sorted(self.rows(Directory, as_of, known_at).items())
        return {
            "units": [row for key, row in rows if key.startswith("unit:")],
            "staff": [
                {
                    **row,
                    "roles": "; ".join(
                        f"{role}({','.join(g['areas']) or g['unit'] or ''})"
                        for role, g in row["roles"].items()
                    ),
                }
                for key, row in rows
                if key.startswith("staff:")
            ],
        }

    def _board(
        self, as_of: str | None, known_at: str | None
    ) -> tuple[list[Obligation], WorkingCalendar, date]:
        """The board's obligations and the calendar, live or as known at a moment."""
        until = parse_moment(known_at) if known_at else None
        day = parse_day(as_of, "as_of") if as_of else (until.date() if until else self.today())
        if as_of or until:
            hist = self.views.history((DeadlineBoard,), as_of=day if as_of else None, known_at=until)
            rows, cal = hist.get(DeadlineBoard).rows, hist.calendar
        else:
            rows, cal = self.views.live(DeadlineBoard).rows, self.app.calendar()
        obligations = [Obligation.model_validate(r) for _, r in sorted(rows.items())]
        return obligations, cal, day

    def deadlines(
        self, as_of: str | None = None, known_at: str | None = None, unit: str | None = None
    ) -> list[dict[str, Any]]:
        obligations, cal, day = self._board(as_of, known_at)
        rows = [standing(o, cal, day).row() for o in obligations if unit in (None, o.unit)]
        return sorted(rows, key=lambda r: (r["due"] or "9999", r["key"]))

    def explain(self, key: str, as_of: str | None = None, known_at: str | None = None) -> dict[str, Any]:
        obligations, cal, day = self._board(as_of, known_at)
        found = [o for o in obligations if o.key == key]
        if not found:
            raise NotFound("key", f"no obligation {key!r} on the board; see `ledger deadlines`")
        o = found[0]
        try:
            comp = compute_due(o, cal)
        except NoCalendar as e:
            return {**standing(o, cal, day).row(), "rule": e.rule, "steps": []}
        return {
            **standing(o, cal, day).row(),
            "rule": comp.rule,
            "steps": [{"day": s.day.isoformat(), "kind": s.kind, "note": s.note} for s in comp.steps],
        }

    def notices(self, as_of: str | None = None, known_at: str | None = None) -> list[Notice]:
        """The public notices, from the live facts or as they stood on a date / were known."""
        rows = self.rows(PublicFacts, as_of, known_at)
        facts = [PublicFact.model_validate(r) for _, r in sorted(rows.items())]
        return write_notices(facts, self.bureau_name())

    def bureau_name(self) -> str:
        org = self.app.get(Organisation, Organisation.id_for())
        return org.name if org else ""

    def today(self) -> date:
        return today(self.app.clock())

    def event_count(self) -> int:
        return self.app.max_position()


def command_help(cls: type[Command]) -> str:
    return describe(cls)
