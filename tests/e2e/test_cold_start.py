"""A fresh `ledger` process imports what its command needs, and no more (issue 11: cold start).

Speed is measured by ``bench/``; here the *shape* is guarded: a read runs without the command
models, signing, cryptography or the notices; a write imports its own system only; ``ledger
--help`` lists every word without importing a system. Each case runs the installed CLI in a
real process and reads ``sys.modules`` as the process exits.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from cli.main import cli
from ledger import interface
from ledger.application import LedgerApp
from ledger.signing import KeyFolder
from ledger.systems import SYSTEMS, word_help, words
from tests.support.ledger import demo_file

# Run the CLI as the console script does, then print the modules the process holds.
PROBE = """
import atexit, json, sys
atexit.register(lambda: print("\\nMODULES " + json.dumps(sorted(sys.modules))))
from cli.main import main
sys.argv = ["ledger", *sys.argv[1:]]
main()
"""

# What a read never needs: the command vocabulary, keys and signatures, the public notices.
NOT_FOR_A_READ = (
    "ledger.commands",
    "ledger.interface.vocabulary",
    "ledger.signing",
    "ledger.audit",
    "cryptography",
    "projections.notices",
)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory, key_folder: Path) -> Iterator[Path]:
    """The demo's year in a ledger file, its views caught up by a first read."""
    db = demo_file(tmp_path_factory.mktemp("cold"), key_folder)
    modules_of(db, key_folder, "deadlines", "--unit", "FIN")  # the board and the directory
    modules_of(db, key_folder, "decision", "list")
    yield db


def modules_of(db: Path, keys: Path, *args: str) -> set[str]:
    """The modules a `ledger ARGS` process had imported when it exited (it must succeed)."""
    env = {**os.environ, "LEDGER_DB": str(db), "LEDGER_ACTOR": "S001", "LEDGER_KEYS": str(keys)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.rsplit("\nMODULES ", 1)[1]))


def present(modules: set[str], *packages: str) -> list[str]:
    return sorted(m for m in modules if m in packages or m.startswith(tuple(p + "." for p in packages)))


@pytest.mark.parametrize("read", [("deadlines",), ("decision", "list"), ("deadlines", "--format", "json")])
def test_a_read_imports_no_command_models_no_signing_and_no_notices(
    demo_db: Path, key_folder: Path, read: tuple[str, ...]
) -> None:
    modules = modules_of(demo_db, key_folder, *read)
    assert "ledger.storage.lean" in modules  # it did read the views
    assert present(modules, *NOT_FOR_A_READ) == []


# What a read of caught-up views never needs: pydantic, the domain's models, eventsourcing's
# application (the error classes, ``aggregates.errors``, are plain exceptions the CLI catches)
NOT_FOR_A_CAUGHT_UP_READ = ("pydantic", "eventsourcing.application", "ledger.application", "ledger.views")


@pytest.mark.parametrize(
    "read",
    [
        ("deadlines",),
        ("deadlines", "--unit", "FIN", "--status", "met,open", "--limit", "2", "--page", "2"),
        ("deadlines", "--format", "csv"),
        ("decision", "list"),
        ("decision", "list", "--unit", "FIN", "--format", "json"),
    ],
)
def test_a_read_of_caught_up_views_imports_no_pydantic_no_aggregates_no_application(
    demo_db: Path, key_folder: Path, read: tuple[str, ...]
) -> None:
    modules = modules_of(demo_db, key_folder, *read)
    assert "ledger.interface.lean" in modules
    assert present(modules, *NOT_FOR_A_CAUGHT_UP_READ) == []
    assert sorted(m for m in modules if m.split(".")[0] == "aggregates") in (
        [],
        ["aggregates", "aggregates.errors"],
    )


def test_audit_verify_reads_the_raw_rows_without_pydantic_the_aggregates_or_the_application(
    demo_db: Path, key_folder: Path
) -> None:
    """Verify trusts nothing above the database, and (no snapshot stored) loads nothing above it."""
    modules = modules_of(demo_db, key_folder, "audit", "verify", "--format", "json")
    assert "ledger.audit.signatures" in modules  # it did check the signed acts
    assert present(modules, *NOT_FOR_A_CAUGHT_UP_READ, "ledger.commands", "projections") == []
    assert sorted(m for m in modules if m.split(".")[0] == "aggregates") == [
        "aggregates",
        "aggregates.audit_facts",
        "aggregates.errors",
    ]


