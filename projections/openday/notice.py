"""The Chinese text of the open-day notices (附件4): the recruitment of representatives,
the 公示 of those chosen (names and kinds only), the summary of opinions and answers
after the day (no personal data), and a cancellation once recruitment was public.

Only the public facts an open day declares reach this module; wording and layout only.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from aggregates.openday import KIND_LABELS, NAMED_KINDS
from aggregates.public import PublicFact
from projections.notices import (
    Notice,
    Section,
    chinese_date,
    issued,
    one_per_fact,
    quoted,
    sentence,
    system_title,
)

WEEKDAYS = "一二三四五六日"
FORM_CONTENT = {
    "site_visit": "组织社会公众代表实地参观{site}，"
    "现场了解我局政务公开的主要范围、制度规范、特色亮点、服务举措和创新成果",
    "symposium": "举行交流座谈会，向社会公众代表介绍本单位重点工作、特色亮点工作开展情况，"
    "代表就普遍关注的热点问题及民生问题与局领导面对面沟通交流",
}


def _notice(fact: PublicFact, issuer: str, what: str, title: str, *sections: Section) -> Notice:
    """An open day notice on ``fact``, bearing its date, named after the open day's number."""
    return issued(f"open-day-{fact.data['number']}-{what}", title, issuer, fact.dated, *sections)


def system(issuer: str) -> str:
    """The bureau's own open-day system, as its notices cite it (附件4)."""
    return system_title(issuer, "附件4")


def _day(text: str) -> date:
    return date.fromisoformat(text)


def day_with_weekday(text: str) -> str:
    day = _day(text)
    return f"{chinese_date(day)}（星期{WEEKDAYS[day.weekday()]}）"


def _full_width(item: str) -> str:
    """``(一)`` as Chinese text writes it: ``（一）``."""
    return item.replace("(", "（").replace(")", "）")


def _event(d: dict[str, Any]) -> str:
    return f"{chinese_date(_day(d['day']))}政务开放日活动"


def recruitment(fact: PublicFact, issuer: str) -> Notice:
    d = fact.data
    channels = [c for c in d["channels"] if c != "recommendation"]
    public_labels = [
        label for c, label in zip(d["channels"], d["channel_labels"], strict=True) if c in channels
    ]
    recommended = "recommendation" in d["channels"]
    how: list[str] = []
    if channels:
        how.append(f"本公告通过{'、'.join(public_labels)}发布，符合条件的公民可自愿报名。")
        how.append(f"报名方式：{sentence(d['how_to_apply'])}")
    if recommended:
        how.append("部分代表由有关单位组织推荐产生。" if channels else "本次活动代表由有关单位组织推荐产生。")
    how.append(f"报名（推荐）截止时间：{chinese_date(_day(d['closes_on']))}24时。")
    all_kinds = "、".join(KIND_LABELS[k] for k in NAMED_KINDS)
    period = f"，公示期为{d['publicity_days']}个工作日" if d.get("publicity_days") else ""
    sections = [
        Section(
            paragraphs=(
                "为切实推进阳光、透明、开放、服务型政府建设，搭建与群众之间的沟通桥梁，"
                f"根据{system(issuer)}，{issuer}定于{day_with_weekday(d['day'])}举办政务开放日活动，"
                "现面向社会征集活动代表。有关事项公告如下。",
            )
        ),
        Section(
            heading="一、活动时间和地点",
            paragraphs=(
                f"时间：{day_with_weekday(d['day'])}。",
                f"地点：{d['site']}（{d['site_kind_label']}）。",
            ),
        ),
        Section(
            heading="二、活动主题和形式",
            paragraphs=(
                f"主题：{d['theme']}。",
                f"形式：{d['form_label']}（{system(issuer)}第七条第{_full_width(d['form_item'])}项）。"
                f"{FORM_CONTENT[d['form']].format(site=d['site'])}，听取意见建议，及时回应关切。",
                f"承办单位：{d['host_name']}。",
            ),
        ),
        Section(
            heading="三、代表名额",
            paragraphs=(f"本次活动拟邀请代表{d['representatives']}名，名额分配如下：",),
            table_header=("代表类别", "名额"),
            table_rows=tuple((q["kind_label"], f"{q['places']}名") for q in d["quotas"]),
        ),
        Section(
            heading="四、报名条件",
            paragraphs=(
                "在雁江工作、生活、学习，关心雁江经济社会发展，"
                f"年满{d['minimum_age']}周岁（以活动举办当日计算）且具有完全民事行为能力的公民，"
                f"主要包括{all_kinds}。报名时请说明所属代表类别。",
            ),
        ),
        Section(heading="五、报名方式", paragraphs=tuple(how)),
        Section(
            heading="六、代表确定",
            paragraphs=(
                f"{d['host_name']}从报名和推荐人员中按照各类别名额确定参加活动代表，"
                f"并在活动举办前予以公示{period}。"
                "公示内容仅为代表姓名和代表类别；报名人提供的出生日期、联系方式等个人信息"
                "仅用于本次活动的资格审核和组织联系，不予公开。",
            ),
        ),
        Section(heading="七、联系方式", paragraphs=(f"联系人及电话：{d['contact']}。",)),
    ]
    return _notice(fact, issuer, "recruitment", f"关于征集{_event(d)}代表的公告", *sections)


