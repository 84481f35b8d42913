"""Major-decision pre-disclosure (附件2) in 2026: seven decisions of the bureau.

* 01 金融股, published 2026-01-16: the 30th day is the first day of the Spring Festival
  break (2026-02-15), so comments are open until 2026-02-24 24:00; decided.
* 02 资金股, special funds, shortened to 10 days with the reason stated; the adoption
  report comes out late.
* 03 金融服务中心, exempt for personal privacy (第七条): decided, never pre-disclosed.
* 04 金融股, extended by 10 days; the new last day falls in the Dragon Boat break.
* 05 金融股, published 2026-09-01: the 30th day is National Day, open until 2026-10-08;
  a late comment on an adjusted working Saturday; the report is still due.
* 06 资金股, the 15th five-year plan, comments open at the end of November.
* 07 金融股, not approved in discussion, then withdrawn.
"""

from __future__ import annotations

from typing import Any

from ledger.demo import Step

FIN, FUND, SERV, LEADER, PRINCIPAL = "S002", "S003", "S004", "D01", "P01"
WAYS = {"email": "yjjrj_zqyj@163.com", "postal_address": "资阳市雁江区娇子大道1号区政务中心5楼，邮编641300"}
CONTACT_FIN = "区金融工作局金融股，028-26650101"
CONTACT_FUND = "区金融工作局资金股，028-26650102"


def act(actor: str, name: str, effective: str, **fields: Any) -> Step:
    return (actor, name, {"effective": effective, **fields})


def prepared(clerk: str, number: str, unit: str, on: tuple[str, str, str], **draft: str) -> list[Step]:
    """Drafted, cleared by the review, approved in collective discussion."""
    drafted, reviewed, discussed = on
    return [
        act(clerk, "decision.draft", drafted, decision=number, unit=unit, **draft),
        act(clerk, "decision.review.clear", reviewed, decision=number, note="经保密审查，不涉及国家秘密"),
        act(
            LEADER,
            "decision.discuss",
            discussed,
            decision=number,
            approved=True,
            meeting=f"局党组会{discussed[:4]}年第{int(discussed[5:7])}次会议",
        ),
    ]


def comment(clerk: str, number: str, on: str, channel: str, text: str, **more: Any) -> Step:
    return act(clerk, "decision.comment.receive", on, decision=number, channel=channel, text=text, **more)


def assess(clerk: str, number: str, on: str, cid: str, outcome: str, **more: Any) -> Step:
    return act(clerk, "decision.comment.assess", on, decision=number, comment=cid, outcome=outcome, **more)


def decision_01() -> list[Step]:
    n = "YJJR-2026-01"
    return [
        *prepared(
            FIN,
            n,
            "FIN",
            ("2026-01-06", "2026-01-08", "2026-01-13"),
            title="雁江区普惠金融服务站建设管理办法",
            category="二",
            draft="第一条 为规范普惠金融服务站建设，打通农村金融服务“最后一公里”，制定本办法。\n"
            "第二条 服务站设在行政村便民服务中心，提供小额取款、转账、缴费和金融知识宣传服务。\n"
            "第三条 服务站由合作银行业金融机构负责日常运营，区金融工作局负责指导监督。\n"
            "第四条 对年度考核合格的服务站，每站给予不超过3000元的运营补助。",
            background="我区农村地区金融服务网点覆盖不足，群众办理基础金融业务路途较远。",
            basis="《四川省普惠金融发展规划》；《资阳市推进普惠金融高质量发展实施方案》。",
            main_content="明确服务站的设置条件、服务内容、运营主体、监督管理和运营补助标准。",
        ),
        act(
            FIN,
            "decision.publish",
            "2026-01-16",
            decision=n,
            channels=["portal", "notice_board"],
            channel_detail="雁江区人民政府门户网站“政务公开—重大行政决策预公开”专栏",
            contact=CONTACT_FIN,
            **WAYS,
        ),
        comment(
            FIN,
            n,
            "2026-01-20",
            "email",
            "建议将运营补助提高到每站5000元。",
            commenter="刘某",
            contact="liu@example.com",
        ),
        comment(
            FIN, n, "2026-01-28", "post", "补助标准偏低，难以覆盖网点人员成本。", commenter="雁江区某村委会"
        ),
        comment(FIN, n, "2026-02-05", "email", "建议服务站增加社保卡业务办理。", contact="13900001111"),
        comment(
            FIN, n, "2026-02-24", "phone", "希望服务站周末也能开放。", commenter="王某", contact="13800002222"
        ),
        act(
            FIN,
            "decision.opinion.record",
            "2026-02-26",
            decision=n,
            opinion="O1",
            summary="建议提高服务站运营补助标准",
            concentrated=True,
            response="补助标准维持每站不超过3000元，另对服务量排名前十的服务站给予一次性奖励",
        ),
        assess(
            FIN,
            n,
            "2026-02-27",
            "C001",
            "partly_adopted",
            opinion="O1",
            reason="受财政预算限制，基础补助标准暂不提高",
        ),
        assess(
            FIN,
            n,
            "2026-02-27",
            "C002",
            "partly_adopted",
            opinion="O1",
            reason="受财政预算限制，基础补助标准暂不提高",
        ),
        assess(FIN, n, "2026-02-27", "C003", "adopted"),
        assess(
            FIN, n, "2026-02-27", "C004", "not_adopted", reason="服务站依托村便民服务中心，开放时间与其一致"
        ),
        act(
            FIN,
            "decision.revise",
            "2026-03-02",
            decision=n,
            note="增加社保卡业务；增加服务量奖励",
            draft="第一条 为规范普惠金融服务站建设，打通农村金融服务“最后一公里”，制定本办法。\n"
            "第二条 服务站设在行政村便民服务中心，提供小额取款、转账、缴费、社保卡业务和金融知识宣传服务。\n"
            "第三条 服务站由合作银行业金融机构负责日常运营，区金融工作局负责指导监督。\n"
            "第四条 对年度考核合格的服务站，每站给予不超过3000元的运营补助；"
            "服务量排名前十的，另给予一次性奖励。",
        ),
        act(FIN, "decision.adoption.complete", "2026-03-06", decision=n),
        act(FIN, "decision.report.publish", "2026-03-13", decision=n, channels=["portal"]),
        act(PRINCIPAL, "decision.decide", "2026-03-27", decision=n, document_number="雁金发〔2026〕5号"),
    ]


