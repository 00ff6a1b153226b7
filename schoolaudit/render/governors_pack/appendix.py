"""The appendix: how every score was worked out, the words used, and the sources.

Governors' pages state results; the arithmetic, the glossary of the terms those
pages use and the references live here for anyone who wants to check them. A
reference whose place in its source has not been confirmed is marked here, and
only here, as still to be checked. Each part is a compact table or two-column
list: the appendix is for looking things up, so it should cost few pages.
"""

from __future__ import annotations

from schoolaudit.glossary import terms_in
from schoolaudit.render.first_page import holds_down_text, not_applicable_groups
from schoolaudit.render.governors_pack.document import GREY, TABLE_PT, PackDocument
from schoolaudit.render.words import (
    SECTION_NOT_SCORED_TEXT,
    cap_text,
    grouped_arithmetic_text,
    overall_arithmetic_text,
    rating_rule_text,
    rating_word,
    score_text,
)
from schoolaudit.scoring import Result

MOST_NAMED = 8  # items citing a source, named; more are counted
MOST_UNCHECKED = 3  # places still to check in a source, named; more are counted
ARITHMETIC_WIDTHS = (40, 14, 126)


def arithmetic(pdf: PackDocument, result: Result) -> None:
    """Each section's sum in a table, then the overall sum and the rule that gave the rating.

    It follows on the same page rather than a new one: a page break here left
    half a page blank in most packs, and its heading marks where it starts.
    """
    pdf.heading("Appendix A: how the scores were worked out", 14, before=8)
    pdf.paragraph(
        "Each item earns a credit from 0 to 1 (yes 1, partial 0.5, no or unsure 0) times its "
        "weight; a section's score is 100 × the credit earned over the credit possible. Items "
        "alike are counted together: 6×(2×1) is six items of weight 2 that each earn 1.",
        TABLE_PT,
    )
    rows = [
        [
            section.title,
            score_text(section.score),
            grouped_arithmetic_text(section)
            if section.score is not None
            else SECTION_NOT_SCORED_TEXT,
        ]
        for section in result.sections
    ]
    pdf.table_of(("Section", "Score", "How it was worked out"), rows, ARITHMETIC_WIDTHS)
    pdf.paragraph(
        f"Overall (weighted by section): {overall_arithmetic_text(result)}", TABLE_PT, bold=True
    )
    pdf.paragraph(
        f"Rating {rating_word(result.rating)}: {rating_rule_text(result.checklist)}.", TABLE_PT
    )
    cap = cap_text(result)
    if cap:
        pdf.paragraph(cap, TABLE_PT)


def glossary(pdf: PackDocument, result: Result) -> bool:
    """The checklist's terms that the governors' pages use, in plain words; whether there
    were any (none: no part, and the sources are Appendix B)."""
    used = terms_in(result.checklist.glossary, governors_texts(result))
    if used:
        pdf.heading("Appendix B: words used in this pack", 14, before=6)
        pdf.two_columns([(f"{term}: ", meaning) for term, meaning in used])
    return bool(used)


def governors_texts(result: Result) -> list[str]:
    """Every text from the checklist that the pages before the appendix print."""
    texts = [f"{gap.item.text}\n{gap.item.remediation}\n{gap.item.owner}" for gap in result.gaps]
    texts += [s.title + "\n" + holds_down_text(s) for s in result.sections]
    texts += [reason for reason, _ in not_applicable_groups(result)]
    return texts


def _cited_by(ids: list[str]) -> str:
    """The items citing a source: named when few, counted when many (the workbook's
    Sources sheet names them all), so that the list of sources stays short."""
    if len(ids) <= MOST_NAMED:
        return ", ".join(ids)
    return f"{len(ids)} items ({', '.join(ids[:3])} …)"


def _still_to_check(places: list[str]) -> str:
    """The places in a source still to check: the first few named, the rest counted."""
    named = "; ".join(places[:MOST_UNCHECKED])
    more = len(places) - MOST_UNCHECKED
    return f" Still to check: {named}" + (f" and {more} more." if more > 0 else ".")


def sources(pdf: PackDocument, result: Result, letter: str) -> None:
    """Every source behind the pack's actions, the gaps citing it, and the places in it
    still to be checked against its own text (marked here, never in the pages above).

    Only the gaps' sources: they are what a governor may want to read before acting,
    and the items fully met would double the list; the workbook's Sources sheet has
    every source the checklist cites.
    """
    checklist = result.checklist
    cited: dict[str, list[str]] = {}
    unchecked: dict[str, list[str]] = {}
    for item in (gap.item for gap in result.gaps):
        for reference in item.references:
            ids = cited.setdefault(reference.source, [])
            if item.id not in ids:
                ids.append(item.id)
            if not reference.verified and reference.where:
                unchecked.setdefault(reference.source, []).append(f"{item.id} {reference.where}")
    pdf.heading(f"Appendix {letter}: sources", 14, before=6)
    pdf.paragraph(
        "Each source the action plan's items cite, and the items citing it. A place marked "
        "“still to check” has not yet been confirmed against the source's own text. The "
        "workbook's Sources sheet names every citation and links to each source.",
        TABLE_PT,
        colour=GREY,
    )
    entries = []
    for source_id, ids in cited.items():
        source = checklist.sources.get(source_id)
        title = source.title if source else source_id
        about = ", ".join(p for p in (source and source.publisher, source and source.edition) if p)
        rest = (f" ({about})" if about else "") + f". Cited by {_cited_by(ids)}."
        if source_id in unchecked:
            rest += _still_to_check(unchecked[source_id])
        entries.append((title, rest))
    pdf.two_columns(entries)
