"""The ledger application: storage, calendar, policy, commands and the interface the CLI calls."""