def _how_chosen(channels: list[str]) -> str:
    public = any(c != "recommendation" for c in channels)
    if public and "recommendation" in channels:
        return "公开征集和组织推荐"
    return "公开征集" if public else "组织推荐"


def publicity(fact: PublicFact, issuer: str) -> Notice:
    d = fact.data
    reps = d["representatives"]
    objection = "公示期间，对名单如有异议，请以书面或电话方式向我局反映"
    objection += f"（联系人及电话：{d['contact']}）。" if d.get("contact") else "。"
    objection += "反映情况应实事求是，并提供必要的线索，以便核实。"
    lines = []
    if d.get("period_ends"):
        days = f"（公示期自公示次日起{d['period_days']}个工作日）" if d.get("period_days") else ""
        lines.append(f"公示时间：{chinese_date(fact.dated)}至{chinese_date(_day(d['period_ends']))}{days}。")
    lines += [objection, f"公示渠道：{d['where']}。"]
    sections = [
        Section(
            paragraphs=(
                f"根据{system(issuer)}第五条，经{_how_chosen(d['channels'])}，"
                f"{issuer}确定以下{len(reps)}名同志为"
                f"{_event(d)}（主题：{d['theme']}）参加代表，现予以公示。",
            ),
            table_header=("序号", "姓名", "代表类别"),
            table_rows=tuple((str(n), r["name"], r["kind_label"]) for n, r in enumerate(reps, start=1)),
        ),
        Section(paragraphs=tuple(lines)),
    ]
    return _notice(fact, issuer, "publicity", f"关于{_event(d)}参加代表的公示", *sections)


def summary(fact: PublicFact, issuer: str) -> Notice:
    d = fact.data
    opinions = d["opinions"]
    opening = (
        f"{chinese_date(_day(d['day']))}，{issuer}以{quoted(d['theme'])}为主题，在{d['site']}举办政务开放日活动"
        f"（{d['form_label']}），{d['attendance']}名社会公众代表参加"
    )
    leaders = d.get("leaders") or []
    if leaders:
        opening += f"，{'、'.join(leaders)}出席活动并与代表面对面交流"
    paragraphs = [f"{opening}。"]
    if d.get("presented"):
        paragraphs.append(f"活动主要内容：{sentence(d['presented'])}")
    sections = [Section(paragraphs=tuple(paragraphs))]
    if opinions:
        rows = tuple(
            (
                str(n),
                o["text"],
                o["answer"] or "",
                o["follow_up"] or (f"整改中：{o['rectification']}" if o["rectification"] else "无需整改"),
            )
            for n, o in enumerate(opinions, start=1)
        )
        sections.append(
            Section(
                heading="意见建议及答复情况",
                paragraphs=(
                    f"活动中共听取意见建议{len(opinions)}条，均已答复。根据{system(issuer)}第六条，"
                    "现将意见建议及答复、整改落实情况公布如下：",
                ),
                table_header=("序号", "意见建议", "答复情况", "整改落实情况"),
                table_rows=rows,
            )
        )
    else:
        sections.append(Section(paragraphs=("活动中未收到意见建议。",)))
    sections.append(Section(paragraphs=("欢迎社会各界继续关注和监督我局政务公开工作。",)))
    return _notice(fact, issuer, "summary", f"{_event(d)}意见建议及答复情况", *sections)


def cancellation(fact: PublicFact, issuer: str) -> Notice:
    d = fact.data
    return _notice(
        fact,
        issuer,
        "cancellation",
        f"关于取消{_event(d)}的公告",
        Section(
            paragraphs=(
                f"原定于{day_with_weekday(d['day'])}在{d['site']}举办的政务开放日活动"
                f"（主题：{d['theme']}），因{d['reason']}，决定取消。已报名的代表不再参加该次活动。"
                "由此带来的不便，敬请谅解。",
            )
        ),
    )


WRITERS = {
    "open_day.recruitment": recruitment,
    "open_day.publicity": publicity,
    "open_day.summary": summary,
    "open_day.cancellation": cancellation,
}


# every notice of the system, one per public fact
write = one_per_fact(WRITERS)
