"""Every shell block of the README runs as written, in order, in a scratch folder against
a fresh ledger: the tour's first commands as real processes of the venv's `ledger`, the
rest through click's runner in this process (the same commands, ~25 ms each instead of
~0.5 s). ``LEDGER_README_SUBPROCESS=1`` (set by ``.ci/run``) runs every one as a real process."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from tests.support.readme import README, Run, base_env, commands, play, subprocess_ledger

BIN = Path(sys.executable).parent
REAL = 8
"""The tour's first commands run as real processes of the venv's `ledger`: the entry point, the
PATH, `LEDGER_DB`/`LEDGER_ACTOR` from `export`, the example files' paths (each ~0.5 s)."""


def in_process(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    """`ledger` through click's runner, with the block's folder and environment."""
    unset: dict[str, str | None] = {k: None for k in os.environ if k.startswith("LEDGER_")}
    ledger_env = {k: v for k, v in env.items() if k.startswith("LEDGER_") or k in ("HOME", "XDG_CONFIG_HOME")}
    with contextlib.chdir(cwd):
        result = CliRunner().invoke(cli, args, env={**unset, **ledger_env})
    return result.exit_code, result.output


def test_every_shell_block_of_the_readme_runs_in_order(tmp_path: Path) -> None:
    shutil.copytree(README.parent / "examples", tmp_path / "examples")
    lines = commands(README.read_text(encoding="utf-8"))
    real = subprocess_ledger(BIN / "ledger")
    rest: Run = real if os.environ.get("LEDGER_README_SUBPROCESS") else in_process
    env = base_env(BIN, tmp_path / "home")
    wrong = play(lines[:REAL], tmp_path, env, real)
    wrong += play(lines[REAL:], tmp_path, env, rest)
    assert not wrong, "\n".join(wrong)


def test_a_failing_line_not_marked_so_is_reported_with_its_readme_line(tmp_path: Path) -> None:
    text = "x\n```sh\nledger org list\nledger org list   # exit 2\n```\n"
    lines = commands(text)
    assert [(line.number, line.exit_code) for line in lines] == [(3, 0), (4, 2)]
    wrong = play(lines, tmp_path, base_env(BIN, tmp_path / "home"), in_process)
    assert len(wrong) == 2 and wrong[0].startswith("README line 3: exit 2, not 0")


def test_a_block_marked_skip_is_not_run() -> None:
    assert commands("```sh\n# skip: builds the venv\nmake demo\n```\n") == []


def test_activating_the_venv_puts_ledger_on_the_path(tmp_path: Path) -> None:
    """What the README tells a clerk after `make demo`: `. .venv/bin/activate`, then `ledger`."""
    activate = BIN / "activate"
    if not activate.is_file():
        pytest.skip("the tests are not run from a virtual environment")
    env = {k: v for k, v in base_env(BIN, tmp_path / "home").items() if k != "VIRTUAL_ENV"} | {
        "PATH": "/usr/bin:/bin"
    }
    done = subprocess.run(
        ["bash", "-c", f". {activate} && command -v ledger && ledger org list"],
        cwd=tmp_path, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert done.stdout.splitlines()[0] == str(BIN / "ledger"), done.stdout + done.stderr
    assert (
        done.returncode == 2 and "no ledger at ledger.db" in done.stderr
    )  # it ran, and found no ledger here