def test_a_read_of_one_system_imports_no_other_system(demo_db: Path, key_folder: Path) -> None:
    modules = modules_of(demo_db, key_folder, "decision", "list")
    others = [f"cli.{s.word}" for s in SYSTEMS if s.word != "decision"]
    assert present(modules, *others, "aggregates.catalogue", "aggregates.request") == []


def test_a_write_imports_its_own_system_and_signing_only(tmp_path: Path, key_folder: Path) -> None:
    db = tmp_path / "write.db"
    app = LedgerApp(str(db), keys=KeyFolder(key_folder))
    try:
        from tests.support.ledger import setup_bureau

        setup_bureau(app)
    finally:
        app.close()
    modules = modules_of(
        db, key_folder, "org", "staff", "add", "--staff-id", "S900", "--staff-name", "测试", "--unit", "FIN"
    )
    assert "ledger.commands.org" in modules and "ledger.signing" in modules  # it ran and signed
    others = [s.word for s in SYSTEMS if s.word != "org"]
    assert present(modules, *(f"ledger.commands.{w}" for w in others), *(f"cli.{w}" for w in others)) == []
    assert present(modules, "aggregates.decision", "aggregates.catalogue", "projections.notices") == []


def test_help_lists_every_word_without_importing_a_system(tmp_path: Path, key_folder: Path) -> None:
    modules = modules_of(tmp_path / "none.db", key_folder, "--help")
    assert (
        present(modules, *(f"cli.{s.word}" for s in SYSTEMS), "ledger.commands", "ledger.interface.core")
        == []
    )
    listed = subprocess.run(
        [sys.executable, "-c", PROBE, "--help"], capture_output=True, text=True, timeout=60
    ).stdout
    for word in words():
        if word_help(word) is not None:
            assert f"\n  {word} " in listed, word


def test_each_word_listed_with_the_help_its_own_group_gives() -> None:
    ctx = click.Context(cli)
    for word in words():
        command = cli.get_command(ctx, word)
        text = word_help(word)
        if command is None:  # a system word with no group of its own (annual: annual-report)
            assert text is None, word
            continue
        assert text is not None, f"{word}: no help in ledger/systems.py for `ledger --help`"
        for width in (45, 70, 500):
            listed = click.Command(word, help=text).get_short_help_str(width)
            assert listed == command.get_short_help_str(width), word


def test_the_interface_names_each_public_name_s_home() -> None:
    assert sorted(interface.__all__) == sorted(interface._HOME)
    for name in interface.__all__:
        assert getattr(interface, name) is not None


def test_an_unknown_subcommand_is_still_suggested(demo_db: Path, key_folder: Path) -> None:
    env = {**os.environ, "LEDGER_DB": str(demo_db), "LEDGER_KEYS": str(key_folder)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "decision", "lst"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2 and "Did you mean 'list'?" in done.stderr


# What `audit replay` never needs: the chain's checks, exports, signing, the command models, a
# progress bar where no terminal shows it (replay folds the views; the chain is verify's)
NOT_FOR_A_REPLAY = (
    "ledger.audit.verify",
    "ledger.audit.export",
    "ledger.audit.signatures",
    "ledger.audit.keys",
    "ledger.signing",
    "ledger.commands",
    "cryptography",
    "rich.progress",
)

# What `audit verify` never needs: the views and their reads, the replay, exports, the command models
NOT_FOR_A_VERIFY = (
    "ledger.views",
    "ledger.board",
    "ledger.interface.core",
    "ledger.audit.replay",
    "ledger.audit.export",
    "ledger.commands",
    "rich",
)


def test_audit_replay_imports_no_chain_checks_no_signing_and_no_command_models(
    demo_db: Path, key_folder: Path
) -> None:
    modules = modules_of(demo_db, key_folder, "audit", "replay")
    assert "ledger.audit.replay" in modules  # it did replay
    assert present(modules, *NOT_FOR_A_REPLAY) == []


def test_audit_verify_imports_no_views_no_replay_and_no_command_models(
    demo_db: Path, key_folder: Path
) -> None:
    modules = modules_of(demo_db, key_folder, "audit", "verify")
    assert "ledger.audit.verify" in modules and "ledger.audit.signatures" in modules  # it did verify
    assert present(modules, *NOT_FOR_A_VERIFY) == []
