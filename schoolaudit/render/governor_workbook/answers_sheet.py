"""The workbook's Answers sheet: every item as answered, one row each.

Nothing is summarised here: the answer, its credit, whether it was a gap,
whether it applied and was counted (and if not, why), and the note and
evidence the school wrote, whole. Other sheets point here when they shorten
something. (Named `answers_sheet` so that it is not mistaken for the loader,
`schoolaudit.answers`.)
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from schoolaudit.render.governor_workbook.common import number
from schoolaudit.render.words import answer_text, left_out_texts, references_text
from schoolaudit.render.xlsx import (
    Value,
    finish_table,
    header_row,
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
