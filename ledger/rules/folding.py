"""One form for an identifier typed on any keyboard (kept apart from ``ledger.rules.text``, which
needs pydantic: a read of a stored page folds what was typed without it)."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """An identifier as typed on a Chinese keyboard, in its ASCII form (``ＹＪＪＲ－２０２６－０８``
    → ``YJJR-2026-08``). NFKC maps the full-width forms; the full-width hyphen-minus is
    NFKC already, the ideographic and other dashes are not."""
    if text.isascii():  # NFKC leaves ASCII as it is, and no dash to map is ASCII
        return text.strip()
    folded = unicodedata.normalize("NFKC", text).strip()
    return folded.translate({0x2010: "-", 0x2011: "-", 0x2012: "-", 0x2013: "-", 0x2212: "-"})
