"""Audit: prove the record intact from the raw rows; checkpoints, signatures, replay, export, migrate.

Verification trusts nothing above the database: it reads one read-only snapshot of the
raw rows (an SQLite file with ``sqlite3``, PostgreSQL with ``psycopg``), hashes the raw
columns of the stored events in position order (see ``ledger.storage.chain``) and checks
them against every independent witness it can find:

1. the witness table ``audit_chain`` (written with every save): per position, so it
   says *where* and *what*: payload or topic changed, deleted, inserted, swapped;
2. the witness against itself (links recomputed from its own rows);
3. the checkpoints recorded in the ledger (head and size at a position; their
   signatures, by a key registered in the ledger; no event after a checkpoint may claim
   to be recorded before it), a superseded one reported as such;
4. checkpoint files and receipts handed out (``--checkpoint``, ``--receipts``), signed
   with the bureau's key: the only witnesses an insider with the file cannot rewrite;
5. the projections' tracking positions (a projection cannot have folded an event
   that is no longer there);
6. the acts that re-established a lost witness: breaks in the chain, always reported;
7. the signed acts (``signatures``): every act's signature against the key its actor
   had registered then, every event against the digest its act signed, and (where the
   ledger requires signing) every event covered by an act — no witness or checkpoint needed.

Problems are data: every one found, each with its position, kind and detail.

This package is the one place outside ``ledger.storage`` that reads the database
below the application, and it does so on purpose: a check that went through the
recorder would trust the very code an insider could change. Where each part lives:

- ``findings``: the kinds of problem, ``Finding`` and ``Report``;
- ``keys``: Ed25519 key files, signing, the checkpoint statement;
- ``raw``: a ``RawSource`` (one read-only snapshot of the raw rows; SQLite here,
  PostgreSQL in ``raw_postgres``), the chain over them;
- ``checkpoints``: a checkpoint (from a row, a file or a receipt) as a claim to check;
- ``receipts``: receipts read from files and notices; the monitor's rollback and fork check;
- ``signatures``: the checks of signed acts (``ledger.signing`` writes them);
- ``verify``: every check above;
- ``export``: the date-range export for supervisors, and its offline check;
- ``replay``: every projection rebuilt from position 0 and compared with the live copy;
- ``migrate``: the record copied to another database, every position kept, verified on both.
"""
