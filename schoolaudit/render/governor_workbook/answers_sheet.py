"""The workbook's Answers sheet: every item as answered, one row each.

Nothing is summarised here: the answer, its credit, whether it was a gap,
whether it applied and was counted (and if not, why), and the note and
evidence the school wrote, whole. Other sheets point here when they shorten
something. (Named `answers_sheet` so that it is not mistaken for the loader,
`schoolaudit.answers`.)
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from schoolaudit.render.governor_workbook.common import number
from schoolaudit.render.words import answer_text, left_out_texts, references_text
from schoolaudit.render.xlsx import (
    Value,
    finish_table,
    header_row,
    paragraph,
    screen_only_after,
    set_widths,
    table_rows,
)
from schoolaudit.scoring import Result

PRINTED_COLUMNS = (
    ("Id", 7),
    ("Question", 100),
    ("Answer", 22),
    ("Weight", 7),
    ("Credit", 7),
)
"""What prints (A4 landscape at 100 %): an item a line or two, so the sheet stays short."""
SCREEN_COLUMNS = (
    ("Counted", 9),
    ("Section", 14),
    ("Severity", 12),
    ("Gap", 6),
    ("Applies", 8),
    ("Weight × credit", 9),
    ("Why not counted", 28),
    ("Note", 30),
    ("Evidence", 26),
    ("References", 34),
)
"""On screen only, right of the print area: nothing the school wrote is lost."""
ANSWER_HEADERS = tuple(title for title, _ in (*PRINTED_COLUMNS, *SCREEN_COLUMNS))
ANSWER_WIDTHS = tuple(width for _, width in (*PRINTED_COLUMNS, *SCREEN_COLUMNS))
CENTRED = tuple(ANSWER_HEADERS.index(t) + 1 for t in ("Weight", "Credit", "Counted", "Gap"))


def build_answers(sheet: Worksheet, result: Result) -> None:
    """Every item: the answer, its credit, whether it applied and, if not, why."""
    set_widths(sheet, ANSWER_WIDTHS)
    header_row(sheet, 1, ANSWER_HEADERS)
    why = left_out_texts(result)
    checklist = result.checklist
    rows: list[list[Value]] = []
    for section in result.sections:
        for r in section.items:
            answer = r.answer
            rows.append(
                [
                    r.item.id,
                    r.item.text,
                    answer_text(r),
                    r.item.weight,
                    number(r.credit),
                    "yes" if r.credit is not None else "no",
                    section.title,
                    r.item.severity,
                    "yes" if r.is_gap else "no",
                    "yes" if r.applies and r.status != "na" else "no",
                    None if r.credit is None else number(r.weighted_credit),
                    why.get(r.item.id),
                    answer.note if answer else None,
                    answer.evidence if answer else None,
                    references_text(checklist, r.item.references),
                ]
            )
    last = table_rows(sheet, 2, rows, centred=CENTRED)
    finish_table(sheet, last, len(ANSWER_HEADERS), freeze="B2")
    screen_only_after(sheet, len(PRINTED_COLUMNS), last)


def print_pointer_only(sheet: Worksheet, result: Result) -> None:
    """On paper, one note in place of the whole table: the Answers sheet is the screen's.

    One row per item is a page per 40 items at a legible 9 pt: five pages for a
    checklist of 190, which would push the printed workbook past 15 pages while
    repeating what paper already has (the Action plan gives every gap with its
    answer; the governors' pack, every gap in words). The note, under the table,
    says so and how to print the table after all. Called once the rows have
    their heights, which are measured over the table's printed columns.
    """
    row = sheet.max_row + 2
    last = get_column_letter(len(PRINTED_COLUMNS))
    text = (
        f"Answers: every one of the {len(result.items)} items as the school answered it, "
        "with its credit, note, evidence and references, is on this sheet on screen. On paper "
        "the Action plan gives every gap with its current answer. To print this sheet, clear "
        "its print area first (Excel: Page Layout › Print Area › Clear Print Area; "
        "LibreOffice: Format › Print Ranges › Clear)."
    )
    paragraph(sheet, row, text, 1, len(PRINTED_COLUMNS))
    sheet.print_area = f"A{row}:{last}{row}"
