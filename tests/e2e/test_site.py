"""`ledger site build`: the demo year as the bureau's disclosure column, as files."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from cli.main import cli
from tests.support.catalogue import TEN_ELEMENTS
from tests.support.site import AS_OF, INTERNAL_REFERENCE, build, commenters, demo_ledger, texts

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("site")
    db = demo_ledger(folder)
    build(db, folder / "site", "--as-of", AS_OF)
    return db, folder / "site"


def notices_of(db: Path, *extra: str) -> list[dict[str, str]]:
    result = CliRunner().invoke(cli, ["--db", str(db), "notices", "--format", "json", *extra])
    assert result.exit_code == 0, result.output
    data: list[dict[str, str]] = json.loads(result.output)
    return data


def test_every_notice_has_a_page_at_an_address_that_stays_across_rebuilds(
    demo: tuple[Path, Path], tmp_path: Path
) -> None:
    db, site = demo
    pages = {p.relative_to(site).as_posix() for p in (site / "notices").glob("*/*.html")}
    notices = notices_of(db, "--as-of", AS_OF)
    for n in notices:
        found = [p for p in pages if p.endswith(f"/{n['slug']}.html")]
        assert len(found) == 1, n["slug"]
        page = (site / found[0]).read_text(encoding="utf-8")
        assert f"<h1>{n['title']}</h1>" in page.replace("&#34;", '"')
    again = tmp_path / "again"
    build(db, again, "--as-of", AS_OF)
    for name in pages:
        assert (again / name).read_bytes() == (site / name).read_bytes()


def test_the_home_page_shows_what_is_open_for_comment_with_its_closing_day(demo: tuple[Path, Path]) -> None:
    _, site = demo
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in home
    assert "正在征求意见" in home and "2026年12月2日24时" in home  # YJJR-2026-06 closes on 2 December
    assert '<a href="notices/decision/decision-YJJR-2026-06-call.html">' in home  # the call itself
    assert "电子邮件" in home
    assert "<script" not in "".join(texts(site).values())


def test_no_exempt_or_unpublished_decision_no_commenter_and_no_internal_reference(
    demo: tuple[Path, Path],
) -> None:
    db, site = demo
    result = CliRunner().invoke(cli, ["--db", str(db), "decision", "list", "--format", "json"])
    hidden = [r for r in json.loads(result.output) if not r["published_on"]]
    assert hidden, "the demo has an exempt and an unpublished decision"
    forbidden = [*commenters(), *(r["number"] for r in hidden), *(r["title"] for r in hidden)]
    assert len(forbidden) > 6
    for name, text in texts(site).items():
        assert not [f for f in forbidden if f in text], name
        assert not INTERNAL_REFERENCE.search(text), (name, INTERNAL_REFERENCE.search(text))


def test_open_data_beside_every_list_opens_in_excel(demo: tuple[Path, Path]) -> None:
    _, site = demo
    for name in ("catalogue", "catalogue-adjustments", "decisions", "open-days", "assessments", "notices"):
        raw = (site / "data" / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), name  # the BOM: Excel and WPS read UTF-8
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        data = json.loads((site / "data" / f"{name}.json").read_text(encoding="utf-8"))
        sheet = load_workbook(site / "data" / f"{name}.xlsx").active
        assert sheet is not None
        assert [c.value for c in sheet[1]] == rows[0] == list(data["columns"].values())
        assert len(rows) - 1 == len(data["rows"]) == sheet.max_row - 1
    catalogue = (site / "catalogue.html").read_text(encoding="utf-8")
    for element in TEN_ELEMENTS:
        assert f'<th scope="col">{element}</th>' in catalogue
    assert "调整记录" in catalogue


def test_the_atom_feed_lists_every_notice(demo: tuple[Path, Path]) -> None:
    db, site = demo
    feed = ET.parse(site / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(notices_of(db, "--as-of", AS_OF))
    for e in entries:
        href = e.find(f"{ATOM}link").get("href")  # type: ignore[union-attr]
        assert (site / str(href)).is_file()


def test_as_of_builds_the_site_the_public_saw_that_day(demo: tuple[Path, Path], tmp_path: Path) -> None:
    db, _ = demo
    june = tmp_path / "june"
    build(db, june, "--as-of", "2026-06-30")
    home = (june / "index.html").read_text(encoding="utf-8")
    assert "本站内容为2026年6月30日当日公众所见的版本" in home
    shown = {p.stem for p in (june / "notices").glob("*/*.html")} - {"index"}
    assert shown == {n["slug"] for n in notices_of(db, "--as-of", "2026-06-30")}
    assert all(n["dated"] <= "2026-06-30" for n in notices_of(db, "--as-of", "2026-06-30"))
    build(db, june, "--as-of", AS_OF)  # a rebuild into the same folder replaces it
    assert {p.stem for p in (june / "notices").glob("*/*.html")} - {"index"} == {
        n["slug"] for n in notices_of(db, "--as-of", AS_OF)
    }


def test_a_folder_holding_other_files_is_refused_and_left_alone(
    demo: tuple[Path, Path], tmp_path: Path
) -> None:
    db, _ = demo
    (tmp_path / "mine.txt").write_text("keep", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--db", str(db), "site", "build", str(tmp_path)])
    assert result.exit_code == 2
    assert "out:" in result.output and "not empty" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.txt"]


def test_the_footer_names_the_latest_signed_checkpoint(demo: tuple[Path, Path], tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(demo[0], db)
    runner = CliRunner()

    def ledger(*args: str) -> str:
        keys = demo[0].with_name("demo-keys")  # the demo's staff keys, beside its database
        result = runner.invoke(cli, ["--db", str(db), "--keys", str(keys), *args])
        assert result.exit_code == 0, result.output
        return result.output

    ledger("audit", "keygen", "--out", str(tmp_path / "bureau.pem"))
    ledger("--actor", "P01", "audit", "key", "register", "--pub", str(tmp_path / "bureau.pub"))
    ledger(
        "--actor",
        "P01",
        "audit",
        "checkpoint",
        "--sign",
        str(tmp_path / "bureau.pem"),
        "--out",
        str(tmp_path / "cp.json"),
    )
    checkpoint = json.loads((tmp_path / "cp.json").read_text(encoding="utf-8"))
    build(db, tmp_path / "site")
    footer = (
        (tmp_path / "site" / "index.html").read_text(encoding="utf-8").split('<footer class="colophon">')[1]
    )
    assert f"本站依据的台账记录至第{checkpoint['position']}条" in footer
    assert checkpoint["head"] in footer and "ledger audit verify" in footer


@pytest.mark.parametrize(
    "marker",
    ["[", '["../outside.txt"]', '["."]'],
    ids=["not a list ledger wrote", "a file outside the folder", "the folder itself"],
)
def test_a_site_list_edited_by_hand_is_refused_and_nothing_is_written_or_removed(
    demo: tuple[Path, Path], tmp_path: Path, marker: str
) -> None:
    """A rebuild removes only what an earlier build listed, and only inside its own folder."""
    db, _ = demo
    outside = tmp_path / "outside.txt"
    outside.write_text("keep", encoding="utf-8")
    out = tmp_path / "site"
    out.mkdir()
    (out / ".ledger-site").write_text(marker, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "cli.main", "--db", str(db), "site", "build", str(out)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2, run.stderr
    assert "out:" in run.stderr and ".ledger-site" in run.stderr and "Traceback" not in run.stderr
    assert outside.read_text(encoding="utf-8") == "keep"
    assert [p.name for p in out.iterdir()] == [".ledger-site"]
