"""The keys and fields the deadline board adds to its rows, apart from the fold (which needs the
aggregates): a read of the stored board knows them without importing it."""

CALENDAR = "calendar|"  # the calendar years the board is dated by, one row each
DATED = ("due", "why")  # what the board adds to an obligation's own row
