"""The `ledger` command line: parse, build a command, call the ledger's interface, print."""
