"""The bureau's disclosure column as a static website, and the supervisor's report.

Both are outputs, not a system: they render what the ledger already derives (the public
facts and each system's notices, the deadline board, the calendar, the last checkpoint)
from plain data handed in by ``ledger.interface.publishing``; nothing here reads storage.
"""
