"""The Chinese text of the decision notices (附件2): the call for comments, changes of
the comment window, the policy explanation, the adoption report, the final decision, and a
withdrawal after publication — each as a reader of a real portal's 政务公开 column expects
it: the bureau's system cited by its full name, nested quotation marks, a named contact with
a telephone, where to download the draft, and nothing of the ledger's own wording.

Only the public facts a decision declares reach this module; wording and layout only.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from aggregates.decision import (
    CATEGORY_LABELS,
    CHANNEL_LABELS,
    COMMENT_CHANNEL_LABELS,
    OUTCOME_LABELS,
    Category,
    Channel,
    CommentChannel,
    Outcome,
)
from aggregates.decision.vocabulary import A_ADOPTION, A_EXPLAIN, A_PERIOD, A_RESULT
from aggregates.public import PublicFact
from projections.notices import Notice, Section, chinese_date, cite, issued, one_per_fact, quoted, sentence

# the procedure article as a whole (附件2 第六条), cited where the notice follows all of it
A_PROCEDURE = "附件2 第六条"


def _notice(fact: PublicFact, issuer: str, what: str, title: str, *sections: Section) -> Notice:
    """A decision notice on ``fact``, bearing its date, named after the decision's number."""
    return issued(f"decision-{fact.data['number']}-{what}", title, issuer, fact.dated, *sections)


WAY_LABELS = {
    "email": "电子邮件",
    "postal_address": "信函",
    "portal": "网上留言",
    "phone": "电话",
    "fax": "传真",
}


def closing(day: date) -> str:
    """The closing moment written in full, e.g. ``2026年10月8日24时``."""
    return f"{chinese_date(day)}24时"


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _channels(values: list[str]) -> str:
    return "、".join(CHANNEL_LABELS[Channel(v)] for v in values)


def _published_through(d: dict[str, Any]) -> str:
    """The channels a reader can find the draft in, with where exactly when recorded."""
    detail = f"（{d['channel_detail']}）" if d.get("channel_detail") else ""
    return f"{_channels(d['channels'])}{detail}"


def _category(issuer: str, d: dict[str, Any]) -> str:
    """The category as readers cite it: 《…》第三条第（二）项所列的重大公共政策和措施."""
    category = Category(d["category"])
    return f"{cite(issuer, f'附件2 第三条({category.value})')}所列的{CATEGORY_LABELS[category]}"


def _draft_title(data: dict[str, Any]) -> str:
    return f"《{data['title']}（征求意见稿）》"


def _ways(data: dict[str, Any]) -> list[str]:
    lines = []
    for n, way in enumerate(data["ways"], start=1):
        key, value = way["kind"], way["value"]
        line = f"{n}. {WAY_LABELS.get(key, key)}：{value}"
        subject = quoted(f"{data['title']}意见")
        if key == "postal_address":
            line += f"（请在信封上注明{subject}字样）"
        elif key == "email":
            line += f"（邮件主题请注明{subject}）"
        lines.append(line)
    return lines


def _contact(d: dict[str, Any]) -> tuple[str, ...]:
    """The bureau's contact as a reader wants it: a named person with a telephone (and the
    office); a publication recorded before the ledger kept a person shows what it recorded."""
    if d.get("contact_person"):
        return (f"联系人：{d['contact_person']}（{d['contact']}）", f"联系电话：{d['contact_phone']}")
    return (f"联系人（单位）及电话：{d['contact']}",)


def _download(d: dict[str, Any]) -> tuple[str, ...]:
    """Where the draft and its explanation can be downloaded, when recorded with the publication."""
    if not d.get("download_url"):
        return ()
    return (f"征求意见稿及起草说明全文可在政府门户网站下载，网址：{d['download_url']}",)


