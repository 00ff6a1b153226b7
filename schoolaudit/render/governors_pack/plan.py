"""The governors' pages after page 1: the action plan by priority, the section
scores with what holds each down, and what did not apply.

High and medium priorities are printed in full, with a blank column for who
does it and by when; low priorities are a two-column list (item, action, owner)
so that a school with many small gaps still has a short pack. No references and no arithmetic here:
those are in the appendix, with anything still to be checked against its source.
"""

from __future__ import annotations

from fpdf.fonts import FontFace

from schoolaudit.render.colours import COLOURS
from schoolaudit.render.first_page import (
    action_of,
    holds_down_text,
    not_applicable_groups,
)
from schoolaudit.render.governors_pack.document import FONT, GREY, TABLE_PT, PackDocument, rgb
from schoolaudit.render.words import NO_GAPS_TEXT, rating_word, score_text
from schoolaudit.scoring import Result

FULL_COLUMNS = ("Item", "Requirement, and the answer now", "Action", "Owner role", "Who / by when")
FULL_WIDTHS = (13, 62, 62, 21, 22)
"""The answer ends the requirement ("… out of school hours? Now: no.") rather than taking a
column of its own: the two texts get its width, and rows are a line or two shorter."""
WRITING_SPACE_MM = 11.0  # the least height of a full row: room to write a name and a date
PRIORITY_TITLES = {
    "high": "High priority: statutory requirements",
    "medium": "Medium priority: what the guidance expects",
    "low": "Low priority: recommended (action and owner only)",
}


def action_plan(pdf: PackDocument, result: Result) -> None:
    """Every gap by priority: high and medium in full, low with its action and owner only."""
    pdf.add_page()
    pdf.heading("Action plan", 16)
    if not result.gaps:
        pdf.paragraph(NO_GAPS_TEXT)
        return
    pdf.paragraph(
        "Highest priority first; within a priority, the action that would add most to the "
        "score first. Write in who will do each action and by when.",
        after=1,
    )
    for priority in ("high", "medium", "low"):
        gaps = [g for g in result.gaps if g.priority == priority]
        if not gaps:
            continue
        pdf.heading(f"{PRIORITY_TITLES[priority]} ({len(gaps)})", 12)
        actions = [action_of(g) for g in gaps]
        if priority == "low":
            pdf.two_columns([(f"{a.item_id}  ", f"{a.action} ({a.owner})") for a in actions])
        else:
            full = [
                [a.item_id, f"{a.requirement} Now: {a.answer}.", a.action, a.owner, ""]
                for a in actions
            ]
            pdf.table_of(FULL_COLUMNS, full, FULL_WIDTHS, min_row_mm=WRITING_SPACE_MM)


def section_notes(pdf: PackDocument, result: Result) -> None:
    """Each section's score and rating in words, and one line on what holds it down
    (its largest gap by id: the plan above gives every gap in words)."""
    pdf.heading("Section scores and what holds them down", 14, before=5)
    rows: list[list[str | tuple[str, FontFace]]] = []
    for section in result.sections:
        fill, ink = COLOURS.get(section.rating or "", ("FFFFFF", "000000"))
        word = rating_word(section.rating) if section.score is not None else "not scored"
        style = FontFace(family=FONT, emphasis="BOLD", color=rgb(ink), fill_color=rgb(fill))
        rows.append(
            [
                section.title,
                score_text(section.score),
                (word, style),
                holds_down_text(section, words=False),
            ]
        )
    pdf.table_of(("Section", "Score", "Rating", "What holds it down"), rows, (64, 12, 16, 88))


def not_applicable(pdf: PackDocument, result: Result) -> None:
    """What was left out of the score and why: one entry per reason, in two columns."""
    groups = not_applicable_groups(result)
    pdf.heading("What did not apply, and why", 14, before=5)
    if not groups:
        pdf.paragraph("Every item in the checklist applies to this school.")
        return
    pdf.two_columns([(f"{', '.join(ids)}: ", f"{reason}.") for reason, ids in groups])
    pdf.paragraph(
        "Items that do not apply are left out of every score and every list above.",
        TABLE_PT,
        colour=GREY,
    )
