"""Page 1 of the governors' pack: the page that must stand alone.

School, date and who completed it; the score and the rating as a word on its
colour; what the rating means; a bar chart of the section scores; the statutory
requirements not met and the five most important actions, all in words.
"""

from __future__ import annotations

from fpdf.enums import Align

from schoolaudit.render.colours import COLOURS
from schoolaudit.render.first_page import (
    NO_STATUTORY_GAPS_TEXT,
    long_date,
    statutory_not_met,
    top_actions,
)
from schoolaudit.render.governors_pack.document import (
    BODY_PT,
    GREY,
    RULE,
    TABLE_PT,
    PackDocument,
    rgb,
)
from schoolaudit.render.words import (
    NO_GAPS_TEXT,
    RATING_MEANING,
    provisional_text,
    rating_word,
    score_text,
    stale_text,
)
from schoolaudit.scoring import Result, SectionResult

LABEL_MM = 68.0  # section titles left of the bars
BAR_MM = 84.0  # 0–100
ROW_MM = 5.4
LINE_MM = 3.8  # a second line of a section title, at TABLE_PT
MOST_STATUTORY = 6  # more than this and the rest are counted, so page 1 stays one page
NEUTRAL = ("EDEDED", "404040")


def front_page(pdf: PackDocument, result: Result) -> None:
    """Everything a governor needs if they read nothing else."""
    pdf.add_page()
    _who(pdf, result)
    _headline(pdf, result)
    _chart(pdf, result)
    _statutory(pdf, result)
    _actions(pdf, result)


def _who(pdf: PackDocument, result: Result) -> None:
    answers = result.answers
    pdf.paragraph("Online safety audit", 11, colour=GREY, after=0.5)
    pdf.paragraph(answers.school_name, 18, bold=True, after=1.0)
    school = answers.school
    detail = " · ".join(
        str(part)
        for part in (
            school.get("phase"),
            school.get("trust"),
            school.get("urn") and f"URN {school['urn']}",
        )
        if part
    )
    pdf.paragraph(
        f"Audit of {long_date(answers.date)}"
        + (f" · {detail}" if detail else "")
        + f". Completed by {answers.completed_by or 'a person not recorded'}.",
        BODY_PT,
        after=0.5,
    )
    checklist = result.checklist
    pdf.paragraph(
        f"Checked against: {checklist.title}, version {checklist.version}.", TABLE_PT, colour=GREY
    )
    if stale := stale_text(result):
        pdf.paragraph(stale, BODY_PT, bold=True)


