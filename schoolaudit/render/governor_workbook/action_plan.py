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
from openpyxl.styles import Border, Font, PatternFill, Side
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from schoolaudit.render.colours import COLOURS, PRIORITY_COLOUR
from schoolaudit.render.words import FILL_IN_COLUMNS, NO_GAPS_TEXT, answer_text, references_text
from schoolaudit.render.xlsx import (
    WRAP,
    Value,
    finish_table,
    header_row,
    screen_only_after,
    set_widths,
    shorten,
    table_rows,
)
from schoolaudit.scoring import Gap, Result

EXTRA_PLAN_ROWS = 20  # empty, formatted rows under the gaps for actions governors add
PRINTED_SPARE_ROWS = 5  # of them on paper, to write in: the rest would be blank pages
STATUSES = ("Not started", "In progress", "Done")
STATUS_COLOUR = {"Done": "green", "In progress": "amber"}
PRINTED_COLUMNS = (
    ("Id", 7),
    ("Requirement", 35),
    ("Priority", 7),
    ("Current answer", 10),
    ("Action", 37),
    ("Owner role", 11),  # "Headteacher" on one line: a longer word makes LibreOffice shrink
    *((title, width) for title, width in zip(FILL_IN_COLUMNS, (10, 9, 8, 9), strict=True)),
)
"""What prints on A4 landscape at 100 %: the widths add up to the page's (`PAGE_WIDTH`)."""
SCREEN_COLUMNS = (
    ("Section", 14),
    ("Severity", 12),
    ("Note", 30),
    ("Evidence needed", 26),
    ("Reference", 30),
)
"""On screen only: right of the print area, in a column group that can be folded away."""
PLAN_HEADERS = tuple(title for title, _ in (*PRINTED_COLUMNS, *SCREEN_COLUMNS))
PLAN_WIDTHS = tuple(width for _, width in (*PRINTED_COLUMNS, *SCREEN_COLUMNS))
PRIORITY_COLUMN = PLAN_HEADERS.index("Priority") + 1
DUE_COLUMN = PLAN_HEADERS.index("Due date") + 1
STATUS_COLUMN = PLAN_HEADERS.index("Status") + 1
NOTE_COLUMN = PLAN_HEADERS.index("Note") + 1
DUE_FORMAT = "dd/mm/yy"  # a typed date fits the narrow printed column (31/03/27), never ###
FIRST_FILL_IN = PLAN_HEADERS.index(FILL_IN_COLUMNS[0]) + 1
THIN = Side(style="thin", color="A6A6A6")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
NOTE_CUT = " … (the whole note is on the Answers sheet)"


def build_action_plan(sheet: Worksheet, result: Result) -> None:
    """One row per gap, highest priority first, with columns for people to fill in.

    On paper: id, requirement, priority (severity is the same scale, so it
    stays on screen), answer, action, owner role, and the four columns people
    write in, boxed so a pen has somewhere to go. Notes, evidence and
    references follow on screen, outside the print area.
    """
    set_widths(sheet, PLAN_WIDTHS)
    header_row(sheet, 1, PLAN_HEADERS)
    rows: list[Sequence[Value]] = [_row(result, gap) for gap in result.gaps]
    if not rows:
        rows = [[None, NO_GAPS_TEXT, *[None] * (len(PLAN_HEADERS) - 2)]]  # a row to write in
    last_gap = table_rows(sheet, 2, rows)  # wrapped and top-aligned, the priority too
    last = last_gap + EXTRA_PLAN_ROWS
    for row in range(2, last + 1):
        if row > last_gap:  # the spare rows: formatted like the gaps' for what people add
            for column in range(1, len(PLAN_HEADERS) + 1):
                sheet.cell(row=row, column=column).alignment = WRAP
        sheet.cell(row=row, column=DUE_COLUMN).number_format = DUE_FORMAT
        for column in range(FIRST_FILL_IN, FIRST_FILL_IN + len(FILL_IN_COLUMNS)):
            sheet.cell(row=row, column=column).border = BOX
    _plan_validation(sheet, last)
    _plan_colours(sheet, last_gap, last)
    finish_table(sheet, last, len(PLAN_HEADERS), freeze="B2")
    screen_only_after(sheet, len(PRINTED_COLUMNS), last_gap + PRINTED_SPARE_ROWS)


def _row(result: Result, gap: Gap) -> list[Value]:
    """A gap's row in `PLAN_HEADERS` order; a note too long for a row says where the rest is."""
    item = gap.item
    answer = gap.result.answer
    note = answer.note if answer else None
    titles = {section.id: section.title for section in result.sections}
    return [
        item.id,
        item.text,
        gap.priority,
        answer_text(gap.result),
        item.remediation,
        item.owner,
        None,
        None,
        None,
        None,
        titles.get(item.section_id, item.section_id),
        item.severity,
        shorten(note, PLAN_WIDTHS[NOTE_COLUMN - 1], NOTE_CUT) if note else None,
        item.evidence,
        references_text(result.checklist, item.references),
    ]


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
