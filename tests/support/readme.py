"""The README's shell blocks as a clerk pastes them: extracted, split into commands, run in order.

A block whose first line is ``# skip: why`` is not run (``make demo`` builds the venv).
A command meant to fail says so on its line (``# exit 1``): its exit code is checked,
as every other command's 0 is. Commands continue over lines ending in ``\\``."""

from __future__ import annotations

import glob
import os
import re
import shlex
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

README = Path(__file__).resolve().parent.parent.parent / "README.md"
EXPECT = re.compile(r"#\s*exit\s+(\d)\b")

Run = Callable[[list[str], Path, dict[str, str]], tuple[int, str]]
"""Runs one `ledger` command (its arguments after `ledger`): (exit code, output)."""


@dataclass(frozen=True)
class Line:
    number: int  # the README line it starts on
    text: str  # as written, continuation lines joined
    exit_code: int  # what it must exit with


def blocks(text: str) -> Iterator[tuple[int, list[str]]]:
    """Every ```sh block: (the README line of its first line, its lines)."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        if lines[i].strip() == "```sh":
            start, body = i + 2, []
            i += 1
            while lines[i].strip() != "```":
                body.append(lines[i])
                i += 1
            yield start, body
        i += 1


def commands(text: str) -> list[Line]:
    """The commands of every block not marked ``# skip``, in README order."""
    found: list[Line] = []
    for start, body in blocks(text):
        if body and body[0].lstrip().startswith("# skip"):
            continue
        pending: list[str] = []
        first = start
        for offset, raw in enumerate(body):
            if not pending:
                first = start + offset
            if raw.rstrip().endswith("\\"):
                pending.append(raw.rstrip()[:-1])
                continue
            whole = " ".join([*pending, raw])
            pending = []
            if not whole.strip() or whole.lstrip().startswith("#"):
                continue
            expected = EXPECT.search(whole)
            found.append(Line(first, whole, int(expected.group(1)) if expected else 0))
    return found


def subprocess_ledger(ledger: Path) -> Run:
    """`ledger` as the venv installs it: a real process."""

    def run(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str]:
        done = subprocess.run([str(ledger), *args], cwd=cwd, env=env, capture_output=True, text=True)
        return done.returncode, done.stdout + done.stderr

    return run


def play(lines: list[Line], cwd: Path, env: dict[str, str], ledger: Run) -> list[str]:
    """Run ``lines`` in ``cwd``; every line that exits other than it should, with what it said.

    `export` sets ``env`` (updated in place) for the lines after it; `ledger` runs through
    ``ledger``, its ``*`` patterns and ``$(ledger …)`` expanded as the shell would; anything
    else runs in bash."""
    wrong: list[str] = []
    for line in lines:
        text, failed = substituted(line.text, cwd, env, ledger)
        if failed:
            wrong.append(f"README line {line.number}: {failed}")
            continue
        words = shlex.split(text, comments=True)
        if words[0] == "export":
            for pair in words[1:]:
                name, _, value = pair.partition("=")
                env[name] = value
            continue
        if words[0] == "ledger":
            code, output = ledger([a for w in words[1:] for a in expand(w, cwd)], cwd, env)
        else:
            done = subprocess.run(["bash", "-c", text], cwd=cwd, env=env, capture_output=True, text=True)
            code, output = done.returncode, done.stdout + done.stderr
        if code != line.exit_code:
            tail = "\n    ".join(output.strip().splitlines()[-3:])
            wrong.append(f"README line {line.number}: exit {code}, not {line.exit_code}: {line.text}")
            wrong.append(f"    {tail}")
    return wrong


def base_env(bin_dir: Path, home: Path) -> dict[str, str]:
    """The environment a clerk has after activating the venv, with no ledger settings yet
    and ``home`` for their configuration (keys), never the real one."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEDGER_")}
    env["HOME"] = str(home)
    env["XDG_CONFIG_HOME"] = str(home / ".config")
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(bin_dir.parent)
    return env


SUBSTITUTION = re.compile(r"\$\((ledger [^()]*)\)")


def substituted(text: str, cwd: Path, env: dict[str, str], ledger: Run) -> tuple[str, str | None]:
    """``$(ledger key show …)`` replaced by what it prints, as the shell would; or the failure."""
    failed: list[str] = []

    def output(match: re.Match[str]) -> str:
        code, out = ledger(shlex.split(match.group(1))[1:], cwd, env)
        if code != 0:
            failed.append(f"exit {code} in $({match.group(1)}): {out.strip()}")
        return out.strip()

    replaced = SUBSTITUTION.sub(output, text)
    return replaced, (failed[0] if failed else None)


def expand(word: str, cwd: Path) -> list[str]:
    """A shell pattern (``checkpoint-*.json``) as the files it matches, sorted; else the word."""
    if "*" not in word:
        return [word]
    return sorted(glob.glob(word, root_dir=cwd)) or [word]
