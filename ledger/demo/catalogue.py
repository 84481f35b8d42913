"""The catalogue: a dozen items across the units, published in January, then adjusted.

* 2026-01: the units compile their items; each unit publishes its part of the catalogue.
* a law-triggered addition (第四条(一)): the VAT Law in force from 2026-01-01 brings the
  service centre a new item on the VAT exemption for small-business loan interest;
  published, filed and accepted on time;
* a change after a change of functions (第四条(三)), published on time but filed late;
* a removal (第四条(四)): the office's guide merged into its item on functions;
* an element change (第四条(二)) in November, filed and awaiting acceptance;
* information formed under FUND-01 in October and still unpublished: overdue.
"""

from __future__ import annotations

from typing import Any

from ledger.demo import Step

PORTAL = "雁江区人民政府门户网站"
WECHAT = "“雁江金融”微信公众号"
BOARD = "局政务公开栏"
OGI = "《中华人民共和国政府信息公开条例》"
PUBLIC = "社会公众"

# unit -> clerk
CLERKS = {"FIN": "S002", "FUND": "S003", "SERV": "S004", "OFFICE": "S001"}

ITEMS: list[dict[str, Any]] = [
    {
        "unit": "FIN",
        "code": "FIN-01",
        "title": "全区金融运行情况",
        "content": "全区存贷款余额、社会融资规模等金融运行主要数据及分析",
        "update_cycle": "quarterly",
        "channels": [PORTAL],
        "column": "政府信息公开/统计信息",
        "legal_basis": [f"{OGI}第二十条"],
        "audience": PUBLIC,
    },
    {
        "unit": "FIN",
        "code": "FIN-02",
        "title": "地方金融组织名单",
        "content": "辖区小额贷款公司、融资担保公司、典当行等地方金融组织名单及监管信息",
        "channels": [PORTAL],
        "column": "政府信息公开/行政执法",
        "legal_basis": [f"{OGI}第二十条", "《融资担保公司监督管理条例》"],
        "audience": PUBLIC,
    },
    {
        "unit": "FIN",
        "code": "FIN-03",
        "title": "防范和处置非法集资宣传",
        "content": "非法集资风险提示、典型案例、举报方式",
        "update_cycle": "monthly",
        "channels": [PORTAL, BOARD],
        "column": "政府信息公开/防范非法集资",
        "legal_basis": ["《防范和处置非法集资条例》第十三条"],
        "audience": PUBLIC,
    },
    {
        "unit": "FUND",
        "code": "FUND-01",
        "title": "财政金融专项资金分配结果",
        "content": "专项资金分配对象、分配金额、分配依据",
        "channels": [PORTAL],
        "column": "政府信息公开/财政资金",
        "legal_basis": [f"{OGI}第二十条"],
        "audience": PUBLIC,
    },
    {
        "unit": "FUND",
        "code": "FUND-02",
        "title": "专项资金管理办法及申报指南",
        "content": "专项资金管理办法、申报条件、申报材料、申报时间",
        "channels": [PORTAL, WECHAT],
        "column": "政府信息公开/政策文件",
        "legal_basis": [f"{OGI}第二十条"],
        "audience": PUBLIC,
    },
    {
        "unit": "FUND",
        "code": "FUND-03",
        "title": "专项资金绩效评价结果",
        "content": "上年度专项资金绩效自评及评价结果",
        "update_cycle": "yearly",
        "channels": [PORTAL],
        "column": "政府信息公开/财政资金",
        "legal_basis": ["《中华人民共和国预算法》第五十七条"],
        "audience": PUBLIC,
    },
    {
        "unit": "SERV",
        "code": "SERV-01",
        "title": "金融服务事项办事指南",
        "content": "服务事项名称、办理条件、所需材料、办理流程、办理时限",
        "channels": [PORTAL, "政务服务大厅窗口"],
        "column": "政务服务/办事指南",
        "legal_basis": [f"{OGI}第二十条"],
        "audience": PUBLIC,
    },
    {
        "unit": "SERV",
        "code": "SERV-02",
        "title": "政银企融资对接活动",
        "content": "对接活动安排、参与金融机构、对接成果",
        "update_cycle": "monthly",
        "channels": [PORTAL, WECHAT],
        "column": "政府信息公开/工作动态",
        "legal_basis": [f"{OGI}第二十条"],
        "audience": PUBLIC,
    },
    {
        "unit": "SERV",
        "code": "SERV-03",
        "title": "企业融资需求办理结果",
        "content": "企业提交的融资需求及对接办理结果",
        "channels": ["书面答复"],
        "column": "依申请公开",
        "legal_basis": [f"{OGI}第二十七条"],
        "audience": "申请人",
        "method": "on_request",
    },
    {
        "unit": "OFFICE",
        "code": "OFFICE-01",
        "title": "机构职能",
        "content": "机构设置、职能职责、领导信息、内设机构",
        "channels": [PORTAL],
        "column": "政府信息公开/机构职能",
        "legal_basis": [f"{OGI}第二十条"],
        "audience": PUBLIC,
    },
    {
        "unit": "OFFICE",
        "code": "OFFICE-02",
        "title": "政府信息公开工作年度报告",
        "content": "上年度政府信息公开工作情况、主动公开和依申请公开数据",
        "update_cycle": "yearly",
        "channels": [PORTAL],
        "column": "政府信息公开/年度报告",
        "legal_basis": [f"{OGI}第四十九条、第五十条"],
        "audience": PUBLIC,
    },
    {
        "unit": "OFFICE",
        "code": "OFFICE-03",
        "title": "政府信息公开指南",
        "content": "公开方式、依申请公开的受理机构及办理程序",
        "channels": [PORTAL],
        "column": "政府信息公开/公开指南",
        "legal_basis": [f"{OGI}第十二条"],
        "audience": PUBLIC,
    },
]


