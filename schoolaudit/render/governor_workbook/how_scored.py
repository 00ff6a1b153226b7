"""The workbook's How scored sheet: the arithmetic, in words a governor can redo.

For each section, its score and rating, the sum that makes it and a table of
every item's weight and credit (or why it was left out); then how the section
scores make the overall score and how the rating was decided. It lives apart
from the Answers sheet because it answers a different question: not what the
school said, but how that became a number.
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from schoolaudit.render.governor_workbook.common import cap_lines, number, subheading
from schoolaudit.render.words import (
    SECTION_NOT_SCORED_TEXT,
    answer_text,
    arithmetic_text,
    left_out_texts,
    overall_arithmetic_text,
    rating_rule_text,
    rating_word,
    score_text,
    section_cap_text,
)
from schoolaudit.render.xlsx import (
    fill_colour,
    header_row,
    paragraph,
    set_widths,
    sheet_title,
    table_rows,
    text_cell,
)
from schoolaudit.scoring import Result

SCORING_RULES = (
    "Each item earns a credit between 0 and 1: yes 1, partial 0.5, no 0; a maturity level "
    "1–5 earns (level − 1) / 4; a choice earns its option's score; a date earns 1 if it is "
    "recent enough; a number earns 0 below its minimum and 1 at its target. Unsure and "
    "unanswered earn 0. Items that do not apply, items answered not applicable (na) and "
    "text items are left out. A section's score is 100 × Σ(weight × credit) / Σ(weight) "
    "over the items it counts; the overall score is the weighted mean of the section scores."
)


SCORED_HEADERS = ("Item", "Question", "Answer", "Weight", "Credit", "Weight × credit", "Counted")
SCORED_WIDTHS = (10, 48, 22, 8, 8, 10, 44)


def build_how_scored(sheet: Worksheet, result: Result) -> None:
    """Each section's arithmetic, item by item, in words a governor can redo."""
    set_widths(sheet, SCORED_WIDTHS)
    sheet_title(sheet, "How the score was reached")
    columns = len(SCORED_HEADERS)
    paragraph(sheet, 2, SCORING_RULES, 1, columns)
    why = left_out_texts(result)
    row = 4
    for section in result.sections:
        subheading(sheet, row, section.title)
        text = (
            f"score {score_text(section.score)}, {rating_word(section.rating)}"
            if section.score is not None
            else SECTION_NOT_SCORED_TEXT
        )
        held = section_cap_text(section, result.checklist.rating)
        text_cell(sheet, row, 3, f"{text} ({held})" if held else text)
        fill_colour(sheet, row, 3, section.rating)
        paragraph(sheet, row + 1, arithmetic_text(result, section.id), 1, columns)
        header_row(sheet, row + 2, SCORED_HEADERS)
        row = table_rows(
            sheet,
            row + 3,
            (
                [
                    r.item.id,
                    r.item.text,
                    answer_text(r),
                    r.item.weight,
                    number(r.credit),
                    None if r.credit is None else number(r.weighted_credit),
                    "yes" if r.credit is not None else why.get(r.item.id, "no"),
                ]
                for r in section.items
            ),
            centred=(4, 5, 6),
        )
        row += 2
    _overall(sheet, result, row)


def _overall(sheet: Worksheet, result: Result, row: int) -> None:
    """How the section scores make the overall score, and how the rating was decided."""
    columns = len(SCORED_HEADERS)
    subheading(sheet, row, "Overall")
    paragraph(
        sheet,
        row + 1,
        f"{overall_arithmetic_text(result)} (Σ section weight × section score / Σ section weight)",
        1,
        columns,
    )
    text = f"Rating: {rating_word(result.rating)} ({rating_rule_text(result.checklist)})"
    paragraph(sheet, row + 2, text, 1, columns)
    fill_colour(sheet, row + 2, 1, result.rating)
    for offset, line in enumerate(cap_lines(result), start=3):
        paragraph(sheet, row + offset, line, 1, columns)
