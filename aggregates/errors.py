"""Domain errors: every refusal names the field and the rule, with its article."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the regime was broken; nothing may be written.

    ``field`` is the input the clerk can fix, ``rule`` the rule in plain words,
    ``article`` the citation (``附件2 第六条(二)``) when the rule has one.
    """

    exit_code = 1
    index: int | None = None  # which command of a batch was refused (an import names its line)

    def __init__(self, field: str, rule: str, article: str | None = None) -> None:
        self.field = field
        self.rule = rule
        self.article = article
        super().__init__(self.one_line())

    def one_line(self) -> str:
        cite = f" ({self.article})" if self.article else ""
        return f"{self.field}: {self.rule}{cite}"


class InvalidInput(DomainError):
    """The input itself is wrong (a value outside what the rules allow)."""

    exit_code = 2


class Refused(DomainError):
    """The input is well formed but the act is not allowed now, or not for this actor."""

    exit_code = 1


class NotFound(Refused):
    """The act refers to something the ledger does not hold."""


class NoCalendar(Refused):
    """A computation needs a working-day calendar for a year the ledger does not hold."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            "calendar",
            f"no working-day calendar for {year}; load one with "
            f"`ledger calendar load FILE` once the State Council announces it",
        )


class Unusable(DomainError):
    """The ledger itself cannot take this act (its audit witness is missing or broken): exit 3."""

    exit_code = 3
