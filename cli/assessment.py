"""Read commands of the assessment (附件5) and the leaders' duties (附件1).

`ledger assessment evidence UNIT YEAR`, `ledger assessment results YEAR` and
`ledger duties status YEAR`; the write commands are generated from the command models.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

import ledger.interface.assessment as reads
from cli.generated import subgroup
from cli.render import emit_object, format_option


def register(root: click.Group, history_options: Callable[[Any], Any]) -> None:
    """Add the read commands (and the `assessment` / `duties` groups) to ``root``."""
    assessment = subgroup(
        root, "assessment", "The annual assessment of each unit (附件5): standard, steps, grades, evidence."
    )
    duties = subgroup(root, "duties", "Leaders' transparency duties (附件1, 一岗双责).")

    @assessment.command("evidence")
    @click.argument("unit")
    @click.argument("year", type=int)
    @history_options
    @format_option()
    @click.pass_obj
    def evidence(
        session: Any, unit: str, year: int, as_of: str | None, known_at: str | None, fmt: str
    ) -> None:
        """A unit's facts from the ledger for a year (met, met late, missed), by system; they do not score."""
        emit_object(reads.evidence(session.ledger, unit, year, as_of, known_at), fmt)

    @assessment.command("results")
    @click.argument("year", type=int)
    @history_options
    @format_option()
    @click.pass_obj
    def results(session: Any, year: int, as_of: str | None, known_at: str | None, fmt: str) -> None:
        """The year's scoring standard and every unit's assessment: scores, grade, rectification."""
        emit_object(reads.results(session.ledger, year, as_of, known_at), fmt)

    @duties.command("status")
    @click.argument("year", type=int)
    @history_options
    @format_option()
    @click.pass_obj
    def status(session: Any, year: int, as_of: str | None, known_at: str | None, fmt: str) -> None:
        """Each responsible person's year: meetings and inspections met or missed, and the outcome."""
        emit_object(reads.duties_status(session.ledger, year, as_of, known_at), fmt)
