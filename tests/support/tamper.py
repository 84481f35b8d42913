"""The forger's tools against a real SQLite file: raw SQL, an edited row, and the witness (and
the projections' tracking) recomputed to match, as an insider with the source code would."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from aggregates.audit import Checkpoint
from aggregates.base import Stamp
from ledger.application import LedgerApp, UnitOfWork
from ledger.storage.chain import GENESIS, WITNESS_TABLE, witness_rows


def sql(db: Path, statement: str, params: tuple[Any, ...] = ()) -> list[Any]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(statement, params).fetchall()
    conn.close()
    return rows


def rewrite_witness(db: Path) -> None:
    """What a forger with the source code does: recompute the whole witness from the forged rows."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT rowid, originator_id, originator_version, topic, state FROM stored_events ORDER BY rowid"
        ).fetchall()
        conn.execute(f"DELETE FROM {WITNESS_TABLE}")
        conn.executemany(
            f"INSERT INTO {WITNESS_TABLE} VALUES (?, ?, ?, ?, ?, ?)", witness_rows(rows, GENESIS)
        )
    conn.close()


def rewrite_witness_and_tracking(db: Path) -> None:
    """The witness recomputed, and the projections' tracking moved back to the record's end."""
    rewrite_witness(db)
    ((last,),) = sql(db, "SELECT MAX(rowid) FROM stored_events")
    sql(
        db,
        "UPDATE tracking SET notification_id=? "
        "WHERE application_name != '__migration__' AND notification_id > ?",
        (last, last),
    )


def position_of(db: Path, topic_suffix: str, text: str) -> int:
    """The first event of a topic ending in ``topic_suffix`` whose state holds ``text``."""
    for position, topic, state in sql(db, "SELECT rowid, topic, state FROM stored_events ORDER BY rowid"):
        if topic.endswith(topic_suffix) and text in state.decode():
            return int(position)
    raise AssertionError(f"no {topic_suffix} with {text}")


def edit(db: Path, position: int, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in the stored state at ``position`` (the witness left as it was)."""
    (state,) = sql(db, "SELECT state FROM stored_events WHERE rowid=?", (position,))[0]
    assert old.encode() in state
    sql(
        db,
        "UPDATE stored_events SET state=? WHERE rowid=?",
        (state.replace(old.encode(), new.encode()), position),
    )


def first(report: dict[str, Any]) -> tuple[int, str]:
    """The first problem ``audit verify`` reports (it must report one)."""
    assert not report["ok"], report
    return report["first_problem"]["position"], report["first_problem"]["kind"]


def found(report: dict[str, Any]) -> set[tuple[int, str]]:
    """Every error finding, as (position, kind)."""
    return {(f["position"], f["kind"]) for f in report["findings"] if f["error"]}


def junk_checkpoint(app: LedgerApp, stamp: Stamp, **fields: Any) -> int:
    """A checkpoint at the record's end as the code before the checkpoint rules wrote it (a junk
    key and signature), written as an import by S001 then did, signed by S001; its position."""
    position = app.max_position()
    old = Checkpoint._create(
        Checkpoint.id_for(position),
        Checkpoint.Taken,
        stamp,
        origin="x",
        position=position,
        size=position,
        head=app.witness_link(position),
        public_key="ab" * 32,
        signature="00" * 64,
        **fields,
    )
    uow = UnitOfWork(app, "S001", stamp.at, app.keys.signer("S001") if app.keys else None)
    uow.add(old)
    uow.commit()
    return position
