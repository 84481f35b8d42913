"""The command vocabulary; importing this package defines every command."""

from ledger.commands import assessment, audit, calendar, catalogue, decision, duties, openday, org, policy

__all__ = ["assessment", "audit", "calendar", "catalogue", "decision", "duties", "openday", "org", "policy"]
