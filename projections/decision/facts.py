"""What a decision's public notices print: the public facts, built from its state.

The domain says what may be public (``Decision.exempt``: nothing, ever); this module
picks the data each notice shows. Never a commenter or their contact.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from aggregates.decision.aggregate import Decision
from aggregates.decision.vocabulary import Outcome, Publication, Report, Stage, category_label
from aggregates.public import PublicFact

# the aggregate whose facts ``public_facts`` builds (the table of systems wires them)
PUBLISHES = Decision


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
    facts = [
        PublicFact(
            kind="decision.call_for_comments",
            key=f"decision:{decision.number}:call",
            unit=decision.unit,
            dated=pub.on,
            data={
                **base,
                "draft": published.text,
                "draft_version": published.version,
                "background": published.explanation.background,
                "basis": published.explanation.basis,
                "main_content": published.explanation.main_content,
                "channels": [c.value for c in pub.channels],
                "channel_detail": pub.channel_detail,
                "ways": pub.ways.listed(),
                "published_on": pub.on.isoformat(),
                "days": pub.days,
                "closes_on": pub.closes_on.isoformat(),
                "nominal_last_day": (pub.on + timedelta(days=pub.days)).isoformat(),
                "shortened_reason": pub.shortened_reason,
                "normal_days": pub.normal_days,
                "contact": pub.contact,
            },
        )
    ]
    for n, window in enumerate(decision.windows[1:], start=1):
        facts.append(
            PublicFact(
                kind="decision.period_changed",
                key=f"decision:{decision.number}:window:{n}",
                unit=decision.unit,
                dated=window.recorded_on,
                data={
                    **base,
                    "change": window.kind,
                    "start": window.start.isoformat(),
                    "days": window.days,
                    "closes_on": window.closes_on.isoformat(),
                    "previous_closes_on": decision.windows[n - 1].closes_on.isoformat(),
                    "reason": window.reason,
                    "ways": pub.ways.listed(),
                    "contact": pub.contact,
                },
            )
        )
    if decision.report is not None:
        facts.append(_report_fact(decision, base, pub, decision.report))
    if decision.stage is Stage.WITHDRAWN and decision.withdrawn_on is not None:
        facts.append(
            PublicFact(
                kind="decision.withdrawn",
                key=f"decision:{decision.number}:withdrawn",
                unit=decision.unit,
                dated=decision.withdrawn_on,
                data={**base, "published_on": pub.on.isoformat(), "reason": decision.withdrawn_reason},
            )
        )
    return facts


def _report_fact(decision: Decision, base: dict[str, Any], pub: Publication, report: Report) -> PublicFact:
    by_channel: dict[str, int] = {}
    late_by_channel: dict[str, int] = {}
    for c in decision.comments.values():
        target = late_by_channel if c.late else by_channel
        target[c.channel.value] = target.get(c.channel.value, 0) + 1
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
    last = decision.windows[-1]
    return PublicFact(
        kind="decision.adoption_report",
        key=f"decision:{decision.number}:report",
        unit=decision.unit,
        dated=report.on,
        data={
            **base,
            "published_on": pub.on.isoformat(),
            "closes_on": last.closes_on.isoformat(),
            "days": (last.closes_on - pub.on).days,
            "publication_channels": [c.value for c in pub.channels],
            "ways": pub.ways.listed(),
            "received": sum(by_channel.values()),
            "by_channel": by_channel,
            "late": sum(late_by_channel.values()),
            "late_by_channel": late_by_channel,
            "outcomes": counts,
            "opinions": opinions,
            "adoption_completed_on": decision.adoption_completed_on.isoformat()
            if decision.adoption_completed_on
            else None,
            "revised_versions": [v.version for v in decision.versions if v.version > pub.version],
            "report_channels": [c.value for c in report.channels],
            "note": report.note,
        },
    )
