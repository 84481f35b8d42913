"""What the CLI (and the assessment) reads about the disclosure catalogue: plain rows and dicts.

* :func:`catalogue_show` — the catalogue as it stood on a date (or as known at a moment);
* :func:`catalogue_diff` — what was added, changed and removed between two dates;
* :func:`catalogue_facts` — one unit's year: items, adjustments, and the share
  published, filed and refreshed on time (the assessment shows these facts beside
  the unit's self-assessment);
* :func:`catalogue_history` — one item's full history, removed or not.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from aggregates.catalogue import ELEMENT_LABELS, TRIGGER_ARTICLES, AdjustmentKind, CatalogueIndex, Trigger
from aggregates.errors import InvalidInput, NotFound
from aggregates.obligations import Obligation
from aggregates.org import Unit
from ledger.interface.core import Ledger
from ledger.rules.deadlines import standing
from ledger.when import NOW, When, parse_day
from projections.base import Row
from projections.catalogue.register import CatalogueView

__all__ = [
    "ELEMENT_LABELS",
    "catalogue_diff",
    "catalogue_facts",
    "catalogue_history",
    "catalogue_show",
    "catalogue_stats",
]

ON_TIME, LATE, OVERDUE = "met", "met late", "overdue"


def _check_unit(ledger: Ledger, unit: str | None) -> None:
    if unit is not None and ledger.app.get(Unit, Unit.id_for(unit)) is None:
        raise NotFound("unit", f"no unit {unit} in the ledger; see `ledger org list`")


def _rows(ledger: Ledger, when: When = NOW) -> list[Row]:
    """Every item's row, live or as it stood at ``when``."""
    return sorted(ledger.rows(CatalogueView, when).values(), key=lambda r: (r["unit"], r["code"]))


def _item(row: Row) -> dict[str, Any]:
    return {
        "unit": row["unit"],
        "code": row["code"],
        **row["texts"],
        "status": row["status"],
        "established_on": row["established_on"],
        "published_on": row["published_on"],
        "removed_on": row["removed_on"],
        "adjustments": len(row["adjustments"]),
    }


def catalogue_show(
    ledger: Ledger,
    unit: str | None = None,
    when: When = NOW,
    include_removed: bool = False,
) -> list[dict[str, Any]]:
    """The catalogue's items (the ten elements as recorded, with their status), one row each."""
    _check_unit(ledger, unit)
    return [
        _item(r)
        for r in _rows(ledger, when)
        if unit in (None, r["unit"]) and (include_removed or r["removed_on"] is None)
    ]


def catalogue_diff(ledger: Ledger, date1: str, date2: str, unit: str | None = None) -> list[dict[str, Any]]:
    """Items added, removed, and each changed element, between the ends of two dates."""
    _check_unit(ledger, unit)
    d1, d2 = parse_day(date1, "date1"), parse_day(date2, "date2")
    if d2 < d1:
        raise InvalidInput("date2", f"{d2} is before {d1}; give the earlier date first")

    def live_on(day: date) -> dict[tuple[str, str], Row]:
        return {
            (r["unit"], r["code"]): r
            for r in _rows(ledger, When(as_of=day))
            if unit in (None, r["unit"]) and r["removed_on"] is None
        }

    before, after = live_on(d1), live_on(d2)
    out: list[dict[str, Any]] = []
    for key in sorted(before.keys() | after.keys()):
        old, new = before.get(key), after.get(key)
        base = {"unit": key[0], "code": key[1], "title": (new or old or {})["texts"]["title"]}
        if old is None:
            out.append({"change": "added", **base, "element": None, "old": None, "new": None})
        elif new is None:
            out.append({"change": "removed", **base, "element": None, "old": None, "new": None})
        else:
            for field, label in ELEMENT_LABELS.items():
                if old["texts"][field] != new["texts"][field]:
                    out.append(
                        {
                            "change": "changed",
                            **base,
                            "element": label,
                            "old": old["texts"][field],
                            "new": new["texts"][field],
                        }
                    )
    return out


def _tally(statuses: list[str]) -> dict[str, Any]:
    on_time = statuses.count(ON_TIME)
    due = on_time + statuses.count(LATE) + statuses.count(OVERDUE)
    return {"due": due, "on_time": on_time, "share": round(on_time / due, 4) if due else None}


