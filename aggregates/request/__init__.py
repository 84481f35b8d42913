"""Information requests (依申请公开, 条例 第二十七–四十五条) and complaints about disclosure work.

The vocabulary is in :mod:`.vocabulary`, the request and its events in :mod:`.aggregate`,
what it owes the board in :mod:`.owed`, complaints in :mod:`.complaint`. This package
re-exports the public names: events are stored under topics like
``aggregates.request:InformationRequest.Received``.
"""

from __future__ import annotations

from aggregates.request.aggregate import *  # noqa: F403
from aggregates.request.complaint import *  # noqa: F403
from aggregates.request.vocabulary import *  # noqa: F403
