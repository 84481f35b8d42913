"""The command vocabulary; importing this package defines every command."""

from ledger.commands import calendar, org, policy

__all__ = ["calendar", "org", "policy"]
