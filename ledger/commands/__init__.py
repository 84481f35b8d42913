"""The command vocabulary; importing this package defines every command."""

from ledger.commands import calendar, catalogue, org, policy

__all__ = ["calendar", "catalogue", "org", "policy"]