def call_for_comments(fact: PublicFact, issuer: str) -> Notice:
    d = fact.data
    published, closes = _day(d["published_on"]), _day(d["closes_on"])
    period = [
        f"征求意见期限为{d['days']}日，自{chinese_date(published)}公布之日起计算，"
        f"截止时间为{closing(closes)}。"
    ]
    if d["nominal_last_day"] != d["closes_on"] and not d.get("closes_stated"):
        nominal = _day(d["nominal_last_day"])
        period.append(
            f"期限的最后一日（{chinese_date(nominal)}）为法定休假日，"
            f"依照《中华人民共和国民法典》第二百零三条顺延至{chinese_date(closes)}。"
        )
    if d["shortened_reason"]:
        period.append(
            f"根据{cite(issuer, A_PERIOD)}，征求意见期限一般不少于{d['normal_days']}日；"
            f"因{d['shortened_reason'].rstrip('。')}，本次征求意见期限缩短为{d['days']}日。"
        )
    sections = [
        Section(
            paragraphs=(
                f"为提高行政决策的科学性和透明度，{d['unit_name']}起草了{_draft_title(d)}。"
                f"该事项属于{_category(issuer, d)}。"
                f"根据{cite(issuer, A_PROCEDURE)}的规定，"
                "现将征求意见稿及起草说明全文公布，公开征求社会各界意见。",
                f"起草背景：{sentence(d['background'])}",
            )
        ),
        Section(heading="一、征求意见时间", paragraphs=tuple(period)),
        Section(
            heading="二、意见反馈方式",
            paragraphs=(
                "社会各界可通过以下方式提出意见：",
                *_ways(d),
                "意见请写明所涉条款、修改建议及理由。提供联系方式的，仅用于就意见进一步沟通，不予公开。",
            ),
        ),
        Section(
            heading="三、公布渠道",
            paragraphs=(f"本公告及征求意见稿通过{_published_through(d)}公布。", *_download(d)),
        ),
        Section(heading="四、联系方式", paragraphs=_contact(d)),
        Section(
            heading=f"附件1：{_draft_title(d)}",
            paragraphs=tuple(p for p in d["draft"].splitlines() if p.strip()),
        ),
        Section(
            heading=f"附件2：关于{_draft_title(d)}的起草说明",
            paragraphs=(
                f"一、起草背景。{sentence(d['background'])}",
                f"二、法律和政策依据。{sentence(d['basis'])}",
                f"三、主要内容。{sentence(d['main_content'])}",
            ),
        ),
    ]
    return _notice(fact, issuer, "call", f"关于公开征求{_draft_title(d)}意见的公告", *sections)


def period_changed(fact: PublicFact, issuer: str) -> Notice:
    d = fact.data
    closes, before = _day(d["closes_on"]), _day(d["previous_closes_on"])
    reason = d["reason"].rstrip("。")
    if d["change"] == "reopened":
        title = f"关于重新公开征求{_draft_title(d)}意见的公告"
        lead = (
            f"{_draft_title(d)}公开征求意见已于{closing(before)}截止。因{reason}，"
            f"现自{chinese_date(_day(d['start']))}起重新公开征求意见{d['days']}日，截止时间为{closing(closes)}。"
        )
    else:
        title = f"关于延长{_draft_title(d)}征求意见期限的公告"
        lead = (
            f"因{reason}，{_draft_title(d)}征求意见期限由原定{closing(before)}截止"
            f"延长至{closing(closes)}（共{d['days']}日）。"
        )
    return _notice(
        fact,
        issuer,
        f"window-{fact.key.rsplit(':', 1)[-1]}",
        title,
        Section(paragraphs=(lead, "意见反馈方式不变：", *_ways(d), *_download(d))),
        Section(heading="联系方式", paragraphs=_contact(d)),
    )


def _times(n: int) -> str:
    return f"{n}人次"


def _outcomes(outcomes: dict[str, int]) -> str:
    """How the comments were adopted, naming only the outcomes that occurred."""
    total = sum(outcomes.values())
    given = [(OUTCOME_LABELS[o], outcomes.get(o.value, 0)) for o in Outcome]
    given = [(label, n) for label, n in given if n]
    if len(given) == 1:
        label, _ = given[0]
        return f"经认真研究，{total}条意见{'均予采纳' if label == '采纳' else f'均{label}'}。"
    return f"经认真研究，{total}条意见中，" + "，".join(f"{label}{n}条" for label, n in given) + "。"


