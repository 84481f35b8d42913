"""Government open days (政务开放日, 附件4).

The vocabulary is in :mod:`.vocabulary`, the aggregate and its events in :mod:`.aggregate`,
checks its acts and corrections share in :mod:`.checks`.
This package re-exports the public names: importers say ``aggregates.openday``, and
events stored under topics like ``aggregates.openday:OpenDay.Held`` keep resolving.
"""

from __future__ import annotations

from aggregates.openday.aggregate import (
    OpenDay,
)
from aggregates.openday.vocabulary import (
    ANSWER_DAYS,
    ART_AGE,
    ART_CONTENT,
    ART_FORMS,
    ART_LEAD,
    ART_PARTICIPANTS,
    ART_RECRUIT,
    ART_SITES,
    ART_SUPERVISION,
    CHANNEL_LABELS,
    FORM_ITEMS,
    FORM_LABELS,
    KIND_LABELS,
    MINIMUM_AGE,
    PUBLICISE_DAYS,
    RECRUIT_DAYS,
    SITE_LABELS,
    SUPERVISION_DAYS,
    TIE_LABELS,
    Channel,
    Form,
    Opinion,
    Recruitment,
    Representative,
    RepresentativeKind,
    SiteKind,
    Stage,
    Tie,
    age_on,
    anniversary,
    in_order,
)

__all__ = [
    "ANSWER_DAYS",
    "ART_AGE",
    "ART_CONTENT",
    "ART_FORMS",
    "ART_LEAD",
    "ART_PARTICIPANTS",
    "ART_RECRUIT",
    "ART_SITES",
    "ART_SUPERVISION",
    "CHANNEL_LABELS",
    "FORM_ITEMS",
    "FORM_LABELS",
    "KIND_LABELS",
    "MINIMUM_AGE",
    "PUBLICISE_DAYS",
    "RECRUIT_DAYS",
    "SITE_LABELS",
    "SUPERVISION_DAYS",
    "TIE_LABELS",
    "Channel",
    "Form",
    "OpenDay",
    "Opinion",
    "Recruitment",
    "Representative",
    "RepresentativeKind",
    "SiteKind",
    "Stage",
    "Tie",
    "age_on",
    "anniversary",
    "in_order",
]
