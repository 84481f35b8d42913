"""The register of information requests and complaints: one row each, for the office's
`ledger request` reads and the annual report's figures.

An internal view: the requester's name and contact stay sealed here (opened only on
display to the office); nothing of this register is published but the report's counts.
"""

from __future__ import annotations

from typing import Any

from aggregates.base import Aggregate, Event
from aggregates.privacy import kept
from aggregates.request import (
    CHANNEL_LABELS,
    OUTCOME_LABELS,
    REQUESTER_LABELS,
    Complaint,
    InformationRequest,
    article_of,
    category_of,
)
from projections.base import AggregateFold


def _day(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def request_row(r: InformationRequest) -> dict[str, Any]:
    s, a, e = r.supplement, r.answer, r.extension
    return {
        "id": str(r.id),
        "number": r.number,
        "requester_kind": r.requester_kind.value,
        "requester_kind_label": REQUESTER_LABELS[r.requester_kind],
        "requester_name": kept(r.requester_name),
        "requester_contact": kept(r.requester_contact),
        "channel": r.channel.value,
        "channel_label": CHANNEL_LABELS[r.channel],
        "asked": r.asked,
        "submitted_on": r.submitted_on.isoformat(),
        "received_on": r.received_on.isoformat(),
        "start_on": r.start_on.isoformat(),
        "stage": r.stage.value,
        "received_by": r.received_by,
        "supplement_asked_on": _day(s.asked_on) if s else None,
        "supplement_unclear": s.unclear if s else None,
        "supplement_due": _day(s.due) if s else None,
        "supplement_received_on": _day(s.received_on) if s else None,
        "consultations": [
            {
                "id": c.consultation_id,
                "kind": c.kind.value,
                "matter": c.matter,
                "sent_on": c.sent_on.isoformat(),
                "ends_on": _day(c.ends_on),
                "replied_on": _day(c.replied_on),
                "opinion": c.opinion,
            }
            for c in r.consultations.values()
        ],
        "extended_days": e.days if e else None,
        "extension_reason": e.reason if e else None,
        "extension_approved_by": e.approved_by if e else None,
        "extended_on": _day(e.on) if e else None,
        "answered_on": _day(a.on) if a else None,
        "outcome": a.outcome.value if a else None,
        "outcome_label": OUTCOME_LABELS[a.outcome] if a else None,
        "category": category_of(a.outcome).value if a else None,
        "article": article_of(a.outcome) if a else None,
        "note": a.note if a else None,
        "on_the_spot": a.on_the_spot if a else False,
        "fee": a.fee if a else "0",
        "cases": [
            {
                "id": c.case_id,
                "kind": c.kind.value,
                "prior_review": c.prior_review,
                "filed_on": c.filed_on.isoformat(),
                "result": c.result.value,
                "decided_on": _day(c.decided_on),
            }
            for c in r.cases.values()
        ],
        "policy_version": r.policy_version,
    }


def complaint_row(c: Complaint) -> dict[str, Any]:
    return {
        "id": str(c.id),
        "number": c.number,
        "unit": c.unit,
        "about": c.about,
        "request": c.request,
        "received_on": c.received_on.isoformat(),
        "handled_on": _day(c.handled_on),
        "result": c.result,
    }


class RequestRegister(AggregateFold):
    name = "requests"

    def wants(self, event: Event) -> bool:
        return event.owner() in (InformationRequest, Complaint)

    def derive(self, agg: Aggregate, event: Event, position: int) -> None:
        if isinstance(agg, InformationRequest):
            self.put(f"request:{agg.number}", request_row(agg))
        elif isinstance(agg, Complaint):
            self.put(f"complaint:{agg.number}", complaint_row(agg))
