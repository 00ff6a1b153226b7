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
import io
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from schoolaudit.render.colours import COLOURS
from schoolaudit.render.formulas import FORMULA_LEADS

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRED = Alignment(wrap_text=True, vertical="top", horizontal="center")
FONT_NAME = "Arial"  # on every Windows and Mac; LibreOffice ships its metric twin, Liberation Sans
FONT_SIZE = 9.0  # every cell's text; the sheets print at 100 %, so this is the printed size
DATE_FORMAT = "dd mmm yyyy"
# Row heights are measured with Liberation Sans's own metrics (bundled): its glyphs are
# as wide as Arial's, so a row holds its text in Excel and LibreOffice alike.
MEASURE_FONT = "LiberationSans-Regular.ttf"
BOLD_WIDTH = 1.07  # Arial Bold is a little wider than its regular face
LINE_HEIGHT = 1.12  # a line of Liberation Sans is 1.117 em from descent to ascent
PAGE_WIDTH = 143  # column widths that print on A4 landscape at 100 % (0.3" margins):
# LibreOffice counts Arial 10's "0" as 7.41 pixels where Excel rounds it to 7
ROW_PADDING = 0.5  # points above and below a cell's text
CELL_PADDING = 5.0  # points of a column's width that its text cannot use
FOOTER_NAME_LIMIT = 80  # Excel refuses header/footer text over 255 characters
# Excel's own limits: a cell holds at most 32,767 characters and a row is at most 409
# points tall. Past either, Excel offers to "repair" the file; and a row taller than a
# page would print on a page of its own, clipped.
CELL_LIMIT = 32767
MAX_ROW_HEIGHT = 409.0
CUT_MARK = " … [cut: a cell holds at most 32,767 characters; the rest is in the answers file]"

Value = str | int | float | dt.date | None


def use_workbook_font(workbook: Workbook) -> None:
    """Make `FONT_NAME` the workbook's Normal font, which sets the unit column widths are in.

    With Calibri (openpyxl's default) LibreOffice without Carlito measured columns
    in DejaVu Sans, a third wider, and shrank every sheet to fit the page (9 pt
    printed at 6.9). Arial is on every Windows and Mac, and LibreOffice installs
    Liberation Sans, drawn to Arial's metrics, with itself; Arial 10's "0" is 7
    pixels wide, as Calibri 11's is, so the widths mean the same in both.
    openpyxl has no public setting for this: the first font and the Normal style
    are the defaults it writes.
    """
    normal = Font(name=FONT_NAME, sz=10, family=2)
    workbook._fonts = IndexedList([normal])  # type: ignore[attr-defined]
    workbook._named_styles["Normal"].font = normal  # type: ignore[attr-defined]


class _KnownStyles(IndexedList[object]):
    """A workbook's list of fonts (fills, borders, alignments) that knows the objects it holds.

    Setting `cell.font = f` looks `f` up in this list by value, and openpyxl
    works out a style object's hash afresh from every attribute each time:
    that was a third of a governor workbook's time, most of it for the same
    few shared objects (`BODY`, `WRAP`) set on cell after cell. An object seen
    before gets its index by identity; anything new is added by value exactly
    as before, so the workbook is the same. (Style objects given to cells are
    never changed afterwards: openpyxl hands cells back read-only proxies.)
    """

    def __init__(self, values: Iterable[object] = ()) -> None:
        super().__init__(list(values))
        self._known: dict[int, tuple[int, object]] = {}

    def add(self, value: object) -> int:
        known = self._known.get(id(value))
        if known is not None and known[1] is value:
            return known[0]
        index: int = super().add(value)
        self._known[id(value)] = (index, value)  # holding `value` keeps its id unique
        return index


_STYLE_LISTS = ("_fonts", "_fills", "_borders", "_alignments")


def share_styles(workbook: Workbook) -> None:
    """Let the workbook find style objects it has seen before by identity (see `_KnownStyles`).

    Call it after `use_workbook_font`, before any cell is styled.
    """
    for name in _STYLE_LISTS:
        setattr(workbook, name, _KnownStyles(getattr(workbook, name)))


@lru_cache(maxsize=64)
def font(
    *, bold: bool = False, italic: bool = False, size: float | None = None, color: str | None = None
) -> Font:
    """A font in the workbook's face: a Font without a name prints in a serif in LibreOffice.

    The same arguments give the same object (never change it), so a workbook
    finds it again by identity (`share_styles`).
    """
    return Font(name=FONT_NAME, bold=bold, italic=italic, size=size or FONT_SIZE, color=color)


BODY = font()


# --- cells -----------------------------------------------------------------------------------


XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot hold: C0 controls but tab and line breaks, the
non-characters U+FFFE and U+FFFF, and lone surrogates. openpyxl's own
ILLEGAL_CHARACTERS_RE misses the last two kinds, and one of them in a note
made sheet XML that Excel had to repair and openpyxl could not read back."""


def text_cell(sheet: Worksheet, row: int, column: int, text: str) -> None:
    """Write `text` as a text cell, whatever it starts with.

    openpyxl turns a string starting with `=` into a formula; Excel starts
    formulas with `+`, `-` and `@` too. Setting the cell's data type to "s"
    stores the string as text, and the quote prefix (what Excel sets when a
    person types `'=…`) keeps it text if someone edits the cell later.
    Characters a worksheet cannot hold are shown as U+FFFD, never dropped silently.
    """
    _set_text(sheet.cell(row=row, column=column), text)


def _set_text(cell: Cell | MergedCell, text: str) -> None:
    cell.value = clean_text(text)
    cell.data_type = "s"
    cell.font = BODY
    if text.startswith(FORMULA_LEADS):
        cell.quotePrefix = True


def clean_text(text: str) -> str:
    """Text a workbook part can hold: the control characters XML forbids shown as U+FFFD,
    and no more than a cell's 32,767 characters (the cut is marked, never silent).

    Document properties go through this too: one forbidden character there makes
    the whole file unreadable.
    """
    text = XML_ILLEGAL.sub("\ufffd", text)
    if len(text) <= CELL_LIMIT // 2 or _utf16_length(text) <= CELL_LIMIT:  # a character is ≤ 2
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
    if value is not None:
        _put(sheet.cell(row=row, column=column), value, number_format)


def _put(cell: Cell | MergedCell, value: str | int | float | dt.date, number_format: str) -> None:
    if isinstance(value, str):
        _set_text(cell, value)
        return
    cell.value = value
    cell.font = BODY
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

    A table has a few kinds of cell (text, text with a formula lead, a number
    in some format, empty; wrapped or centred) and thousands of cells: the
    first of each kind is styled as `put` styles it, and the rest take a copy
    of its style whole, instead of openpyxl looking each part of the style up
    again cell after cell (a governor workbook has ~5,000 of them). The cells
    and styles are the same either way.
    """
    row = first_row - 1
    formats = formats or {}
    first_of_kind: dict[tuple[object, ...], StyleArray] = {}
    cells = sheet._cells
    for values in rows:
        row += 1
        for column, value in enumerate(values, start=1):
            number_format = formats.get(column, "")
            is_centred = column in centred
            alignment = CENTRED if is_centred else WRAP
            kind = (*_kind(value, number_format), is_centred)
            style = first_of_kind.get(kind)
            existed = (row, column) in cells
            if style is not None and not existed:
                copy = Cell(sheet, row=row, column=column, style_array=style)
                if isinstance(value, str):  # cleaned here: openpyxl's own check is slower
                    copy._value = clean_text(value)  # type: ignore[attr-defined]
                    copy.data_type = "s"  # never a formula (`text_cell`)
                elif value is not None:
                    copy.value = value
                sheet._add_cell(copy)  # type: ignore[attr-defined]
                continue
            cell = sheet.cell(row=row, column=column)
            if value is not None:
                _put(cell, value, number_format)
            cell.alignment = alignment
            if not existed:  # a new cell's style is its kind's alone
                first_of_kind[kind] = StyleArray(cell._style)  # type: ignore[union-attr]
    return row


def _kind(value: Value, number_format: str) -> tuple[object, ...]:
    """What decides a table cell's style besides its alignment (see `_put`)."""
    if value is None:
        return ("empty",)
    if isinstance(value, str):
        return ("text", value.startswith(FORMULA_LEADS))
    return ("figure", number_format or (DATE_FORMAT if isinstance(value, dt.date) else ""))


def set_widths(sheet: Worksheet, widths: Sequence[float]) -> None:
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def paragraph(sheet: Worksheet, row: int, text: str, first: int, last: int) -> None:
    """Long text across merged columns, with a row height that shows all of it.

    Spreadsheets do not grow merged rows to fit wrapped text, so the height is
    measured from the text and the merged width.
    """
    text_cell(sheet, row, first, text)
    sheet.cell(row=row, column=first).alignment = WRAP
    if last > first:
        sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    width = sum(column_width(sheet, column) for column in range(first, last + 1))
    sheet.row_dimensions[row].height = row_height(wrapped_lines(text, width))


def row_height(lines: int, size: float = FONT_SIZE) -> float:
    """Points for `lines` of wrapped text at `size`, no taller than Excel allows."""
    return min(round(lines * size * LINE_HEIGHT + 2 * ROW_PADDING, 1), MAX_ROW_HEIGHT)


