"""The open-day register: one row per open day, for the clerk's `ledger openday` reads.

An internal view (representatives' birth dates and contacts included, for the office):
nothing here is published. Public notices come only from ``projections.openday.facts``.
"""

from __future__ import annotations

from typing import Any

from aggregates.base import Aggregate, Event
from aggregates.openday import (
    CHANNEL_LABELS,
    FORM_LABELS,
    TIE_LABELS,
    OpenDay,
)
from aggregates.privacy import kept
from projections.base import AggregateFold


def _day(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def register_row(od: OpenDay) -> dict[str, Any]:
    rec = od.recruitment
    return {
        "id": str(od.id),
        "number": od.number,
        "day": od.day.isoformat(),
        "form": od.form.value,
        "form_label": FORM_LABELS[od.form],
        "site_kind": od.site_kind.value,
        "site_kind_label": od.site_label(),
        "site": od.site,
        "theme": od.theme,
        "host": od.host,
        "host_name": od.host_name,
        "leader": od.leader,
        "leader_name": od.leader_name,
        "stage": od.stage.value,
        "planned_on": od.planned_on.isoformat(),
        "planned_by": od.planned_by,
        "representatives": od.representatives,
        "quotas": [
            {
                "kind": k.value,
                "kind_label": od.kind_label(k),
                "places": n,
                "candidates": sum(1 for r in od.registered.values() if r.kind == k),
                "registered": od.taken(k),
            }
            for k, n in od.quotas.items()
        ],
        "candidates": len(od.registered),
        "registered": len(od.participants()),  # confirmed participants
        "recruited_on": _day(rec.on) if rec else None,
        "channels": [CHANNEL_LABELS[c] for c in rec.channels] if rec else [],
        "how_to_apply": rec.how_to_apply if rec else None,
        "contact": rec.contact if rec else None,
        "closes_on": _day(rec.closes_on) if rec else None,
        "publicised_on": _day(od.publicised_on),
        "publicised_where": od.publicised_where,
        "publicity_ends": _day(od.publicity_ends),
        "objections": [
            {
                "objection_id": b.objection_id,
                "received_on": b.received_on.isoformat(),
                "representative": b.representative,
                "text": kept(b.text),
                "answered_on": _day(b.answered_on),
                "answer": b.answer,
                "upheld": b.upheld,
            }
            for b in od.objections.values()
        ],
        "held_on": _day(od.held_on),
        "attendance": od.attendance,
        "held_note": od.held_note,
        "presented": od.presented,
        "leaders_present": list(od.leaders_present),
        "opinions_heard": len(od.opinions),
        "opinions_answered": len(od.opinions) - len(od.unanswered()),
        "summary_on": _day(od.summary_on),
        "supervised_on": _day(od.supervised_on),
        "supervised_by": od.supervised_by,
        "findings": od.findings,
        "problems": list(od.problems),
        "cancelled_on": _day(od.cancelled_on),
        "cancel_reason": od.cancel_reason,
        "policy_version": od.policy_version,
        "representative_list": [
            {
                "rep_id": r.rep_id,
                "name": kept(r.name),
                "kind": od.kind_label(r.kind),
                "confirmed": r.confirmed,
                "birth_date": kept(r.birth_date),
                "tie": TIE_LABELS[r.tie],
                "place": kept(r.place),
                "contact": kept(r.contact),
                "recommended": r.recommended,
                "registered_on": r.registered_on.isoformat(),
            }
            for r in od.registered.values()
        ],
        "opinion_list": [
            {
                "opinion_id": o.opinion_id,
                "heard_on": o.heard_on.isoformat(),
                "representative": o.representative,
                "text": o.text,
                "answered_on": _day(o.answered_on),
                "answer": o.answer,
                "rectification": o.rectification,
                "followed_up_on": _day(o.followed_up_on),
                "follow_up": o.follow_up,
            }
            for o in od.opinions.values()
        ],
    }


class OpenDayRegister(AggregateFold):
    name = "open_days"

    def wants(self, event: Event) -> bool:
        return event.owner() is OpenDay

    def derive(self, agg: Aggregate, event: Event, position: int) -> None:
        if isinstance(agg, OpenDay):
            self.put(f"open_day:{agg.number}", register_row(agg))
