"""The decision list's page, worked out once for the lean read and the ledger's (``register_page``):
the board is asked only for windows whose last day was never announced, and only for those."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ledger.decision_rows import register_page
from ledger.storage.view_index import Where, admitted
from projections.base import Columns


def register_row(number: str, unit: str, closes_on: str | None, windows: int = 1) -> dict[str, Any]:
    return {
        "id": f"id-{number}",
        "number": number,
        "unit": unit,
        "title": f"办法 {number}",
        "category_label": "规范性文件",
        "stage": "published",
        "published_on": "2026-03-02",
        "closes_on": closes_on,
        "windows": [{"kind": "comments"}] * windows,
        "comments_total": 5,
        "comments_late": 2,
        "report_on": None,
        "decided_on": None,
        "exemption": None,
    }


class Register:
    """A register read a page at a time, ordered by number (as ``DecisionRegister`` sorts)."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.rows = {f"decision:{r['number']}": r for r in rows}

    def _cols(self, row: dict[str, Any]) -> Columns:
        return Columns(unit=row["unit"], state=row["stage"], sort=row["number"])

    def count(self, unit: str | None, group: Sequence[Where]) -> dict[str | None, int]:
        out: dict[str | None, int] = {}
        for row in self.rows.values():
            if admitted(self._cols(row), unit, group):
                out[row["unit"]] = out.get(row["unit"], 0) + 1
        return out

    def query(
        self, unit: str | None, group: Sequence[Where], limit: int | None, offset: int = 0
    ) -> list[tuple[str, dict[str, Any]]]:
        found = sorted(
            (r["number"], k, r) for k, r in self.rows.items() if admitted(self._cols(r), unit, group)
        )
        end = None if limit is None else offset + limit
        return [(k, r) for _, k, r in found[offset:end]]


def test_only_the_windows_never_announced_are_dated_by_the_board() -> None:
    register = Register(
        [
            register_row("YJJR-2026-01", "FIN", "2026-04-01"),
            register_row("YJJR-2026-02", "FIN", None),
            register_row("YJJR-2026-03", "SERV", None),
            register_row("YJJR-2026-04", "FIN", None, windows=0),  # no window: nothing to date
        ]
    )
    asked: list[list[str]] = []

    def board(keys: Sequence[str]) -> dict[str, dict[str, Any]]:
        asked.append(list(keys))
        return {"id-YJJR-2026-02|decision:YJJR-2026-02:comments": {"due": "2026-04-20"}}

    page = register_page(register, "FIN", 2, 1, board)  # type: ignore[arg-type]
    assert page.total == 3
    assert [(r["number"], r["closes_on"], r["comments"]) for r in page.rows] == [
        ("YJJR-2026-02", "2026-04-20", "3 (+2 late)"),
        ("YJJR-2026-04", None, "3 (+2 late)"),
    ]
    assert asked == [["id-YJJR-2026-02|decision:YJJR-2026-02:comments"]]


def test_a_page_whose_last_days_were_all_announced_never_reads_the_board() -> None:
    register = Register([register_row("YJJR-2026-01", "FIN", "2026-04-01")])

    def board(keys: Sequence[str]) -> dict[str, dict[str, Any]]:
        raise AssertionError("the board was read")

    page = register_page(register, None, None, 0, board)  # type: ignore[arg-type]
    assert page.total == 1
    assert page.rows[0]["closes_on"] == "2026-04-01" and page.rows[0]["category"] == "规范性文件"