def _headline(pdf: PackDocument, result: Result) -> None:
    """The score, and the rating as a word on its colour, then what the rating means."""
    fill, ink = COLOURS.get(result.rating or "", NEUTRAL)
    pdf.ln(1)
    pdf.set_fill_color(*rgb(fill))
    pdf.set_draw_color(*rgb(ink))
    pdf.style(16, bold=True, colour=rgb(ink))
    score = score_text(result.score)
    text = f"Rating {rating_word(result.rating)}  ·  overall score {score} out of 100"
    pdf.cell(pdf.epw, 11, text, border=1, fill=True, align=Align.C, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.paragraph(RATING_MEANING[result.rating], BODY_PT)
    for warning in (stale_text(result), provisional_text(result)):
        if warning:
            pdf.paragraph(warning, BODY_PT, bold=True)


def _chart(pdf: PackDocument, result: Result) -> None:
    """A horizontal bar per section on a 0–100 scale, with the score and rating in words.

    Thin lines mark the amber and green thresholds; a bar's colour repeats its
    rating word, which is always printed beside it. A section title too long
    for its place wraps onto a second line (its row grows to hold it) rather
    than being cut: "Acceptable use, personal devices and pho…" named no section.
    """
    pdf.heading("Section scores", 12, before=1.5)
    thresholds = result.checklist.rating
    left = pdf.l_margin + LABEL_MM
    top = pdf.get_y() + 3.5
    pdf.style(TABLE_PT, colour=GREY)
    for mark, label in (
        (0, "0"),
        (thresholds.amber, f"amber {thresholds.amber:g}"),
        (thresholds.green, f"green {thresholds.green:g}"),
        (100, "100"),
    ):
        x = left + BAR_MM * mark / 100
        pdf.set_xy(x - 15, top - 4.2)
        pdf.cell(30, 3.5, label, align=Align.C)
    pdf.style(TABLE_PT)
    labels = [_label_lines(pdf, pdf.safe(section.title)) for section in result.sections]
    heights = [ROW_MM + LINE_MM * (len(lines) - 1) for lines in labels]
    pdf.set_draw_color(*RULE)
    for mark in (0, thresholds.amber, thresholds.green, 100):
        x = left + BAR_MM * mark / 100
        pdf.line(x, top, x, top + sum(heights))
    y = top
    for section, lines, height in zip(result.sections, labels, heights, strict=True):
        _bar(pdf, section, lines, y, height)
        y += height
    pdf.set_xy(pdf.l_margin, y + 2)


def _label_lines(pdf: PackDocument, title: str) -> list[str]:
    """The title in at most two lines that fit the label's width (the second cut if need be)."""
    width = LABEL_MM - 3
    if pdf.get_string_width(title) <= width:
        return [title]
    words = title.split()
    first = words[0]
    for count in range(len(words) - 1, 0, -1):
        if pdf.get_string_width(" ".join(words[:count])) <= width:
            first = " ".join(words[:count])
            break
    rest = title[len(first) :].strip()
    return [pdf.fitted(first, width), pdf.fitted(rest, width)] if rest else [first]


def _bar(
    pdf: PackDocument, section: SectionResult, lines: list[str], y: float, height: float
) -> None:
    """One section's row: its title, its bar and its score and rating in words."""
    pdf.style(TABLE_PT)
    for number, line in enumerate(lines):
        pdf.set_xy(pdf.l_margin, y + 0.4 + LINE_MM * number)
        pdf.cell(LABEL_MM - 2, ROW_MM - 0.8, line)
    middle = y + (height - ROW_MM) / 2  # the bar and the words sit level with the title's middle
    ink = COLOURS.get(section.rating or "", NEUTRAL)[1]
    if section.score is not None and section.score > 0:
        pdf.set_fill_color(*rgb(ink))
        pdf.rect(
            pdf.l_margin + LABEL_MM,
            middle + 0.9,
            BAR_MM * section.score / 100,
            ROW_MM - 1.8,
            style="F",
        )
    pdf.set_xy(pdf.l_margin + LABEL_MM + BAR_MM + 2, middle + 0.4)
    pdf.style(TABLE_PT, bold=True, colour=rgb(ink))
    words = (
        f"{score_text(section.score)} {rating_word(section.rating)}"
        if section.score is not None
        else "not scored"
    )
    pdf.cell(pdf.epw - LABEL_MM - BAR_MM - 2, ROW_MM - 0.8, words)


def _statutory(pdf: PackDocument, result: Result) -> None:
    """The statutory requirements that apply and are not fully met, as requirements."""
    missing = statutory_not_met(result)
    pdf.heading("Statutory requirements not met", 12, before=1.5)
    if not missing:
        pdf.paragraph(NO_STATUTORY_GAPS_TEXT)
        return
    for action in missing[:MOST_STATUTORY]:
        pdf.bullet(f"{action.requirement} Answer: {action.answer}. ({action.item_id})")
    if len(missing) > MOST_STATUTORY:
        more = len(missing) - MOST_STATUTORY
        pdf.paragraph(f"and {more} more, all at the start of the action plan.", bold=True)


def _actions(pdf: PackDocument, result: Result) -> None:
    """The five most important actions, each with the role that usually owns it."""
    actions = top_actions(result)
    title = "The five most important actions" if len(actions) == 5 else "The most important actions"
    pdf.heading(title, 12, before=1.5)
    if not actions:
        pdf.paragraph(NO_GAPS_TEXT)
        return
    for number, action in enumerate(actions, start=1):
        pdf.bullet(
            f"{action.action} Owner: {action.owner}. "
            f"({action.priority} priority, {action.item_id})",
            mark=f"{number}.",
        )
    total = len(result.gaps)
    pdf.ln(1)
    pdf.paragraph(
        f"{total} action{'' if total == 1 else 's'} in all: the action plan follows, "
        "highest priority first.",
        TABLE_PT,
        colour=GREY,
    )
