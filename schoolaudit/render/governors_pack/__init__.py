"""The governors' pack (`report --pdf`): the audit as A4 pages a governor reads on paper.

Page 1 stands alone (who, when, the score and rating, what it means, a chart of
the sections, the statutory requirements not met and the five most important
actions); then the action plan by priority, the section scores with what holds
each down, and what did not apply; the arithmetic, the words the pack uses and the
sources in an appendix.

Made with fpdf2, a pure-Python PDF library: nothing outside pip, no browser, no
LibreOffice, and no template language that text from a file could reach. The
font (DejaVu Sans Condensed) is bundled, so the pack looks the same everywhere
and covers the text schools write. Like every renderer, a function of a Result
that returns bytes; fpdf2 is imported only when a pack is made.
"""

from __future__ import annotations

from schoolaudit.render.first_page import long_date
from schoolaudit.scoring import Result


def render_governors_pack(result: Result) -> bytes:
    """The whole pack as PDF bytes."""
    from schoolaudit.render.governors_pack.appendix import arithmetic, glossary, sources
    from schoolaudit.render.governors_pack.document import PackDocument
    from schoolaudit.render.governors_pack.front import front_page
    from schoolaudit.render.governors_pack.plan import action_plan, not_applicable, section_notes

    answers = result.answers
    pdf = PackDocument(f"{answers.school_name} · online safety audit of {long_date(answers.date)}")
    pdf.set_title(pdf.safe(f"Online safety audit: {answers.school_name}"))
    pdf.set_subject(pdf.safe(f"{result.checklist.title}, version {result.checklist.version}"))
    pdf.set_lang("en-GB")  # screen readers read it in British English
    front_page(pdf, result)
    action_plan(pdf, result)
    section_notes(pdf, result)
    not_applicable(pdf, result)
    arithmetic(pdf, result)
    has_words = glossary(pdf, result)
    sources(pdf, result, "C" if has_words else "B")
    return bytes(pdf.output())
