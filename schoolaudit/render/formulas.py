"""Text a spreadsheet would run as a formula, named in one place.

Kept apart from `render.xlsx` (which loads openpyxl) so the CSV writer can use
it without loading openpyxl: a batch starts its workers before anything needs it.
"""

from __future__ import annotations

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
"""Excel, LibreOffice and Sheets start a formula (or DDE) with these; OWASP's list."""


def formula_safe(value: object) -> object:
    """A text cell a spreadsheet will show as text: `=1+1` becomes `'=1+1`."""
    if isinstance(value, str) and value.startswith(FORMULA_LEADS):
        return "'" + value
    return value
