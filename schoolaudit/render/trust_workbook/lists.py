"""The Common gaps and Errors sheets: what to buy once for many schools, and what to fix.

Common gaps is the sheet a trust uses to book one training course for twenty
schools: each item, how many schools fall short of it and what share, with the
action. Errors lists every rejected file and every problem in it, located as
`validate` locates them, so the person who sent the file can fix it.
"""

from __future__ import annotations

from typing import IO

from schoolaudit.batch import Tally
from schoolaudit.problems import Location
from schoolaudit.render.sheetxml import Styled
from schoolaudit.render.trust_workbook.cells import (
    Sheet,
    TableRows,
    table_ref,
    top,
    wrapped,
)
from schoolaudit.render.trust_workbook.schools import block_title, first_header_row

GAP_COLUMNS = ("Item", "Section", "Requirement", "Severity", "Schools short", "Share", "Action")
ERROR_COLUMNS = ("File", "Where", "Problem", "Hint", "Code")
ERROR_WIDTHS = (26, 16, 44, 33, 24)


def build_common_gaps(sheet: Sheet, tally: Tally, out: IO[str], styles: dict[str, int]) -> None:
    """Each item some school falls short on: how many, what share, and the action."""
    groups = tally.ordered_groups()
    rows = TableRows(sheet, out, styles, [8, 14, 48, 11, 8, 7, 47])  # 143: one page wide at 100 %
    header_row = first_header_row(tally)
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    for group in groups:
        if len(groups) > 1:
            rows.heading(block_title(group))
        first = rows.header(GAP_COLUMNS)
        sections = dict(group.group.sections)
        for gap in group.common_gaps():
            item = gap.item
            rows.append(
                [
                    top(item.id),
                    wrapped(sections.get(item.section, item.section)),
                    wrapped(item.text),
                    top(item.severity),
                    top(gap.count),
                    Styled(gap.share, "share"),
                    wrapped(item.remediation),
                ]
            )
        if first == header_row:
            sheet.auto_filter.ref = table_ref(first, rows.count, len(GAP_COLUMNS))
        rows.blank()
    if not groups:
        rows.heading("No school could be scored, so no gaps are counted.", 11)


def build_errors(sheet: Sheet, tally: Tally, out: IO[str], styles: dict[str, int]) -> None:
    """One row per problem in every rejected file."""
    # 143 wide: one page at 100 %; Where holds a template's cell (`schoolaudit!B12`) and Code
    # every code on one line (a code overflowing it printed on a page of its own)
    rows = TableRows(sheet, out, styles, ERROR_WIDTHS)
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    rows.header(ERROR_COLUMNS)
    for rejected in tally.rejected:
        for problem in rejected.problems:
            rows.append(
                [
                    wrapped(rejected.path),
                    top(where(problem.location)),
                    wrapped(problem.message),
                    wrapped(problem.hint or ""),
                    top(problem.code),
                ]
            )
    if rows.count == 1:
        rows.append([top("No file was rejected.")])
    sheet.auto_filter.ref = table_ref(1, rows.count, len(ERROR_COLUMNS))


def where(location: Location) -> str:
    """`14:3`, `Answers!D14`, or empty when the whole file is at fault."""
    if location.cell:
        return location.cell
    if location.line is None:
        return ""
    return f"{location.line}" if location.column is None else f"{location.line}:{location.column}"
