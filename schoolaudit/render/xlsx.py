"""Cells and sheets made safe and printable with openpyxl, for every workbook schoolaudit writes.

Two rules hold for any spreadsheet made from a school's files: text that came
from a file is stored as text, never as a formula (a note starting with `=`,
`+`, `-` or `@` stays a note), and a sheet reads on paper as well as on screen
(rows tall enough for their wrapped text, landscape, one page wide, the header
row repeated, the school and page numbers in the footer). The governor's
workbook uses these today; the trust workbook and the fillable template are
meant to share them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from schoolaudit.render.colours import COLOURS

BOLD_WIDTH = 1.1  # bold text is about a tenth wider

# Excel, LibreOffice and Sheets start a formula (or DDE) with these; OWASP's list.
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRED = Alignment(wrap_text=True, vertical="top", horizontal="center")
FONT_NAME = "Calibri"  # the workbook's default; LibreOffice uses Carlito where installed
DATE_FORMAT = "dd mmm yyyy"
POINTS_PER_LINE = 15.0
# Widths of characters in units of column width (the width of "0"), for estimating how
# many lines wrapped text takes: narrow, wide, and the rest. They err wide: where
# Calibri is missing (LibreOffice without Carlito) DejaVu Sans is used, and a row a
# little too tall reads better than one that hides its last line.
NARROW = frozenset(" .,;:'|!ilIjtfr()[]-/")
WIDE = frozenset("0123456789ABCDEFGHJKLNOPQRSTUVXYZ×=+<>%#&~_–")
WIDER = frozenset("mwMW@—")
SPACE = 0.55
FOOTER_NAME_LIMIT = 80  # Excel refuses header/footer text over 255 characters
# Excel's own limits: a cell holds at most 32,767 characters and a row is at most 409
# points tall. Past either, Excel offers to "repair" the file; and a row taller than a
# page would print on a page of its own, clipped.
CELL_LIMIT = 32767
MAX_ROW_HEIGHT = 409.0
MAX_LINES = int(MAX_ROW_HEIGHT // POINTS_PER_LINE)  # of wrapped text, in the tallest row
CUT_MARK = " … [cut: a cell holds at most 32,767 characters; the rest is in the answers file]"

Value = str | int | float | dt.date | None


def font(
    *, bold: bool = False, italic: bool = False, size: float | None = None, color: str | None = None
) -> Font:
    """A font in the workbook's face: a Font without a name prints in a serif in LibreOffice."""
    return Font(name=FONT_NAME, bold=bold, italic=italic, size=size, color=color)


# --- cells -----------------------------------------------------------------------------------


def text_cell(sheet: Worksheet, row: int, column: int, text: str) -> None:
    """Write `text` as a text cell, whatever it starts with.

    openpyxl turns a string starting with `=` into a formula; Excel starts
    formulas with `+`, `-` and `@` too. Setting the cell's data type to "s"
    stores the string as text, and the quote prefix (what Excel sets when a
    person types `'=…`) keeps it text if someone edits the cell later.
    Characters a worksheet cannot hold are shown as U+FFFD, never dropped silently.
    """
    cell = sheet.cell(row=row, column=column)
    cell.value = clean_text(text)
    cell.data_type = "s"
    if text.startswith(FORMULA_LEADS):
        cell.quotePrefix = True


def clean_text(text: str) -> str:
    """Text a workbook part can hold: the control characters XML forbids shown as U+FFFD,
    and no more than a cell's 32,767 characters (the cut is marked, never silent).

    Document properties go through this too: one forbidden character there makes
    the whole file unreadable.
    """
    text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)
    if _utf16_length(text) <= CELL_LIMIT:
        return text
    keep = CELL_LIMIT - _utf16_length(CUT_MARK)
    cut = text[:keep]
    while _utf16_length(cut) > keep:  # characters outside the BMP count twice in Excel
        cut = cut[:-1]
    return cut + CUT_MARK


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def put(sheet: Worksheet, row: int, column: int, value: Value, number_format: str = "") -> None:
    """Write one value: text always as text, numbers and dates as themselves."""
    if value is None:
        return
    if isinstance(value, str):
        text_cell(sheet, row, column, value)
        return
    cell = sheet.cell(row=row, column=column, value=value)
    if number_format:
        cell.number_format = number_format
    elif isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT


def fill_colour(sheet: Worksheet, row: int, column: int, colour: str | None) -> None:
    """Fill a cell with a rating or priority colour and matching dark, bold text."""
    if colour in COLOURS:
        fill, ink = COLOURS[colour]
        cell = sheet.cell(row=row, column=column)
        cell.fill = PatternFill("solid", fgColor=fill)
        cell.font = font(bold=True, color=ink)


def header_row(sheet: Worksheet, row: int, titles: Sequence[str]) -> None:
    for column, title in enumerate(titles, start=1):
        text_cell(sheet, row, column, title)
        cell = sheet.cell(row=row, column=column)
        cell.fill = HEADER_FILL
        cell.font = font(bold=True, color="FFFFFF")
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def table_rows(
    sheet: Worksheet,
    first_row: int,
    rows: Iterable[Sequence[Value]],
    formats: dict[int, str] | None = None,
    centred: Sequence[int] = (),
) -> int:
    """Write table rows, wrapped and top-aligned; return the last row written.

    `formats` maps a column (from 1) to its number format; other numbers show
    as General, which prints 0.75 as 0.75 and 2.0 as 2. `centred` columns hold
    short figures or words that would otherwise touch their neighbours.
    """
    row = first_row - 1
    for values in rows:
        row += 1
        for column, value in enumerate(values, start=1):
            put(sheet, row, column, value, (formats or {}).get(column, ""))
            sheet.cell(row=row, column=column).alignment = CENTRED if column in centred else WRAP
    return row


