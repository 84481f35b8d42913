"""What a correction of a decision may not change, and what it must not leave behind.

The number and the unit identify the decision (its id, who may act on it); a comment's
id names it in its assessment. ``Decision.correct_entry`` tries a correction on a copy
and refuses it when :func:`comment_problems` finds a problem the copy did not have.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aggregates.decision.aggregate import Decision

FIXED_FACTS = {
    "Drafted": {
        "number": "the number names the decision; withdraw it and draft it under the right number",
        "unit": "the undertaking unit decides who may act on the decision; withdraw it and "
        "draft it in the right unit",
    },
    "CommentReceived": {"comment_id": "a comment's id is the ledger's own numbering; correct its facts"},
}


def comment_problems(d: Decision) -> list[str]:
    """What would be wrong with the comments: one marked late inside a window, one outside
    not marked late (附件2 第六条(二)), an assessment of a comment not recorded, a comment of
    a submission (one 人次) that no longer came the same way, that day, as its first."""
    out = []
    for cid, c in d.comments.items():
        inside = d.in_window(c.received)
        if inside and c.late:
            out.append(f"comment {cid} (received {c.received}) marked late inside the comment window")
        if not inside and not c.late:
            out.append(f"comment {cid} (received {c.received}) outside the comment window and not late")
        first = d.comments.get(c.submitted_with) if c.submitted_with else c
        if first is None or (first.channel, first.received, first.late) != (c.channel, c.received, c.late):
            out.append(
                f"comment {cid} came with {c.submitted_with}, which did not come the same way that day"
            )
    out += [
        f"an assessment of comment {cid}, which is not recorded"
        for cid in d.assessments
        if cid not in d.comments
    ]
    return out
