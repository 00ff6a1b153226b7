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
from schoolaudit.render.xlsx import Value, finish_table, header_row, set_widths, table_rows
from schoolaudit.scoring import Result

ANSWER_HEADERS = (
    "Section",
    "Id",
    "Question",
    "Severity",
    "Weight",
    "Answer",
    "Credit",
    "Gap",
    "Applies",
    "Counted",
    "Why not counted",
    "Note",
    "Evidence",
    "References",
)
ANSWER_WIDTHS = (12, 8, 36, 13, 7, 14, 7, 6, 8, 9, 28, 22, 22, 34)


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
                    section.title,
                    r.item.id,
                    r.item.text,
                    r.item.severity,
                    r.item.weight,
                    answer_text(r),
                    number(r.credit),
                    "yes" if r.is_gap else "no",
                    "yes" if r.applies and r.status != "na" else "no",
                    "yes" if r.credit is not None else "no",
                    why.get(r.item.id),
                    answer.note if answer else None,
                    answer.evidence if answer else None,
                    references_text(checklist, r.item.references),
                ]
            )
    last = table_rows(sheet, 2, rows, centred=(5, 7, 8, 9, 10))
    finish_table(sheet, last, len(ANSWER_HEADERS))
