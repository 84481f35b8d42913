"""The published annual report is public: a notice (and a page of the site) from the moment it is
published, never before; printed as published, in reader text (no internal note, no request
number, no requester); and what it carries into the next year is derived at publication, so
no door — an import line, a correction — can hand it another list."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from aggregates.errors import InvalidInput, Refused
from ledger.application import LedgerApp
from ledger.interface import Ledger
from ledger.interface.annual import annual_report
from ledger.interface.publishing import build_site
from ledger.signing import KeyFolder
from projections.notices import Notice
from tests.support.clock import FakeClock
from tests.support.ledger import record_demo, refused_without_writing, run, setup_bureau

SLUG = "annual-report-2026"
TITLE = "雁江区金融工作局2026年政府信息公开工作年度报告"
DEMO_REQUESTS = Path(__file__).resolve().parents[3] / "ledger" / "demo" / "data" / "request.jsonl"
# What only the office reads: the ledger's own notes and references, and the requests' numbers.
INTERNAL = ("本台账", "读作", "附件", "YSQ-", "carried", "check", "按年末结果计；年末未审结")


def requester_data() -> list[str]:
    lines = [json.loads(line) for line in DEMO_REQUESTS.read_text("utf-8").splitlines() if line.strip()]
    found = [line[k] for line in lines for k in ("requester_name", "contact") if k in line]
    assert len(found) >= 20  # every request's requester and contact
    return found


@pytest.fixture
def demo(tmp_path: Path, key_folder: Path) -> Iterator[tuple[LedgerApp, Ledger, FakeClock]]:
    """The demo's year, recorded on 20 November 2026; the clock then moves into January 2027."""
    clock = FakeClock(datetime(2026, 11, 20, 2, tzinfo=UTC))
    app = LedgerApp(str(tmp_path / "demo.db"), clock=clock, keys=KeyFolder(key_folder))
    record_demo(app)
    clock.set("2027-01-20 10:00")
    yield app, Ledger(str(tmp_path / "demo.db"), app=app), clock
    app.close()


def the_report(ledger: Ledger) -> list[Notice]:
    return [n for n in ledger.notices() if n.slug == SLUG]


def test_the_report_is_a_notice_and_a_page_of_the_site_once_published_never_before(
    demo: tuple[LedgerApp, Ledger, FakeClock], tmp_path: Path
) -> None:
    app, ledger, _ = demo
    assert the_report(ledger) == []
    before = tmp_path / "before"
    build_site(ledger, before)
    assert not (before / "notices" / "annual" / f"{SLUG}.html").exists()
    assert TITLE not in (before / "index.html").read_text("utf-8")

    assert (
        "一 11 + 二 1 = 三（七）11 + 四 1"
        in run(app, "S001", "annual-report.publish", year=2026, effective="2027-01-20")["message"]
    )
    [notice] = the_report(ledger)
    assert (notice.title, str(notice.dated), notice.issuer) == (TITLE, "2027-01-20", "雁江区金融工作局")
    after = tmp_path / "after"
    build_site(ledger, after)
    page = (after / "notices" / "annual" / f"{SLUG}.html").read_text("utf-8")
    assert TITLE in page and "三、收到和处理政府信息公开申请情况" in page
    home = (after / "index.html").read_text("utf-8")
    assert f'href="notices/annual/{SLUG}.html"' in home  # among the latest notices


def test_the_notice_prints_table_three_as_published_even_after_the_register_changes(
    demo: tuple[LedgerApp, Ledger, FakeClock],
) -> None:
    app, ledger, clock = demo
    run(app, "S001", "annual-report.publish", year=2026, effective="2027-01-20")
    [published] = the_report(ledger)
    shown = annual_report(ledger, 2026)["part3_requests"]["rows"]
    [table] = [s for s in published.sections if s.heading == "三、收到和处理政府信息公开申请情况"]
    columns = ("natural_person", "commercial", "research", "public_interest", "legal_service", "other")
    columns += ("total",)
    assert table.table_rows == tuple(
        (r["row"], *(str(r[c]) if c in r else "" for c in columns)) for r in shown
    )  # the notice and `annual-report show` print the same table, cell by cell
    assert ("一、本年新收政府信息公开申请数量", "5", "2", "1", "1", "1", "1", "11") in table.table_rows

    clock.advance(hours=1)  # a 2026 request's day of receipt corrected into 2027, after publication
    run(app, "S001", "correct", aggregate="request:YSQ-2026-011", version=1, reason="收到日期录错",
        replace={"received_on": "2027-01-04"})  # fmt: skip
    assert the_report(ledger) == [published]  # the public text is the text as published


