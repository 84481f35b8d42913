"""Helpers for the website's tests: the demo year on a file, its site built, and what must never
appear on it (exempt or unpublished decisions, commenters and their contacts)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from click.testing import CliRunner

from cli.main import cli

DEMO_DATA = Path(__file__).resolve().parent.parent.parent / "ledger" / "demo" / "data"
AS_OF = "2026-11-30"  # a fixed day of the demo year: the site does not move with the real clock
INTERNAL_REFERENCE = re.compile(r"附件[1-5]\s*第|本台账读作|\bS0\d\d\b|\bP0\d\b|\bD0\d\b")


def demo_ledger(folder: Path) -> Path:
    db = folder / "demo.db"
    subprocess.run([sys.executable, "-m", "ledger.demo", "--db", str(db)], check=True, capture_output=True)
    return db


def build(db: Path, out: Path, *extra: str) -> str:
    result = CliRunner().invoke(cli, ["--db", str(db), "site", "build", str(out), *extra])
    assert result.exit_code == 0, result.output
    return result.output


def commenters() -> list[str]:
    """Every commenter's name and contact the demo records (never on a public page)."""
    found = []
    for line in (DEMO_DATA / "decision.jsonl").read_text(encoding="utf-8").splitlines():
        data = json.loads(line) if line.strip() else {}
        if "commenter" in data or data.get("command", "").endswith("comment.receive"):
            found += [data[k] for k in ("commenter", "contact") if data.get(k)]
    return found


def texts(site: Path) -> dict[str, str]:
    """Every file of the site as text; a workbook by the strings inside it."""
    out = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(site).as_posix()
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as z:
                out[name] = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
        else:
            out[name] = path.read_text(encoding="utf-8-sig")
    return out
