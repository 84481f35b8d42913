"""The disclosure catalogue (政务公开事项清单, 附件3).

The vocabulary is in :mod:`.vocabulary`, checks on a clerk's input in :mod:`.checks`, a
unit's codes in :mod:`.index` and the items with their events in :mod:`.item`.
This package re-exports the public names: importers say ``aggregates.catalogue``, and
events stored under topics like ``aggregates.catalogue:CatalogueItem.Adjusted`` keep resolving.
"""

from __future__ import annotations

from aggregates.catalogue.checks import *  # noqa: F403
from aggregates.catalogue.index import *  # noqa: F403
from aggregates.catalogue.item import *  # noqa: F403
from aggregates.catalogue.vocabulary import *  # noqa: F403
