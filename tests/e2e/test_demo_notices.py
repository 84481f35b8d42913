"""The demo's public notices are byte-identical to the golden copies in tests/data/demo-notices/
(named ``<notice>.<md|html>.golden``, so that no tool mistakes them for source).

The golden copies were written by the code before the restructuring into one word per
system, and the decision notices rewritten in reader form (issue 13: the system cited by
its full name, a named contact with a telephone, the download address, 人次 and the
changes to the draft in the adoption report), each read against that list; a change that
alters a notice's text must change them on purpose.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from cli.main import cli

GOLDEN = Path(__file__).resolve().parent.parent / "data" / "demo-notices"


def test_the_demo_writes_the_same_notices_as_before(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    subprocess.run([sys.executable, "-m", "ledger.demo", "--db", str(db)], check=True, capture_output=True)
    out = tmp_path / "notices"
    runner = CliRunner()
    for fmt in ("md", "html"):
        result = runner.invoke(cli, ["--db", str(db), "notices", "--out", str(out), "--format", fmt])
        assert result.exit_code == 0, result.output
    written = {p.name: p.read_bytes() for p in out.iterdir()}
    golden = {p.name.removesuffix(".golden"): p.read_bytes() for p in GOLDEN.iterdir()}
    assert sorted(written) == sorted(golden)
    changed = [name for name in golden if written[name] != golden[name]]
    assert not changed, f"notices differ from the golden copies: {changed}"
