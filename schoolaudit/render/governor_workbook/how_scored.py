"""The workbook's How scored sheet: the arithmetic, in words a governor can redo.

For each section, its score and rating and the sum that makes it; then how the
section scores make the overall score and how the rating was decided. Each
item's weight and credit (or why it was left out) are on the Answers sheet,
beside the answer they come from, so this sheet prints on a page or two.
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from schoolaudit.render.governor_workbook.common import cap_lines, subheading
from schoolaudit.render.words import (
    SECTION_NOT_SCORED_TEXT,
    grouped_arithmetic_text,
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
)
from schoolaudit.scoring import Result, SectionResult, rounded

SCORING_RULES = (
    "Each item earns a credit between 0 and 1: yes 1, partial 0.5, no 0; a maturity level "
    "1–5 earns (level − 1) / 4; a choice earns its option's score; a date earns 1 if it is "
    "recent enough; a number earns 0 below its minimum and 1 at its target. Unsure and "
    "unanswered earn 0. Items that do not apply, items answered not applicable (na) and "
    "text items are left out. A section's score is 100 × Σ(weight × credit) / Σ(weight) "
    "over the items it counts (items alike are counted together: 6×(2×1) is six items of weight "
    "2 that each earn 1); the overall score is the weighted mean of the section scores."
)


SECTION_HEADERS = ("Section", "Weight", "Score", "Rating", "How it was worked out")
SECTION_WIDTHS = (21, 7, 7, 10, 98)  # PAGE_WIDTH: A4 landscape at 100 %


def build_how_scored(sheet: Worksheet, result: Result) -> None:
    """Each section's arithmetic, then the overall score and the rating, in words."""
    set_widths(sheet, SECTION_WIDTHS)
    sheet_title(sheet, "How the score was reached")
    columns = len(SECTION_HEADERS)
    paragraph(sheet, 2, SCORING_RULES, 1, columns)
    header_row(sheet, 4, SECTION_HEADERS)
    rows = [
        [
            section.title,
            section.weight,
            rounded(section.score),
            rating_word(section.rating) if section.score is not None else "not scored",
            _working(result, section),
        ]
        for section in result.sections
    ]
    last = table_rows(sheet, 5, rows, {3: "0.0"}, centred=(2, 3, 4))
    for offset, section in enumerate(result.sections):
        fill_colour(sheet, 5 + offset, 4, section.rating)
    row = _overall(sheet, result, last + 2)
    _profile_answers(sheet, result, row + 1)


def _working(result: Result, section: SectionResult) -> str:
    """The section's sum and, when a green score is rated amber, why."""
    if section.score is None:
        return SECTION_NOT_SCORED_TEXT
    held = section_cap_text(section, result.checklist.rating)
    working = grouped_arithmetic_text(section)
    text = f"score {score_text(section.score)}, {rating_word(section.rating)}"
    return f"{working} ({text}; {held})" if held else working


def _overall(sheet: Worksheet, result: Result, row: int) -> int:
    """How the section scores make the overall score, and how the rating was decided."""
    columns = len(SECTION_HEADERS)
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
    lines = cap_lines(result)
    for offset, line in enumerate(lines, start=3):
        paragraph(sheet, row + offset, line, 1, columns)
    return row + 3 + len(lines)


def _profile_answers(sheet: Worksheet, result: Result, row: int) -> None:
    """The checklist's own profile questions: they decide which items apply."""
    fields = result.checklist.profile
    if not fields:
        return
    subheading(sheet, row, "School profile")
    paragraph(sheet, row + 1, "These answers decide which items apply to the school.", 1, 5)
    school = result.answers.school
    for offset, field in enumerate(fields, start=2):
        paragraph(sheet, row + offset, f"{field.text} {school.get(field.id) or 'not given'}", 1, 5)
