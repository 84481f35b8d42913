"""A staff member's signing keys: registered, rotated, revoked; never a revoked key again."""

from __future__ import annotations

import pytest

from aggregates.errors import InvalidInput, Refused
from aggregates.org import Staff, Unit, UnitKind, key_id
from tests.support.clock import stamp

A, B = "ab" * 32, "cd" * 32


def clerk() -> Staff:
    unit = Unit.establish(stamp(), "FIN", "金融股", UnitKind.SECTION)
    return Staff.add(stamp(), "S002", "李明", unit)


def test_a_registered_key_is_the_one_the_clerk_signs_with_and_a_new_one_replaces_it() -> None:
    staff = clerk()
    staff.register_key(stamp(), A.upper())
    assert staff.public_key == A
    staff.register_key(stamp(), B)
    assert staff.public_key == B
    rotated = staff.pending()[-1]
    assert isinstance(rotated, Staff.KeyRegistered) and rotated.replaces == key_id(A)


def test_a_key_that_is_not_64_hex_digits_is_invalid() -> None:
    with pytest.raises(InvalidInput, match="64 hex digits"):
        clerk().register_key(stamp(), "not a key")


def test_a_revoked_key_signs_nothing_and_is_never_registered_again() -> None:
    staff = clerk()
    staff.register_key(stamp(), A)
    staff.revoke_key(stamp(), "电脑丢失")
    assert staff.public_key is None and key_id(A) in staff.revoked
    with pytest.raises(Refused, match="never registered again"):
        staff.register_key(stamp(), A)
    with pytest.raises(Refused, match="no key to revoke"):
        staff.revoke_key(stamp(), "again")
