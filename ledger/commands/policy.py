"""Policy commands: record a version of the regime's numbers with their citations."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from aggregates.authority import Act
from aggregates.policy import Policy, PolicyBook
from ledger.application import UnitOfWork
from ledger.commands.base import Command
from ledger.rules.readings import READINGS_FILE


def packaged_policies() -> list[Policy]:
    """The policy versions shipped with the ledger (``ledger/policy_data/*.json``)."""
    folder = resources.files("ledger") / "policy_data"
    found = [
        Policy.model_validate(json.loads(f.read_text(encoding="utf-8")))
        for f in folder.iterdir()
        if f.name.endswith(".json") and f.name != READINGS_FILE  # the ledger's readings: no regime version
    ]
    return sorted(found, key=lambda p: (p.effective_from, p.version))  # a later version of a day wins


def record_policy(uow: UnitOfWork, policy: Policy, effective: Any) -> None:
    stamp = uow.stamp(effective)
    book = uow.get(PolicyBook, PolicyBook.id_for())
    if book is None:
        uow.add(PolicyBook.start(stamp, policy))
    else:
        uow.changed(book)
        book.record(stamp, policy)


class RecordPolicy(Command):
    """Record a version of the policy data (every number with its citation)."""

    name = "policy.record"
    generate_cli = False  # `ledger policy load FILE`
    policy: Policy

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.RECORD_POLICY)
        record_policy(uow, self.policy, self.effective)
        return {"message": f"policy {self.policy.version} recorded"}


class SeedPolicy(Command):
    """Record the packaged policy versions the ledger does not hold yet."""

    name = "policy.seed"

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.RECORD_POLICY)
        book = uow.get(PolicyBook, PolicyBook.id_for())
        known = set(book.versions) if book else set()
        added = [p.version for p in packaged_policies() if p.version not in known]
        for policy in packaged_policies():
            if policy.version in added:
                record_policy(uow, policy, self.effective)
        return {"versions": added, "message": f"policy versions recorded: {', '.join(added) or 'none'}"}