def most_lines(size: float = FONT_SIZE) -> int:
    """How many lines of `size` text the tallest row Excel allows can show."""
    return int((MAX_ROW_HEIGHT - 2 * ROW_PADDING) // (size * LINE_HEIGHT))


def shorten(text: str, width: float, tail: str) -> str:
    """`text` cut so that it and `tail` fit the tallest row of a `width` column.

    Text that fits is returned as it is. A row cannot grow past Excel's limit,
    so longer text would print cut off mid-line with no sign of it; this ends it
    with `tail`, which says where the rest is. The cut falls between words
    where a word ends in the last half of what fits.
    """
    limit = most_lines()
    if wrapped_lines(text, width) <= limit:
        return text
    low, high = 0, len(text)  # the most characters that fit, by bisection
    while low < high:
        middle = (low + high + 1) // 2
        if wrapped_lines(text[:middle] + tail, width) <= limit:
            low = middle
        else:
            high = middle - 1
    kept = text[:low]
    space = kept.rfind(" ")
    return (kept[:space] if space > low // 2 else kept).rstrip() + tail


def column_width(sheet: Worksheet, column: int) -> float:
    width = sheet.column_dimensions[get_column_letter(column)].width
    return float(width) if width else 9.0


def width_points(width: float) -> float:
    """A column `width` (in widths of Calibri 11's "0", 7 pixels) in points: 7w + 5 pixels."""
    return (7 * width + 5) * 0.75


@lru_cache(maxsize=16384)
def wrapped_lines(text: str, width: float, size: float = FONT_SIZE, bold: bool = False) -> int:
    """How many lines `text` takes wrapped in a `width` column at `size` points.

    A greedy word wrap, as spreadsheets do it, over widths measured from the
    font: a word that does not fit on the line moves down whole; a word longer
    than a line is broken. Cached: every school's workbook wraps the same item
    texts, guidance and actions in the same columns.
    """
    scale = size * (BOLD_WIDTH if bold else 1.0)
    capacity = max(1.0, (width_points(width) - CELL_PADDING) / scale)  # in ems
    space = _em_width(" ")
    lines = 0
    for paragraph in _LINE_BREAKS.split(text):
        lines += 1
        used = 0.0
        for word in paragraph.split(" "):
            size_em = _em_width(word)
            if used and used + space + size_em > capacity:
                lines += 1
                used = 0.0
            used += (space if used else 0.0) + size_em
            while used > capacity:
                lines += 1
                used -= capacity
    return lines


_LINE_BREAKS = re.compile("\r\n|[\n\r\x85\u2029]")
"""What ends a line: a carriage return reads back as a line break (XML makes it one), and
the shaping library refuses a word holding any of these (a note with "\\r" crashed the report)."""
_SEPARATORS = re.compile("[\x1c-\x1e]")
"""Separators the shaping library also refuses; a cell shows them as U+FFFD (`clean_text`)."""


@lru_cache(maxsize=65536)
def _em_width(word: str) -> float:
    """`word`'s advance width in ems of Liberation Sans (Arial's widths), cached: the
    same words fill every school's workbook, and `batch` makes thousands of them."""
    shown = _SEPARATORS.sub("\ufffd", word)
    return float(_measuring_font().getlength(shown)) / _MEASURE_EM


_MEASURE_EM = 1000


@lru_cache(maxsize=1)
def _measuring_font() -> FreeTypeFont:
    from PIL import ImageFont

    data = (files("schoolaudit.render") / "fonts" / MEASURE_FONT).read_bytes()
    return ImageFont.truetype(io.BytesIO(data), size=_MEASURE_EM)


def fit_rows(sheet: Worksheet) -> None:
    """Give each row with wrapped text the height its longest printed cell needs.

    Neither Excel nor LibreOffice grows a row for wrapped text a library wrote,
    so without this long answers would overlap the next row on screen and paper.
    Rows whose height was set already (titles, merged paragraphs) are kept.
    Columns outside the print area (notes and evidence kept for the screen) do
    not make a row taller: on paper that would be blank space, and on screen
    their first lines show, the rest a click away.
    """
    printed = printed_columns(sheet)
    widths = [0.0, *(column_width(sheet, column) for column in range(1, printed + 1))]
    texts: dict[int, list[Cell]] = {}  # each row that has cells: its printed text cells
    for (row, column), cell in sheet._cells.items():  # iter_rows would make the missing cells
        if column <= printed and isinstance(cell.value, str):
            texts.setdefault(row, []).append(cell)
        else:
            texts.setdefault(row, [])
    dimensions = sheet.row_dimensions
    one_line = row_height(1)
    looks: dict[bytes, tuple[bool, float, bool]] = {}  # cells styled alike measure alike
    for number in range(1, sheet.max_row + 1):
        dimension = dimensions.get(number)
        if dimension is not None and dimension.height is not None:
            continue
        needed = 0.0
        for cell in texts.get(number, ()):
            style = cell._style  # type: ignore[attr-defined]  # its style's nine ids, if any
            key = style.tobytes() if style is not None else b""
            look = looks.get(key) or looks.setdefault(key, _look(cell))
            if look[0]:
                lines = wrapped_lines(str(cell.value), widths[cell.column], look[1], look[2])
                needed = max(needed, row_height(lines, look[1]))
        if needed > one_line:
            dimensions[number].height = needed
        elif number not in texts:
            dimensions[number]  # a row with no cells is still written, as an empty row


def _look(cell: Cell) -> tuple[bool, float, bool]:
    """Whether a cell wraps its text, and its font's size and weight."""
    font = cell.font
    return bool(cell.alignment.wrap_text), float(font.sz or FONT_SIZE), bool(font.b)


def printed_columns(sheet: Worksheet) -> int:
    """How many columns print: those in the print area, or all of them.

    A streamed (write-only) sheet has no cells to count before it is written:
    its columns are the ones given a width.
    """
    area = sheet.print_area
    if not area:
        if hasattr(sheet, "max_column"):
            return sheet.max_column
        widths = sheet.column_dimensions
        return max((column_index_from_string(letter) for letter in widths), default=1)
    last = str(area).rsplit(":", 1)[-1].rsplit("!", 1)[-1].replace("$", "")  # one cell: no ":"
    return column_index_from_string(last.rstrip("0123456789"))


def sheet_title(sheet: Worksheet, text: str) -> None:
    text_cell(sheet, 1, 1, text)
    sheet.cell(row=1, column=1).font = font(bold=True, size=16)
    sheet.row_dimensions[1].height = 24


def finish_table(sheet: Worksheet, last_row: int, columns: int, freeze: str = "C2") -> None:
    """Frozen header row (and id columns), filters over the table, header row on every page."""
    sheet.freeze_panes = freeze
    sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{max(last_row, 2)}"
    sheet.print_title_rows = "1:1"


def screen_only_after(sheet: Worksheet, printed: int, last_row: int) -> None:
    """Print the first `printed` columns only; group the rest, which stay on screen.

    Notes, evidence and references make a table too wide to print legibly;
    outside the print area (and in a column group that can be folded away) they
    are still there for anyone working on screen.
    """
    sheet.print_area = f"A1:{get_column_letter(printed)}{max(last_row, 2)}"
    last = sheet.max_column
    if last > printed:
        sheet.column_dimensions.group(
            get_column_letter(printed + 1), get_column_letter(last), outline_level=1
        )


def screen_only(sheet: Worksheet) -> None:
    """Keep a sheet off paper, whole on screen: its print area is one empty cell.

    LibreOffice prints no page for a print area with nothing in it (and Excel
    prints no blank sheet), so printing the workbook skips the sheet; anyone who
    wants it on paper clears its print area. Called once the rows have their
    heights, which are measured over the printed columns.
    """
    row = sheet.max_row + 2
    sheet.print_area = f"A{row}:A{row}"


def print_setup(sheet: Worksheet, school: str) -> None:
    """Landscape, one page wide, and a footer naming the school with page numbers.

    A sheet whose printed columns fit the page prints at 100 %, so its 9 pt text
    prints at 9 pt: asked to fit one page wide, LibreOffice shrank a long Action
    plan to 98 % though it fitted. Only a wider sheet is fitted to the width.
    """
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    printed = printed_columns(sheet)
    width = sum(column_width(sheet, column) for column in range(1, printed + 1))
    fits = width <= PAGE_WIDTH
    sheet.page_setup.scale = 100 if fits else None
    sheet.page_setup.fitToWidth = None if fits else 1
    sheet.page_setup.fitToHeight = None if fits else 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=not fits)
    sheet.print_options.gridLines = False
    sheet.page_margins.left = sheet.page_margins.right = 0.3
    sheet.page_margins.top = sheet.page_margins.bottom = 0.35
    sheet.page_margins.footer = 0.2
    sheet.sheet_format.defaultRowHeight = row_height(1)
    sheet.sheet_format.customHeight = True
    name = school if len(school) <= FOOTER_NAME_LIMIT else school[: FOOTER_NAME_LIMIT - 1] + "…"
    footer = sheet.oddFooter
    assert footer is not None  # openpyxl makes every sheet with one
    footer.left.text = footer_text(name)
    footer.right.text = "&A · page &P of &N"


def footer_text(text: str) -> str:
    """Header/footer text is a mini-language where `&` starts a code: `&&` is a literal `&`."""
    return XML_ILLEGAL.sub("", text).replace("&", "&&")
