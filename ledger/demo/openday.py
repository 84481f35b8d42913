"""Two government open days (附件4) in 2026, led by D02 (in charge of the office).

KFR-2026-01: a site visit (参观调研) to a key project hosted by FIN in June; two opinions,
one answered with a rectification that was followed up; summary published, checked by
the office (S005, who did not run it). KFR-2026-02: a symposium (座谈交流) hosted by
SERV on Monday 12 October, right after the National Day break: recruitment by the 7th
working day before (24 September); one rectification is still being carried out.
The office clerk S001 plans and runs both; the host unit's clerk answers the opinions.
"""

from __future__ import annotations

from typing import Any

from ledger.demo import Step

OFFICE = "S001"
CHECKER = "S005"


def _register(number: str, on: str, people: list[tuple[str, str, str, str, str, bool]]) -> list[Step]:
    out: list[Step] = []
    for n, (name, kind, born, tie, place, recommended) in enumerate(people, start=1):
        fields: dict[str, Any] = {
            "open_day": number,
            "representative_name": name,
            "kind": kind,
            "birth_date": born,
            "tie": tie,
            "place": place,
            "full_capacity": True,
            "contact": f"1380283{n:04d}",
            "recommended": recommended,
            "effective": on,
        }
        out.append((OFFICE, "openday.representative.register", fields))
    return out


def site_visit() -> list[Step]:
    number = "KFR-2026-01"
    steps: list[Step] = [
        (
            OFFICE,
            "openday.plan",
            {
                "open_day": number,
                "day": "2026-06-12",
                "form": "site_visit",
                "site_kind": "key_project",
                "site": "雁江区沱江城市更新重点项目建设现场",
                "theme": "金融支持重点项目建设",
                "host": "FIN",
                "leader": "D02",
                "representatives": 6,
                "quotas": {"npc_deputy": 1, "cppcc_member": 1, "entrepreneur": 2, "citizen": 2},
                "effective": "2026-05-20",
            },
        ),
        (
            OFFICE,
            "openday.recruitment.publish",
            {
                "open_day": number,
                "channels": ["portal", "wechat", "recommendation"],
                "how_to_apply": "填写报名表（注明姓名、代表类别、出生日期、在雁工作生活学习情况及联系方式），"
                "发送至 kfr@example.gov.cn 或送至区金融工作局办公室",
                "contact": "区金融工作局办公室 028-26650100",
                "closes_on": "2026-06-02",
                "effective": "2026-05-22",
            },
        ),
    ]
    steps += _register(
        number,
        "2026-06-03",
        [
            ("王建国", "npc_deputy", "1968-03-15", "work", "雁江区人大常委会", True),
            ("刘淑芬", "cppcc_member", "1972-11-02", "work", "区政协", True),
            ("陈晓东", "entrepreneur", "1985-07-21", "work", "雁江区松涛镇", False),
            ("杨帆", "entrepreneur", "1990-01-09", "work", "雁江区高新区", False),
            ("黄丽", "citizen", "1979-05-30", "live", "雁江区三贤祠街道", False),
            ("周子涵", "citizen", "2007-04-18", "study", "四川现代职业学院", False),
        ],
    )
    steps += [
        (
            OFFICE,
            "openday.representatives.publicise",
            {"open_day": number, "where": "区政府门户网站政务公开栏目", "effective": "2026-06-05"},
        ),
        (
            OFFICE,
            "openday.hold",
            {
                "open_day": number,
                "attendance": 6,
                "note": "介绍金融支持重点项目建设情况，实地参观项目现场",
                "effective": "2026-06-12",
            },
        ),
        (
            OFFICE,
            "openday.opinion.hear",
            {
                "open_day": number,
                "text": "希望定期公开重点项目获得金融支持的进度信息",
                "representative": "R03",
                "effective": "2026-06-12",
            },
        ),
        (
            OFFICE,
            "openday.opinion.hear",
            {"open_day": number, "text": "小微企业贷款贴息的申请流程不够清晰", "effective": "2026-06-12"},
        ),
        (
            "S002",
            "openday.opinion.answer",
            {
                "open_day": number,
                "opinion": "O01",
                "answer": "采纳。将在政务公开专栏增设重点项目金融支持情况栏目。",
                "rectification": "增设重点项目金融支持情况栏目，按季度更新",
                "effective": "2026-06-18",
            },
        ),
        (
            "S002",
            "openday.opinion.answer",
            {
                "open_day": number,
                "opinion": "O02",
                "answer": "贴息申请流程及材料清单已在门户网站办事指南栏目公布，并现场发放办事指南。",
                "effective": "2026-06-16",
            },
        ),
        (
            CHECKER,
            "openday.supervise",
            {
                "open_day": number,
                "findings": "招募、公示按期完成，活动按计划举办，意见均已在期限内答复。",
                "effective": "2026-06-24",
            },
        ),
        (
            "S002",
            "openday.opinion.follow-up",
            {
                "open_day": number,
                "opinion": "O01",
                "done": "“重点项目金融支持情况”栏目已于7月上线，发布第二季度数据。",
                "effective": "2026-07-15",
            },
        ),
        (OFFICE, "openday.summary.publish", {"open_day": number, "effective": "2026-07-20"}),
    ]
    return steps


