"""`ledger request …` as a clerk runs it: registering, the supplement, a consultation, the
head of the disclosure office's extension, the answer, the reads, and the exit codes."""

from __future__ import annotations

from tests.support.cli import CliRun, error_line, ok, read_json

N = "YSQ-2026-201"
RECEIVE = (
    "request",
    "receive",
    "--request",
    N,
    "--requester-kind",
    "commercial",
    "--requester-name",
    "某某科技有限公司",
    "--contact",
    "028-26650000",
    "--asked",
    "融资担保备案情况",
)


def test_a_request_by_registered_post_names_the_day_the_bureau_signed_for_it(bureau_cli: CliRun) -> None:
    result = bureau_cli(
        *RECEIVE, "--channel", "registered_post", "--submitted", "2026-09-14", "--effective", "2026-09-17"
    )
    assert (
        result.exit_code == 2 and "signed_for" in error_line(result.output) and "第三十一条" in result.output
    )
    out = ok(
        bureau_cli,
        *RECEIVE,
        "--channel",
        "registered_post",
        "--submitted",
        "2026-09-14",
        "--signed-for",
        "2026-09-16",
        "--effective",
        "2026-09-17",
    )
    assert (
        "received on 2026-09-16" in out and "2026-10-20" in out
    )  # 20 working days: 20 Sep and 10 Oct are 调休 working days
    [row] = read_json(bureau_cli, "request", "list", "--as-of", "2026-10-01")
    assert (row["number"], row["received_on"], row["due"], row["status"]) == (
        N,
        "2026-09-16",
        "2026-10-20",
        "open",
    )


def test_a_request_goes_from_supplement_to_consultation_to_an_approved_extension(bureau_cli: CliRun) -> None:
    ok(bureau_cli, *RECEIVE, "--channel", "online", "--confirmed", "2026-09-07", "--effective", "2026-09-07")
    ok(
        bureau_cli,
        "request",
        "supplement",
        "ask",
        "--request",
        N,
        "--unclear",
        "请说明所需信息的年度",
        "--due",
        "2026-09-18",
        "--effective",
        "2026-09-09",
    )
    ok(bureau_cli, "request", "supplement", "receive", "--request", N, "--effective", "2026-09-14")
    out = ok(
        bureau_cli,
        "request",
        "consultation",
        "send",
        "--request",
        N,
        "--kind",
        "third_party",
        "--matter",
        "是否涉及商业秘密",
        "--effective",
        "2026-09-16",
    )
    assert "T01" in out
    ok(
        bureau_cli,
        "request",
        "consultation",
        "reply",
        "--request",
        N,
        "--consultation",
        "T01",
        "--opinion",
        "同意",
        "--effective",
        "2026-09-30",
    )
    refused = bureau_cli(
        "request", "extend", "--request", N, "--days", "10", "--reason", "需汇总", "--effective", "2026-10-09"
    )
    assert refused.exit_code == 1 and "第三十三条" in error_line(refused.output)
    ok(bureau_cli, "org", "role", "assign", "--staff-id", "S005", "--role", "office_head", actor="P01")
    too_long = bureau_cli(
        "request", "extend", "--request", N, "--days", "21", "--reason", "需汇总", actor="S005"
    )
    assert too_long.exit_code == 1 and "at most 20 working days" in too_long.output
    out = ok(
        bureau_cli,
        "request",
        "extend",
        "--request",
        N,
        "--days",
        "10",
        "--reason",
        "需汇总",
        "--effective",
        "2026-10-09",
        actor="S005",
    )
    assert "extended by 10 working days" in out
    explained = read_json(bureau_cli, "deadlines", "explain", f"request:{N}:answer")
    assert "paused" in {s["kind"] for s in explained["steps"]}
    ok(bureau_cli, "request", "answer", "--request", N, "--outcome", "partial", "--effective", "2026-10-20")
    shown = read_json(bureau_cli, "request", "show", N)
    assert (shown["outcome_label"], shown["extension_approved_by"]) == ("部分公开", "S005")
    assert shown["requester_name"] == "某某科技有限公司"  # the office's own view


def test_a_review_and_a_suit_after_it_and_a_complaint(bureau_cli: CliRun) -> None:
    ok(bureau_cli, *RECEIVE, "--channel", "in_person", "--effective", "2026-06-01")
    ok(
        bureau_cli,
        "request",
        "answer",
        "--request",
        N,
        "--outcome",
        "state_secret",
        "--effective",
        "2026-06-10",
    )
    assert "A01" in ok(bureau_cli, "request", "case", "file", "--request", N, "--kind", "review")
    ok(bureau_cli, "request", "case", "decide", "--request", N, "--case", "A01", "--result", "upheld")
    ok(bureau_cli, "request", "case", "file", "--request", N, "--kind", "litigation", "--prior-review")
    ok(
        bureau_cli,
        "request",
        "complaint",
        "receive",
        "--complaint",
        "TS-2026-02",
        "--unit",
        "OFFICE",
        "--summary",
        "答复不满意",
        "--about-request",
        N,
    )
    ok(bureau_cli, "request", "complaint", "handle", "--complaint", "TS-2026-02", "--result", "已答复说明")
    [c] = read_json(bureau_cli, "request", "complaints")
    assert c["handled_on"] is not None
    evidence = read_json(bureau_cli, "assessment", "evidence", "OFFICE", "2026")
    assert evidence["complaints"]["received"] == 1


def test_unknown_requests_and_outcomes_exit_2_naming_the_field(bureau_cli: CliRun) -> None:
    result = bureau_cli("request", "answer", "--request", "YSQ-NONE", "--outcome", "disclosed")
    assert result.exit_code == 2 and error_line(result.output).startswith("Error: request:")
    ok(bureau_cli, *RECEIVE, "--channel", "in_person", "--effective", "2026-06-01")
    result = bureau_cli("request", "answer", "--request", N, "--outcome", "granted")
    assert result.exit_code == 2 and "outcome" in error_line(result.output)
    result = bureau_cli("request", "show", "YSQ-NONE", "--format", "json", actor=None)
    assert result.exit_code == 2
    assert read_json(bureau_cli, "request", "list", "--year", "2025") == []
