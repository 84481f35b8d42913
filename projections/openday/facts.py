"""What an open day's public notices print: the public facts, built from its state.

The recruitment notice, the 公示 (names and kinds only), the summary (no personal data)
and a cancellation notice once recruitment was public.
"""

from __future__ import annotations

from typing import Any

from aggregates.openday.aggregate import OpenDay
from aggregates.openday.vocabulary import (
    CHANNEL_LABELS,
    FORM_ITEMS,
    FORM_LABELS,
    RepresentativeKind,
    in_order,
)
from aggregates.privacy import kept
from aggregates.public import Facts, PublicFact


def _head(open_day: OpenDay) -> dict[str, Any]:
    return {
        "number": open_day.number,
        "day": open_day.day.isoformat(),
        "form": open_day.form.value,
        "form_label": FORM_LABELS[open_day.form],
        "form_item": FORM_ITEMS[open_day.form],
        "site_kind": open_day.site_kind.value,
        "site_kind_label": open_day.site_label(),
        "site": open_day.site,
        "theme": open_day.theme,
        "host": open_day.host,
        "host_name": open_day.host_name,
    }


# the aggregate whose facts ``public_facts`` builds (the table of systems wires them)
PUBLISHES = OpenDay


def public_facts(open_day: OpenDay) -> list[PublicFact]:
    """The recruitment notice, the 公示 (names and kinds only), the summary (no personal
    data), and a cancellation notice once recruitment was public. Birth dates, contacts,
    places and who said what never leave the ledger."""
    facts = Facts("open_day", f"open_day:{open_day.number}:", open_day.host, _head(open_day))
    rec = open_day.recruitment
    if rec is not None:
        facts.add(
            "recruitment",
            "recruitment",
            rec.on,
            representatives=open_day.representatives,
            quotas=[
                {"kind": k.value, "kind_label": open_day.kind_label(k), "places": n}
                for k, n in in_order(open_day.quotas).items()
            ],
            minimum_age=open_day.minimum_age,
            publicity_days=open_day.publicity_days,
            channels=[c.value for c in rec.channels],
            channel_labels=[CHANNEL_LABELS[c] for c in rec.channels],
            how_to_apply=rec.how_to_apply,
            contact=rec.contact,
            closes_on=rec.closes_on.isoformat(),
        )
    if open_day.publicised_on is not None:
        facts.add(
            "publicity",
            "publicity",
            open_day.publicised_on,
            where=open_day.publicised_where,
            channels=[c.value for c in rec.channels] if rec else [],
            contact=rec.contact if rec else None,
            period_ends=open_day.publicity_ends.isoformat() if open_day.publicity_ends else None,
            period_days=open_day.publicity_days,
            representatives=[
                {
                    "name": kept(r.name),
                    "kind": r.kind.value,
                    "kind_label": open_day.kind_label(r.kind),
                }
                for r in sorted(
                    open_day.participants(),
                    key=lambda r: (list(RepresentativeKind).index(r.kind), r.rep_id),
                )
            ],
        )
    if open_day.summary_on is not None:
        facts.add(
            "summary",
            "summary",
            open_day.summary_on,
            attendance=open_day.attendance,
            presented=open_day.presented,
            leaders=list(open_day.leaders_present),
            opinions=[
                {
                    "text": o.text,
                    "answer": o.answer,
                    "rectification": o.rectification,
                    "follow_up": o.follow_up
                    if o.followed_up_on and o.followed_up_on <= open_day.summary_on
                    else None,
                }
                for o in open_day.opinions.values()
            ],
        )
    if open_day.cancelled_on is not None and rec is not None:
        facts.add(
            "cancellation",
            "cancellation",
            open_day.cancelled_on,
            reason=open_day.cancel_reason,
        )
    return facts
