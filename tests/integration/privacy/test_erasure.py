"""Erasure without breaking the chain (个人信息保护法 第四十七条), played by an insider with the file.

Commenters, their contacts and open-day representatives' names, birth dates, places and
contacts are recorded sealed under a key per data subject; `ledger privacy erase` destroys
the key. These tests read the SQLite file itself — every table, the raw bytes — looking for
the plaintext in any encoding the ledger could have written it in.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from aggregates.errors import InvalidInput, NotFound, Refused
from aggregates.privacy import ERASED
from cli.main import cli
from ledger.application import LedgerApp
from ledger.interface import Ledger
from ledger.interface.decision import decision_show
from ledger.interface.openday import open_day_show
from ledger.interface.privacy import subjects
from tests.integration.decision.test_decision_commands import approve, draft, publish
from tests.integration.openday.test_openday_commands import N as OPEN_DAY
from tests.integration.openday.test_openday_commands import plan, recruit, register
from tests.support.clock import FakeClock
from tests.support.ledger import run, setup_bureau

DECISION = "YJJR-2026-01"
COMMENT = f"decision:{DECISION}:comment:C001"
REPRESENTATIVE = f"open_day:{OPEN_DAY}:representative:R02"
# what the insider looks for: the commenter's and the representative's personal data
COMMENTER = ("柳如烟", "liuruyan@example.com")
PERSON = ("欧阳娜娜", "1990-04-01", "雁江区玉屏路88号", "13912345678")


def traces(text: str) -> list[bytes]:
    """``text`` as UTF-8 and as JSON would escape it (both cases of hex)."""
    escaped = json.dumps(text)[1:-1]
    return [text.encode(), escaped.encode(), escaped.lower().encode(), escaped.upper().encode()]


def found(data: bytes, secrets: tuple[str, ...]) -> list[str]:
    return [s for s in secrets if any(t in data for t in traces(s))]


def every_stored_byte(db: Path) -> bytes:
    """Every value of every table, as stored (blobs raw, text as UTF-8)."""
    conn = sqlite3.connect(db)
    try:
        out = []
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    out.append(value if isinstance(value, bytes) else str(value).encode())
        return b"\n".join(out)
    finally:
        conn.close()


def file_bytes(db: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (db, db.with_name(db.name + "-wal")) if p.exists())


def cli_out(db: Path, *args: str, actor: str = "S001") -> Any:
    result = CliRunner().invoke(cli, ["--db", str(db), "--actor", actor, *args], catch_exceptions=False)
    return result


@pytest.fixture
def recorded(tmp_path: Path, clock: FakeClock) -> Iterator[tuple[LedgerApp, Path]]:
    """A ledger file with one comment from 柳如烟 and an open day whose R02 is 欧阳娜娜, publicised."""
    db = tmp_path / "ledger.db"
    app = LedgerApp(str(db), clock=clock)
    setup_bureau(app)
    draft(app)
    approve(app)
    publish(app, "2026-01-07")
    run(
        app,
        "S002",
        "decision.comment.receive",
        decision=DECISION,
        channel="email",
        text="建议提高补助标准。",
        commenter=COMMENTER[0],
        contact=COMMENTER[1],
        effective="2026-01-20",
    )
    plan(app)
    recruit(app)
    register(app, "黄丽", "citizen", "1979-05-30")
    name, born, place, contact = PERSON
    run(
        app,
        "S001",
        "openday.representative.register",
        open_day=OPEN_DAY,
        representative_name=name,
        kind="netizen",
        birth_date=born,
        tie="live",
        place=place,
        full_capacity=True,
        contact=contact,
        effective="2026-09-25",
    )
    confirm = {"open_day": OPEN_DAY, "representatives": ["R01", "R02"], "effective": "2026-09-25"}
    run(app, "S001", "openday.representatives.confirm", **confirm)
    run(
        app,
        "S001",
        "openday.representatives.publicise",
        open_day=OPEN_DAY,
        where="门户网站",
        effective="2026-09-28",
    )
    yield app, db
    app.close()


def erase(app: LedgerApp, subject: str, actor: str = "S001") -> dict[str, Any]:
    return run(app, actor, "privacy.erase", subject=subject, reason="本人申请删除（第四十七条）")


def test_personal_data_is_never_stored_in_clear_yet_reads_show_it(recorded: tuple[LedgerApp, Path]) -> None:
    app, db = recorded
    assert found(every_stored_byte(db), COMMENTER + PERSON) == []
    ledger = Ledger(str(db), app=app)
    comment = decision_show(ledger, DECISION)["comments"][0]
    assert (comment["commenter"], comment["contact"]) == COMMENTER
    rep = open_day_show(ledger, OPEN_DAY)["representative_list"][1]
    assert (rep["name"], rep["birth_date"], rep["place"], rep["contact"]) == PERSON
    assert any(
        PERSON[0] in n.markdown() + n.html() for n in ledger.notices()
    )  # the 公示 lists names and kinds


def test_after_erasure_no_trace_is_left_and_the_chain_still_verifies(
    recorded: tuple[LedgerApp, Path], tmp_path: Path
) -> None:
    app, db = recorded
    keys = sqlite3.connect(db).execute(
        "SELECT key FROM personal_keys WHERE subject IN (?, ?)", (COMMENT, REPRESENTATIVE)
    )
    destroyed = [bytes(k) for (k,) in keys.fetchall()]
    assert len(destroyed) == 2
    erase(app, COMMENT)
    erase(app, REPRESENTATIVE)
    ledger = Ledger(str(db), app=app)

    comment = decision_show(ledger, DECISION)["comments"][0]
    assert (comment["commenter"], comment["contact"]) == (ERASED, ERASED)
    rep = open_day_show(ledger, OPEN_DAY)["representative_list"][1]
    assert (rep["name"], rep["birth_date"], rep["place"], rep["contact"]) == (ERASED,) * 4
    assert open_day_show(ledger, OPEN_DAY)["representative_list"][0]["name"] == "黄丽"  # others untouched
    notices = "\n".join(n.markdown() + n.html() for n in ledger.notices())
    assert found(notices.encode(), COMMENTER + PERSON) == [] and ERASED in notices
    shown = json.dumps(
        [ledger.show(f"decision:{DECISION}"), ledger.show(f"open_day:{OPEN_DAY}"), ledger.log()]
    )
    assert found(shown.encode("unicode_escape") + shown.encode(), COMMENTER + PERSON) == []

    app.close()
    assert found(every_stored_byte(db), COMMENTER + PERSON) == []
    raw = file_bytes(db)
    assert [k for k in destroyed if k in raw] == []  # the key is gone from the file, free pages included
    out = tmp_path / "export"
    exported = cli_out(db, "audit", "export", "--from", "2026-01-01", "--to", "2026-12-31", "--out", str(out))
    assert exported.exit_code == 0, exported.output
    dumped = b"".join(p.read_bytes() for p in out.iterdir())
    assert found(dumped, COMMENTER + PERSON) == []
    for args in (("audit", "verify"), ("audit", "replay"), ("decision", "show", DECISION)):
        result = cli_out(db, *args)
        assert result.exit_code == 0, result.output
        assert found(result.output.encode(), COMMENTER + PERSON) == []


def test_the_key_table_is_not_part_of_the_audit_export(
    recorded: tuple[LedgerApp, Path], tmp_path: Path
) -> None:
    app, db = recorded
    app.close()
    conn = sqlite3.connect(db)
    keys = [bytes(k) for (k,) in conn.execute("SELECT key FROM personal_keys")]
    conn.close()
    assert keys
    out = tmp_path / "export"
    assert (
        cli_out(
            db, "audit", "export", "--from", "2026-01-01", "--to", "2026-12-31", "--out", str(out)
        ).exit_code
        == 0
    )
    dumped = b"".join(p.read_bytes() for p in out.iterdir())
    import base64

    for key in keys:
        assert key not in dumped and key.hex().encode() not in dumped and base64.b64encode(key) not in dumped
    assert b"personal_keys" not in dumped


def test_an_erasure_by_anyone_but_the_office_is_refused_and_nothing_is_written(
    recorded: tuple[LedgerApp, Path],
) -> None:
    app, db = recorded
    before, keys_before = app.max_position(), app.recorder.personal_keys()  # type: ignore[attr-defined]
    for actor in ("S002", "P01", "G01", "nobody"):  # the clerk who recorded it, the leaders, a stranger
        with pytest.raises(Refused) as e:
            erase(app, COMMENT, actor)
        assert e.value.field == "actor"
    assert app.max_position() == before
    assert app.recorder.personal_keys() == keys_before  # type: ignore[attr-defined]
    assert decision_show(Ledger(str(db), app=app), DECISION)["comments"][0]["commenter"] == COMMENTER[0]
    result = cli_out(db, "privacy", "erase", "--subject", COMMENT, "--reason", "x", actor="S002")
    assert result.exit_code == 1 and "only the office" in result.output


def test_a_subject_is_erased_once_and_an_unknown_one_is_not_found(recorded: tuple[LedgerApp, Path]) -> None:
    app, _ = recorded
    erase(app, COMMENT)
    before = app.max_position()
    with pytest.raises(Refused, match="already erased"):
        erase(app, COMMENT)
    with pytest.raises(NotFound):
        erase(app, f"decision:{DECISION}:comment:C999")
    with pytest.raises(InvalidInput):
        run(app, "S001", "privacy.erase", subject=REPRESENTATIVE, reason=" ")
    with pytest.raises(InvalidInput, match="when it is recorded"):  # never backdated
        run(app, "S001", "privacy.erase", subject=REPRESENTATIVE, reason="x", effective="2026-01-01")
    assert app.max_position() == before


def test_a_correction_of_personal_facts_is_sealed_and_an_erased_subject_takes_none(
    recorded: tuple[LedgerApp, Path],
) -> None:
    app, db = recorded
    ledger = Ledger(str(db), app=app)
    version = next(
        r["version"] for r in ledger.show(f"decision:{DECISION}")["history"] if "comment C001" in r["summary"]
    )
    fixed = ("上官婉儿", "shangguan@example.com")
    entry = {"aggregate": f"decision:{DECISION}", "version": version}
    replace = {"commenter": fixed[0], "contact": fixed[1]}
    run(app, "S002", "correct", **entry, reason="姓名录错", replace=replace)
    assert decision_show(ledger, DECISION)["comments"][0]["commenter"] == fixed[0]
    assert found(every_stored_byte(db), fixed) == []
    erase(app, COMMENT)
    assert decision_show(ledger, DECISION)["comments"][0]["contact"] == ERASED
    before = app.max_position()
    with pytest.raises(Refused, match="was erased"):
        run(app, "S002", "correct", **entry, reason="x", replace={"commenter": "某"})
    assert app.max_position() == before


def test_a_corrected_birth_date_is_checked_in_clear_then_sealed(recorded: tuple[LedgerApp, Path]) -> None:
    app, db = recorded
    ledger = Ledger(str(db), app=app)
    version = next(
        r["version"]
        for r in ledger.show(f"open_day:{OPEN_DAY}")["history"]
        if r["summary"].startswith("R02 ")
    )
    fields = {"aggregate": f"open_day:{OPEN_DAY}", "version": version, "reason": "生日录错"}
    with pytest.raises(Refused, match="turns 18"):
        run(app, "S001", "correct", **fields, replace={"birth_date": "2009-01-01"})
    run(app, "S001", "correct", **fields, replace={"birth_date": "1991-02-03"})
    assert open_day_show(ledger, OPEN_DAY)["representative_list"][1]["birth_date"] == "1991-02-03"
    assert found(every_stored_byte(db), ("1991-02-03",)) == []


def test_a_refused_batch_leaves_no_key_behind(recorded: tuple[LedgerApp, Path]) -> None:
    app, db = recorded
    ledger = Ledger(str(db), app=app)
    keys = app.recorder.personal_keys()  # type: ignore[attr-defined]
    comment = {"command": "decision.comment.receive", "decision": DECISION, "channel": "email",
               "text": "再次", "commenter": "无名氏", "effective": "2026-01-21"}  # fmt: skip
    bad = {"command": "privacy.erase", "subject": COMMENT, "reason": "x"}
    done, problems = ledger.import_lines([json.dumps(comment), json.dumps(bad)], "S002")
    assert done == 0 and problems
    assert app.recorder.personal_keys() == keys  # type: ignore[attr-defined]


def test_subjects_are_listed_by_id_with_who_erased_them_and_never_their_data(
    recorded: tuple[LedgerApp, Path],
) -> None:
    app, db = recorded
    erase(app, COMMENT)
    listed = subjects(Ledger(str(db), app=app))
    assert [r["subject"] for r in listed] == [
        COMMENT,
        *(f"open_day:{OPEN_DAY}:representative:R0{i}" for i in (1, 2)),
    ]
    assert [(r["status"], r["erased_by"]) for r in listed] == [
        ("erased", "S001"),
        ("kept", None),
        ("kept", None),
    ]
    assert found(json.dumps(listed, ensure_ascii=False).encode(), COMMENTER + PERSON) == []


def test_an_old_ledgers_plaintext_still_reads_and_replays_but_has_no_key_to_erase(tmp_path: Path) -> None:
    """Events stored before sealing keep their plaintext: nothing here can erase it (README)."""
    from tests.integration.test_old_ledger import old_copy

    db = old_copy(tmp_path)
    ledger = Ledger(str(db))
    try:
        comment = decision_show(ledger, DECISION)["comments"][0]
        assert comment["commenter"] == "刘某"  # stored in clear by the code of the time
        assert subjects(ledger) == []
        with pytest.raises(NotFound):
            run(ledger.app, "S001", "privacy.erase", subject=COMMENT, reason="本人申请")
    finally:
        ledger.close()
    replayed = cli_out(db, "audit", "replay", "--format", "json")
    assert replayed.exit_code == 0, replayed.output
    assert json.loads(replayed.output)["ok"]


def test_a_key_destroyed_behind_the_ledgers_back_shows_as_lost_not_as_erased(
    recorded: tuple[LedgerApp, Path],
) -> None:
    """The insider who nulls a key by hand: the data is gone, but no erasure is on record."""
    app, db = recorded
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE personal_keys SET key = NULL WHERE subject = ?", (COMMENT,))
    conn.close()
    listed = {r["subject"]: r["status"] for r in subjects(Ledger(str(db), app=app))}
    assert listed[COMMENT] == "lost" and listed[REPRESENTATIVE] == "kept"


def test_a_writer_holding_a_key_erased_meanwhile_by_another_process_writes_nothing(
    recorded: tuple[LedgerApp, Path], clock: FakeClock
) -> None:
    """Two processes on one file: the first still has the key in memory when the second erases."""
    app, db = recorded
    version = next(
        r["version"]
        for r in Ledger(str(db), app=app).show(f"decision:{DECISION}")["history"]
        if "comment C001" in r["summary"]
    )
    assert app.vault.key(COMMENT) is not None  # loaded, and kept in memory
    other = LedgerApp(str(db), clock=clock)
    erase(other, COMMENT)
    other.close()
    before = app.max_position()
    fields = {"aggregate": f"decision:{DECISION}", "version": version, "reason": "补录"}
    with pytest.raises(Refused, match="erased meanwhile"):
        run(app, "S002", "correct", **fields, replace={"commenter": "迟到者"})
    assert app.max_position() == before
    assert (
        decision_show(Ledger(str(db), app=app), DECISION)["comments"][0]["commenter"] == ERASED
    )  # not stale


def test_a_correction_that_brings_its_own_sealed_value_is_refused(recorded: tuple[LedgerApp, Path]) -> None:
    """The insider who copies another subject's ciphertext into a comment, or hides a name in a
    forged sealed value's subject, so that it is stored in clear."""
    app, db = recorded
    history = Ledger(str(db), app=app).show(f"open_day:{OPEN_DAY}")["history"]
    r02 = next(r["version"] for r in history if r["summary"].startswith("R02 "))
    r01 = next(r["version"] for r in history if r["summary"].startswith("R01 "))
    before = app.max_position()
    stolen = next(
        json.loads(state)["name"]
        for (state,) in sqlite3.connect(db).execute("SELECT state FROM stored_events")
        if b"representative:R02" in state
    )
    forged = {"subject": "欧阳娜娜 13912345678", "nonce": "AAAA", "ciphertext": "AAAA"}
    for fake in (stolen, forged):
        with pytest.raises(InvalidInput) as e:
            run(
                app,
                "S001",
                "correct",
                aggregate=f"open_day:{OPEN_DAY}",
                version=r01,
                reason="x",
                replace={"name": fake},
            )
        assert e.value.field == "replace.name"
    assert app.max_position() == before and r02 != r01