def test_the_public_text_is_reader_text_with_no_internal_note_and_no_requester(
    demo: tuple[LedgerApp, Ledger, FakeClock],
) -> None:
    app, ledger, _ = demo
    assert "本台账" in str(annual_report(ledger, 2026))  # the office's own view keeps its notes
    run(app, "S001", "annual-report.publish", year=2026, effective="2027-01-20")
    [notice] = the_report(ledger)
    for text in (notice.markdown(), notice.html(), json.dumps(notice.data(), ensure_ascii=False)):
        assert not [w for w in INTERNAL if w in text], [w for w in INTERNAL if w in text]
        assert not [p for p in requester_data() if p in text]
    md = notice.markdown()
    assert "| 规章（第二十条第（一）项） | 0 | 0 | 0 |" in md  # no data: 0, as the format prints it
    assert "注：规章、行政许可、行政处罚、行政强制、行政事业性收费、行政规范性文件本年废止件数" in md
    assert "计入“尚未审结”" in md and "本年收取信息处理费120元。" in md
    for part in ("一、总体情况", "二、主动公开政府信息情况", "四、政府信息公开行政复议、行政诉讼情况",
                 "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):  # fmt: skip
        assert f"## {part}" in md


def test_an_import_line_cannot_hand_the_publication_a_carried_forward_list(
    demo: tuple[LedgerApp, Ledger, FakeClock],
) -> None:
    """The insider's forged list (nothing carried into 2027) is not a field of the command: the
    line is refused and nothing written; the publication derives the list itself, and 2027's
    二 is the one request really open at the year's end."""
    app, ledger, _ = demo
    before = app.max_position()
    forged = {"command": "annual-report.publish", "actor": "S001", "year": 2026, "carried_forward": [],
              "check": "一 11 + 二 1 = 三（七）12 + 四 0", "effective": "2027-01-20"}  # fmt: skip
    done, problems = ledger.import_lines([json.dumps(forged, ensure_ascii=False)], None)
    assert done == 0 and app.max_position() == before
    assert [(p.line, p.exit_code) for p in problems] == [(1, 2)] and "no such field" in problems[0].rule
    honest = {k: v for k, v in forged.items() if k not in ("carried_forward", "check")}
    assert ledger.import_lines([json.dumps(honest)], None) == (1, [])
    two = annual_report(ledger, 2027)["part3_requests"]
    assert two["carried_from"] == "2026年度报告结转"
    assert next(r for r in two["rows"] if r["row"].startswith("二、"))["total"] == 1


def test_a_correction_cannot_replace_what_was_published(demo: tuple[LedgerApp, Ledger, FakeClock]) -> None:
    app, ledger, clock = demo
    run(app, "S001", "annual-report.publish", year=2026, effective="2027-01-20")
    version = ledger.show("annual_report:2026")["version"]
    clock.advance(hours=1)
    forged = {"year": 2026, "carried_forward": [], "check": "一 11 + 二 1 = 三（七）12 + 四 0"}
    said = refused_without_writing(
        app,
        Refused,
        "S001",
        "correct",
        aggregate="annual_report:2026",
        version=version,
        reason="结转有误",
        replace={"content": forged},
    )
    assert "never rewritten" in said and "第四十九条" in said  # the authority table's rule


def test_a_publication_after_other_changes_in_the_same_run_is_refused(
    demo: tuple[LedgerApp, Ledger, FakeClock],
) -> None:
    """The figures are read from what is saved: a run that answers a request and then publishes
    would publish without that answer, so it is refused and nothing is written."""
    app, ledger, _ = demo
    lines = [
        {"command": "request.answer", "actor": "S001", "request": "YSQ-2026-011", "outcome": "disclosed",
         "note": "答复", "effective": "2027-01-05"},
        {"command": "annual-report.publish", "actor": "S001", "year": 2026, "effective": "2027-01-20"},
    ]  # fmt: skip
    before = app.max_position()
    done, [problem] = ledger.import_lines([json.dumps(x, ensure_ascii=False) for x in lines], None)
    assert (done, problem.line, problem.exit_code) == (0, 2, 1) and "in a run of its own" in problem.rule
    assert app.max_position() == before


def test_the_publication_is_refused_when_table_three_does_not_add_up(keys: KeyFolder) -> None:
    """The check is the publication's own: a register that does not add up is refused at
    publication too, naming the request, whichever door the act came through."""
    clock = FakeClock(datetime(2027, 1, 20, 2, tzinfo=UTC))
    app = LedgerApp(":memory:", clock=clock, keys=keys)
    setup_bureau(app)
    run(app, "S001", "request.receive", request="YSQ-2025-201", requester_kind="natural_person",
        requester_name="某甲", contact="13900000201", channel="in_person", asked="信息",
        effective="2025-12-29")  # fmt: skip
    overview = {"part": "overview", "text": "总体情况。"}
    run(app, "S001", "annual-report.text", year=2025, **overview, effective="2026-01-10")
    run(app, "S001", "annual-report.publish", year=2025, effective="2026-01-15")
    clock.advance(hours=1)
    run(app, "S001", "correct", aggregate="request:YSQ-2025-201", version=1, reason="收到日期录错",
        replace={"received_on": "2026-01-04", "submitted_on": "2026-01-04"})  # fmt: skip
    run(app, "S001", "annual-report.text", year=2026, **overview, effective="2027-01-10")
    said = refused_without_writing(
        app, Refused, "S001", "annual-report.publish", year=2026, effective="2027-01-15"
    )
    assert "YSQ-2025-201" in said and "一 + 二 ≠ 三（七）+ 四" in said
    with pytest.raises(InvalidInput):
        run(app, "S001", "annual-report.publish", year=2026, carried_forward=["YSQ-2025-201"])
    app.close()
