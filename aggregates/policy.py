"""Policy data: every number of the regime, versioned, with its citation.

Aggregates receive a :class:`Policy` as an argument; they never hold numbers of
their own, so a bureau with different numbers records a new version instead of
changing code.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from aggregates.base import Aggregate, Event, Frozen, Stamp, stable_id
from aggregates.errors import InvalidInput, NotFound, Refused


class Rule(Frozen):
    """One number (or reading) of the regime."""

    value: int | float | str
    unit: str
    citation: str
    text: str


class Policy(Frozen):
    """A version of the policy data, in force from ``effective_from``."""

    version: str
    effective_from: date
    source: str
    rules: dict[str, Rule]

    def rule(self, key: str) -> Rule:
        try:
            return self.rules[key]
        except KeyError:
            raise NotFound("policy", f"policy {self.version} has no rule {key!r}") from None

    def number(self, key: str) -> int:
        value = self.rule(key).value
        if not isinstance(value, int):
            raise InvalidInput("policy", f"rule {key!r} of {self.version} is not a whole number")
        return value

    def cite(self, key: str) -> str:
        return self.rule(key).citation


class PolicyBook(Aggregate):
    """Every version of the policy data the ledger has been given."""

    kind = "policy"

    versions: dict[str, Policy]

    @staticmethod
    def id_for() -> UUID:
        return stable_id("policy", "book")

    @classmethod
    def start(cls, stamp: Stamp, policy: Policy) -> PolicyBook:
        return cls._create(cls.id_for(), cls.VersionRecorded, stamp, policy=policy)

    def record(self, stamp: Stamp, policy: Policy) -> None:
        if policy.version in self.versions:
            raise Refused("version", f"policy version {policy.version} is already recorded")
        latest = self.latest()
        if latest and policy.effective_from < latest.effective_from:
            raise Refused(
                "effective_from",
                f"a new version takes effect on or after {latest.effective_from} ({latest.version})",
            )
        self._trigger(self.VersionRecorded, stamp, policy=policy)

    def latest(self) -> Policy | None:
        return next(reversed(self.versions.values()), None) if self.versions else None

    def in_force(self, on: date) -> Policy | None:
        """The version in force on a date (the last one that had taken effect)."""
        found = None
        for policy in self.versions.values():
            if policy.effective_from <= on:
                found = policy
        return found

    class VersionRecorded(Event):
        creates = True
        policy: Policy

        def apply(self, book: PolicyBook) -> None:
            if self.originator_version == 1:
                book.versions = {}
            book.versions = {**book.versions, self.policy.version: self.policy}

        def summary(self) -> str:
            return (
                f"policy {self.policy.version} in force from {self.policy.effective_from}, "
                f"{len(self.policy.rules)} rules"
            )
