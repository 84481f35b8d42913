"""The decision notices as a reader of the portal reads them, through the CLI (附件2 第四条,
第五条, 第六条): the bureau's system cited by its full name with full-width brackets, nested
quotation marks, a named contact with a telephone, the address where the draft and its
explanation can be downloaded, and an adoption report that counts people (人次) and comments,
says what changed in the draft and never prints 未处理 or an empty opinion group."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli import CliRun, discussion, ok, refused

N, W = "YJJR-2026-21", "YJJR-2026-22"
URL = "http://www.yanjiang.gov.cn/zwgk/zdxzjc/YJJR-2026-21.html"
SYSTEM = "《雁江区金融工作局重大行政决策预公开制度》"
CONTACT = ("联系人：李明（区金融工作局金融股）", "联系电话：028-26650101")
# the ledger's own forms (its notices' attachments, 附件1：征求意见稿, are the notice's own)
INTERNAL = ("附件2 第", "第六条(", "逾期提交的意见将单独登记", "单独登记", "未处理", "触发日期", "(二)")


def decision(number: str, title: str) -> tuple[str, ...]:
    return (
        "decision", "draft", "--decision", number, "--title", title, "--category", "二", "--unit", "FIN",
        "--draft", "第一条 为规范……\n第二条 服务站……", "--background", "网点不足",
        "--basis", "《四川省普惠金融发展规划》", "--main-content", "补助标准", "--effective", "2026-08-03",
    )  # fmt: skip


def publication(number: str, *extra: str) -> tuple[str, ...]:
    return (
        "decision", "publish", "--decision", number, "--channels", "portal", "--email", "zqyj@example.gov.cn",
        "--contact", "区金融工作局金融股", "--effective", "2026-09-01", *extra,
    )  # fmt: skip


NAMED = ("--contact-person", "李明", "--contact-phone", "028-26650101", "--download-url", URL)


def approve(cli: CliRun, number: str, title: str) -> None:
    ok(cli, *decision(number, title), actor="S002")
    ok(cli, "decision", "review", "clear", "--decision", number, "--effective", "2026-08-10", actor="S002")
    ok(cli, *discussion(number), "--effective", "2026-08-20", actor="D01")


def act(cli: CliRun, *args: str, on: str, actor: str = "S002") -> str:
    return ok(cli, "decision", *args, "--decision", N, "--effective", on, actor=actor)


def comment(cli: CliRun, text: str, on: str, *extra: str) -> None:
    act(cli, "comment", "receive", "--channel", "email", "--text", text, "--commenter", "刘某",
        "--contact", "liu@example.com", *extra, on=on)  # fmt: skip


@pytest.fixture
def notices(bureau_cli: CliRun, tmp_path: Path) -> dict[str, str]:
    """A decision's whole life with a named contact and a download address (title with “”), a
    letter holding two comments, a late comment, an empty concentrated opinion, a revision, the
    report, a policy explanation, an extension and the decision; a second one withdrawn."""
    cli = bureau_cli
    approve(cli, N, "雁江区“十五五”普惠金融服务站建设管理办法")
    ok(
        cli,
        *publication(N, *NAMED, "--days", "10", "--shortened-reason", "须在季度末前下达资金"),
        actor="S002",
    )
    answers = "问：补助多少？\n答：每站3000元。"
    act(cli, "explain", "--title", "一问一答", "--text", answers, "--channels", "portal", on="2026-09-02")
    comment(cli, "建议提高补助标准。", "2026-09-03")
    comment(cli, "建议增加社保卡业务。", "2026-09-03", "--submitted-with", "C001")  # the same e-mail
    act(cli, "period", "extend", "--days", "5", "--reason", "多家单位申请延长反馈时间", on="2026-09-07")
    comment(cli, "补助标准偏低。", "2026-09-08")
    comment(cli, "逾期意见：建议周末开放。", "2026-09-30", "--late")
    act(cli, "opinion", "record", "--opinion", "O1", "--summary", "建议提高补助标准", "--concentrated",
        "--response", "维持原标准", on="2026-09-21")  # fmt: skip
    act(cli, "opinion", "record", "--opinion", "O2", "--summary", "无人提出的集中意见", "--concentrated",
        on="2026-09-21")  # fmt: skip
    for cid, outcome, extra in (
        ("C001", "not_adopted", ("--reason", "受预算限制", "--opinion", "O1")),
        ("C003", "not_adopted", ("--reason", "受预算限制", "--opinion", "O1")),
        ("C002", "adopted", ()),
        ("C004", "partly_adopted", ("--reason", "开放时间与便民服务中心一致")),
    ):
        act(cli, "comment", "assess", "--comment", cid, "--outcome", outcome, *extra, on="2026-10-09")
    revised = "第一条 为规范……\n第二条 服务站增加社保卡业务。"
    act(cli, "revise", "--draft", revised, "--note", "第二条增加社保卡业务", on="2026-10-12")
    act(cli, "adoption", "complete", on="2026-10-13")
    act(cli, "report", "publish", "--channels", "portal", on="2026-10-20")
    act(cli, "decide", "--document-number", "雁金发〔2026〕21号", "--channels", "portal", on="2026-10-27",
        actor="P01")  # fmt: skip
    approve(cli, W, "雁江区民间借贷登记服务管理办法")
    ok(cli, *publication(W, *NAMED), actor="S002")
    ok(cli, "decision", "withdraw", "--decision", W, "--reason", "上级部门将出台统一规定", "--effective",
       "2026-09-10", actor="S002")  # fmt: skip
    out = tmp_path / "notices"
    ok(cli, "notices", "--out", str(out), actor=None)
    return {p.name.removesuffix(".md"): p.read_text(encoding="utf-8") for p in out.glob("decision-*.md")}


def test_the_call_names_a_contact_person_with_a_phone_and_where_to_download_the_draft(
    notices: dict[str, str],
) -> None:
    """附件2 第四条(一)(二): the draft and its explanation are published — as files at the
    portal address recorded with the publication — with a named contact and a telephone."""
    call = notices[f"decision-{N}-call"]
    assert f"征求意见稿及起草说明全文可在政府门户网站下载，网址：{URL}" in call
    assert all(line in call for line in CONTACT)
    assert "联系人（单位）及电话" not in call


def test_every_decision_notice_names_the_contact(notices: dict[str, str]) -> None:
    """Window change, policy explanation (附件2 第六条(一)), adoption report (第六条(三)), final
    decision (第一条) and withdrawal: each tells the reader whom to ask, by name and telephone."""
    kinds = {"call", "window-1", "explanation-1", "report", "decided"}
    assert {k.removeprefix(f"decision-{N}-") for k in notices if k.startswith(f"decision-{N}")} == kinds
    for name, text in notices.items():
        assert all(line in text for line in CONTACT), name
    assert URL in notices[f"decision-{N}-window-1"] and URL in notices[f"decision-{N}-explanation-1"]
    assert f"decision-{W}-withdrawn" in notices


def test_notices_cite_the_system_as_printed_with_nested_quotes_and_no_internal_wording(
    notices: dict[str, str],
) -> None:
    """附件2 第六条(二): a shortened period states its reason, citing the bureau's system by its full
    name with full-width brackets; “” inside “” become ‘’; nothing of the ledger's own wording."""
    call = notices[f"decision-{N}-call"]
    assert f"根据{SYSTEM}第六条第（二）项，征求意见期限一般不少于30日；因须在季度末前下达资金" in call
    assert f"该事项属于{SYSTEM}第三条第（二）项所列的重大公共政策和措施" in call
    assert "（邮件主题请注明“雁江区‘十五五’普惠金融服务站建设管理办法意见”）" in call
    assert f"根据{SYSTEM}第四条第（三）项、第六条第（三）项" in notices[f"decision-{N}-report"]
    assert f"根据{SYSTEM}第六条第（一）项" in notices[f"decision-{N}-explanation-1"]
    for name, text in notices.items():
        assert not [w for w in INTERNAL if w in text], name
        assert "固定公开栏" not in text, name  # published on the portal only: no notice board named


