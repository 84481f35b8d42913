"""One exit-code convention, kept everywhere (the README's "Exit codes"): 0 done; 1 refused
by a rule, citing it; 2 malformed input or a name the ledger does not hold, naming the
field (and the near match); 3 the ledger could not be used (a bug too). Every failure is one
line on stderr, never a traceback, never a password, and nothing is written."""

from __future__ import annotations

import shutil
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from ledger.interface import Ledger
from tests.support.clerks import LEDGER, comment_args, ledger, number, published_decisions
from tests.support.ledger import read_only_copy, stored_events

N = number(1)
SECRET = "s3cr3t-pw"


@dataclass(frozen=True)
class Case:
    kind: str
    args: tuple[str, ...]
    code: int
    says: tuple[str, ...]  # what the one line must contain
    actor: str | None = "S002"
    db: str = "ledger"  # ledger | read-only | not-a-ledger | missing-folder | postgres-closed
    process: bool = False  # run as a real process (read-only, unreachable server)


CASES = (
    Case("done", ("org", "list"), 0, ()),
    Case("done: a write", comment_args(N, "一条意见"), 0, ("comment C001 recorded",)),
    Case(
        "refused: a rule with its article",
        comment_args(N, "x", effective="2026-08-31"),
        1,
        ("effective:", "before the draft was published", "(附件2 第六条(二))"),
    ),
    Case(
        "refused: separation of duties",
        comment_args(N, "别的股室代录"),
        1,
        ("actor: S003 may not", "(separation of duties)", "附件2"),
        actor="S003",
    ),
    Case(
        "refused: a value beyond a rule's limit",
        (
            "decision",
            "publish",
            "--decision",
            number(2),
            "--channels",
            "portal",
            "--email",
            "zqyj@example.gov.cn",
            "--contact",
            "金融股 028-26650101",
            "--effective",
            "2026-09-01",
            "--days",
            "6",
            "--shortened-reason",
            "紧急",
        ),
        1,
        ("days: a comment period of 6 days is below the minimum of 7 days", "(附件2 第六条(二))"),
    ),
    Case(
        "malformed: a value of the wrong shape",
        ("decision", "period", "extend", "--decision", N, "--days", "0", "--reason", "延期"),
        2,
        ("days:",),
    ),
    Case(
        "malformed: a date that does not exist",
        comment_args(N, "x", effective="2026-02-30"),
        2,
        ("effective:",),
    ),
    Case("malformed: no actor for a write", comment_args(N, "x"), 2, ("--actor",), actor=None),
    Case("malformed: no such command", ("nope",), 2, ("No such command 'nope'",)),
    Case(
        "unknown: a unit, near match",
        ("deadlines", "--unit", "fin"),
        2,
        ("unit: no unit fin", "did you mean FIN?"),
    ),
    Case(
        "unknown: a decision, near match",
        ("decision", "show", "YJJR-2026-1"),
        2,
        ("no decision YJJR-2026-1", "did you mean YJJR-2026-01?"),
    ),
    Case(
        "unknown: a decision to write to",
        comment_args("YJJR-2026-1", "x"),
        2,
        ("decision: no decision YJJR-2026-1", "did you mean YJJR-2026-01?"),
    ),
    Case(
        "malformed: a folder that does not exist",
        ("org", "list"),
        2,
        ("does not exist",),
        db="missing-folder",
    ),
    Case("unusable: not a ledger", ("org", "list"), 3, ("is not a ledger", "check --db"), db="not-a-ledger"),
    Case(
        "unusable: a write to a read-only file",
        comment_args(N, "x"),
        3,
        ("is read-only here", "nothing was written"),
        db="read-only",
        process=True,
    ),
    Case(
        "unusable: a server that does not answer",
        ("org", "list"),
        3,
        ("cannot connect to PostgreSQL", "check the host and port"),
        db="postgres-closed",
        process=True,
    ),
)


def closed_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("exit-codes") / "ledger.db"
    published_decisions(db, 1, approved=1)
    return db