def steps() -> list[Step]:
    group = "G01"
    out: list[Step] = []
    for n, item in enumerate(ITEMS):
        day = f"2026-01-{6 + n % 4:02d}"  # compiled over 6–9 January
        out.append((CLERKS[item["unit"]], "catalogue.item.establish", {**item, "effective": day}))
    for unit, clerk in CLERKS.items():
        out.append((clerk, "catalogue.publish", {"unit": unit, "effective": "2026-01-12"}))

    # 第四条(一): the VAT Law took effect on 2026-01-01; a new item for the service centre.
    vat = "《中华人民共和国增值税法》（2024年12月25日通过，2026年1月1日起施行）"
    out += [
        (
            "S004",
            "catalogue.item.establish",
            {
                "unit": "SERV",
                "code": "SERV-04",
                "title": "小微企业融资增值税优惠政策",
                "content": "金融机构向小微企业发放贷款利息收入免征增值税等政策及办理指引",
                "channels": [PORTAL, WECHAT],
                "column": "政府信息公开/政策解读",
                "legal_basis": [vat],
                "audience": PUBLIC,
                "trigger": "law",
                "grounds": vat,
                "triggered_on": "2026-01-01",
                "effective": "2026-01-19",
            },
        ),
        ("S004", "catalogue.publish", {"unit": "SERV", "effective": "2026-01-23"}),
        ("S004", "catalogue.filing.submit", {"unit": "SERV", "code": "SERV-04", "effective": "2026-01-27"}),
        (group, "catalogue.filing.accept", {"unit": "SERV", "code": "SERV-04", "effective": "2026-01-30"}),
    ]

    # 第四条(三): the service centre takes on listing cultivation; published on time, filed late.
    out += [
        (
            "S004",
            "catalogue.item.change",
            {
                "unit": "SERV",
                "code": "SERV-01",
                "content": "服务事项名称、办理条件、所需材料、办理流程、办理时限；企业上市培育服务事项",
                "trigger": "functions",
                "grounds": "区委编办关于调整区金融服务中心职能的通知（2026年6月1日）",
                "triggered_on": "2026-06-01",
                "effective": "2026-06-10",
            },
        ),
        ("S004", "catalogue.publish", {"unit": "SERV", "codes": ["SERV-01"], "effective": "2026-06-12"}),
        (
            "S004",
            "catalogue.filing.submit",
            {"unit": "SERV", "code": "SERV-01", "note": "补报", "effective": "2026-08-20"},
        ),
        (group, "catalogue.filing.accept", {"unit": "SERV", "code": "SERV-01", "effective": "2026-08-24"}),
    ]

    # 第四条(四): the office's guide is merged into its item on functions.
    out += [
        (
            "S001",
            "catalogue.item.remove",
            {
                "unit": "OFFICE",
                "code": "OFFICE-03",
                "trigger": "other",
                "grounds": "政府信息公开指南并入“机构职能”事项统一公开，避免重复",
                "effective": "2026-10-12",
            },
        ),
        ("S001", "catalogue.publish", {"unit": "OFFICE", "effective": "2026-10-16"}),
        (
            "S001",
            "catalogue.filing.submit",
            {"unit": "OFFICE", "code": "OFFICE-03", "effective": "2026-10-20"},
        ),
        (
            group,
            "catalogue.filing.accept",
            {"unit": "OFFICE", "code": "OFFICE-03", "effective": "2026-10-23"},
        ),
    ]

    # 第四条(二): a new channel for the list of local financial organisations; awaiting acceptance.
    out += [
        (
            "S002",
            "catalogue.item.change",
            {
                "unit": "FIN",
                "code": "FIN-02",
                "channels": [PORTAL, WECHAT],
                "trigger": "elements",
                "grounds": "“雁江金融”微信公众号开通，增加公开渠道",
                "triggered_on": "2026-11-02",
                "effective": "2026-11-04",
            },
        ),
        ("S002", "catalogue.publish", {"unit": "FIN", "effective": "2026-11-10"}),
        ("S002", "catalogue.filing.submit", {"unit": "FIN", "code": "FIN-02", "effective": "2026-11-18"}),
    ]

    # The information under the items.
    def update(unit: str, code: str, day: str, subject: str) -> Step:
        return (
            CLERKS[unit],
            "catalogue.info.update",
            {"unit": unit, "code": code, "subject": subject, "effective": day},
        )

    def record(unit: str, code: str, day: str, subject: str) -> Step:
        return (
            CLERKS[unit],
            "catalogue.info.record",
            {"unit": unit, "code": code, "subject": subject, "effective": day},
        )

    out += [
        update("OFFICE", "OFFICE-02", "2026-01-20", "2025年政府信息公开工作年度报告"),
        update("FUND", "FUND-03", "2026-04-28", "2025年度专项资金绩效评价结果"),
        record("FUND", "FUND-01", "2026-03-20", "2026年第一批普惠金融发展专项资金分配结果"),
        update("FUND", "FUND-01", "2026-04-10", "2026年第一批普惠金融发展专项资金分配结果"),
        record("FUND", "FUND-02", "2026-05-11", "2026年专项资金申报指南"),
        update("FUND", "FUND-02", "2026-05-20", "2026年专项资金申报指南"),
        update("FIN", "FIN-01", "2026-07-20", "2026年上半年全区金融运行情况"),
        update("FIN", "FIN-01", "2026-10-22", "2026年前三季度全区金融运行情况"),
        record("FIN", "FIN-02", "2026-08-03", "新增融资担保公司1家"),
        update("FIN", "FIN-02", "2026-08-12", "地方金融组织名单（2026年8月更新）"),
        update("FIN", "FIN-03", "2026-10-15", "2026年10月非法集资风险提示"),
        update("FIN", "FIN-03", "2026-11-13", "2026年11月非法集资风险提示"),
        update("SERV", "SERV-02", "2026-10-16", "10月政银企融资对接会"),
        update("SERV", "SERV-02", "2026-11-13", "11月政银企融资对接会"),
        record("OFFICE", "OFFICE-01", "2026-09-01", "内设机构调整"),
        update("OFFICE", "OFFICE-01", "2026-09-14", "机构职能（2026年9月更新）"),
        # formed in October, not yet published: overdue on the board
        record("FUND", "FUND-01", "2026-10-09", "2026年第二批普惠金融发展专项资金分配结果"),
    ]
    return out
