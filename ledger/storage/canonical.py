"""The one byte form of a JSON value: sorted keys, no spaces, UTF-8. Events are stored in it
and an act's signature covers it; plain ``json`` only, so the raw audit reads it without
the mapper (``ledger.storage.transcoding``) and the models behind it."""

from __future__ import annotations

import json
from typing import Any

# made once (``json.dumps`` with options makes an encoder per call)
CANONICAL = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def canonical(value: Any) -> bytes:
    """The one byte form of a JSON value: sorted keys, no spaces, UTF-8."""
    return CANONICAL.encode(value).encode()
