"""An information request's receipt as a clerk of the office records it (`request.receive`)."""

from __future__ import annotations

from typing import Any


def receipt(number: str, **over: Any) -> dict[str, Any]:
    """The fields of `request.receive` for a natural person's request handed in on 2026-09-21,
    with ``over`` changing any of them."""
    return {
        "request": number,
        "requester_kind": "natural_person",
        "requester_name": "张某某",
        "contact": "13900000001",
        "channel": "in_person",
        "asked": "2026年普惠金融专项资金分配结果",
        "effective": "2026-09-21",
        **over,
    }
