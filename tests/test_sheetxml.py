"""`sheetxml.take_rows` writes a normal-mode sheet's rows exactly as openpyxl would.

The governor's workbook (one per school in `batch --reports-dir`) has its
cells written by `take_rows` instead of openpyxl's own writer, for speed. The
file must not change by one byte: every test here builds the same workbook
twice, saves one with openpyxl alone and the other through `take_rows` and
`splice`, and compares every part of the two files.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from schoolaudit.render.sheetxml import splice, take_rows
from schoolaudit.render.xlsx import (
    CENTRED,
    WRAP,
    clean_text,
    fit_rows,
    put,
    row_height,
    share_styles,
    table_rows,
    text_cell,
    use_workbook_font,
    wrapped_lines,
)

Build = Callable[[Workbook], None]
Value = str | int | float | bool | dt.date | None
Style = tuple[Font | None, PatternFill | None, Alignment | None, Border | None, str | None, bool]
Spec = tuple[int, int, Value, Style]


def _openpyxl_alone(build: Build) -> bytes:
    workbook = Workbook()
    build(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _through_take_rows(build: Build) -> bytes:
    workbook = Workbook()
    build(workbook)
    taken = [(sheet, take_rows(sheet)) for sheet in workbook.worksheets]
    skeleton, buffer = io.BytesIO(), io.BytesIO()
    workbook.save(skeleton)
    skeleton.seek(0)
    splice(skeleton, buffer, {sheet.path.lstrip("/"): rows for sheet, rows in taken})
    return buffer.getvalue()


def _parts(data: bytes) -> dict[str, bytes]:
    """Every part of the file but the time stamps openpyxl puts in core.xml."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n != "docProps/core.xml"}


def _assert_same(build: Build) -> None:
    expected, got = _parts(_openpyxl_alone(build)), _parts(_through_take_rows(build))
    assert list(got) == list(expected)
    for name, data in expected.items():
        assert got[name] == data, name


TEXTS = [
    "plain",
    "  leading and trailing  ",
    "   ",
    "",
    "a & b < c > d \"q\" 'a'",
    "=1+1",
    "line\nbreak\ttab",
    "🙂 emoji and ümlaut",
    "]]> &amp; literal",
]
FONTS = [Font(name="Arial", bold=True), Font(name="Arial", italic=True, color="595959")]
FILLS = [PatternFill("solid", fgColor="1F4E79")]
ALIGNMENTS = [Alignment(wrap_text=True, vertical="top"), Alignment(horizontal="center")]
THIN = Side(style="thin", color="A6A6A6")
BORDERS = [Border(left=THIN, right=THIN, top=THIN, bottom=THIN)]

values = st.one_of(
    st.sampled_from(TEXTS),
    st.text(max_size=30).map(clean_text),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.dates(dt.date(1901, 1, 1), dt.date(2099, 12, 31)),
    st.none(),
)
styles = st.tuples(
    st.sampled_from([None, *FONTS]),
    st.sampled_from([None, *FILLS]),
    st.sampled_from([None, *ALIGNMENTS]),
    st.sampled_from([None, *BORDERS]),
    st.sampled_from([None, "0.0", "dd mmm yyyy"]),
    st.booleans(),
)
cells = st.lists(st.tuples(st.integers(1, 30), st.integers(1, 20), values, styles), max_size=40)
heights = st.lists(st.tuples(st.integers(1, 40), st.sampled_from([None, 11.1, 21.2, 409])))


