"""Every command a clerk can run is in the README, in the form they type it.

The vocabulary (``ledger schema``) and the CLI's tree (every system loaded) are listed
from the code, so a command added without a line in the README fails here."""

from __future__ import annotations

import re
from pathlib import Path

import click

from cli.main import cli
from ledger.interface import command_words, commands_of, schema

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")

# Commands without a generated CLI command, and the form the CLI offers instead.
FRIENDLIER = {
    "calendar.record": "ledger calendar load",
    "policy.record": "ledger policy load",
    "audit.checkpoint": "ledger audit checkpoint",  # computed and signed by the CLI, then recorded
    "audit.key.register": "ledger audit key register",  # the key read from its public PEM file
    "audit.reestablish": "ledger audit reestablish",  # computed and signed by the CLI, then recorded
    "annual-report.text": "ledger annual-report text",  # the year as an argument, as the issue names it
    "annual-report.publish": "ledger annual-report publish",  # checked first: table 三 must add up
}


def cli_form(name: str) -> str:
    """`decision.period.reopen` → `ledger decision period reopen`."""
    return FRIENDLIER.get(name, "ledger " + name.replace(".", " "))


def cli_paths() -> list[str]:
    def walk(group: click.Group, path: str) -> list[str]:
        found = []
        for word, command in group.commands.items():
            found += (
                walk(command, f"{path} {word}") if isinstance(command, click.Group) else [f"{path} {word}"]
            )
        return found

    cli.load_all()
    return sorted(walk(cli, "ledger"))


def in_readme(line: str) -> bool:
    """`ledger` and the words, as typed: global options (`--actor S002`, `--key FILE`) may come between."""
    ledger, *words = line.split()
    options = r"(?:\s+--(?:actor|db|keys?)(?:\s+|=)\S+)*"
    pattern = re.escape(ledger) + options + "".join(r"\s+" + re.escape(w) for w in words) + r"(?![\w-])"
    return re.search(pattern, README) is not None


def test_the_friendlier_forms_are_exactly_the_commands_without_a_generated_one() -> None:
    without = {
        name for word in command_words() for name, cls in commands_of(word).items() if not cls.generate_cli
    }
    assert without == set(FRIENDLIER)
    assert set(FRIENDLIER.values()) <= set(cli_paths())


def test_every_command_of_the_vocabulary_is_in_the_readme() -> None:
    missing = [f"{cli_form(name)} ({name})" for name in sorted(schema()) if not in_readme(cli_form(name))]
    assert not missing, "README.md never shows:\n" + "\n".join(missing)


def test_every_cli_command_is_in_the_readme() -> None:
    missing = [path for path in cli_paths() if not in_readme(path)]
    assert not missing, "README.md never shows:\n" + "\n".join(missing)


def test_a_command_missing_from_the_readme_is_noticed() -> None:
    assert not in_readme("ledger decision unheard-of")
    assert not in_readme("ledger decision pub")  # a prefix of a longer word is not the word