def catalogue_facts(ledger: Ledger, unit: str, year: int, as_of: date | None = None) -> dict[str, Any]:
    """One unit's catalogue facts for a year, as they stand on ``as_of`` (default today).

    Adjustments count in the year they were made. A deadline counts once it is due or
    met: ``*_on_time_share`` is met on time / (met on time + met late + overdue), None
    when nothing was due yet.
    """
    _check_unit(ledger, unit)
    day = as_of or ledger.today()
    cal = ledger.app.calendar()
    end = min(date(year, 12, 31), day)
    rows = [r for r in _rows(ledger) if r["unit"] == unit]

    def status(o: Obligation) -> str:
        return standing(o, cal, day).status

    def in_catalogue(r: Row) -> bool:
        established = date.fromisoformat(r["established_on"])
        removed = r["removed_on"] and date.fromisoformat(r["removed_on"])
        return established <= end and not (removed and removed <= end)

    kinds = dict.fromkeys((k.value for k in AdjustmentKind), 0)
    triggers = dict.fromkeys((TRIGGER_ARTICLES[t] for t in Trigger), 0)
    published: list[str] = []
    filed: list[str] = []
    info: list[str] = []
    counts = {"published": 0, "filed": 0, "accepted": 0}
    overdue_items = 0
    for r in rows:
        obligations = {o["key"]: Obligation.model_validate(o) for o in r["obligations"]}
        prefix = f"catalogue:{r['unit']}/{r['code']}"
        for a in r["adjustments"]:
            if date.fromisoformat(a["adjusted_on"]).year != year:
                continue
            kinds[a["kind"]] += 1
            triggers[TRIGGER_ARTICLES[Trigger(a["reason"]["trigger"])]] += 1
            for what in counts:
                counts[what] += a[f"{what}_on"] is not None
            published.append(status(obligations[f"{prefix}:adj{a['number']}:publish"]))
            file_key = f"{prefix}:adj{a['number']}:file"
            if file_key in obligations:
                filed.append(status(obligations[file_key]))
        info += [
            status(o)
            for key, o in obligations.items()
            if key.startswith(f"{prefix}:info") and o.start.year == year
        ]
        current = [o for key, o in obligations.items() if ":info" in key or key.endswith(":refresh")]
        overdue_items += any(status(o) == OVERDUE for o in current)
    pub, fil, inf = _tally(published), _tally(filed), _tally(info)
    unit_agg = ledger.app.get(Unit, Unit.id_for(unit))
    return {
        "unit": unit,
        "unit_name": unit_agg.name if unit_agg else unit,
        "year": year,
        "as_of": day.isoformat(),
        "items": sum(in_catalogue(r) for r in rows),
        "adjustments": sum(kinds.values()),
        "added": kinds["added"],
        "changed": kinds["changed"],
        "removed": kinds["removed"],
        "by_trigger": triggers,
        "published": counts["published"],
        "publication_due": pub["due"],
        "published_on_time": pub["on_time"],
        "published_on_time_share": pub["share"],
        "filed": counts["filed"],
        "filing_due": fil["due"],
        "filed_on_time": fil["on_time"],
        "filed_on_time_share": fil["share"],
        "accepted": counts["accepted"],
        "information_due": inf["due"],
        "information_on_time": inf["on_time"],
        "information_on_time_share": inf["share"],
        "items_overdue_now": overdue_items,
    }


def catalogue_stats(ledger: Ledger, year: int, unit: str | None = None) -> list[dict[str, Any]]:
    """:func:`catalogue_facts` for each unit that has catalogue items (or for one unit)."""
    units = [unit] if unit else sorted({r["unit"] for r in _rows(ledger)})
    return [catalogue_facts(ledger, u, year) for u in units]


def catalogue_history(ledger: Ledger, unit: str, code: str) -> dict[str, Any]:
    """One item's state and every event it went through, even after its removal."""
    index = ledger.app.get(CatalogueIndex, CatalogueIndex.id_for(unit))
    item_id = index.item_id(code) if index else None
    if item_id is None:
        raise NotFound("code", f"no catalogue item {unit}/{code} in the ledger")
    return ledger.show(str(item_id))
