"""The command vocabulary: one module per system (see ``ledger.systems``), imported when first needed."""
