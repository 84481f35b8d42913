"""A read opens the personal data it shows: the keys of those subjects, in one query, not the
whole key table (a province's ledger keeps a key per commenter, hundreds of thousands)."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

import pytest

from aggregates.privacy import ERASED
from ledger.application import LedgerApp
from ledger.interface import Ledger
from ledger.interface.decision import decision_show
from ledger.storage.view_index import CHUNK as SUBJECTS_AT_ONCE
from tests.integration.privacy.test_erasure import COMMENT, COMMENTER, DECISION, erase, recorded

__all__ = ["recorded"]


class KeyReads:
    """What the recorder is asked for: the subjects of each by-need read; never the whole table."""

    def __init__(self, app: LedgerApp, monkeypatch: pytest.MonkeyPatch) -> None:
        self.asked: list[set[str]] = []
        recorder: Any = app.recorder
        some = recorder.personal_keys_of

        def by_need(subjects: Collection[str]) -> Any:
            self.asked.append(set(subjects))
            return some(subjects)

        def whole() -> Any:
            raise AssertionError("the whole key table was read")

        monkeypatch.setattr(recorder, "personal_keys_of", by_need)
        monkeypatch.setattr(recorder, "personal_keys", whole)
        app.__dict__.pop("vault", None)  # a vault made now, with the counted readers


def test_showing_a_decision_reads_its_commenters_keys_only(
    recorded: tuple[LedgerApp, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    app, db = recorded
    reads = KeyReads(app, monkeypatch)
    shown = decision_show(Ledger(str(db), app=app), DECISION)
    assert [c["commenter"] for c in shown["comments"]] == [COMMENTER[0]]
    assert set().union(*reads.asked) == {COMMENT}
    assert len(reads.asked) == 1  # one query for every subject the read shows


def test_a_subject_erased_reads_as_erased_when_read_by_need(
    recorded: tuple[LedgerApp, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    app, db = recorded
    erase(app, COMMENT)
    KeyReads(app, monkeypatch)
    assert decision_show(Ledger(str(db), app=app), DECISION)["comments"][0]["commenter"] == ERASED


def test_the_key_table_answers_for_more_subjects_than_one_query_holds(
    recorded: tuple[LedgerApp, Path],
) -> None:
    app, _ = recorded
    asked = {COMMENT} | {f"decision:X:comment:C{i:04d}" for i in range(SUBJECTS_AT_ONCE * 2 + 3)}
    found = app.recorder.personal_keys_of(asked)  # type: ignore[attr-defined]
    assert set(found) == {COMMENT}
    key, _created, erased = found[COMMENT]
    assert key is not None and len(key) == 32 and erased is None
