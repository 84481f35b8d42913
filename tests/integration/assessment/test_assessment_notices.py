"""The assessment notices: one 通报 per year and date; rectification outcomes; nothing internal."""

from __future__ import annotations

from datetime import date
from typing import Any

from aggregates.public import PublicFact
from projections.assessment.notice import write


def result(unit: str, name: str, grade: str, label: str, **extra: Any) -> PublicFact:
    data = {
        "year": 2025,
        "unit": unit,
        "unit_name": name,
        "grade": grade,
        "grade_label": label,
        "commended": grade == "excellent",
        "criticised": grade == "fail",
        "rectify_by": None,
        "requirements": None,
        **extra,
    }
    return PublicFact(
        kind="assessment.result", key=f"assessment:2025:{unit}", unit=unit, dated=date(2026, 3, 10), data=data
    )


def test_announcement_without_excellent_or_failing_units_says_so() -> None:
    (notice,) = write([result("SERV", "金融服务中心", "good", "良好")], "雁江区金融工作局")
    text = notice.markdown()
    assert notice.title == "关于2025年度政务公开工作考核结果的通报"
    assert "本次通报无考核等次为优秀的单位" in text and "本次通报无考核等次为不合格的单位" in text
    assert text.rstrip().endswith("2026年3月10日")


def test_units_are_listed_from_best_grade_to_worst() -> None:
    facts = [
        result("FUND", "资金股", "fail", "不合格", rectify_by="2026-05-08"),
        result("FIN", "金融股", "excellent", "优秀"),
    ]
    (notice,) = write(facts, "局")
    rows = notice.sections[1].table_rows
    assert rows == (("金融股", "优秀"), ("资金股", "不合格"))


def test_failed_rectification_notice_removes_award_eligibility() -> None:
    fact = PublicFact(
        kind="assessment.rectification",
        key="assessment:2025:FUND:rectification",
        unit="FUND",
        dated=date(2026, 5, 20),
        data={
            "year": 2025,
            "unit": "FUND",
            "unit_name": "资金股",
            "passed": False,
            "rectify_by": "2026-05-08",
            "reported_on": None,
            "award_eligible": False,
        },
    )
    (notice,) = write([fact], "局")
    text = notice.markdown()
    assert "未按期报送整改情况" in text and "取消其2025年度评先评优资格" in text


def test_two_announcements_of_one_day_under_different_numbers_are_two_notices() -> None:
    """Each 通报 carries its own document number (文号) and addressees (主送)."""

    def result(unit: str, number: str | None) -> PublicFact:
        data = {
            "year": 2025, "unit": unit, "unit_name": unit, "grade": "good", "grade_label": "良好",
            "commended": False, "criticised": False, "rectify_by": None, "requirements": None,
            "document_number": number,
        }  # fmt: skip
        return PublicFact(
            kind="assessment.result",
            key=f"assessment:2025:{unit}",
            unit=unit,
            dated=date(2026, 3, 10),
            data=data,
        )

    notices = write(
        [result("FIN", "雁金融〔2026〕5号"), result("SERV", "雁金融〔2026〕6号")], "雁江区金融工作局"
    )
    assert sorted((n.slug, n.number) for n in notices) == [
        ("assessment-2025-result-2026-03-10-1", "雁金融〔2026〕5号"),
        ("assessment-2025-result-2026-03-10-2", "雁金融〔2026〕6号"),
    ]
    assert {n.addressees for n in notices} == {"局机关各股室（中心）"}