def set_widths(sheet: Worksheet, widths: Sequence[float]) -> None:
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def paragraph(sheet: Worksheet, row: int, text: str, first: int, last: int) -> None:
    """Long text across merged columns, with a row height that shows all of it.

    Spreadsheets do not grow merged rows to fit wrapped text, so the height is
    set from the text's length and the merged width.
    """
    text_cell(sheet, row, first, text)
    sheet.cell(row=row, column=first).alignment = WRAP
    if last > first:
        sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    width = sum(column_width(sheet, column) for column in range(first, last + 1))
    sheet.row_dimensions[row].height = row_height(wrapped_lines(text, width))


def row_height(lines: int) -> float:
    """Points for `lines` of wrapped text, no taller than Excel allows (27 lines)."""
    return min(POINTS_PER_LINE * lines, MAX_ROW_HEIGHT)


def shorten(text: str, width: float, tail: str) -> str:
    """`text` cut so that it and `tail` fit the tallest row of a `width` column.

    Text that fits is returned as it is. A row cannot grow past Excel's limit,
    so longer text would print cut off mid-line with no sign of it; this ends it
    with `tail`, which says where the rest is. The cut falls between words
    where a word ends in the last half of what fits.
    """
    if wrapped_lines(text, width) <= MAX_LINES:
        return text
    low, high = 0, len(text)  # the most characters that fit, by bisection
    while low < high:
        middle = (low + high + 1) // 2
        if wrapped_lines(text[:middle] + tail, width) <= MAX_LINES:
            low = middle
        else:
            high = middle - 1
    kept = text[:low]
    space = kept.rfind(" ")
    return (kept[:space] if space > low // 2 else kept).rstrip() + tail


def column_width(sheet: Worksheet, column: int) -> float:
    width = sheet.column_dimensions[get_column_letter(column)].width
    return float(width) if width else 9.0


def wrapped_lines(text: str, width: float) -> int:
    """How many lines `text` takes wrapped in `width` units of column width.

    A greedy word wrap, as spreadsheets do it: a word that does not fit on the
    line moves down whole; a word longer than a line is broken.
    """
    capacity = max(1.0, width - 1)  # the cell's own padding
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split(" "):
            size = text_units(word)
            if used and used + SPACE + size > capacity:
                lines += 1
                used = 0.0
            used += (SPACE if used else 0.0) + size
            while used > capacity:
                lines += 1
                used -= capacity
    return lines


def text_units(text: str) -> float:
    """Roughly how wide `text` is, in units of column width."""
    return sum(
        0.55 if c in NARROW else 1.15 if c in WIDE else 1.5 if c in WIDER else 0.95 for c in text
    )


def fit_rows(sheet: Worksheet) -> None:
    """Give each row with wrapped text the height its longest cell needs.

    Neither Excel nor LibreOffice grows a row for wrapped text a library wrote,
    so without this long answers would overlap the next row on screen and paper.
    Rows whose height was set already (titles, merged paragraphs) are kept.
    """
    for number, cells in enumerate(sheet.iter_rows(min_row=1), start=1):
        if sheet.row_dimensions[number].height is not None:
            continue
        lines = max(
            (
                wrapped_lines(cell.value, _usable_width(sheet, cell))
                for cell in cells
                if isinstance(cell.value, str) and cell.alignment.wrap_text
            ),
            default=1,
        )
        if lines > 1:
            sheet.row_dimensions[number].height = row_height(lines)


def _usable_width(sheet: Worksheet, cell: Cell) -> float:
    """A column's width for this cell's text: bold text is wider, so less of it fits."""
    return column_width(sheet, cell.column) / (BOLD_WIDTH if cell.font.b else 1)


def sheet_title(sheet: Worksheet, text: str) -> None:
    text_cell(sheet, 1, 1, text)
    sheet.cell(row=1, column=1).font = font(bold=True, size=16)
    sheet.row_dimensions[1].height = 24


def finish_table(sheet: Worksheet, last_row: int, columns: int, freeze: str = "C2") -> None:
    """Frozen header row (and id columns), filters over the table, header row on every page."""
    sheet.freeze_panes = freeze
    sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{max(last_row, 2)}"
    sheet.print_title_rows = "1:1"


def print_setup(sheet: Worksheet, school: str) -> None:
    """Landscape, one page wide, and a footer naming the school with page numbers.

    Streamed (write-only) sheets take the same set-up (the trust workbook's): they
    have the same parts but not the class's constants, hence `Worksheet.PAPERSIZE_A4`.
    """
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.gridLines = False
    sheet.page_margins.left = sheet.page_margins.right = 0.3
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5
    name = school if len(school) <= FOOTER_NAME_LIMIT else school[: FOOTER_NAME_LIMIT - 1] + "…"
    footer = sheet.oddFooter
    assert footer is not None  # openpyxl makes every sheet with one
    footer.left.text = footer_text(name)
    footer.right.text = "&A · page &P of &N"


def footer_text(text: str) -> str:
    """Header/footer text is a mini-language where `&` starts a code: `&&` is a literal `&`."""
    return str(ILLEGAL_CHARACTERS_RE.sub("", text)).replace("&", "&&")