def test_the_adoption_report_counts_people_and_comments_and_says_what_changed(
    notices: dict[str, str],
) -> None:
    """附件2 第四条(三), 第六条(三): how comments were collected — 人次 and 条 (two comments in one
    e-mail are one person's) — how they were adopted, and the draft's recorded revisions."""
    report = notices[f"decision-{N}-report"]
    assert "征求意见期间，共有2人次提出意见3条。" in report
    assert "另有1人次在征求意见截止后提出意见1条，一并作了研究。" in report
    assert "经认真研究，4条意见中，采纳1条，部分采纳1条，未采纳2条。" in report
    assert "根据意见采纳情况，对征求意见稿作了以下修改：\n\n1. 第二条增加社保卡业务。" in report


def test_the_adoption_report_never_prints_an_empty_group_or_unhandled(notices: dict[str, str]) -> None:
    """附件2 第四条(三): the concentrated opinions are reported with what was done; a group no
    comment belongs to is no opinion of the public, and nothing reads 未处理."""
    report = notices[f"decision-{N}-report"]
    assert "| 建议提高补助标准 | 2 | 未采纳 | 维持原标准 | 受预算限制 |" in report
    assert "无人提出的集中意见" not in report and "未处理" not in report and "采纳0条" not in report
    assert "刘某" not in report and "liu@example.com" not in report


