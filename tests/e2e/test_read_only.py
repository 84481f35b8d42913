"""A supervisor reads a copy they may not change (a read-only file, a read-only folder, or
SQLite opened read-only): every read works, even when the stored views are behind the log,
nothing is written, and a write exits 3 in one line."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from tests.support.clerks import LEDGER, comment_args, ledger, number, published_decisions

pytestmark = pytest.mark.skipif(LEDGER is None, reason="console script not installed")

EMPTY = hashlib.sha256(b"").hexdigest()
READS = (
    ("deadlines", "--format", "json"),
    ("decision", "list", "--format", "json"),
    ("decision", "show", number(1), "--format", "json"),  # its comments read by their prefix
)


def digest(folder: Path) -> dict[str, str]:
    """Every file of the folder and its content, to show that nothing was written."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def behind(tmp_path: Path) -> Path:
    """A ledger whose stored views are behind its log: read once, then a comment recorded."""
    db = tmp_path / "ledger.db"
    published_decisions(db, 1)
    runner = CliRunner()
    for args in READS:
        assert runner.invoke(cli, ["--db", str(db), *args], catch_exceptions=False).exit_code == 0
    args = ["--db", str(db), "--actor", "S002", *comment_args(number(1), "晚到的一条意见")]
    assert runner.invoke(cli, args, catch_exceptions=False).exit_code == 0
    return db


@pytest.fixture
def shelf(tmp_path: Path) -> Iterator[Path]:
    """A folder for the read-only copy (given its modes back afterwards, to be removed)."""
    folder = tmp_path / "shelf"
    folder.mkdir()
    yield folder
    for path in (folder, *folder.iterdir()):
        path.chmod(0o755)


def expected(db: Path) -> dict[tuple[str, ...], object]:
    """What the reads give on a writable copy (which catches its views up by writing)."""
    runner = CliRunner()
    return {args: json.loads(runner.invoke(cli, ["--db", str(db), *args]).output) for args in READS}


@pytest.mark.parametrize("folder_mode", [0o555, 0o777], ids=["folder-read-only", "folder-writable"])
def test_a_read_only_file_is_read_with_views_caught_up_in_memory_and_never_written(
    behind: Path, shelf: Path, folder_mode: int
) -> None:
    copy = shelf / "ledger.db"
    shutil.copy(behind, copy)
    copy.chmod(0o444)
    shelf.chmod(folder_mode)
    before = digest(shelf)
    want = expected(behind)

    for args in READS:
        result = ledger(copy, *args, reader=True)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout) == want[args]
    rows = json.loads(ledger(copy, "decision", "list", "--format", "json", reader=True).stdout)
    assert rows[0]["comments"] == "1"  # the comment recorded after the views were stored
    verified = ledger(copy, "audit", "verify", reader=True)
    assert verified.returncode == 0 and "verified" in verified.stdout, verified.stderr

    write = ledger(copy, *comment_args(number(1), "写不进去"), actor="S002", reader=True)
    assert write.returncode == 3
    assert write.stderr.startswith(f"Error: db: {copy}: is read-only here") and write.stderr.count("\n") == 1
    assert "Traceback" not in write.stderr
    after = digest(shelf)
    assert after["ledger.db"] == before["ledger.db"]
    if folder_mode == 0o555:
        assert after == before  # not even SQLite's reader files
    else:  # SQLite may keep its reader files beside the file: an empty log, no entry
        assert after.get("ledger.db-wal", EMPTY) == EMPTY


def test_sqlite_opened_read_only_reads_and_refuses_a_write_with_exit_3(behind: Path, shelf: Path) -> None:
    copy = shelf / "ledger.db"
    shutil.copy(behind, copy)
    uri = f"file:{copy}?mode=ro"
    want = expected(behind)
    before = hashlib.sha256(copy.read_bytes()).hexdigest()

    for args in READS:
        result = ledger(uri, *args)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout) == want[args]
    write = ledger(uri, *comment_args(number(1), "写不进去"), actor="S002")
    assert (write.returncode, write.stderr.count("\n")) == (3, 1)
    assert "read-only" in write.stderr and "nothing was written" in write.stderr
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == before
    wal = copy.with_name("ledger.db-wal")  # SQLite's own reader files may appear, empty
    assert not wal.exists() or wal.stat().st_size == 0
    assert os.access(copy, os.W_OK)  # the file could be written: how it was opened decides
