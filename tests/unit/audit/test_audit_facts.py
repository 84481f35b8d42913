"""The raw audit names the events it follows by their stored topics, written out so that
`audit verify` imports no model: each must be the topic eventsourcing stores for its class."""

from __future__ import annotations

from uuid import UUID

import pytest
from eventsourcing.utils import get_topic

from aggregates import audit_facts
from aggregates.audit import AuditKeys, Checkpoint, SignedAct, WitnessReestablished
from aggregates.org import Organisation, Staff


@pytest.mark.parametrize(
    ("named", "event"),
    [
        (audit_facts.CHECKPOINT_TAKEN, Checkpoint.Taken),
        (audit_facts.AUDIT_KEY_REGISTERED, AuditKeys.Registered),
        (audit_facts.WITNESS_REESTABLISHED, WitnessReestablished.Recorded),
        (audit_facts.ACT_SIGNED, SignedAct.Signed),
        (audit_facts.STAFF_KEY_REGISTERED, Staff.KeyRegistered),
        (audit_facts.STAFF_KEY_REVOKED, Staff.KeyRevoked),
        (audit_facts.STAFF_ADDED, Staff.Added),
        (audit_facts.ORGANISATION_FOUNDED, Organisation.Founded),
    ],
)
def test_each_topic_the_audit_follows_is_the_one_its_event_is_stored_under(named: str, event: type) -> None:
    assert named == get_topic(event)


def test_a_staff_member_s_id_is_the_one_their_records_are_stored_under() -> None:
    # a literal: ids on existing ledgers must never move
    assert audit_facts.stable_id("staff", "S001") == UUID("1f065052-f270-57a4-a8af-4d35199d678c")
    assert Staff.id_for("S001") == audit_facts.stable_id("staff", "S001")
