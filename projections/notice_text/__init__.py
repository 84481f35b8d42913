"""One notice writer per system; each turns public facts into Chinese notices."""

from __future__ import annotations

from typing import TYPE_CHECKING

from projections.assessment import notice as assessment
from projections.catalogue import notice as catalogue
from projections.decision import notice as decision
from projections.openday import notice as openday

if TYPE_CHECKING:
    from projections.notices import Writer

WRITERS: tuple[Writer, ...] = (decision.write, catalogue.write, assessment.write, openday.write)