def test_a_comment_of_the_same_submission_came_the_same_way_that_day(
    bureau_cli: CliRun, db_file: Path
) -> None:
    """One letter, e-mail or call is one 人次: a comment recorded with it (--submitted-with)
    names a comment that exists and came by the same way on the same day (exit 2, the field named)."""
    approve(bureau_cli, N, "普惠金融服务站建设管理办法")
    said = ok(bureau_cli, *publication(N, "--phone", "028-26650101"), actor="S002")
    assert "no contact person named (--contact-person, --contact-phone): the notices show the office" in said
    comment(bureau_cli, "建议提高补助标准。", "2026-09-03")
    by_phone = ("decision", "comment", "receive", "--decision", N, "--channel", "phone", "--text", "又及。")
    line = refused(bureau_cli, db_file, *by_phone, "--submitted-with", "C001", "--effective", "2026-09-03",
                   actor="S002", exit_code=2)  # fmt: skip
    assert line.startswith("Error: submitted_with: comment C001 came by email on 2026-09-03"), line
    line = refused(bureau_cli, db_file, *by_phone, "--submitted-with", "C009", "--effective", "2026-09-03",
                   actor="S002", exit_code=2)  # fmt: skip
    assert line.startswith("Error: submitted_with: decision YJJR-2026-21 has no comment C009"), line


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (("--contact-person", "李明"), "contact_phone: a named contact person comes with a telephone number"),
        (("--contact-phone", "028-26650101"), "contact_person: a contact telephone comes with"),
        (
            ("--contact-person", "李明", "--contact-phone", "找李明"),
            "contact_phone: '找李明' is not a telephone",
        ),
        (("--download-url", "门户网站"), "download_url: '门户网站' is not a web address"),
    ],
)
def test_the_contact_and_the_download_address_are_checked_before_they_are_public(
    bureau_cli: CliRun, db_file: Path, extra: tuple[str, ...], said: str
) -> None:
    """What a notice prints is checked at the door: a person with a telephone, a web address."""
    approve(bureau_cli, N, "普惠金融服务站建设管理办法")
    line = refused(bureau_cli, db_file, *publication(N, *extra), actor="S002", exit_code=2)
    assert line.startswith(f"Error: {said}"), line
