"""The workbook's Action plan sheet: the one governors write in.

One row per gap, highest priority first, then empty formatted rows for
actions the governors add; columns for the owner, due date, status and
comments, with a Status dropdown, a date check and colours that follow the
status as people change it. It lives apart because it is the only sheet made
to be filled in: its validations and conditional formats are its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.formatting.rule import Rule
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from schoolaudit.render.colours import COLOURS, PRIORITY_COLOUR
from schoolaudit.render.words import NO_GAPS_TEXT, PLAN_HEADERS, plan_rows
from schoolaudit.render.xlsx import (
    DATE_FORMAT,
    WRAP,
    Value,
    finish_table,
    header_row,
    set_widths,
    shorten,
    table_rows,
)
from schoolaudit.scoring import Result

EXTRA_PLAN_ROWS = 20  # empty, formatted rows under the gaps for actions governors add
STATUSES = ("Not started", "In progress", "Done")
STATUS_COLOUR = {"Done": "green", "In progress": "amber"}
PLAN_WIDTHS = (5, 8, 12, 32, 13, 9, 12, 20, 32, 20, 20, 12, 12, 12, 12, 24)
PRIORITY_COLUMN = PLAN_HEADERS.index("Priority") + 1
DUE_COLUMN = PLAN_HEADERS.index("Due date") + 1
STATUS_COLUMN = PLAN_HEADERS.index("Status") + 1
NOTE_COLUMN = PLAN_HEADERS.index("Note") + 1
NOTE_CUT = " … (the whole note is on the Answers sheet)"


def build_action_plan(sheet: Worksheet, result: Result) -> None:
    """One row per gap, highest priority first, with columns for people to fill in."""
    set_widths(sheet, PLAN_WIDTHS)
    header_row(sheet, 1, PLAN_HEADERS)
    rows: list[Sequence[Value]] = [_fit_note(row) for row in plan_rows(result)]
    if not rows:
        rows = [[None, None, None, NO_GAPS_TEXT]]
    last_gap = table_rows(sheet, 2, rows, centred=(1,))
    last = last_gap + EXTRA_PLAN_ROWS
    for row in range(2, last + 1):
        for column in range(1, len(PLAN_HEADERS) + 1):
            sheet.cell(row=row, column=column).alignment = WRAP
        sheet.cell(row=row, column=DUE_COLUMN).number_format = DATE_FORMAT
    _plan_validation(sheet, last)
    _plan_colours(sheet, last_gap, last)
    finish_table(sheet, last, len(PLAN_HEADERS))


def _fit_note(row: Sequence[Value]) -> list[Value]:
    """A note too long for the tallest row, cut where it says the rest is on Answers."""
    fitted = list(row)
    note = fitted[NOTE_COLUMN - 1]
    if isinstance(note, str):
        fitted[NOTE_COLUMN - 1] = shorten(note, PLAN_WIDTHS[NOTE_COLUMN - 1], NOTE_CUT)
    return fitted


def _plan_validation(sheet: Worksheet, last: int) -> None:
    """A Status dropdown and a date check on Due date, over every row people may fill."""
    status = get_column_letter(STATUS_COLUMN)
    dropdown = DataValidation(
        type="list",
        formula1='"' + ",".join(STATUSES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Status",
        error="Choose Not started, In progress or Done.",
        promptTitle="Status",
        prompt="Not started, In progress or Done",
        showInputMessage=True,
    )
    dropdown.add(f"{status}2:{status}{last}")
    due = get_column_letter(DUE_COLUMN)
    date = DataValidation(
        type="date",
        operator="greaterThan",
        formula1="DATE(2000,1,1)",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Due date",
        error="Enter a date, for example 31/03/2027.",
    )
    date.add(f"{due}2:{due}{last}")
    sheet.add_data_validation(dropdown)
    sheet.add_data_validation(date)


def _plan_colours(sheet: Worksheet, last_gap: int, last: int) -> None:
    """Conditional colours: priority by its word, status as people change it."""
    priority = get_column_letter(PRIORITY_COLUMN)
    for word, colour in PRIORITY_COLOUR.items():
        sheet.conditional_formatting.add(
            f"{priority}2:{priority}{last_gap}", _rule(f'"{word}"', colour)
        )
    status = get_column_letter(STATUS_COLUMN)
    for word, colour in STATUS_COLOUR.items():
        sheet.conditional_formatting.add(f"{status}2:{status}{last}", _rule(f'"{word}"', colour))


def _rule(formula: str, colour: str) -> Rule:
    """A conditional format: a cell equal to `formula` in the colour and ink of `colour`."""
    fill, ink = COLOURS[colour]
    style = DifferentialStyle(  # a differential style: no font name
        fill=PatternFill("solid", fgColor=fill, bgColor=fill), font=Font(bold=True, color=ink)
    )
    return Rule(type="cellIs", operator="equal", formula=[formula], dxf=style)
