"""The command vocabulary; importing this package defines every command."""

from ledger.commands import audit, calendar, org, policy

__all__ = ["audit", "calendar", "org", "policy"]
