"""Supervision and annual assessment of each unit's transparency work (附件5).

The vocabulary is in :mod:`.vocabulary`, scores against policy in :mod:`.scoring`, the
year's standard in :mod:`.standard`, the assessment and its events in :mod:`.aggregate`.
This package re-exports the public names: importers say ``aggregates.assessment``, and
events stored under topics like ``aggregates.assessment:Assessment.Announced`` keep resolving.
"""

from __future__ import annotations

from aggregates.assessment.aggregate import *  # noqa: F403
from aggregates.assessment.scoring import *  # noqa: F403
from aggregates.assessment.standard import *  # noqa: F403
from aggregates.assessment.unscheduled import *  # noqa: F403
from aggregates.assessment.vocabulary import *  # noqa: F403
