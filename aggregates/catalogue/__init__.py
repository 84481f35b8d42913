"""The disclosure catalogue (政务公开事项清单, 附件3).

The vocabulary is in :mod:`.vocabulary`, checks on a clerk's input in :mod:`.checks`, a
unit's codes in :mod:`.index` and the items with their events in :mod:`.item`.
This package re-exports the public names: importers say ``aggregates.catalogue``, and
events stored under topics like ``aggregates.catalogue:CatalogueItem.Adjusted`` keep resolving.
"""

from __future__ import annotations

from aggregates.catalogue.checks import (
    check_reason,
    make_reason,
    require_reason,
    settle_elements,
)
from aggregates.catalogue.index import (
    CatalogueIndex,
)
from aggregates.catalogue.item import (
    CatalogueItem,
)
from aggregates.catalogue.vocabulary import (
    ACCEPTANCE_KEY,
    ADJUSTMENT_KEY,
    ALLOWED_KINDS,
    CYCLE_LABELS,
    DECREE_711_26,
    ELEMENT_LABELS,
    ELEMENTS_ARTICLE,
    FILING_ARTICLE,
    FILING_KEY,
    KIND_LABELS,
    METHOD_LABELS,
    TRIGGER_ARTICLES,
    TRIGGER_LABELS,
    UPDATE_KEY,
    Adjustment,
    AdjustmentKind,
    Cycle,
    ElementChange,
    Elements,
    InfoChange,
    Information,
    Method,
    Reason,
    Text,
    Trigger,
    UpdateLimit,
    period_end,
)

__all__ = [
    "ACCEPTANCE_KEY",
    "ADJUSTMENT_KEY",
    "ALLOWED_KINDS",
    "CYCLE_LABELS",
    "DECREE_711_26",
    "ELEMENTS_ARTICLE",
    "ELEMENT_LABELS",
    "FILING_ARTICLE",
    "FILING_KEY",
    "KIND_LABELS",
    "METHOD_LABELS",
    "TRIGGER_ARTICLES",
    "TRIGGER_LABELS",
    "UPDATE_KEY",
    "Adjustment",
    "AdjustmentKind",
    "CatalogueIndex",
    "CatalogueItem",
    "Cycle",
    "ElementChange",
    "Elements",
    "InfoChange",
    "Information",
    "Method",
    "Reason",
    "Text",
    "Trigger",
    "UpdateLimit",
    "check_reason",
    "make_reason",
    "period_end",
    "require_reason",
    "settle_elements",
]
