"""Reads for `ledger privacy …`: which data subjects the ledger keeps personal data of.

Ids only, never the data: the office looks a subject up here before erasing it.
"""

from __future__ import annotations

from typing import Any

from aggregates.privacy import Erasure
from ledger.interface.core import Ledger
from ledger.rules.calendar import TZ

SUBJECT_COLUMNS = ("subject", "status", "since", "erased", "erased_by", "reason")


def _local(stamp: str | None) -> str | None:
    import pendulum

    return None if stamp is None else pendulum.parse(stamp).in_timezone(TZ).format("YYYY-MM-DD HH:mm")  # type: ignore[union-attr]


def subjects(ledger: Ledger, prefix: str | None = None) -> list[dict[str, Any]]:
    """Every data subject with a key made: kept, erased (by whom, why) or lost (its key gone
    with no erasure on record), optionally by prefix."""
    ledger.app.vault.forget()  # read the key table as it is now
    out = []
    for subject, (key, created, erased) in sorted(ledger.app.vault.rows().items()):
        if prefix and not subject.startswith(prefix):
            continue
        record = ledger.app.get(Erasure, Erasure.id_for(subject)) if key is None else None
        out.append(
            {
                "subject": subject,
                # a key gone without an erasure on record was destroyed outside the ledger
                "status": "kept" if key is not None else "erased" if record is not None else "lost",
                "since": _local(created),
                "erased": _local(erased),
                "erased_by": record.erased_by if record is not None else None,
                "reason": record.reason if record is not None else None,
            }
        )
    return out
