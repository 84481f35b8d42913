"""What a decision's public notices print: the public facts, built from its state.

The domain says what may be public (``Decision.exempt``: nothing, ever); this module
picks the data each notice shows. Never a commenter or their contact.

A closing day not yet known (the calendar of its year is missing) is left for the reader
to compute: the fact names it under ``pending`` with its period, and the ledger computes
it when the notices are read, or withholds the notice until it can (``ledger.notice_dates``).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from aggregates.decision.aggregate import Decision
from aggregates.decision.vocabulary import Outcome, Publication, Report, Stage, Window, category_label
from aggregates.public import Facts, PublicFact

# the aggregate whose facts ``public_facts`` builds (the table of systems wires them)
PUBLISHES = Decision


def _closing(data: dict[str, Any], field: str, w: Window) -> None:
    """``data[field]``: the window's announced last day, or pending on its period."""
    if w.closes_on is not None:
        data[field] = w.closes_on.isoformat()
        return
    data[field] = None
    data.setdefault("pending", {})[field] = {"start": w.start.isoformat(), "days": w.days}


def public_facts(decision: Decision) -> list[PublicFact]:
    """Only public data: never an exempt decision, never a commenter or their contact."""
    if decision.exempt or decision.publication is None:
        return []
    pub = decision.publication
    published = decision.draft(pub.version)
    base = {
        "number": decision.number,
        "title": decision.title,
        "category": decision.category.value,
        "category_label": category_label(decision.category),
        "unit": decision.unit,
        "unit_name": decision.unit_name,
    }
    facts = Facts("decision", f"decision:{decision.number}:", decision.unit, base)
    call: dict[str, Any] = {
        "draft": published.text,
        "draft_version": published.version,
        "background": published.explanation.background,
        "basis": published.explanation.basis,
        "main_content": published.explanation.main_content,
        "channels": [c.value for c in pub.channels],
        "channel_detail": pub.channel_detail,
        "ways": pub.ways.listed(),
        "drafted_on": decision.versions[0].on.isoformat(),
        "published_on": pub.on.isoformat(),
        "days": pub.days,
        "nominal_last_day": (pub.on + timedelta(days=pub.days)).isoformat(),
        "shortened_reason": pub.shortened_reason,
        "normal_days": pub.normal_days,
        **_contact(pub),
    }
    _closing(call, "closes_on", decision.windows[0])
    if pub.closes_stated:
        call["closes_stated"] = True
    facts.add("call_for_comments", "call", pub.on, **call)
    for n, window in enumerate(decision.windows[1:], start=1):
        data = {
            "change": window.kind,
            "start": window.start.isoformat(),
            "days": window.days,
            "reason": window.reason,
            "ways": pub.ways.listed(),
            **_contact(pub),
        }
        _closing(data, "closes_on", window)
        _closing(data, "previous_closes_on", decision.windows[n - 1])
        facts.add("period_changed", f"window:{n}", window.recorded_on, **data)
    for n, explained in enumerate(decision.explanations, start=1):
        facts.add(
            "policy_explanation",
            f"explanation:{n}",
            explained.on,
            published_on=pub.on.isoformat(),
            explanation_title=explained.title,
            text=explained.text,
            channels=[c.value for c in explained.channels],
            **_contact(pub),
        )
    if decision.report is not None:
        facts.add(
            "adoption_report", "report", decision.report.on, **_report_data(decision, pub, decision.report)
        )
    if decision.decided_on is not None and decision.decision_channels:
        facts.add(
            "decided",
            "decided",
            decision.decided_on,
            published_on=pub.on.isoformat(),
            document_number=decision.document_number,
            channels=[c.value for c in decision.decision_channels],
            report_on=decision.report.on.isoformat()
            if decision.report and decision.report.on <= decision.decided_on
            else None,
            **_contact(pub),
        )
    if decision.stage is Stage.WITHDRAWN and decision.withdrawn_on is not None:
        facts.add(
            "withdrawn",
            "withdrawn",
            decision.withdrawn_on,
            published_on=pub.on.isoformat(),
            reason=decision.withdrawn_reason,
            **_contact(pub),
        )
    return facts


def _contact(pub: Publication) -> dict[str, Any]:
    """Who the public asks, as the publication recorded it: the office, and the named
    person with a telephone and the download address where recorded (older records lack them)."""
    out: dict[str, Any] = {"contact": pub.contact}
    if pub.contact_person:
        out.update(contact_person=pub.contact_person, contact_phone=pub.contact_phone)
    if pub.download_url:
        out["download_url"] = pub.download_url
    return out


def _report_data(decision: Decision, pub: Publication, report: Report) -> dict[str, Any]:
    by_channel: dict[str, int] = {}
    late_by_channel: dict[str, int] = {}
    submissions = {"on_time": 0, "late": 0}  # 人次: one per letter, e-mail, call or message
    for c in decision.comments.values():
        target = late_by_channel if c.late else by_channel
        target[c.channel.value] = target.get(c.channel.value, 0) + 1
        if c.submitted_with is None:
            submissions["late" if c.late else "on_time"] += 1
    counts = {o.value: 0 for o in Outcome}
    for a in decision.assessments.values():
        counts[a.outcome.value] += 1
    opinions = []
    for key, op in sorted(decision.opinions.items()):
        members = [a for a in decision.assessments.values() if a.opinion == key]
        outcome = decision.opinion_outcome(key)
        reasons = list(dict.fromkeys(a.reason for a in members if a.reason))
        opinions.append(
            {
                "key": key,
                "summary": op.summary,
                "concentrated": op.concentrated,
                "comments": len(members),
                "outcome": outcome.value if outcome else None,
                "response": op.response,
                "reasons": reasons,
            }
        )
    # what changed in the draft by the day of the report: never a later revision
    revisions = [v for v in decision.versions if v.version > pub.version and v.on <= report.on]
    last = decision.windows[-1]
    closes = last.closes_on or decision.window_closed_on  # the day adoption relied on
    dates: dict[str, Any] = {}
    if closes is None:  # not derivable from the record: computed when read, as for the call
        _closing(dates, "closes_on", last)
    else:
        dates = {"closes_on": closes.isoformat(), "days": (closes - pub.on).days}
    return {
        "published_on": pub.on.isoformat(),
        **dates,
        "publication_channels": [c.value for c in pub.channels],
        "ways": pub.ways.listed(),
        "received": sum(by_channel.values()),
        "submissions": submissions["on_time"],
        "by_channel": by_channel,
        "late": sum(late_by_channel.values()),
        "late_submissions": submissions["late"],
        "late_by_channel": late_by_channel,
        "outcomes": counts,
        "opinions": opinions,
        "adoption_completed_on": decision.adoption_completed_on.isoformat()
        if decision.adoption_completed_on
        else None,
        "revised_versions": [v.version for v in revisions],
        "revisions": [{"version": v.version, "on": v.on.isoformat(), "note": v.note} for v in revisions],
        "report_channels": [c.value for c in report.channels],
        "note": report.note,
        **_contact(pub),
    }