def symposium() -> list[Step]:
    number = "KFR-2026-02"
    steps: list[Step] = [
        (
            OFFICE,
            "openday.plan",
            {
                "open_day": number,
                "day": "2026-10-12",
                "form": "symposium",
                "site_kind": "meeting_venue",
                "site": "区金融工作局三楼会议室",
                "theme": "优化金融服务 助力小微企业融资",
                "host": "SERV",
                "leader": "D02",
                "representatives": 6,
                "quotas": {
                    "npc_deputy": 1,
                    "cppcc_member": 1,
                    "entrepreneur": 2,
                    "community_worker": 1,
                    "netizen": 1,
                },
                "effective": "2026-09-14",
            },
        ),
        (
            OFFICE,
            "openday.recruitment.publish",
            {
                "open_day": number,
                "channels": ["portal", "wechat", "recommendation"],
                "how_to_apply": "通过区政府门户网站“政务开放日”专栏在线报名，或致电报名",
                "contact": "金融服务中心 028-26650103",
                "closes_on": "2026-09-30",
                "effective": "2026-09-16",
            },
        ),
    ]
    steps += _register(
        number,
        "2026-09-29",
        [
            ("李红梅", "npc_deputy", "1970-08-08", "work", "雁江区人大常委会", True),
            ("赵明", "cppcc_member", "1966-12-12", "work", "区政协", True),
            ("孙志强", "entrepreneur", "1988-02-28", "work", "雁江区临空经济区", False),
            ("何静", "entrepreneur", "1992-06-06", "work", "雁江区宝台镇", False),
            ("郑桂兰", "community_worker", "1975-09-19", "work", "雁江区狮子山街道", False),
            ("冯磊", "netizen", "2008-10-12", "live", "雁江区莲花山街道", False),  # 18 on the day
        ],
    )
    steps += [
        (
            OFFICE,
            "openday.representatives.publicise",
            {"open_day": number, "where": "区政府门户网站、“雁江金融”微信公众号", "effective": "2026-10-09"},
        ),
        (OFFICE, "openday.hold", {"open_day": number, "attendance": 5, "effective": "2026-10-12"}),
        (
            OFFICE,
            "openday.opinion.hear",
            {
                "open_day": number,
                "text": "社区居民反映防范非法集资宣传不足，建议进社区开展宣传",
                "representative": "R05",
                "effective": "2026-10-12",
            },
        ),
        (
            OFFICE,
            "openday.opinion.hear",
            {
                "open_day": number,
                "text": "建议公开辖区金融机构小微企业信贷产品清单",
                "representative": "R03",
                "effective": "2026-10-12",
            },
        ),
        (
            OFFICE,
            "openday.opinion.hear",
            {"open_day": number, "text": "希望简化创业担保贷款的申请材料", "effective": "2026-10-12"},
        ),
        (
            "S004",
            "openday.opinion.answer",
            {
                "open_day": number,
                "opinion": "O03",
                "answer": "创业担保贷款申请材料已精简为4项，清单见门户网站办事指南。",
                "effective": "2026-10-16",
            },
        ),
        (
            "S004",
            "openday.opinion.answer",
            {
                "open_day": number,
                "opinion": "O01",
                "answer": "采纳。将联合各街道在社区开展防范非法集资宣传。",
                "rectification": "11月底前在各街道社区开展防范非法集资宣传活动",
                "effective": "2026-10-20",
            },
        ),
        (
            "S004",
            "openday.opinion.answer",
            {
                "open_day": number,
                "opinion": "O02",
                "answer": "采纳。将汇总辖区金融机构小微企业信贷产品，在门户网站公布。",
                "rectification": "在门户网站政务公开栏目发布辖区小微企业信贷产品清单",
                "effective": "2026-10-23",
            },
        ),
        (
            CHECKER,
            "openday.supervise",
            {
                "open_day": number,
                "findings": "招募于举行日前第7个工作日前发布，代表按期公示，活动按计划举办。",
                "problems": ["1名代表缺席，未提前告知"],
                "effective": "2026-10-22",
            },
        ),
        (
            "S004",
            "openday.opinion.follow-up",
            {
                "open_day": number,
                "opinion": "O01",
                "done": "已在全区6个街道开展防范非法集资进社区宣传活动。",
                "effective": "2026-11-10",
            },
        ),
        (OFFICE, "openday.summary.publish", {"open_day": number, "effective": "2026-11-16"}),
    ]
    return steps


def steps() -> list[Step]:
    return site_visit() + symposium()
