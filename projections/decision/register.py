"""The decision register: one row per major decision, for the clerk's `ledger decision` reads,
and the comments on each, one row per comment (``DecisionComments``), so that a decision's
hundredth comment writes two rows, not a row holding a hundred comments, and the list
of decisions reads no comment.

An internal view (exempt decisions and commenters included): nothing here is
published. Public notices come only from ``projections.decision.facts``.
"""

from __future__ import annotations

from typing import Any

from aggregates.base import Aggregate, Event
from aggregates.decision import Decision, Outcome, category_label
from projections.base import AggregateFold, Columns, Row


def _value(outcome: Outcome | None) -> str | None:
    return outcome.value if outcome else None


def comment_row(d: Decision, cid: str) -> dict[str, Any]:
    """One comment with its assessment (an internal view: the commenter stays sealed)."""
    a = d.assessments.get(cid)
    return {
        **d.comments[cid].model_dump(mode="json"),
        "outcome": a.outcome.value if a else None,
        "reason": a.reason if a else None,
        "opinion": a.opinion if a else None,
    }


def register_row(d: Decision) -> dict[str, Any]:
    """The decision without its comments (their counts only): a comment changes this row
    and its own row in ``DecisionComments``, not a row holding every comment."""
    pub = d.publication
    outcomes: dict[str, int] = {}
    for a in d.assessments.values():
        outcomes[a.outcome.value] = outcomes.get(a.outcome.value, 0) + 1
    return {
        "id": str(d.id),
        "number": d.number,
        "title": d.title,
        "category": d.category.value,
        "category_label": category_label(d.category),
        "unit": d.unit,
        "unit_name": d.unit_name,
        "stage": d.stage.value,
        "stage_on": d.stage_on.isoformat(),
        "version": d.version_no,
        "reviewed_version": d.reviewed_version,
        "reviewer": d.reviewer,
        "exemption": d.exemption.value if d.exemption else None,
        "approved_version": d.approved_version,
        "published_on": pub.on.isoformat() if pub else None,
        "published_version": pub.version if pub else None,
        "days": d.windows[-1].days if d.windows else None,
        "closes_on": d.closes_on.isoformat() if d.closes_on else None,
        "shortened_reason": pub.shortened_reason if pub else None,
        "channels": [c.value for c in pub.channels] if pub else [],
        "comments_total": len(d.comments),
        "comments_late": sum(1 for c in d.comments.values() if c.late),
        "unassessed": d.unassessed(),
        "outcomes": outcomes,
        "adoption_completed_on": d.adoption_completed_on.isoformat() if d.adoption_completed_on else None,
        "report_on": d.report.on.isoformat() if d.report else None,
        "decided_on": d.decided_on.isoformat() if d.decided_on else None,
        "document_number": d.document_number,
        "withdrawn_on": d.withdrawn_on.isoformat() if d.withdrawn_on else None,
        "withdrawn_reason": d.withdrawn_reason,
        "exemption_proposal": (
            {**d.exemption_proposal, "on": d.exemption_proposal["on"].isoformat()}
            if d.exemption_proposal
            else None
        ),
        "argumentations": [a.model_dump(mode="json") for a in d.argumentations],
        "explanations": [e.model_dump(mode="json") for e in d.explanations],
        "decision_channels": [c.value for c in d.decision_channels],
        "versions": [v.model_dump(mode="json") for v in d.versions],
        "discussions": [{**x, "on": x["on"].isoformat()} for x in d.discussions],
        "windows": [w.model_dump(mode="json") for w in d.windows],
        "opinions": [
            {
                **o.model_dump(mode="json"),
                "outcome": _value(d.opinion_outcome(key)),
            }
            for key, o in d.opinions.items()
        ],
    }


class DecisionRegister(AggregateFold):
    name = "decisions"
    indexed = True

    def columns(self, key: str, row: Row) -> Columns:
        """Listed by number (the key), filtered by unit."""
        return Columns(row["unit"], row["stage"], key)

    def wants(self, event: Event) -> bool:
        return event.owner() is Decision

    def derive(self, agg: Aggregate, event: Event, position: int) -> None:
        if isinstance(agg, Decision):
            self.put(f"decision:{agg.number}", register_row(agg))


class DecisionComments(AggregateFold):
    """Every comment on every decision, keyed ``<number>|<comment id>``."""

    name = "decision_comments"

    def wants(self, event: Event) -> bool:
        return event.owner() is Decision

    def derive(self, agg: Aggregate, event: Event, position: int) -> None:
        if isinstance(agg, Decision):
            self.replace(f"{agg.number}|", {cid: comment_row(agg, cid) for cid in agg.comments})
