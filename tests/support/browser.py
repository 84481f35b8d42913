"""Debian's headless Chromium, driven over the DevTools protocol by Playwright (no browser of
its own is downloaded). Tests that need it skip where it is absent — except where
``LEDGER_REQUIRE_BROWSER=1`` (CI: ``.ci/run`` installs it), where its absence fails."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
FLAGS = ("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage")


def chromium() -> str:
    """The browser's path, or a skip (a failure where the browser is required)."""
    found = os.environ.get("LEDGER_CHROMIUM") or next(
        (c for c in CANDIDATES if Path(c).exists()), shutil.which("chromium")
    )
    if found and Path(found).exists():
        return found
    if os.environ.get("LEDGER_REQUIRE_BROWSER") == "1":
        pytest.fail("LEDGER_REQUIRE_BROWSER=1 but no chromium is installed (.ci/chromium-up installs it)")
    pytest.skip("headless chromium is not installed (apt-get install chromium fonts-noto-cjk)")


def print_to_pdf(browser: str, page: Path, pdf: Path) -> None:
    """Chromium's own ``--print-to-pdf``: the page as the print stylesheet lays it out."""
    subprocess.run(
        [browser, "--headless", *FLAGS, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
        check=True,
        capture_output=True,
        timeout=60,
    )
