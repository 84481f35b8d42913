"""The interface the CLI (and any other front end) calls: strings in, plain data out.

It turns text into commands, runs them, and shapes what the ledger holds into
rows and dicts. Nothing here decides a rule: that is the aggregates' work.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.persistence import PersistenceError
from pydantic import BaseModel, ValidationError

from aggregates.base import Aggregate, Event, aggregate_ref
from aggregates.calendar import CalendarYear
from aggregates.errors import DomainError, InvalidInput, NoCalendar, NotFound, Unusable
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
    schema,
)
from ledger.rules.calendar import WorkingCalendar, today
from ledger.rules.deadlines import compute_due, standing
from ledger.storage import is_postgres
from ledger.systems import notice_writers
from ledger.views import Views
from ledger.when import NOW, When, local_time
from projections.base import Fold
from projections.board import DeadlineBoard
from projections.notices import Notice, PublicFacts, write_notices
from projections.org import Directory

A = TypeVar("A", bound=Aggregate)

__all__ = [
    "DomainError",
    "ImportProblem",
    "Ledger",
    "command_words",
    "commands_of",
    "schema",
]


def validation_line(err: ValidationError) -> str:
    """The first problem of a pydantic error, as ``field: rule``."""
    first = err.errors()[0]
    field = ".".join(str(p) for p in first["loc"]) or "input"
    return f"{field}: {first['msg']}"


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

    # --- writes: one door -------------------------------------------------------

    def run(self, commands: Sequence[Command], actor: str) -> list[dict[str, Any]]:
        """Run validated commands in one unit of work: all their events are saved, or none.

        The CLI, ``ledger import``, corrections and the demo all write through here."""
        return self.app.execute(commands, actor)

    def import_lines(
        self, lines: Iterable[str], actor: str, validate_only: bool = False
    ) -> tuple[int, list[ImportProblem]]:
        """Validate every line, then run them all in one transaction; nothing if any is bad."""
        commands: list[Command] = []
        numbers: list[int] = []
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
                commands.append(build(name, data))
                numbers.append(number)
            except json.JSONDecodeError as e:
                problems.append(ImportProblem(number, "line", f"not JSON ({e.msg})"))
            except DomainError as e:
                problems.append(ImportProblem(number, e.field, e.rule))
        if problems or validate_only:
            return 0, problems
        try:
            self.run(commands, actor)
        except Unusable:
            raise  # the ledger, not a line, is at fault: one line, exit 3
        except DomainError as e:
            rule = f"{e.rule} ({e.article})" if e.article else e.rule
            return 0, [ImportProblem(numbers[e.index or 0], e.field, rule, e.exit_code)]
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
        self, aggregate: str | None = None, since: int | None = None, when: When = NOW
    ) -> list[dict[str, Any]]:
        wanted = aggregate_ref(aggregate, "aggregate") if aggregate else None
        return [
            event_row(position, event)
            for position, event in self.app.log_events(since or 1)
            if (wanted is None or event.originator_id == wanted) and when.admits(event)
        ]

    def show(self, ref: str, version: int | None = None, when: When = NOW) -> dict[str, Any]:
        """An aggregate's state and entries, as recorded by ``when.known_at``, in effect on ``when.as_of``."""
        agg_id = resolve_id(ref)
        stored: list[Event] = list(self.app.events.get(agg_id, lte=version))  # type: ignore[arg-type]
        events = [e for e in stored if when.admits(e)]
        agg: Aggregate | None = None
        for event in events:
            agg = event.mutate(agg)
        if agg is None:
            raise NotFound("id", f"no aggregate {ref} in the ledger{when.describe()}")
        history = [event_row(0, e) for e in events]
        for row in history:
            row.pop("position")
        out: dict[str, Any] = {"id": str(agg.id), "kind": agg.kind, "version": agg.version, **when.stamp()}
        state = {k: plain(v) for k, v in agg.state().items() if k not in ("id",)}
        self.app.vault.forget()
        out["state"] = self.app.vault.reveal(state)  # personal data opened, or 已删除
        out["history"] = history
        return out

    def as_recorded(self, cls: type[A], id: UUID, when: When = NOW) -> A | None:
        """An aggregate now, or as it stood at ``when``."""
        if when.now:
            return self.app.get(cls, id)
        agg: Any = None
        for event in self.app.events.get(id):
            assert isinstance(event, Event)
            if when.admits(event):
                agg = event.mutate(agg)
        return agg if isinstance(agg, cls) else None

    def calendar_year(self, year: int, when: When = NOW) -> dict[str, Any]:
        cal = self.as_recorded(CalendarYear, CalendarYear.id_for(year), when)
        if cal is None:
            raise NotFound(
                "year",
                f"no working-day calendar for {year}{when.describe()}; "
                "load one with `ledger calendar load FILE`",
            )
        return {
            "year": year,
            "source": cal.source,
            "version": cal.version,
            "holidays": [{"date": d.isoformat(), "name": n} for d, n in sorted(cal.holidays.items())],
            "workdays": [{"date": d.isoformat(), "name": n} for d, n in sorted(cal.workdays.items())],
        }

    def policy(self, when: When = NOW) -> list[dict[str, Any]]:
        book = self.as_recorded(PolicyBook, PolicyBook.id_for(), when)
        if book is None:
            raise NotFound("policy", f"no policy data recorded{when.describe()}; run `ledger policy seed`")
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

    def rows(self, fold: type[Fold], when: When = NOW) -> dict[str, dict[str, Any]]:
        """A projection's rows, live or as they stood at ``when``, with personal data opened
        (or 已删除 once erased): the rows themselves keep it sealed."""
        if when.now:
            rows = self.views.live(fold).rows
        else:
            rows = self.views.history((fold,), as_of=when.as_of, known_at=when.known_at).get(fold).rows
        self.app.vault.forget()  # the keys as they are now (read only if a sealed value is met)
        revealed: dict[str, dict[str, Any]] = self.app.vault.reveal(rows)
        return revealed

    def directory(self, when: When = NOW) -> dict[str, list[dict[str, Any]]]:
        rows = sorted(self.rows(Directory, when).items())
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

    def _board(self, when: When) -> tuple[list[Obligation], WorkingCalendar, date]:
        """The board's obligations and the calendar, live or as known at ``when``."""
        day = when.day(self.today())
        if when.now:
            rows, cal = self.views.live(DeadlineBoard).rows, self.app.calendar()
        else:
            hist = self.views.history((DeadlineBoard,), as_of=when.as_of, known_at=when.known_at)
            rows, cal = hist.get(DeadlineBoard).rows, hist.calendar
        obligations = [Obligation.model_validate(r) for _, r in sorted(rows.items())]
        return obligations, cal, day

    def deadlines(self, when: When = NOW, unit: str | None = None) -> list[dict[str, Any]]:
        obligations, cal, day = self._board(when)
        rows = [standing(o, cal, day).row() for o in obligations if unit in (None, o.unit)]
        return sorted(rows, key=lambda r: (r["due"] or "9999", r["key"]))

    def explain(self, key: str, when: When = NOW) -> dict[str, Any]:
        obligations, cal, day = self._board(when)
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

    def notices(self, when: When = NOW) -> list[Notice]:
        """The public notices, from the live facts or as they stood at ``when``."""
        facts = [PublicFact.model_validate(r) for _, r in sorted(self.rows(PublicFacts, when).items())]
        return write_notices(facts, self.bureau_name(), notice_writers())

    def bureau_name(self) -> str:
        org = self.app.get(Organisation, Organisation.id_for())
        return org.name if org else ""

    def today(self) -> date:
        return today(self.app.clock())

    def event_count(self) -> int:
        return self.app.max_position()


def command_help(cls: type[Command]) -> str:
    return describe(cls)
