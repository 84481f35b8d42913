"""Major-decision pre-disclosure (重大行政决策预公开, 附件2).

The vocabulary is in :mod:`.vocabulary`, the aggregate and its events in :mod:`.aggregate`,
checks its acts share in :mod:`.checks`.
This package re-exports the public names: importers say ``aggregates.decision``, and
events stored under topics like ``aggregates.decision:Decision.Published`` keep resolving.
"""

from __future__ import annotations

from aggregates.decision.aggregate import (
    Decision,
)
from aggregates.decision.vocabulary import (
    A_ADOPTION,
    A_CHANNELS,
    A_DRAFT,
    A_EXEMPT,
    A_EXPLANATION,
    A_HEARD,
    A_PERIOD,
    A_RESULT,
    A_REVIEW,
    CATEGORY_LABELS,
    CHANNEL_LABELS,
    COMMENT_CHANNEL_LABELS,
    EXEMPTION_LABELS,
    OUTCOME_LABELS,
    Assessment,
    Category,
    Channel,
    Comment,
    CommentChannel,
    CommentWays,
    DraftVersion,
    ExemptionGround,
    Explanation,
    Opinion,
    Outcome,
    Publication,
    Report,
    Stage,
    Window,
    category_label,
)

__all__ = [
    "A_ADOPTION",
    "A_CHANNELS",
    "A_DRAFT",
    "A_EXEMPT",
    "A_EXPLANATION",
    "A_HEARD",
    "A_PERIOD",
    "A_RESULT",
    "A_REVIEW",
    "CATEGORY_LABELS",
    "CHANNEL_LABELS",
    "COMMENT_CHANNEL_LABELS",
    "EXEMPTION_LABELS",
    "OUTCOME_LABELS",
    "Assessment",
    "Category",
    "Channel",
    "Comment",
    "CommentChannel",
    "CommentWays",
    "Decision",
    "DraftVersion",
    "ExemptionGround",
    "Explanation",
    "Opinion",
    "Outcome",
    "Publication",
    "Report",
    "Stage",
    "Window",
    "category_label",
]
