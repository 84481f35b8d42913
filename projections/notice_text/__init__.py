"""One notice writer per system; each turns public facts into Chinese notices."""

from __future__ import annotations

from typing import TYPE_CHECKING

from projections.notice_text import assessment, catalogue, decision, openday

if TYPE_CHECKING:
    from projections.notices import Writer

WRITERS: tuple[Writer, ...] = (decision.write, catalogue.write, assessment.write, openday.write)
