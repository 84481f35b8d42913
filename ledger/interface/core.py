"""The interface the CLI (and any other front end) calls: strings in, plain data out.

It turns text into commands, runs them, and shapes what the ledger holds into
rows and dicts. Nothing here decides a rule: that is the aggregates' work.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from pydantic import BaseModel

from aggregates.base import Aggregate, Event, aggregate_ref
from aggregates.calendar import CalendarYear
from aggregates.errors import DomainError, InvalidInput, NoCalendar, NotFound, Unusable
from aggregates.obligations import Obligation
from aggregates.org import Organisation
from aggregates.policy import PolicyBook
from aggregates.public import PublicFact
from ledger.application import LedgerApp
from ledger.board import BoardPage, board_calendar, board_page, page_of, standing_rows, typed_states
from ledger.bulk import bulk
from ledger.notice_dates import with_dates
from ledger.rules.calendar import WorkingCalendar, today
from ledger.rules.deadlines import STATES, compute_due, standing, urgency
from ledger.rules.text import fold
from ledger.storage import StorageUnusable, is_postgres
from ledger.storage.opening import open_app
from ledger.systems import notice_writers
from ledger.views import Views
from ledger.when import NOW, When, local_time
from projections.base import Fold
from projections.board import DeadlineBoard, obligation_of
from projections.org import Directory

if TYPE_CHECKING:
    from ledger.commands.base import Command
    from ledger.signing import Keyring, Signer
    from projections.notices import Notice

A = TypeVar("A", bound=Aggregate)

__all__ = ["DomainError", "ImportProblem", "Ledger", "Unusable"]


@dataclass(frozen=True)
class ImportProblem:
    line: int
    field: str
    rule: str
    exit_code: int = 2  # 2: the line is invalid; 1: a rule refused it

    def __str__(self) -> str:
        return f"line {self.line}: {self.field}: {self.rule}"


KIND_OF_FIELD = {"host": "unit", "leader": "staff", "staff_id": "staff", "actor": "staff"}


def typed_in(rule: str) -> str | None:
    """The name a ``no <thing> <NAME> in the ledger`` message quotes."""
    found = re.match(r"no [a-z_ ]+? '?([^\s']+)'? in the ledger", rule)
    return found.group(1) if found else None


def near(typed: str, names: Iterable[str]) -> str | None:
    """The name ``typed`` most likely meant: the same up to case and width, else the closest."""
    names = sorted(names)

    def fold(text: str) -> str:
        return unicodedata.normalize("NFKC", text).casefold()

    same = [n for n in names if fold(n) == fold(typed)]
    if same:
        return same[0]
    folded = {fold(n): n for n in names}
    close = difflib.get_close_matches(fold(typed), list(folded), n=1, cutoff=0.6)
    return folded[close[0]] if close else None


def board_states(typed: Sequence[str]) -> set[str]:
    """The states a board is filtered to (``overdue,due``); InvalidInput names an unknown one."""
    wanted, unknown = typed_states(typed)
    if unknown:
        match = near(unknown[0], STATES)
        hint = f" (did you mean {match}?)" if match else ""
        raise InvalidInput("status", f"no state {unknown[0]!r}{hint}; one of {', '.join(STATES)}")
    return wanted


def board_summary(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """One line per unit: how many of its obligations are in each state (the board's header)."""
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        mine = counts.setdefault(row["unit"], dict.fromkeys(STATES, 0))
        mine[row["status"]] += 1
    return [{"unit": unit, **counts[unit]} for unit in sorted(counts)]


def resolve_id(ref: str) -> UUID:
    """An aggregate id from a UUID or a natural key such as ``staff:S001`` (typed full-width or not)."""
    return aggregate_ref(fold(ref), "id")


def find_row(
    rows: dict[str, dict[str, Any]], kind: str, ref: str, field: str, noun: str, see: str
) -> dict[str, Any]:
    """A register row by number (``YJJR-2026-01``), key (``decision:YJJR-2026-01``) or UUID;
    NotFound on ``field`` otherwise, pointing at the ``see`` command. A number typed on a
    Chinese keyboard (``ＹＪＪＲ－２０２６－０１``) finds its row."""
    ref = fold(ref)
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
    if isinstance(value, datetime):
        return local_time(value)  # one zone for every time a read prints, and it says so
    if isinstance(value, date | UUID):
        return value.isoformat() if not isinstance(value, UUID) else str(value)
    if hasattr(value, "value") and isinstance(getattr(value, "value", None), str):
        return value.value
    return value


class Ledger:
    """One ledger database, opened for a front end."""

    def __init__(self, db: str, app: LedgerApp | None = None, keys: Keyring | None = None) -> None:
        self.app = app or open_app(db)
        if keys is not None:
            self.app.keys = keys  # the front end's key folder (the CLI's --keys / --key)
        self.views = Views(self.app)

    def close(self) -> None:
        self.app.close()

    def suggest(self, error: NotFound) -> NotFound:
        """``error`` with the nearest name the ledger holds (``fin`` → ``FIN``), if one is near."""
        typed = error.value or typed_in(error.rule)
        if not typed:
            return error
        kind = KIND_OF_FIELD.get(error.field, error.field)
        names = self.names()
        match = near(typed, names.get(kind) or {n for ns in names.values() for n in ns})
        if match is None:
            return error
        hint = f"did you mean {match}?"
        rule = (
            error.rule.replace("; see ", f" ({hint}); see ", 1)
            if "; see " in error.rule
            else f"{error.rule}; {hint}"
        )
        better = NotFound(error.field, rule, error.article, typed)
        better.index = error.index
        return better

    def names(self) -> dict[str, set[str]]:
        """The names the ledger holds, by kind (``unit``: the unit codes; ``decision``: numbers …)."""
        from ledger.systems import fold_classes

        out: dict[str, set[str]] = {}
        for view in fold_classes():
            for key in self.views.live(view).rows:
                kind, _, name = key.partition(":")
                if name and "/" not in kind:
                    out.setdefault(kind, set()).add(name)
        return out

    # --- writes: one door -------------------------------------------------------

    def run(
        self, commands: Sequence[Command], actor: str | Sequence[str], signer: Signer | None = None
    ) -> list[dict[str, Any]]:
        """Run validated commands in one unit of work: all their events are saved, or none,
        with the act that signs them (``signer``, else the actor's key in the key folder).
        ``actor`` makes them all, or names each command's own actor in order (each signs
        their own act).

        The CLI, ``ledger import``, corrections and the demo all write through here; a
        ledger that can only be read refuses before anything is run (exit 3)."""
        if self.app.read_only:
            how = "(the file, its folder, or how it was opened)"
            if is_postgres(self.app.db):
                how = "for this role"
            raise StorageUnusable(
                self.app.db,
                f"is read-only here {how}",
                "nothing was written; write to a copy you may change, or ask for write access",
            )
        try:
            return self.app.execute(commands, actor, signer)
        except NotFound as e:
            typed = getattr(commands[e.index or 0], e.field, None) if commands else None
            if e.value is None and isinstance(typed, str):
                e.value = typed
            raise

    def import_lines(
        self, lines: Iterable[str], actor: str | None, validate_only: bool = False
    ) -> tuple[int, list[ImportProblem]]:
        """Validate every line, then run them all in one transaction; nothing if any is bad.

        A line may name its actor (``"actor": "P01"``), who makes that command and is
        authorised for it; ``actor`` makes the lines that name none. The cycle collector is
        paused meanwhile (``ledger.bulk``)."""
        with bulk():
            return self._import_lines(lines, actor, validate_only)

    def _import_lines(
        self, lines: Iterable[str], actor: str | None, validate_only: bool = False
    ) -> tuple[int, list[ImportProblem]]:
        """``import_lines`` itself."""
        from ledger.interface.vocabulary import build  # the command models: only for writes

        commands: list[Command] = []
        actors: list[str] = []
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
                by = data.pop("actor", actor)
                if not isinstance(by, str) or not by.strip():
                    raise InvalidInput(
                        "actor", 'name who makes it: "actor": "S002" on the line, or --actor for every line'
                    )
                commands.append(build(name, data))
                actors.append(by.strip())
                numbers.append(number)
            except json.JSONDecodeError as e:
                problems.append(ImportProblem(number, "line", f"not JSON ({e.msg})"))
            except DomainError as e:
                problems.append(ImportProblem(number, e.field, e.rule))
        if problems or validate_only:
            return 0, problems
        try:
            self.run(commands, actors)
        except Unusable:
            raise  # the ledger, not a line, is at fault: one line, exit 3
        except DomainError as e:
            rule = f"{e.rule} ({e.article})" if e.article else e.rule
            return 0, [ImportProblem(numbers[e.index or 0], e.field, rule, e.exit_code)]
        return len(commands), []

    def import_file(self, path: Path, actor: str | None) -> tuple[int, list[ImportProblem]]:
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

    def rows(self, fold: type[Fold], when: When = NOW, prefix: str = "") -> dict[str, dict[str, Any]]:
        """A projection's rows (those whose key starts with ``prefix``), live or as they stood
        at ``when``, with personal data opened (or 已删除 once erased): the rows themselves
        keep it sealed."""
        rows: Mapping[str, dict[str, Any]]
        if when.now and prefix:  # only the rows under the prefix are read (and caught up)
            rows = self.views.source(fold).under(prefix)
        elif when.now:
            rows = self.views.live(fold).rows
        else:
            rows = self.views.history((fold,), as_of=when.as_of, known_at=when.known_at).get(fold).rows
        if prefix:
            rows = {key: row for key, row in rows.items() if key.startswith(prefix)}
        return self._revealed(rows)

    def _revealed(self, rows: Mapping[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
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
            board, cal = self.views.live(DeadlineBoard), self.app.calendar()
        else:
            hist = self.views.history((DeadlineBoard,), as_of=when.as_of, known_at=when.known_at)
            board, cal = hist.get(DeadlineBoard), hist.calendar
        return [obligation_of(r) for _, r in board.obligations()], cal, day

    def board(
        self,
        when: When = NOW,
        unit: str | None = None,
        states: Sequence[str] = (),
        limit: int | None = None,
        offset: int = 0,
    ) -> BoardPage:
        """The board, most urgent first (overdue, then due soonest); only ``states`` if given;
        ``limit`` rows from ``offset`` (every row when None), with how many there are in all.
        Live, the rows shown are read from the stored board by state (``ledger.board``)."""
        unit = fold(unit) if unit is not None else None
        if unit is not None and not self.views.source(Directory).get([f"unit:{unit}"]):
            raise NotFound("unit", f"no unit {unit} in the ledger; see `ledger org list`", value=unit)
        wanted = board_states(states)
        day = when.day(self.today())
        if when.now:
            source = self.views.source(DeadlineBoard)
            return board_page(source, board_calendar(source), day, unit, wanted, limit, offset)
        hist = self.views.history((DeadlineBoard,), as_of=when.as_of, known_at=when.known_at)
        rows = [
            standing(obligation_of(r), hist.calendar, day).row()
            for _, r in hist.get(DeadlineBoard).obligations()
            if unit in (None, r["unit"])
        ]
        rows = sorted((r for r in rows if not wanted or r["status"] in wanted), key=urgency)
        counts = {line.pop("unit"): line for line in board_summary(rows)}
        return BoardPage(page_of(rows, limit, offset), len(rows), counts)

    def board_rows(self, keys: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The live board's rows of ``keys`` (``<aggregate id>|<obligation key>``), as they stand today."""
        return standing_rows(self.views.source(DeadlineBoard), keys, self.today())

    def deadlines(
        self, when: When = NOW, unit: str | None = None, states: Sequence[str] = ()
    ) -> list[dict[str, Any]]:
        """The whole board, most urgent first (overdue, then due soonest); only ``states`` if given."""
        return self.board(when, unit, states).rows

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
        from projections.notices import write_notices  # only the notices need them

        return write_notices(self.public_facts(when), self.bureau_name(), notice_writers())

    def public_facts(self, when: When = NOW) -> list[PublicFact]:
        """The public facts the notices are written from, live or as they stood at ``when``,
        each closing day computed with the calendar known at the same moment."""
        from projections.notices import PublicFacts  # only the notices and the site need them

        if when.now:
            rows, cal = self.views.live(PublicFacts).rows, self.app.calendar()
        else:
            hist = self.views.history((PublicFacts,), as_of=when.as_of, known_at=when.known_at)
            rows, cal = hist.get(PublicFacts).rows, hist.calendar
        rows = self._revealed(rows)
        return with_dates((PublicFact.model_validate(r) for _, r in sorted(rows.items())), cal)

    def bureau_name(self) -> str:
        org = self.app.get(Organisation, Organisation.id_for())
        return org.name if org else ""

    def today(self) -> date:
        return today(self.app.clock())

    def event_count(self) -> int:
        return self.app.max_position()
