"""The table of systems and the tree agree: one word per system, the same in every layer.

Adding a system is one row in ``ledger/systems.py`` plus one file per layer; these
tests fail when a file has no row, a row names a missing file, or a registry grows
back somewhere else.
"""

from __future__ import annotations

import ast
from importlib import import_module
from pathlib import Path

import pytest

from aggregates.base import Aggregate
from ledger.commands.base import Command, commands_of, registry
from ledger.systems import SYSTEMS, demo_modules, fold_classes, notice_writers, publishers, system, words

ROOT = Path(__file__).resolve().parent.parent
WORDS = {s.word for s in SYSTEMS}

# Modules of a layer that serve every system rather than one. The website and the
# supervisor's report are outputs over all systems (``site``, ``report``, ``publishing``);
# ``audit_facts`` holds, without pydantic, the ids every system's aggregates take and what
# the raw audit reads of the org and audit systems.
SHARED = {
    "aggregates": {"base", "errors", "obligations", "public", "authority", "audit_facts"},
    "ledger/commands": {"base"},
    "ledger/interface": {"core", "publishing", "vocabulary", "lean"},
    "cli": {"main", "session", "generated", "render", "site", "report"},
    "ledger/demo": {"__main__"},
    "projections": {"base", "board", "board_keys", "notices", "site", "times"},
}


def names_in(layer: str) -> set[str]:
    """The modules and packages of a layer, by name (``decision.py`` and ``decision/`` alike)."""
    found = set()
    for path in (ROOT / layer).iterdir():
        if path.name.startswith(("_", ".")) and path.name != "__main__.py":
            continue
        if path.suffix == ".py" or (path.is_dir() and (path / "__init__.py").exists()):
            found.add(path.stem)
    return found - SHARED.get(layer, set())


@pytest.mark.parametrize("layer", ["aggregates", "ledger/commands", "cli", "projections"])
def test_every_module_of_a_layer_is_named_by_a_system(layer: str) -> None:
    strays = sorted(names_in(layer) - WORDS)
    assert not strays, f"{layer}: {strays} have no row in ledger/systems.py"


def test_every_system_has_its_commands_and_its_cli_module() -> None:
    for s in SYSTEMS:
        assert commands_of(s.word) or s.words, f"{s.word}: no commands"
        assert callable(import_module(s.cli).register), f"{s.cli} has no register(root)"


def test_a_system_has_interface_notices_and_demo_modules_exactly_where_the_table_says() -> None:
    assert names_in("ledger/interface") == {s.word for s in SYSTEMS if s.interface}
    assert names_in("ledger/demo") == {s.word for s in SYSTEMS if s.demo_steps}
    with_notices = {p.parent.name for p in (ROOT / "projections").glob("*/notice.py")}
    assert with_notices == {s.word for s in SYSTEMS if s.notice_writer}
    assert len(list(notice_writers())) == len(with_notices)
    assert {cls.__module__.split(".")[1] for cls in publishers()} == with_notices  # each publishes its own
    assert next(m.__name__ for m in demo_modules()) == "ledger.demo.org"  # the bureau comes first


def test_every_command_belongs_to_the_system_whose_word_it_starts_with() -> None:
    for name, cls in registry().items():
        owner = system(name.split(".", 1)[0])
        assert cls.__module__ == owner.commands, f"{name} is defined in {cls.__module__}"
    assert set(words()) >= {name.split(".", 1)[0] for name in registry()}


def test_every_aggregate_kind_names_its_system() -> None:
    for s in SYSTEMS:
        import_module(s.commands)  # imports the system's aggregates

    def every(cls: type[Aggregate]) -> list[type[Aggregate]]:
        return [cls, *(c for sub in cls.__subclasses__() for c in every(sub))]

    kinds = {c.kind for c in every(Aggregate) if c.__module__.startswith("aggregates.")} - {"aggregate"}
    prefixes = {p for s in SYSTEMS for p in s.prefixes}
    assert kinds <= prefixes, f"aggregate kinds without a system: {sorted(kinds - prefixes)}"


def test_every_projection_in_the_table_is_a_distinct_fold() -> None:
    names = [cls.name for cls in fold_classes()]
    assert len(names) == len(set(names))


def test_tests_are_filed_under_system_words() -> None:
    for kind in ("unit", "integration", "e2e"):
        found = (ROOT / "tests" / kind).iterdir()
        folders = {p.name for p in found if p.is_dir() and p.name != "__pycache__"}
        assert folders <= WORDS | {"storage"}, f"tests/{kind}: {sorted(folders - WORDS)}"


def test_no_registry_of_systems_outside_the_table() -> None:
    """A dict or tuple literal keyed by three or more system words is a second registry."""
    offenders = []
    for layer in ("aggregates", "ledger", "projections", "cli"):
        for path in (ROOT / layer).rglob("*.py"):
            if path == ROOT / "ledger" / "systems.py":
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                keys = node.keys if isinstance(node, ast.Dict) else []
                named = {k.value for k in keys if isinstance(k, ast.Constant) and k.value in WORDS}
                if len(named) >= 3:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, offenders


def test_commands_are_pydantic_models_with_stable_names() -> None:
    for name, cls in registry().items():
        assert issubclass(cls, Command) and cls.name == name
