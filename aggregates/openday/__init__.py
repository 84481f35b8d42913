"""Government open days (政务开放日, 附件4).

The vocabulary is in :mod:`.vocabulary`, the aggregate and its events in :mod:`.aggregate`,
checks its acts and corrections share in :mod:`.checks`.
This package re-exports the public names: importers say ``aggregates.openday``, and
events stored under topics like ``aggregates.openday:OpenDay.Held`` keep resolving.
"""

from __future__ import annotations

from aggregates.openday.aggregate import *  # noqa: F403
from aggregates.openday.vocabulary import *  # noqa: F403