@pytest.fixture
def places(prepared: Path, tmp_path: Path) -> Iterator[dict[str, str]]:
    ledger_db = tmp_path / "ledger.db"
    shutil.copy(prepared, ledger_db)
    shelf = tmp_path / "shelf"
    read_only = read_only_copy(prepared, shelf)
    text = tmp_path / "notes.db"
    text.write_text("not a database", encoding="utf-8")
    yield {
        "ledger": str(ledger_db),
        "read-only": str(read_only),
        "not-a-ledger": str(text),
        "missing-folder": str(tmp_path / "nowhere" / "ledger.db"),
        "postgres-closed": f"postgresql://ledger:{SECRET}@127.0.0.1:{closed_port()}/ledger",
    }
    shelf.chmod(0o755)
    read_only.chmod(0o644)


@pytest.mark.parametrize("case", CASES, ids=[c.kind for c in CASES])
def test_every_kind_of_outcome_has_its_exit_code_and_one_line(case: Case, places: dict[str, str]) -> None:
    db = places[case.db]
    count = stored_events(Path(db)) if case.db in ("ledger", "read-only") else None
    start = time.monotonic()
    if case.process:
        if LEDGER is None:
            pytest.skip("console script not installed")
        done = ledger(db, *case.args, actor=case.actor, reader=case.db == "read-only")
        code, err = done.returncode, done.stderr
    else:
        prefix = ["--db", db] + (["--actor", case.actor] if case.actor else [])
        result = CliRunner().invoke(cli, [*prefix, *case.args])
        code, err = result.exit_code, result.stderr
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    elapsed = time.monotonic() - start

    assert code == case.code, err
    if code:
        lines = err.strip().splitlines()
        assert lines[-1].startswith("Error: ") and "Traceback" not in err
        assert len(lines) == 1 or case.kind.startswith("malformed: no such"), err  # click's usage lines
        assert all(part in lines[-1] for part in case.says), lines[-1]
        assert SECRET not in err
    if count is not None and code:
        assert stored_events(Path(db)) == count  # nothing written on any failure
    # not a speed test: an unusable ledger (a closed server) is refused, never retried for minutes
    assert elapsed < 60, f"{case.kind} took {elapsed:.1f} s"


def test_a_bug_exits_3_in_one_line_and_debug_shows_the_traceback(
    prepared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object, **__: object) -> None:
        raise ZeroDivisionError("a slip in the code")

    monkeypatch.setattr(Ledger, "board", broken)
    result = CliRunner().invoke(cli, ["--db", str(prepared), "deadlines"])
    assert result.exit_code == 3
    assert result.stderr == (
        "Error: the ledger failed (ZeroDivisionError: a slip in the code); this is a bug: run again "
        "with --debug (or LEDGER_DEBUG=1) and report the traceback\n"
    )
    for args, env in ((["--debug"], {}), ([], {"LEDGER_DEBUG": "1"})):
        shown = CliRunner().invoke(cli, [*args, "--db", str(prepared), "deadlines"], env=env)
        assert isinstance(shown.exception, ZeroDivisionError)  # the traceback is let through


def test_a_password_in_db_is_never_echoed(tmp_path: Path) -> None:
    url = f"postgresql://ledger:{SECRET}@127.0.0.1:{closed_port()}/nowhere"
    for args in (
        ["org", "list"],
        ["--actor", "S001", "org", "unit", "add", "--code", "X", "--unit-name", "x"],
    ):
        result = CliRunner().invoke(cli, ["--db", url, *args])
        assert result.exit_code == 3 and SECRET not in result.output
        assert "postgresql://ledger:***@127.0.0.1" in result.stderr
    bad_port = CliRunner().invoke(
        cli, ["--db", f"postgresql://ledger:{SECRET}@127.0.0.1:port/x", "org", "list"]
    )
    assert bad_port.exit_code == 2 and SECRET not in bad_port.output and "***" in bad_port.stderr