def _fill(sheet: Worksheet, cell_list: list[Spec]) -> None:
    for row, column, value, (font, fill, alignment, border, number_format, quoted) in cell_list:
        cell = sheet.cell(row=row, column=column)
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"  # as `text_cell` does: never a formula
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        if alignment is not None:
            cell.alignment = alignment
        if border is not None:
            cell.border = border
        if number_format is not None:
            cell.number_format = number_format
        cell.quotePrefix = quoted


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=40, deadline=None)
@given(first=cells, second=cells, rows=heights)
def test_rows_are_written_byte_for_byte_as_openpyxl_writes_them(
    first: list[Spec],
    second: list[Spec],
    rows: list[tuple[int, float | None]],
) -> None:
    """Values of every kind, styles shared across sheets, touched and sized rows."""

    def build(workbook: Workbook) -> None:
        one = workbook.active
        assert one is not None
        _fill(one, first)
        for number, height in rows:
            one.row_dimensions[number].height = height  # a None height still makes a <row>
        _fill(workbook.create_sheet("Two"), second)
        workbook.create_sheet("Empty")

    _assert_same(build)


def test_merged_cells_and_frozen_panes_are_left_to_openpyxl() -> None:
    def build(workbook: Workbook) -> None:
        sheet = workbook.active
        assert sheet is not None
        sheet["A1"] = "A paragraph across four columns"
        sheet["A1"].alignment = ALIGNMENTS[0]
        sheet.merge_cells("A1:D1")
        sheet["A5"] = "A boxed paragraph: its merged cells carry the border"
        sheet["A5"].border = BORDERS[0]
        sheet.merge_cells("A5:C6")
        sheet["B3"] = 2.5
        sheet.freeze_panes = "B2"
        sheet.print_title_rows = "1:1"

    _assert_same(build)


def test_a_formula_is_refused_rather_than_written_as_text() -> None:
    """No sheet schoolaudit writes holds a formula; one here would be a bug, said loudly."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["A1"] = "=1+1"  # openpyxl's own reading: a formula
    with pytest.raises(ValueError, match="A1"):
        take_rows(sheet)


def test_table_rows_styles_every_cell_as_put_does() -> None:
    """`table_rows` copies the first cell of each kind's style to the rest; a cell styled
    before the table (a fill) keeps its own, and nothing leaks from it into the others."""
    rows: list[list[Value]] = [
        ["text", "=formula lead", 2, 0.5, dt.date(2026, 11, 18), None],
        ["more text", "+1", 3, 0.25, dt.date(2027, 1, 1), None],
        ["text again", "@SUM(A1)", 4, 1.0, dt.date(2027, 3, 31), "last"],
    ]

    def prepare(workbook: Workbook) -> Worksheet:
        use_workbook_font(workbook)
        share_styles(workbook)
        sheet = workbook.active
        assert sheet is not None
        sheet["B3"].fill = FILLS[0]  # there before the table
        return sheet

    def with_table_rows(workbook: Workbook) -> None:
        table_rows(prepare(workbook), 2, rows, {4: "0.0"}, centred=(3,))

    def cell_by_cell(workbook: Workbook) -> None:
        sheet = prepare(workbook)
        for row, values in enumerate(rows, start=2):
            for column, value in enumerate(values, start=1):
                put(sheet, row, column, value, "0.0" if column == 4 else "")
                sheet.cell(row=row, column=column).alignment = CENTRED if column == 3 else WRAP

    assert _parts(_openpyxl_alone(with_table_rows)) == _parts(_openpyxl_alone(cell_by_cell))


def test_fit_rows_measures_cells_with_and_without_styles_of_their_own() -> None:
    """A text cell never styled (openpyxl's defaults: no wrap) leaves its row alone; a
    wrapped one beside cells styled alike gets the height its text needs."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.column_dimensions["A"].width = 10
    sheet["A1"] = "plain text, never styled, far too long for its narrow column"
    for row in (2, 3):
        text_cell(sheet, row, 1, "wrapped text " * row * 3)
        sheet.cell(row=row, column=1).alignment = WRAP
    fit_rows(sheet)
    assert sheet.row_dimensions[1].height is None
    heights = [sheet.row_dimensions[row].height for row in (2, 3)]
    assert heights == [row_height(wrapped_lines("wrapped text " * r * 3, 10)) for r in (2, 3)]
    assert heights[0] is not None and heights[1] is not None and heights[1] > heights[0]
