"""The demo year's website as a reader sees it, in Debian's headless Chromium: pages load
without errors, links resolve, notices carry their issuer and date, nothing overflows a
desktop or a phone, and a call for comments prints on one A4 page."""

from __future__ import annotations

import os
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest
from click.testing import CliRunner

from cli.main import cli
from tests.support.browser import FLAGS, chromium, print_to_pdf
from tests.support.site import AS_OF, build, commenters, demo_ledger

NOTICE = "notices/decision/decision-YJJR-2026-05-call.html"  # an ordinary call for comments


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("browser")
    build(demo_ledger(folder), folder / "site", "--as-of", AS_OF)
    return folder / "site"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = chromium()
    if os.environ.get("LEDGER_REQUIRE_BROWSER") != "1":
        pytest.importorskip("playwright")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=path, args=list(FLAGS))
        yield launched
        launched.close()


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def open_page(browser: Any, path: Path, width: int = 1280) -> tuple[Any, list[str]]:
    """The page loaded at ``width``, and every console error or failed request it caused."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.goto(path.as_uri())
    return page, problems


def test_every_page_loads_without_an_error_and_every_internal_link_resolves(browser: Any, site: Path) -> None:
    assert len(pages(site)) > 30
    for path in pages(site):
        page, problems = open_page(browser, path)
        assert not problems, (path, problems)
        targets = page.eval_on_selector_all(
            "a[href], link[href]", "els => els.map(e => [e.getAttribute('href'), e.href])"
        )
        for raw, resolved in targets:
            url = urlparse(resolved)
            if url.scheme != "file":
                continue
            target = Path(unquote(url.path))
            assert target.is_file(), f"{path.relative_to(site)}: {raw} → nothing"
            if url.fragment:
                assert f'id="{url.fragment}"' in target.read_text(encoding="utf-8"), raw
        assert page.evaluate("document.documentElement.lang") == "zh-CN"
        levels = page.eval_on_selector_all("h1, h2, h3, h4", "els => els.map(e => Number(e.tagName[1]))")
        assert levels[0] == 1 and levels.count(1) == 1, path  # one title, then headings in order
        assert all(b <= a + 1 for a, b in pairwise(levels)), (path, levels)
        assert page.title(), path
        page.close()
    ET.parse(site / "feed.xml")  # the Atom feed is well-formed XML


def test_each_notice_shows_its_title_issuer_and_date_and_no_personal_data(browser: Any, site: Path) -> None:
    private = commenters()
    notices = [p for p in (site / "notices").glob("*/*.html") if p.name != "index.html"]
    assert len(notices) > 20
    for path in notices:
        page, _ = open_page(browser, path)
        title = page.inner_text("h1")
        assert page.title().startswith(title)
        issuer = page.inner_text(".signature .issuer")
        dated = page.inner_text(".signature .date")
        assert issuer == "雁江区金融工作局"
        assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", dated)
        align = page.eval_on_selector(".signature", "e => getComputedStyle(e).textAlign")
        assert align == "right"
        text = page.inner_text("body")
        assert not [p for p in private if p in text], path
        page.close()
    home, _ = open_page(browser, site / "index.html")
    assert home.inner_text("h1") == "雁江区金融工作局政务公开"
    assert "2026年12月2日24时" in home.inner_text("#open-now + ul")  # the closing day of YJJR-2026-06
    home.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_nothing_overflows_a_desktop_or_a_phone_and_screenshots_are_kept(
    browser: Any, site: Path, width: int, tmp_path: Path
) -> None:
    for name in ("index.html", NOTICE, "inspector.html", "catalogue.html", "decisions.html"):
        page, problems = open_page(browser, site / name, width)
        assert not problems
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} overflows {width}px by {overflow}px"
        if name in ("index.html", NOTICE, "inspector.html"):
            shot = tmp_path / f"{Path(name).stem}-{width}.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
        page.close()


def test_the_inspectors_charts_each_have_words_and_numbers(browser: Any, site: Path) -> None:
    page, _ = open_page(browser, site / "inspector.html")
    figures = page.query_selector_all("figure")
    assert len(figures) >= 3
    for f in figures:
        svg = f.query_selector("svg")
        assert svg is not None and svg.get_attribute("role") == "img"
        assert svg.query_selector("title") is not None and f.query_selector("figcaption") is not None
        assert f.query_selector("table th[scope=col]") is not None
    page.close()


def test_a_call_for_comments_prints_on_one_a4_page(site: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    pdf = tmp_path / "call.pdf"
    print_to_pdf(chromium(), site / NOTICE, pdf)
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    text = unicodedata.normalize("NFKC", reader.pages[0].extract_text())  # 金, not the radical ⾦
    assert "雁江区金融工作局" in text and "2026年9月1日" in text  # the issuer and date on paper


@pytest.mark.parametrize("width", [1280, 390])
def test_the_published_annual_report_reads_on_a_desktop_and_a_phone(
    browser: Any, tmp_path_factory: pytest.TempPathFactory, width: int, tmp_path: Path
) -> None:
    """The demo's 2025 report, published on 15 January 2026: its page has the six parts and the
    full table 三, its wide tables scroll inside the page, and the home page links to it."""
    folder = tmp_path_factory.mktemp(f"annual-{width}")
    db = demo_ledger(folder)
    for args in (
        (
            "annual-report",
            "text",
            "2025",
            "--part",
            "overview",
            "--text",
            "2025年总体情况。",
            "--effective",
            "2026-01-10",
        ),
        ("annual-report", "publish", "2025", "--effective", "2026-01-15"),
    ):
        keys = str(db.with_name("demo-keys"))  # the demo's own key folder, beside its file
        result = CliRunner().invoke(cli, ["--db", str(db), "--keys", keys, "--actor", "S001", *args])
        assert result.exit_code == 0, result.output
    build(db, folder / "site")
    name = "notices/annual/annual-report-2025.html"
    page, problems = open_page(browser, folder / "site" / name, width)
    assert not problems
    assert page.inner_text("h1") == "雁江区金融工作局2025年政府信息公开工作年度报告"
    headings = page.eval_on_selector_all("h2", "els => els.map(e => e.textContent.trim())")
    assert [h for h in headings if h[:2] in ("一、", "二、", "三、", "四、", "五、", "六、")] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    widths = page.eval_on_selector_all("table", "els => els.map(e => e.rows[0].cells.length)")
    assert 8 in widths  # table 三: the rows' names, six kinds of requester, 总计
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} overflows {width}px by {overflow}px"
    shot = Path(os.environ.get("LEDGER_SHOTS", tmp_path)) / f"annual-report-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    page.close()
    column = (folder / "site" / "notices" / "annual" / "index.html").read_text("utf-8")
    assert 'href="annual-report-2025.html"' in column  # its column lists it (the home page: the latest)