def decision_02() -> list[Step]:
    n = "YJJR-2026-02"
    return [
        *prepared(
            FUND,
            n,
            "FUND",
            ("2026-02-24", "2026-02-25", "2026-02-27"),
            title="雁江区2026年度金融发展专项资金分配方案",
            category="七",
            draft="一、资金规模：2026年度区级金融发展专项资金共计800万元。\n"
            "二、分配方向：企业上市挂牌奖励300万元，小微企业贷款贴息350万元，融资担保风险补偿150万元。\n"
            "三、申报和审核：由资金股受理申报，会同财政部门审核后公示。",
            background="根据区财政预算安排，需尽快明确年度专项资金的分配方向和额度。",
            basis="《雁江区金融发展专项资金管理办法》；区人大批准的2026年度财政预算。",
            main_content="明确专项资金的规模、分配方向、申报和审核程序。",
        ),
        act(
            FUND,
            "decision.publish",
            "2026-03-02",
            decision=n,
            channels=["portal"],
            days=10,
            shortened_reason="专项资金须在一季度末前下达，以免影响企业贷款贴息的按期兑付",
            contact=CONTACT_FUND,
            **WAYS,
        ),
        comment(FUND, n, "2026-03-05", "portal", "建议提高小微企业贷款贴息比例。"),
        comment(
            FUND,
            n,
            "2026-03-09",
            "email",
            "建议贴息向涉农企业倾斜。",
            commenter="某合作社",
            contact="coop@example.com",
        ),
        comment(FUND, n, "2026-03-10", "portal", "建议贴息资金向小微企业倾斜。"),
        act(
            FUND,
            "decision.opinion.record",
            "2026-03-13",
            decision=n,
            opinion="O1",
            summary="建议提高小微企业和涉农企业贷款贴息比重",
            concentrated=True,
            response="贴息资金由350万元调增至400万元，风险补偿相应调减",
        ),
        assess(FUND, n, "2026-03-13", "C001", "adopted", opinion="O1"),
        assess(FUND, n, "2026-03-13", "C002", "adopted", opinion="O1"),
        assess(FUND, n, "2026-03-13", "C003", "adopted", opinion="O1"),
        act(
            FUND,
            "decision.revise",
            "2026-03-13",
            decision=n,
            note="调增贷款贴息，调减风险补偿",
            draft="一、资金规模：2026年度区级金融发展专项资金共计800万元。\n"
            "二、分配方向：企业上市挂牌奖励300万元，小微企业和涉农企业贷款贴息400万元，融资担保风险补偿100万元。\n"
            "三、申报和审核：由资金股受理申报，会同财政部门审核后公示。",
        ),
        act(FUND, "decision.adoption.complete", "2026-03-16", decision=n),
        act(PRINCIPAL, "decision.decide", "2026-03-20", decision=n, document_number="雁金发〔2026〕8号"),
        act(FUND, "decision.report.publish", "2026-04-10", decision=n, channels=["portal"]),
    ]


