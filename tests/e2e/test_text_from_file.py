"""`--draft @draft.txt`: any value of a generated command may be read from a file, since a
shell's `"$(cat draft.txt)"` fails on a long text (the argument list has a limit)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.cli import CliRun, read_json, refused

N = "YJJR-2026-41"


def texts(value: Any) -> list[str]:
    """Every string in a JSON answer."""
    if isinstance(value, dict):
        return [t for v in value.values() for t in texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in texts(v)]
    return [value] if isinstance(value, str) else []


def draft(cli: CliRun, *text: str) -> None:
    r = cli(
        "decision", "draft", "--decision", N, "--title", "雁江区金融服务办法", "--category", "二",
        "--unit", "FIN", "--background", "背景", "--basis", "依据", "--main-content", "内容", *text,
        actor="S002",
    )  # fmt: skip
    assert r.exit_code == 0, r.output


def test_a_long_draft_is_read_whole_from_its_file(bureau_cli: CliRun, tmp_path: Path) -> None:
    text = "\n".join(
        f"第{i}条 为规范金融服务站建设管理，制定本条。" for i in range(1, 4001)
    )  # ~90,000 characters
    (tmp_path / "draft.txt").write_text(text + "\n", encoding="utf-8")
    draft(bureau_cli, "--draft", f"@{tmp_path / 'draft.txt'}")
    assert text in texts(read_json(bureau_cli, "show", f"decision:{N}"))  # whole, the final newline dropped


def test_a_double_at_is_a_value_that_starts_with_at(bureau_cli: CliRun) -> None:
    draft(bureau_cli, "--draft", "@@全体 第一条")
    assert "@全体 第一条" in texts(read_json(bureau_cli, "show", f"decision:{N}"))


def test_a_missing_file_names_the_option_and_writes_nothing(
    bureau_cli: CliRun, db_file: Path, tmp_path: Path
) -> None:
    line = refused(
        bureau_cli, db_file, "decision", "draft", "--decision", N, "--title", "办法", "--category", "二",
        "--unit", "FIN", "--background", "b", "--basis", "b", "--main-content", "m",
        "--draft", f"@{tmp_path / 'nowhere.txt'}", actor="S002", exit_code=2,
    )  # fmt: skip
    assert "--draft" in line and "nowhere.txt" in line
