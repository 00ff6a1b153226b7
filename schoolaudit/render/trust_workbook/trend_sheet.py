"""The Trend sheet: each trust year by year, then each school's audits over the years.

Written only when some school was audited in more than one academic year
(`has_history`). The rows come from `render.trend_table` as plain values and
go out as SpreadsheetML like the Schools sheet's (`sheetxml`): a trust with a
history for every school has as many rows here as on Schools. Text is always
text (never a formula), ratings are words in their colours, and a year in
which a school was not audited is left empty.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from schoolaudit.render.sheetxml import Styled, Value, XmlRows
from schoolaudit.render.trend_table import TrendTable
from schoolaudit.render.trust_workbook.cells import FOOTER, Sheet, prepare, table_ref
from schoolaudit.render.xlsx import row_height, wrapped_lines
from schoolaudit.trend import Trend

TREND_TITLE = "Progress over the years"
TREND_NOTE = (
    "Each school's latest audit in each academic year (September to August). Trust figures "
    "count each school once a year; the Schools sheet shows each school's latest audit."
)
LEAD_WIDTHS = (26, 9, 16)  # School / Trust, URN / Year, Trust / Schools audited
YEAR_WIDTHS = (8, 8)  # a year's score and rating
TAIL_WIDTHS = (9, 10)  # change since first, since last audit


def has_history(trend: Trend) -> bool:
    """Whether any school was audited in more than one academic year."""
    return any(len({p.year for p in school.points}) > 1 for school in trend.schools)


def build_trend(sheet: Sheet, table: TrendTable, out: IO[str], styles: dict[str, int]) -> None:
    """The trust table, then the school table (with a filter); rows go to `out` as XML."""
    widths = [*LEAD_WIDTHS, *YEAR_WIDTHS * len(table.years), *TAIL_WIDTHS]
    widths += [8] * max(0, len(table.trust_headers) - len(widths))
    prepare(sheet, widths, FOOTER)
    rows = XmlRows(out, styles, len(widths))
    rows.append([Styled(TREND_TITLE, "heading")])
    rows.append([TREND_NOTE])
    rows.blank()
    _header(rows, table.trust_headers, widths)
    for row in table.trust_rows:
        rows.append(list(row))
    rows.blank()
    first = _header(rows, table.school_headers, widths)
    ratings = set(table.rating_columns)
    change = len(table.school_headers) - 2
    for row in table.school_rows:
        cells = [_rating(v) if n in ratings else v for n, v in enumerate(row)]
        cells[change] = None if row[change] is None else Styled(row[change], "change")
        rows.append(cells)
    sheet.auto_filter.ref = table_ref(first, rows.count, len(table.school_headers))
    sheet.freeze_panes = "B1"
    sheet.print_title_rows = f"{first}:{first}"


def _header(rows: XmlRows, titles: Sequence[str], widths: Sequence[float]) -> int:
    lines = max(wrapped_lines(t, w, bold=True) for t, w in zip(titles, widths, strict=False))
    return rows.append([Styled(t, "header") for t in titles], height=row_height(lines))


def _rating(word: Value) -> Value:
    """A rating word in its colour (`GREEN` on green); an empty cell stays empty."""
    return Styled(word, word.lower()) if isinstance(word, str) and word != "UNRATED" else word