def decision_03() -> list[Step]:
    n = "YJJR-2026-03"
    return [
        act(
            SERV,
            "decision.draft",
            "2026-04-13",
            decision=n,
            unit="SERV",
            title="关于对个别工作人员给予困难救助的决定",
            category="十",
            draft="对中心工作人员某某因家庭成员重大疾病给予困难救助，具体金额按相关规定执行。",
            background="中心一名工作人员家庭成员罹患重大疾病，生活困难。",
            basis="《雁江区机关事业单位职工困难救助办法》。",
            main_content="救助对象、救助事由和救助标准。",
        ),
        act(
            SERV,
            "decision.review.exempt",
            "2026-04-14",
            decision=n,
            ground="personal_privacy",
            note="涉及个人健康和家庭信息",
        ),
        act(
            LEADER,
            "decision.discuss",
            "2026-04-17",
            decision=n,
            approved=True,
            meeting="局党组会2026年第4次会议",
        ),
        act(PRINCIPAL, "decision.decide", "2026-04-20", decision=n, document_number="雁金发〔2026〕11号"),
    ]


def decision_04() -> list[Step]:
    n = "YJJR-2026-04"
    return [
        *prepared(
            FIN,
            n,
            "FIN",
            ("2026-04-20", "2026-04-24", "2026-04-30"),
            title="雁江区地方金融组织监督管理工作规程",
            category="三",
            draft="第一条 为加强对小额贷款公司、融资担保公司等地方金融组织的监督管理，制定本规程。\n"
            "第二条 地方金融组织应当于每季度结束后15日内报送经营数据。\n"
            "第三条 区金融工作局每年对地方金融组织开展一次现场检查。",
            background="地方金融组织数量增加，日常监管缺少统一的工作规程。",
            basis="《地方金融监督管理条例》；《四川省地方金融监督管理条例》。",
            main_content="明确报送、检查、约谈和处置的程序和时限。",
        ),
        act(
            FIN,
            "decision.publish",
            "2026-05-11",
            decision=n,
            channels=["portal", "newspaper"],
            channel_detail="区政府门户网站；《资阳日报》",
            contact=CONTACT_FIN,
            **WAYS,
        ),
        comment(
            FIN, n, "2026-05-20", "email", "季度报送时限15日过短，建议改为20日。", commenter="某小额贷款公司"
        ),
        act(
            FIN,
            "decision.period.extend",
            "2026-06-05",
            decision=n,
            days=10,
            reason="多家地方金融组织申请延长反馈时间，以便征求其股东意见",
        ),
        comment(
            FIN,
            n,
            "2026-06-12",
            "post",
            "建议报送时限延长至20日。",
            commenter="某融资担保公司",
            contact="0832-0000000",
        ),
        comment(FIN, n, "2026-06-22", "email", "建议明确现场检查的提前通知时间。"),
        act(
            FIN,
            "decision.opinion.record",
            "2026-06-26",
            decision=n,
            opinion="O1",
            summary="建议将季度经营数据报送时限由15日延长至20日",
            concentrated=True,
            response="维持15日",
        ),
        assess(
            FIN,
            n,
            "2026-06-29",
            "C001",
            "not_adopted",
            opinion="O1",
            reason="15日为上级监管部门数据汇总的时限要求，延长将影响全区数据按期上报",
        ),
        assess(
            FIN,
            n,
            "2026-06-29",
            "C002",
            "not_adopted",
            opinion="O1",
            reason="15日为上级监管部门数据汇总的时限要求，延长将影响全区数据按期上报",
        ),
        assess(FIN, n, "2026-06-29", "C003", "adopted"),
        act(
            FIN,
            "decision.revise",
            "2026-06-30",
            decision=n,
            note="增加现场检查提前通知的规定",
            draft="第一条 为加强对小额贷款公司、融资担保公司等地方金融组织的监督管理，制定本规程。\n"
            "第二条 地方金融组织应当于每季度结束后15日内报送经营数据。\n"
            "第三条 区金融工作局每年对地方金融组织开展一次现场检查，检查前3个工作日书面通知。",
        ),
        act(FIN, "decision.adoption.complete", "2026-07-01", decision=n),
        act(FIN, "decision.report.publish", "2026-07-08", decision=n, channels=["portal", "newspaper"]),
        act(PRINCIPAL, "decision.decide", "2026-07-20", decision=n, document_number="雁金发〔2026〕17号"),
    ]


