"""What a catalogue item's public notices print: the item as last published, and each
published adjustment with its trigger, grounds and changes.

The domain keeps the rule that an adjustment shows the title it was published with,
never a later, unpublished one (``CatalogueItem.published_title``).
"""

from __future__ import annotations

from aggregates.catalogue.item import CatalogueItem
from aggregates.catalogue.vocabulary import (
    ELEMENT_LABELS,
    KIND_LABELS,
    TRIGGER_ARTICLES,
    TRIGGER_LABELS,
)
from aggregates.public import Facts, PublicFact

# the aggregate whose facts ``public_facts`` builds (the table of systems wires them)
PUBLISHES = CatalogueItem


def public_facts(item: CatalogueItem) -> list[PublicFact]:
    if item.published_elements is None or item.last_published_on is None:
        return []
    head = {"unit": item.unit, "unit_name": item.unit_name, "code": item.code}
    facts = Facts("catalogue", "", item.unit, head)
    facts.add(
        "item",
        "item",
        item.last_published_on,
        removed=item.published_removed,
        elements=item.published_elements.texts(),
    )
    for a in item.adjustments.values():
        if a.published_on is None:
            continue
        facts.add(
            "adjustment",
            f"adjustment:{a.number}",
            a.published_on,
            number=a.number,
            title=item.published_title(a),
            kind=a.kind.value,
            kind_label=KIND_LABELS[a.kind],
            trigger_article=TRIGGER_ARTICLES[a.reason.trigger],
            trigger_label=TRIGGER_LABELS[a.reason.trigger],
            grounds=a.reason.grounds,
            triggered_on=a.reason.triggered_on.isoformat(),
            adjusted_on=a.adjusted_on.isoformat(),
            changes=[{"element": ELEMENT_LABELS[c.element], "old": c.old, "new": c.new} for c in a.changes],
        )
    return facts
