"""The Common gaps and Errors sheets: what to buy once for many schools, and what to fix.

Common gaps is the sheet a trust uses to book one training course for twenty
schools: each item, how many schools fall short of it and what share, with the
action. Errors lists every rejected file and every problem in it, located as
`validate` locates them, so the person who sent the file can fix it.
"""

from __future__ import annotations

from schoolaudit.batch import Tally
from schoolaudit.problems import Location
from schoolaudit.render.trust_workbook.cells import (
    SHARE_FORMAT,
    Sheet,
    header,
    heading,
    number,
    prepare,
    table_ref,
    text,
)
from schoolaudit.render.trust_workbook.schools import block_title, first_header_row

GAP_COLUMNS = ("Item", "Section", "Requirement", "Severity", "Schools short", "Share", "Action")
ERROR_COLUMNS = ("File", "Where", "Problem", "Hint", "Code")


def build_common_gaps(sheet: Sheet, tally: Tally) -> None:
    """Each item some school falls short on: how many, what share, and the action."""
    groups = tally.ordered_groups()
    prepare(sheet, [9, 16, 50, 12, 9, 8, 60])
    header_row = first_header_row(tally)
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    row = 0
    for tally_ in groups:
        if len(groups) > 1:
            sheet.append(heading(sheet, block_title(tally_)))
            row += 1
        sheet.append(header(sheet, GAP_COLUMNS))
        row += 1
        first = row
        sections = dict(tally_.group.sections)
        for gap in tally_.common_gaps():
            item = gap.item
            sheet.append(
                [
                    text(sheet, item.id),
                    text(sheet, sections.get(item.section, item.section), wrap=True),
                    text(sheet, item.text, wrap=True),
                    item.severity,
                    gap.count,
                    number(sheet, gap.share, SHARE_FORMAT),
                    text(sheet, item.remediation, wrap=True),
                ]
            )
            row += 1
        if first == header_row:
            sheet.auto_filter.ref = table_ref(first, row, len(GAP_COLUMNS))
        sheet.append([])
        row += 1
    if not groups:
        sheet.append(heading(sheet, "No school could be scored, so no gaps are counted.", 11))


def build_errors(sheet: Sheet, tally: Tally) -> None:
    """One row per problem in every rejected file."""
    prepare(sheet, [40, 14, 60, 40, 22])
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.append(header(sheet, ERROR_COLUMNS))
    row = 1
    for rejected in tally.rejected:
        for problem in rejected.problems:
            sheet.append(
                [
                    text(sheet, rejected.path, wrap=True),
                    text(sheet, where(problem.location)),
                    text(sheet, problem.message, wrap=True),
                    text(sheet, problem.hint or "", wrap=True),
                    text(sheet, problem.code),
                ]
            )
            row += 1
    if row == 1:
        sheet.append([text(sheet, "No file was rejected.")])
    sheet.auto_filter.ref = table_ref(1, row, len(ERROR_COLUMNS))


def where(location: Location) -> str:
    """`14:3`, `Answers!D14`, or empty when the whole file is at fault."""
    if location.cell:
        return location.cell
    if location.line is None:
        return ""
    return f"{location.line}" if location.column is None else f"{location.line}:{location.column}"
