"""The one table of systems: what each system word contributes to every layer.

Every layer names a system by the same word: ``decision`` is ``aggregates/decision``,
``ledger/commands/decision.py``, ``ledger/interface/decision.py``,
``projections/decision/``, ``cli/decision.py``, ``ledger/demo/decision.py`` and
``tests/*/decision/``. The modules are named here as strings and imported only when a
system is used, so a clerk's write imports one system, not all of them.

Adding a system is one row below plus one file per layer (the README shows how);
``tests/test_systems.py`` checks that the table and the tree agree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from typing import Any


@dataclass(frozen=True)
class System:
    word: str  # the CLI word and the module name in every layer
    label: str  # the regime's name for it, as assessors read it
    prefixes: tuple[str, ...] = ()  # the first part of its aggregates' keys and of its board keys
    reads: bool = False  # ledger/interface/<word>.py holds its reads
    folds: tuple[str, ...] = ()  # the projections it keeps, "module:Class"
    notices: bool = False  # projections/<word>/notice.py writes its public notices
    demo: bool = False  # ledger/demo/<word>.py records its part of the demo year
    words: tuple[str, ...] = ()  # further top-level CLI words whose commands it defines
    # each CLI word's one-line help, so `ledger --help` lists the words without importing a
    # system (tests/e2e/test_cold_start.py checks each against its group's own help)
    help: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    @property
    def commands(self) -> str:
        return f"ledger.commands.{self.word}"

    @property
    def cli(self) -> str:
        return f"cli.{self.word}"

    @property
    def interface(self) -> str | None:
        return f"ledger.interface.{self.word}" if self.reads else None

    @property
    def notice_writer(self) -> str | None:
        return f"projections.{self.word}.notice" if self.notices else None

    @property
    def demo_steps(self) -> str | None:
        return f"ledger.demo.{self.word}" if self.demo else None


SYSTEMS: tuple[System, ...] = (
    System(
        "org",
        "组织与人员",
        prefixes=("organisation", "unit", "staff"),
        folds=("projections.org:Directory",),
        demo=True,
        words=("key",),
        help={
            "org": "The organisation: units, staff and roles.",
            "key": "Your own signing key (its private half never leaves your key folder).",
        },
    ),
    System(
        "calendar",
        "工作日历",
        prefixes=("calendar",),
        help={"calendar": "The working-day calendar recorded in the ledger."},
    ),
    System(
        "policy",
        "政策数据",
        prefixes=("policy",),
        help={"policy": "Policy data: the regime's numbers with their citations."},
    ),
    System(
        "decision",
        "重大行政决策预公开 (附件2)",
        prefixes=("decision",),
        reads=True,
        folds=(
            "projections.decision.register:DecisionRegister",
            "projections.decision.register:DecisionComments",
        ),
        notices=True,
        demo=True,
        help={"decision": "Major-decision pre-disclosure (重大行政决策预公开, 附件2)."},
    ),
    System(
        "catalogue",
        "政务公开事项清单 (附件3)",
        prefixes=("catalogue-index", "catalogue-item", "catalogue"),
        reads=True,
        folds=("projections.catalogue.register:CatalogueView",),
        notices=True,
        demo=True,
        help={"catalogue": "The disclosure catalogue (政务公开事项清单, 附件3)."},
    ),
    System(
        "duties",
        "一岗双责 (附件1)",
        prefixes=("duty_year", "duties"),
        reads=True,
        demo=True,
        help={"duties": "Leaders' transparency duties (附件1, 一岗双责)."},
    ),
    System(
        "assessment",
        "监督考核 (附件5)",
        prefixes=("scoring_standard", "assessment", "unscheduled_checks"),
        reads=True,
        notices=True,
        demo=True,
        help={"assessment": "The annual assessment of each unit (附件5): standard, steps, grades, evidence."},
    ),
    System(
        "openday",
        "政务开放日 (附件4)",
        prefixes=("open_day",),
        reads=True,
        folds=("projections.openday.register:OpenDayRegister",),
        notices=True,
        demo=True,
        help={"openday": "Government open days (政务开放日, 附件4)."},
    ),
    System(
        "request",
        "依申请公开 (国务院令第711号 第二十七条)",
        prefixes=("request", "complaint"),
        reads=True,
        folds=("projections.request.register:RequestRegister",),
        demo=True,
        help={"request": "Information requests (依申请公开, 国务院令第711号) and complaints."},
    ),
    System(
        "annual",
        "政府信息公开工作年度报告 (国务院令第711号 第四十九条)",
        prefixes=("annual_report",),
        reads=True,
        notices=True,
        demo=True,
        words=("annual-report",),
        help={"annual-report": "The annual report on government information disclosure (第四十九条)."},
    ),
    System(
        "audit",
        "审计与更正",
        prefixes=("checkpoint", "audit-keys", "witness-reestablished", "act"),
        reads=True,
        words=("correct", "migrate"),
        help={
            "audit": "Audit: verify the record, checkpoints, replay the views, export for supervisors.",
            "correct": "Correct (or retract) a wrong entry with a compensating entry; "
            "both stay on the trail.",
            "migrate": "Copy the ledger SRC into the empty database DST (SQLite file or postgresql://…), "
            "keeping every position; both sides verified, the heads equal, the projections rebuilt.",
        },
    ),
    System(
        "privacy",
        "个人信息删除 (个人信息保护法 第四十七条)",
        prefixes=("erasure",),
        reads=True,
        help={"privacy": "Personal data: subjects kept, erasure (个人信息保护法 第四十七条)."},
    ),
)

# The version of the rules the projections are derived by. Bump it when a change alters
# what any projection derives from the same events (a rule of the board, a notice's facts,
# a register's row): every live copy is then rebuilt from the log on its next read instead
# of being trusted (audit replay would otherwise, rightly, report the old rows). A projection
# that is new needs no bump: no ledger holds an older copy of it (``times`` came with 7's rules
# unchanged, so a ledger upgraded from 7 builds ``times`` alone, not every view again).
VIEWS_VERSION = 7


def stored_view_name(name: str) -> str:
    """The name a projection's live copy is stored under: its name and the version of the rules
    it was derived by, so a live copy derived by older rules is rebuilt, not trusted."""
    return f"{name}@{VIEWS_VERSION}"


# Projections that every system feeds: the deadline board, the public facts and when each
# aggregate last changed (what a read of the past asks: ``ledger.history``).
SHARED_FOLDS = (
    "projections.board:DeadlineBoard",
    "projections.notices:PublicFacts",
    "projections.times:AggregateTimes",
)


def system(word: str) -> System:
    """The system of a top-level CLI word (``correct`` belongs to ``audit``)."""
    for s in SYSTEMS:
        if word == s.word or word in s.words:
            return s
    raise KeyError(word)


def words() -> tuple[str, ...]:
    """Every top-level word a system gives the CLI, in table order."""
    return tuple(w for s in SYSTEMS for w in (s.word, *s.words))


def word_help(word: str) -> str | None:
    """The one-line help of a top-level CLI word (None: the word has no group of its own)."""
    for s in SYSTEMS:
        if word in s.help:
            return s.help[word]
    return None


def label_of(prefix: str) -> str:
    """The label of the system whose keys start with ``prefix`` (the prefix itself if none)."""
    for s in SYSTEMS:
        if prefix in s.prefixes:
            return s.label
    return prefix


def _load(path: str) -> Any:
    module, _, name = path.partition(":")
    found = import_module(module)
    return getattr(found, name) if name else found


@cache
def fold_classes() -> tuple[Any, ...]:
    """Every projection the ledger keeps a live copy of (audit replay rebuilds each one)."""
    return tuple(
        _load(p) for p in (*SYSTEMS[0].folds, *SHARED_FOLDS, *(f for s in SYSTEMS[1:] for f in s.folds))
    )


def notice_writers() -> Iterator[Any]:
    """Each system's notice writer: ``write(facts, issuer) -> list[Notice]``."""
    for s in SYSTEMS:
        if s.notice_writer:
            yield _load(s.notice_writer).write


def notice_systems() -> Iterator[tuple[System, Any]]:
    """Each system with notices and its writer: the site gives every one its own pages, so a
    system added to the table publishes there without a line of the site changing."""
    for s in SYSTEMS:
        if s.notice_writer:
            yield s, _load(s.notice_writer).write


def publishers() -> dict[Any, Any]:
    """Which aggregate class publishes which facts: ``projections/<word>/facts.py`` of each
    system with notices names its aggregate (``PUBLISHES``) and builds them (``public_facts``)."""
    found = {}
    for s in SYSTEMS:
        if s.notices:
            facts = _load(f"projections.{s.word}.facts")
            found[facts.PUBLISHES] = facts.public_facts
    return found


def demo_modules() -> Iterator[Any]:
    """The demo's modules, in table order (the bureau first: every later step needs it)."""
    for s in SYSTEMS:
        if s.demo_steps:
            yield _load(s.demo_steps)
