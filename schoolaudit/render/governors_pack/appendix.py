"""The appendix: how every score was worked out, and the sources behind the items.

Governors' pages state results; the arithmetic and the references live here
for anyone who wants to check them. A reference whose place in its source has
not been confirmed is marked here, and only here, as still to be checked.
"""

from __future__ import annotations

from schoolaudit.render.governors_pack.document import GREY, TABLE_PT, PackDocument
from schoolaudit.render.words import (
    SECTION_NOT_SCORED_TEXT,
    cap_text,
    grouped_arithmetic_text,
    overall_arithmetic_text,
    rating_rule_text,
    rating_word,
)
from schoolaudit.scoring import Result

MOST_NAMED = 8


def arithmetic(pdf: PackDocument, result: Result) -> None:
    """Each section's sum, the overall sum and the rule that gave the rating.

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
    for section in result.sections:
        how = (
            grouped_arithmetic_text(section)
            if section.score is not None
            else SECTION_NOT_SCORED_TEXT
        )
        pdf.paragraph(f"{section.title}: {how}", TABLE_PT, after=0.8)
    pdf.paragraph(
        f"Overall (weighted by section): {overall_arithmetic_text(result)}", TABLE_PT, bold=True
    )
    pdf.paragraph(
        f"Rating {rating_word(result.rating)}: {rating_rule_text(result.checklist)}.", TABLE_PT
    )
    cap = cap_text(result)
    if cap:
        pdf.paragraph(cap, TABLE_PT)


def _cited_by(ids: list[str]) -> str:
    """The items citing a source: named when few, counted when many (the workbook's
    Sources sheet names them all), so that the list of sources stays short."""
    if len(ids) <= MOST_NAMED:
        return ", ".join(ids)
    return f"{len(ids)} items ({', '.join(ids[:3])} …)"


def sources(pdf: PackDocument, result: Result) -> None:
    """Every source cited by the items that apply, the items citing it, and the places
    in it still to be checked against its own text (marked here, never in the pages above).
    """
    checklist = result.checklist
    cited: dict[str, list[str]] = {}
    unchecked: dict[str, list[str]] = {}
    for item in (r.item for r in result.items if r.applies):
        for reference in item.references:
            ids = cited.setdefault(reference.source, [])
            if item.id not in ids:
                ids.append(item.id)
            if not reference.verified and reference.where:
                unchecked.setdefault(reference.source, []).append(f"{item.id} {reference.where}")
    pdf.heading("Appendix B: sources", 14, before=6)
    pdf.paragraph(
        "Each source the applicable items cite, and the items citing it (the workbook's Sources "
        "sheet names them all). A place marked "
        "“still to check” has not yet been confirmed against the source's own text.",
        TABLE_PT,
        colour=GREY,
    )
    for source_id, ids in cited.items():
        source = checklist.sources.get(source_id)
        title = source.title if source else source_id
        about = ", ".join(p for p in (source and source.publisher, source and source.edition) if p)
        line = title + (f" ({about})" if about else "")
        line += f". {source.url}" if source and source.url else ""
        line += f". Cited by {_cited_by(ids)}."
        if source_id in unchecked:
            line += f" Still to check: {'; '.join(unchecked[source_id])}."
        pdf.bullet(line, TABLE_PT)
