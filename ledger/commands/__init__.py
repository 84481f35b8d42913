"""The command vocabulary; importing this package defines every command."""

from ledger.commands import calendar, decision, org, policy

__all__ = ["calendar", "decision", "org", "policy"]
