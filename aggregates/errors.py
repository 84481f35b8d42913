"""Domain errors: every refusal names the field and the rule, with its article.

Each carries the exit code a script sees (the README's convention):
``1`` a rule refused the act (the message cites the article, or the separation-of-duties
rule); ``2`` the input is malformed or names something the ledger does not hold; ``3``
the ledger could not be used.
"""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the regime was broken, or the input cannot be acted on; nothing may be written.

    ``field`` is the input the clerk can fix, ``rule`` the rule in plain words,
    ``article`` the citation (``附件2 第六条(二)``) when the rule has one.
    """

    code = 1
    index: int | None = None  # which command of a batch was refused (an import names its line)

    def __init__(self, field: str, rule: str, article: str | None = None) -> None:
        self.field = field
        self.rule = rule
        self.article = article
        super().__init__(self.one_line())

    @property
    def exit_code(self) -> int:
        return self.code

    def one_line(self) -> str:
        cite = f" ({self.article})" if self.article else ""
        return f"{self.field}: {self.rule}{cite}"


class InvalidInput(DomainError):
    """The input is wrong. When the rule it breaks has an article, the rule refused it
    (exit 1, a value outside what the article allows); otherwise it is malformed (exit 2)."""

    code = 2

    @property
    def exit_code(self) -> int:
        return 1 if self.article else 2


class Malformed(InvalidInput):
    """The input is not of the right shape (a type, a format, a missing field): exit 2,
    even when the field's article is cited to help."""

    @property
    def exit_code(self) -> int:
        return 2


class Refused(DomainError):
    """The input is well formed but the act is not allowed now, or not for this actor."""

    code = 1


class NotFound(DomainError):
    """The input names something the ledger does not hold: exit 2, like any other bad input.

    ``value`` is what was typed, when known, so that a front end can suggest a near match."""

    code = 2

    def __init__(self, field: str, rule: str, article: str | None = None, value: str | None = None) -> None:
        self.value = value
        super().__init__(field, rule, article)


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
    """The ledger itself cannot take this act (its audit witness is missing or broken, or
    its storage cannot be used: read-only, locked, unreachable, not a ledger): exit 3."""

    code = 3
