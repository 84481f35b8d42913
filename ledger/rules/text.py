"""What a clerk types, made fit to print: dates as a Chinese clerk writes them, identifiers
folded to their ASCII form, e-mail addresses, telephone numbers and titles checked, and the
README's placeholders refused, each with a message that says what to type instead.

Every check raises :class:`PydanticCustomError`, so a command's one-line error names the
field and a rule a clerk can follow, never a regex or a pydantic default.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from pydantic_core import PydanticCustomError

from ledger.rules.folding import fold  # one form for what was typed (a stored read needs it alone)
from ledger.rules.readings import reading

DATE_HINT = "use YYYY-MM-DD, e.g. 2026-09-01"

# 2026-09-01, 2026/9/1, 2026.09.01, 2026年9月1日 (after NFKC: full-width digits fold too)
_DAY = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# 028-26650101, (0832)1234567, +86 138 0000 0000, 12345, 400-123-4567, 028-12345678转123
_PHONE = re.compile(r"(\+?\d[\d\- ]*|\(\d+\)[\d\- ]*)\d((转|ext\.?|x)\s*\d{1,6})?")
# http(s)://host[:port]/path — an address a reader can type from a printed notice
_URL = re.compile(r"https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d{1,5})?(/[A-Za-z0-9._~%!$&'()*+,;=:@/?#-]*)?")
# a README placeholder: `…`, `...`, `<title>`, `a|b`; the Chinese ellipsis `……` is prose
_ELLIPSIS = re.compile(r"(?<!…)…(?!…)|\.\.\.")
_ONLY_DOTS = re.compile(r"[\s.…。·]*")
_ANGLE = re.compile(r"<[^<>]*>")
_MARKS = re.compile(r"[.…|<]")  # what every placeholder but blank-ish text holds


def clerk_day(value: Any) -> Any:
    """A date from what a clerk types; a ``date`` passes, anything else is refused with the hint."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        if _ISO_DAY.fullmatch(value):  # 2026-09-01 as most lines give it: no folding to do
            try:
                return date(int(value[:4]), int(value[5:7]), int(value[8:]))
            except ValueError:
                pass  # no such day: said below, as for any other form
        found = _DAY.fullmatch(fold(value))
        if found:
            year, month, day = (int(g) for g in found.groups())
            try:
                return date(year, month, day)
            except ValueError:
                raise PydanticCustomError(
                    "date", "{typed} is not a date (no such day); " + DATE_HINT, {"typed": repr(value)}
                ) from None
        raise PydanticCustomError("date", "{typed} is not a date; " + DATE_HINT, {"typed": repr(value)})
    raise PydanticCustomError("date", "not a date; " + DATE_HINT)


def email(value: str) -> str:
    text = fold(value)
    if not _EMAIL.fullmatch(text):
        raise PydanticCustomError(
            "email", "{typed} is not an e-mail address; e.g. zqyj@example.gov.cn", {"typed": repr(value)}
        )
    return text


def phone(value: str) -> str:
    text = fold(value)
    digits = sum(c.isdigit() for c in text)
    if not _PHONE.fullmatch(text) or not 5 <= digits <= 20:
        raise PydanticCustomError(
            "phone",
            "{typed} is not a telephone number; digits with an area code, e.g. 028-26650101",
            {"typed": repr(value)},
        )
    return text


def url(value: str) -> str:
    text = fold(value)
    if not _URL.fullmatch(text):
        raise PydanticCustomError(
            "url",
            "{typed} is not a web address; e.g. http://www.yanjiang.gov.cn/zwgk/jcygk/2026/01.html",
            {"typed": repr(value)},
        )
    return text


def title(value: str) -> str:
    """A title without the 《》 a notice puts round it: one enclosing pair is taken off, any
    other is refused (a document quoted inside a title takes 〈〉)."""
    text = value.strip(" \u3000")
    if text.startswith("《") and text.endswith("》"):
        text = text[1:-1].strip()
    if "《" in text or "》" in text:
        raise PydanticCustomError(
            "title",
            "write the title without 《》 (the notice adds them); quote a document inside it with 〈〉",
        )
    if not text:
        raise PydanticCustomError("title", "a title is required")
    most = reading("text.title_max_chars")
    if len(text) > most:
        raise PydanticCustomError(
            "too_long",
            "{length} characters; a title holds at most {most} (text.title_max_chars, 本台账读作)",
            {"length": len(text), "most": most},
        )
    return text


def placeholder(text: str, multi_line: bool) -> str | None:
    """What in ``text`` is a placeholder pasted from an example, if anything is."""
    if _MARKS.search(text) is None:  # most text: no dot, ellipsis, bar or angle to look at
        return f"{text.strip()!r} is a placeholder" if text.strip() and _ONLY_DOTS.fullmatch(text) else None
    if text and _ONLY_DOTS.fullmatch(text) and text.strip():
        return f"{text.strip()!r} is a placeholder"
    if multi_line:
        found = _ELLIPSIS.search(text)
        return f"{found.group()!r} marks text left out" if found else None
    if found := _ELLIPSIS.search(text):
        return f"{found.group()!r} marks text left out"
    if "|" in text:
        return "'a|b' offers a choice"
    if found := _ANGLE.fullmatch(text.strip()):
        return f"{found.group()!r} is a placeholder"
    return None


def check_text(text: str, multi_line: bool) -> None:
    """Refuse a placeholder or an over-long value in any text field."""
    problem = placeholder(text, multi_line)
    if problem is not None:
        raise PydanticCustomError(
            "placeholder", "{problem}: type the text itself, as it is to be printed", {"problem": problem}
        )
    key = "text.multi_line_max_chars" if multi_line else "text.line_max_chars"
    if len(text) > reading(key):
        raise PydanticCustomError(
            "too_long",
            "{length} characters; at most {most} ({key}, 本台账读作)",
            {"length": len(text), "most": reading(key), "key": key},
        )
