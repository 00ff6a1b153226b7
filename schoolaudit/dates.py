"""Dates as people in UK schools type them, read one way everywhere.

A school business manager writes 5 September 2026 as `05/09/2026`, day
first; a US-style reading (9 May) would silently judge a review as months
older or newer than it is. So every date a person types (the interview's
prompts, `--date`, a filled template) goes through `parse_typed_date`, which
reads day first, still takes the ISO form the tool itself writes
(`2026-09-05`), and refuses an impossible date with the form to use rather
than guessing. Files the tool writes keep ISO dates.
"""

from __future__ import annotations

import datetime as dt
import re

DATE_FORM = "DD/MM/YYYY"
"""The form named in prompts and messages."""
DATE_EXAMPLE = "05/09/2026 for 5 September 2026"

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
EXCEL_EPOCH = dt.date(1899, 12, 30)
"""Day 0 of Excel's (and LibreOffice's) date serial numbers, past the 1900 leap-year bug."""
_SERIALS = range(36526, 73051)  # 1 January 2000 to 31 December 2099: no audit is outside it


class DateError(ValueError):
    """Typed text that is not a real date; the message names the form to use."""


def parse_typed_date(text: str) -> dt.date:
    """The date `text` means, read day first: `05/09/2026`, `5.9.2026`, `5 Sep 2026`, `2026-09-05`.

    Raises `DateError` for anything else, including an impossible date such as
    `31/02/2026`, whose message says how to write one.
    """
    parts = _parts(text.strip().lower())
    if parts is None:
        raise DateError(_refusal(text, "a date"))
    year, month, day = parts
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(_refusal(text, "a real date")) from None


def _refusal(text: str, what: str) -> str:
    return f"'{text.strip()}' is not {what} (write it as {DATE_FORM}, e.g. {DATE_EXAMPLE})"


def _parts(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) as written, not yet checked to be a real date."""
    if match := _ISO.match(text):
        return int(match[1]), int(match[2]), int(match[3])
    if match := _DAY_FIRST.match(text):
        return int(match[4]), int(match[3]), int(match[1])
    if (match := _WORDS.match(text)) and match[2] in _MONTHS:
        return int(match[3]), _MONTHS[match[2]], int(match[1])
    return None


def from_excel_serial(number: float) -> dt.date | None:
    """The date an Excel serial number (46270 = 5 September 2026) stands for.

    A date cell whose format was cleared shows, and is read as, its serial
    number; only whole numbers in this century are taken as dates, so an
    ordinary number is never turned into one.
    """
    if isinstance(number, bool) or not float(number).is_integer() or int(number) not in _SERIALS:
        return None
    return EXCEL_EPOCH + dt.timedelta(days=int(number))
