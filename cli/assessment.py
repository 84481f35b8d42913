"""Read commands of the assessment (附件5).

`ledger assessment evidence UNIT YEAR` and `ledger assessment results YEAR`; the write
commands are generated from the command models.
"""

from __future__ import annotations

import click

import ledger.interface.assessment as reads
from cli.generated import subgroup
from cli.render import LIST_FORMATS, emit_object, read_options, year_read
from cli.session import Session
from ledger.interface import When


def register(root: click.Group) -> None:
    """Add the assessment's read commands (and the `assessment` group) to ``root``."""
    assessment = subgroup(
        root, "assessment", "The annual assessment of each unit (附件5): standard, steps, grades, evidence."
    )

    @assessment.command("evidence")
    @click.argument("unit")
    @click.argument("year", type=int)
    @read_options(*LIST_FORMATS)
    def evidence(session: Session, unit: str, year: int, when: When, fmt: str) -> None:
        """A unit's facts from the ledger for a year (met, met late, overdue), by system; they do not
        score. As CSV: one row per fact."""
        emit_object(reads.evidence(session.ledger, unit, year, when), fmt, csv_rows="facts")

    year_read(
        assessment,
        "results",
        lambda session, year, when: reads.results(session.ledger, year, when),
        "assessments",
        "The year's scoring standard and every unit's assessment: scores, grade, rectification. "
        "As CSV: one row per unit.",
    )
