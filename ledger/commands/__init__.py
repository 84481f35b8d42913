"""The command vocabulary; importing this package defines every command."""

from ledger.commands import assessment, calendar, catalogue, decision, duties, org, policy

__all__ = ["assessment", "calendar", "catalogue", "decision", "duties", "org", "policy"]