def adoption_report(fact: PublicFact, issuer: str) -> Notice:
    d = fact.data
    published, closes = _day(d["published_on"]), _day(d["closes_on"])
    ways = "、".join(WAY_LABELS.get(w["kind"], w["kind"]) for w in d["ways"])
    received: int = d["received"]
    outcomes: dict[str, int] = d["outcomes"]
    persons = d.get("submissions", received)  # a report derived before 人次 were kept: one each
    gathered = (
        f"征求意见期间，共有{_times(persons)}提出意见{received}条" if received else "征求意见期间未收到意见"
    )
    collected = [
        f"{chinese_date(published)}至{closing(closes)}，{issuer}通过"
        f"{_channels(d['publication_channels'])}公布{_draft_title(d)}及起草说明，"
        f"通过{ways}等方式公开征求社会各界意见。{gathered}。",
    ]
    if d["late"]:
        late_persons = d.get("late_submissions", d["late"])
        collected.append(f"另有{_times(late_persons)}在征求意见截止后提出意见{d['late']}条，一并作了研究。")
    channel_rows = tuple(
        (COMMENT_CHANNEL_LABELS[CommentChannel(c)], str(n), str(d["late_by_channel"].get(c, 0)))
        for c, n in sorted({**{k: 0 for k in d["late_by_channel"]}, **d["by_channel"]}.items())
    )
    sections = [Section(heading="一、意见收集情况", paragraphs=tuple(collected))]
    if channel_rows:
        header = ("渠道", "期限内（条）", "截止后（条）") if d["late"] else ("渠道", "意见（条）")
        rows = channel_rows if d["late"] else tuple(row[:2] for row in channel_rows)
        sections.append(Section(table_header=header, table_rows=rows))
    adopted = _outcomes(outcomes) if sum(outcomes.values()) else "征求意见期间未收到意见，无需采纳。"
    sections.append(Section(heading="二、意见采纳情况", paragraphs=(adopted,)))
    concentrated = [o for o in d["opinions"] if o["concentrated"] and o["comments"] and o["outcome"]]
    if concentrated:
        opinion_rows = []
        for o in concentrated:
            done = o["response"] or "—"
            why = "；".join(o["reasons"]) if o["outcome"] != Outcome.ADOPTED.value else ""
            opinion_rows.append(
                (o["summary"], str(o["comments"]), OUTCOME_LABELS[Outcome(o["outcome"])], done, why or "—")
            )
        sections.append(
            Section(
                heading="三、较为集中意见及处理情况",
                table_header=("意见", "条数", "处理结果", "处理情况", "未采纳（部分采纳）理由"),
                table_rows=tuple(opinion_rows),
            )
        )
    else:
        sections.append(
            Section(heading="三、较为集中意见及处理情况", paragraphs=("征求意见期间未收到较为集中的意见。",))
        )
    revisions = d.get("revisions", [])
    if revisions:
        changed = (
            "根据意见采纳情况，对征求意见稿作了以下修改：",
            *(f"{n}. {sentence(r['note'])}" for n, r in enumerate(revisions, start=1)),
        )
    else:
        changed = ("征求意见稿未作修改。",)
    sections.append(Section(heading="四、征求意见稿修改情况", paragraphs=changed))
    closing_lines = [sentence(d["note"])] if d["note"] else []
    closing_lines.append(
        f"根据{cite(issuer, A_RESULT, A_ADOPTION)}，现将意见收集和采纳情况予以公布，"
        f"通过{_channels(d['report_channels'])}发布。感谢社会各界的关心和支持。"
    )
    sections.append(Section(heading="五、其他说明", paragraphs=tuple(closing_lines)))
    sections.append(Section(heading="六、联系方式", paragraphs=_contact(d)))
    return _notice(fact, issuer, "report", f"关于《{d['title']}》公开征求意见采纳情况的说明", *sections)


def withdrawn(fact: PublicFact, issuer: str) -> Notice:
    d = fact.data
    return _notice(
        fact,
        issuer,
        "withdrawn",
        f"关于终止{_draft_title(d)}公开征求意见的公告",
        Section(
            paragraphs=(
                f"{issuer}于{chinese_date(_day(d['published_on']))}公布的{_draft_title(d)}，"
                f"因{d['reason'].rstrip('。')}，决定不再推进，现终止公开征求意见。感谢社会各界的关心和支持。",
            )
        ),
        Section(heading="联系方式", paragraphs=_contact(d)),
    )


def policy_explanation(fact: PublicFact, issuer: str) -> Notice:
    """政策解释 (附件2 第六条(一)): its own notice, after the draft was published."""
    d = fact.data
    n = fact.key.rsplit(":", 1)[-1]
    return _notice(
        fact,
        issuer,
        f"explanation-{n}",
        f"关于{_draft_title(d)}的政策解读：{d['explanation_title']}",
        Section(
            paragraphs=(
                f"{issuer}于{chinese_date(_day(d['published_on']))}公布{_draft_title(d)}，"
                f"公开征求社会各界意见。根据{cite(issuer, A_EXPLAIN)}，"
                "现就社会公众普遍关心的问题解读如下。",
            )
        ),
        Section(paragraphs=tuple(p for p in d["text"].splitlines() if p.strip())),
        Section(
            heading="公布渠道及联系方式",
            paragraphs=(f"本解读通过{_channels(d['channels'])}公布。", *_download(d), *_contact(d)),
        ),
    )


def decided(fact: PublicFact, issuer: str) -> Notice:
    """The final decision (正式决定), with its document number (附件2 第一条)."""
    d = fact.data
    report = f"，意见收集和采纳情况已于{chinese_date(_day(d['report_on']))}公布" if d["report_on"] else ""
    contact = (Section(heading="联系方式", paragraphs=_contact(d)),) if d.get("contact") else ()
    return _notice(
        fact,
        issuer,
        "decided",
        f"关于印发《{d['title']}》的公告",
        Section(
            paragraphs=(
                f"{issuer}于{chinese_date(_day(d['published_on']))}公布《{d['title']}（征求意见稿）》，"
                f"公开征求社会各界意见{report}。在充分听取意见的基础上，经{issuer}领导班子集体讨论决定，"
                f"现印发《{d['title']}》（{d['document_number']}），"
                f"通过{_channels(d['channels'])}公布。",
            ),
        ),
        *contact,
    )


WRITERS_BY_KIND = {
    "decision.call_for_comments": call_for_comments,
    "decision.period_changed": period_changed,
    "decision.adoption_report": adoption_report,
    "decision.withdrawn": withdrawn,
    "decision.policy_explanation": policy_explanation,
    "decision.decided": decided,
}


# every notice of the system, one per public fact
write = one_per_fact(WRITERS_BY_KIND)
