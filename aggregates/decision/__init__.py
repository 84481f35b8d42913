"""Major-decision pre-disclosure (重大行政决策预公开, 附件2).

The vocabulary is in :mod:`.vocabulary`, the aggregate and its events in :mod:`.aggregate`,
checks its acts share in :mod:`.checks`.
This package re-exports the public names: importers say ``aggregates.decision``, and
events stored under topics like ``aggregates.decision:Decision.Published`` keep resolving.
"""

from __future__ import annotations

from aggregates.decision.aggregate import *  # noqa: F403
from aggregates.decision.vocabulary import *  # noqa: F403
