"""A vault for tests of the aggregates alone: real sealing, keys kept in memory, no storage."""

from __future__ import annotations

from ledger.vault import KeyVault, VaultSession


def memory_vault() -> VaultSession:
    """Seals and opens like the ledger's vault; its keys live as long as the object."""
    return VaultSession(KeyVault(dict), "2026-01-01T00:00:00+00:00")