def decision_05() -> list[Step]:
    n = "YJJR-2026-05"
    return [
        *prepared(
            FIN,
            n,
            "FIN",
            ("2026-08-10", "2026-08-14", "2026-08-27"),
            title="雁江区金融支持乡村振兴若干措施",
            category="二",
            draft="一、扩大涉农信贷投放，力争涉农贷款余额年均增长10%以上。\n"
            "二、推广“整村授信”，对农户信用评级结果在全区互认。\n"
            "三、设立乡村振兴贷款风险补偿资金池。",
            background="为落实中央一号文件精神，需要完善我区金融支持乡村振兴的政策措施。",
            basis="《中华人民共和国乡村振兴促进法》；《四川省金融支持乡村振兴实施意见》。",
            main_content="信贷投放、信用体系建设、风险补偿三个方面共三条措施。",
        ),
        act(
            FIN,
            "decision.publish",
            "2026-09-01",
            decision=n,
            channels=["portal", "television"],
            channel_detail="区政府门户网站；雁江电视台《雁江新闻》",
            phone="028-26650101",
            contact=CONTACT_FIN,
            **WAYS,
        ),
        comment(
            FIN,
            n,
            "2026-09-10",
            "email",
            "建议风险补偿资金池规模明确为1000万元。",
            contact="farmer@example.com",
        ),
        comment(
            FIN,
            n,
            "2026-09-20",
            "phone",
            "建议整村授信覆盖所有行政村。",
            commenter="赵某",
            contact="13700003333",
        ),
        comment(FIN, n, "2026-10-08", "portal", "建议明确风险补偿资金池的规模。"),
        comment(
            FIN,
            n,
            "2026-10-10",
            "post",
            "建议增加农业保险内容。",
            commenter="某种植大户",
            contact="13600004444",
            late=True,
        ),
        act(
            FIN,
            "decision.opinion.record",
            "2026-10-15",
            decision=n,
            opinion="O1",
            summary="建议明确乡村振兴贷款风险补偿资金池规模",
            concentrated=True,
            response="资金池规模按年度预算确定，不在措施中写定",
        ),
        assess(
            FIN, n, "2026-10-16", "C001", "not_adopted", opinion="O1", reason="资金池规模需按年度财政预算确定"
        ),
        assess(
            FIN, n, "2026-10-16", "C003", "not_adopted", opinion="O1", reason="资金池规模需按年度财政预算确定"
        ),
        assess(FIN, n, "2026-10-16", "C002", "adopted"),
        assess(
            FIN,
            n,
            "2026-10-19",
            "C004",
            "partly_adopted",
            reason="农业保险由其他部门牵头，措施中仅作衔接性规定",
        ),
        act(FIN, "decision.adoption.complete", "2026-11-18", decision=n),
    ]


def decision_06() -> list[Step]:
    n = "YJJR-2026-06"
    return [
        *prepared(
            FUND,
            n,
            "FUND",
            ("2026-10-12", "2026-10-16", "2026-10-29"),
            title="雁江区“十五五”金融业发展规划",
            category="一",
            draft="第一章 发展基础\n第二章 总体要求\n第三章 主要任务\n第四章 保障措施",
            background="“十四五”规划期满，需编制2026—2030年金融业发展规划。",
            basis="《资阳市国民经济和社会发展第十五个五年规划纲要》。",
            main_content="发展目标、主要任务和保障措施。",
        ),
        act(
            FUND,
            "decision.publish",
            "2026-11-02",
            decision=n,
            channels=["portal", "newspaper", "notice_board"],
            contact=CONTACT_FUND,
            **WAYS,
        ),
        comment(
            FUND,
            n,
            "2026-11-12",
            "email",
            "建议规划增加绿色金融章节。",
            commenter="某高校教师",
            contact="teacher@example.edu",
        ),
    ]


def decision_07() -> list[Step]:
    n = "YJJR-2026-07"
    return [
        act(
            FIN,
            "decision.draft",
            "2026-06-15",
            decision=n,
            unit="FIN",
            title="雁江区民间借贷登记服务管理办法",
            category="二",
            draft="第一条 设立民间借贷登记服务中心，为借贷双方提供登记、撮合服务。",
            background="规范民间借贷行为。",
            basis="《中华人民共和国民法典》合同编。",
            main_content="登记服务中心的设立和服务内容。",
        ),
        act(FIN, "decision.review.clear", "2026-06-17", decision=n),
        act(
            LEADER,
            "decision.discuss",
            "2026-06-24",
            decision=n,
            approved=False,
            meeting="局党组会2026年第6次会议",
            note="上级部门正在研究统一规定，暂缓",
        ),
        act(
            FIN,
            "decision.withdraw",
            "2026-07-03",
            decision=n,
            reason="上级部门将出台统一规定，本办法不再制定",
        ),
    ]


def steps() -> list[Step]:
    """Every decision's acts in the order they happened (stable within a day)."""
    all_steps = [
        *decision_01(),
        *decision_02(),
        *decision_03(),
        *decision_04(),
        *decision_05(),
        *decision_06(),
        *decision_07(),
    ]
    return sorted(all_steps, key=lambda s: str(s[2]["effective"]))
