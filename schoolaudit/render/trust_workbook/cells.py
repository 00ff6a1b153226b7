"""Cells for the trust workbook's streamed (write-only) sheets.

A trust workbook can hold 24,000 schools, so its sheets are written row by row
in openpyxl's write-only mode, which keeps memory flat. Cells there are
`WriteOnlyCell`s; these helpers give them the same rules as every other
workbook schoolaudit writes (`render.xlsx`): text from a school's file is
stored as text, never a formula, and ratings are words as well as colours.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import IO, Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell as OpenpyxlCell
from openpyxl.styles import Alignment, PatternFill
from openpyxl.utils import get_column_letter

from schoolaudit.render.colours import COLOURS
from schoolaudit.render.formulas import FORMULA_LEADS
from schoolaudit.render.sheetxml import Styled, Value, XmlRows
from schoolaudit.render.xlsx import (
    BODY,
    CELL_PADDING,
    DATE_FORMAT,
    FONT_SIZE,
    HEADER_FILL,
    LINE_HEIGHT,
    MAX_ROW_HEIGHT,
    WRAP,
    clean_text,
    font,
    print_setup,
    row_height,
    width_points,
    wrapped_lines,
)

Sheet = Any
"""A write-only worksheet. openpyxl's type stubs describe only the normal kind, so
they deny write-only sheets the parts they do have (auto_filter, print set-up,
conditional formats)."""
Cell = Any  # a WriteOnlyCell, likewise

SHARE_FORMAT = "0%"
CHANGE_FORMAT = "+0.0;-0.0;0.0"  # a change in score shows its sign: +31.2, -6.2
TITLE = "Online safety audit: trust summary"
FOOTER = "Online safety audit: trust summary"
HEADER_FONT = font(bold=True, color="FFFFFF")
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center")
TURNED = Alignment(wrap_text=True, vertical="bottom", horizontal="center", text_rotation=90)
BOLD = font(bold=True)
PLAIN = Alignment()
TOP = Alignment(vertical="top")
RATING_STYLES = {
    word: (PatternFill("solid", fgColor=fill), font(bold=True, color=ink))
    for word, (fill, ink) in COLOURS.items()
}


def text(sheet: Sheet, value: str, *, wrap: bool = False) -> Cell:
    """A text cell that stays text whatever it starts with (`=1+1` is a school's name).

    Most text needs no styled cell: a plain string not starting with a formula
    lead is stored as text by openpyxl, and is four times cheaper to write,
    which matters at 24,000 rows. The rest get a cell marked as text with the
    quote prefix Excel itself sets for `'=…`.
    """
    cleaned = clean_text(value)
    if not wrap and not cleaned.startswith(FORMULA_LEADS):
        return cleaned
    cell = text_cell(sheet, cleaned)
    if wrap:
        cell.alignment = WRAP
    return cell


def text_cell(sheet: Sheet, value: str) -> Cell:
    """A cell (to be styled) that holds `value` as text."""
    cleaned = clean_text(value)
    cell = WriteOnlyCell(sheet, cleaned)
    cell.data_type = "s"
    cell.font = BODY
    if cleaned.startswith(FORMULA_LEADS):
        cell.quotePrefix = True
    return cell


def number(sheet: Sheet, value: float | None, fmt: str | None = None) -> Cell:
    """A figure, with a number format when given one (scores are rounded already,
    so they need none: 72.5 shows as 72.5, and an unstyled cell is cheap)."""
    if value is None or fmt is None:
        return value
    cell = WriteOnlyCell(sheet, value)
    cell.number_format = fmt
    cell.font = BODY
    return cell


def date(sheet: Sheet, iso: str) -> Cell:
    cell = WriteOnlyCell(sheet, dt.date.fromisoformat(iso))  # type: ignore[arg-type]
    cell.number_format = DATE_FORMAT
    cell.font = BODY
    return cell


def rating(sheet: Sheet, word: str | None) -> Cell:
    """The rating as a word in its colour: colour is never the only signal."""
    cell = WriteOnlyCell(sheet, word.upper() if word else "UNRATED")
    if word in RATING_STYLES:
        cell.fill, cell.font = RATING_STYLES[word]
    return cell


def header(sheet: Sheet, titles: Sequence[str]) -> list[Cell]:
    cells = []
    for title in titles:
        cell = text_cell(sheet, title)
        cell.fill = HEADER_FILL
        cell.font = HEADER_FONT
        cell.alignment = HEADER_ALIGNMENT
        cells.append(cell)
    return cells


def heading(sheet: Sheet, value: str, size: float = 12) -> list[Cell]:
    cell = text_cell(sheet, value)
    cell.font = font(bold=True, size=size)
    return [cell]


class Rows:
    """A write-only sheet and a count of its rows, with heights for wrapped text.

    Neither Excel nor LibreOffice grows a row for wrapped text a library wrote,
    and a write-only sheet can only be given a row's height before the row is
    written; so each row's height is worked out here from its wrapped cells
    (`render.xlsx.wrapped_lines`) as it goes out.
    """

    def __init__(self, sheet: Sheet, widths: Sequence[float], *, footer: str) -> None:
        self.sheet = sheet
        self.widths = list(widths)
        self.count = 0
        prepare(sheet, widths, footer)

    def append(self, values: Sequence[Cell]) -> int:
        """Write one row (plain values in the body font); return its number."""
        self.count += 1
        cells = [top_cell(self.sheet, value) for value in values]
        needed = wrapped_height(
            (cell.value, self.widths[n], cell.font.sz, bool(cell.font.b))
            for n, cell in enumerate(cells[: len(self.widths)])
            if isinstance(cell, OpenpyxlCell)
            and isinstance(cell.value, str)
            and cell.alignment.wrap_text
        )
        if needed is not None and self.sheet.row_dimensions[self.count].height is None:
            self.sheet.row_dimensions[self.count].height = needed
        self.sheet.append(cells)
        return self.count

    def header(self, titles: Sequence[str]) -> int:
        return self.append(header(self.sheet, titles))

    def heading(self, value: str, size: float = 12) -> int:
        """A bold title line in a row as tall as its type (a 16 pt title overlapped the next)."""
        self.sheet.row_dimensions[self.count + 1].height = row_height(1, size)
        return self.append(heading(self.sheet, value, size))

    def blank(self) -> int:
        return self.append([])


def wrapped_height(cells: Iterable[tuple[str, float, float, bool]]) -> float | None:
    """The height a row needs for its wrapped cells, each given as (text, column width, font
    size, bold); None when one line holds them all (the sheet's own height does)."""
    needed = max(
        (
            row_height(wrapped_lines(text, width, size, bold), size)
            for text, width, size, bold in cells
        ),
        default=0.0,
    )
    return needed if needed > row_height(1) else None


def top_cell(sheet: Sheet, value: Cell) -> Cell:
    """Every cell in the body font, at the top of its row (beside wrapped text)."""
    if value is None:
        return value
    cell = value if isinstance(value, OpenpyxlCell) else WriteOnlyCell(sheet, value)
    if not isinstance(value, OpenpyxlCell):
        cell.font = BODY
    if cell.alignment == PLAIN:
        cell.alignment = TOP
    return cell


class TableRows:
    """A table of text that wraps (Common gaps, Errors), its rows written as XML.

    The rows look as `Rows` makes them (every cell at the top of its row, long
    text wrapped, each row as tall as its wrapped cells need), but go out as
    SpreadsheetML text (`sheetxml.XmlRows`): a national batch can name thousands
    of problems, and openpyxl takes ~40 µs a cell. The styles are the cells
    `Rows` would make, registered once (`table_styles`).
    """

    def __init__(
        self, sheet: Sheet, out: IO[str], styles: dict[str, int], widths: Sequence[float]
    ) -> None:
        prepare(sheet, widths, FOOTER)
        self.widths = list(widths)
        self.rows = XmlRows(out, styles, len(widths))

    @property
    def count(self) -> int:
        return self.rows.count

    def append(self, values: Sequence[Value]) -> int:
        """One row: `wrapped` and `top` texts, and figures (in the `top` style)."""
        needed = wrapped_height(
            (clean_text(value.value), self.widths[n], FONT_SIZE, False)
            for n, value in enumerate(values)
            if isinstance(value, Styled)
            and value.style in _WRAPPED
            and isinstance(value.value, str)
        )
        return self.rows.append(values, needed)

    def header(self, titles: Sequence[str]) -> int:
        needed = wrapped_height(
            (clean_text(title), width, FONT_SIZE, True)
            for title, width in zip(titles, self.widths, strict=True)
        )
        return self.rows.append([Styled(title, "header") for title in titles], needed)

    def heading(self, value: str, size: float = 12) -> int:
        """A bold title line in a row as tall as its type."""
        style = f"heading{size:g}"
        return self.rows.append([Styled(value, style)], row_height(1, size))

    def blank(self) -> int:
        return self.rows.blank()


_WRAPPED = ("wrapped", "wrapped_quoted")


def wrapped(value: str) -> Styled | None:
    """Text that wraps in its column (and stays text, whatever it starts with)."""
    if not value:
        return None  # no cell, as openpyxl writes an empty text
    quoted = clean_text(value).startswith(FORMULA_LEADS)
    return Styled(value, "wrapped_quoted" if quoted else "wrapped")


def top(value: str | float | None) -> Styled | None:
    """Text or a figure at the top of its row, in the body font."""
    if value is None or value == "":
        return None  # no cell, as openpyxl writes an empty text
    quoted = isinstance(value, str) and clean_text(value).startswith(FORMULA_LEADS)
    return Styled(value, "top_quoted" if quoted else "top")


def table_styles(sheet: Sheet) -> dict[str, int]:
    """The cell-format indexes `TableRows` writes with: each made as `Rows` makes its cells."""
    cells = {
        "wrapped": text(sheet, "x", wrap=True),
        "wrapped_quoted": text(sheet, "=", wrap=True),
        "top": "x",
        "top_quoted": text(sheet, "="),
        "share": number(sheet, 0.5, SHARE_FORMAT),
        "header": header(sheet, ["x"])[0],
        "heading12": heading(sheet, "x", 12)[0],
        "heading11": heading(sheet, "x", 11)[0],
    }
    return {name: int(top_cell(sheet, cell).style_id) for name, cell in cells.items()}


def prepare(sheet: Sheet, widths: Sequence[float], footer: str) -> None:
    """Column widths and print set-up: set before the first row is written."""
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    print_setup(sheet, footer)


def turned_height(titles: Sequence[str], widths: Sequence[float], turned: range) -> float:
    """The height a header row needs for its turned titles, each wrapped across its column.

    Turned text runs up the row's height and its lines stack across the column:
    the row is made tall enough that every title fits in the lines its column holds.
    """
    height = 40.0
    for position in turned:
        room = width_points(widths[position]) - CELL_PADDING
        lines = max(1, int(room // (FONT_SIZE * LINE_HEIGHT)))
        while height < MAX_ROW_HEIGHT and (
            wrapped_lines(titles[position], _width_for(height), bold=True) > lines
        ):
            height += 6.0
    return min(height * 1.15 + 6, MAX_ROW_HEIGHT)  # turned text gets less room than it seems


def _width_for(points: float) -> float:
    """The column width whose text room is `points` (the inverse of `width_points`)."""
    return (points / 0.75 - 5) / 7


def style_ids(sheet: Sheet) -> dict[str, int]:
    """The cell-format index of each style the directly written rows use (`sheetxml`).

    Asking a styled cell for its `style_id` registers its style in the workbook,
    so the index is valid in the styles part openpyxl writes.
    """
    cells: dict[str, Cell] = {"quoted": text_cell(sheet, "="), "body": text_cell(sheet, "")}
    cells["header"] = header(sheet, ["x"])[0]
    cells["turned"] = header(sheet, ["x"])[0]
    cells["turned"].alignment = TURNED
    cells["heading"] = heading(sheet, "x")[0]
    cells["date"] = date(sheet, "2026-01-01")
    cells["score"] = number(sheet, 0.0, "0.0")
    cells["change"] = number(sheet, 0.0, CHANGE_FORMAT)
    for word in RATING_STYLES:
        cells[word] = rating(sheet, word)
    return {name: int(cell.style_id) for name, cell in cells.items()}


def table_ref(first_row: int, last_row: int, columns: int) -> str:
    return f"A{first_row}:{get_column_letter(columns)}{max(last_row, first_row + 1)}"
