"""Words shared by every renderer, so the terminal, JSON and workbooks agree."""

from __future__ import annotations

import datetime as dt

from schoolaudit.model import Checklist, Reference
from schoolaudit.scoring import ItemResult, RatingWord, Result

RATING_MEANING: dict[str | None, str] = {
    "green": "Green: the school meets most of what the guidance asks and every statutory "
    "item that applies. Keep the evidence current and close the remaining gaps.",
    "amber": "Amber: the school meets much of what the guidance asks, but there are "
    "important gaps, or a statutory requirement is not fully met. Act on the high-priority "
    "items first.",
    "red": "Red: the school falls well short of what the guidance asks. Pupils may not be "
    "protected as they should be: leaders and governors should act on the action plan now.",
    None: "No rating: no scored item applies or has been answered yet.",
}


def rating_word(rating: RatingWord | None) -> str:
    return rating.upper() if rating else "UNRATED"


def score_text(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def answer_text(result: ItemResult) -> str:
    """An answer as people read it: `yes`, `3 (Most)`, `Active monitoring`, `2026-01-01`."""
    value = result.value
    item = result.item
    if value is None:
        return "not answered"
    if isinstance(value, dt.date):
        return value.isoformat()
    if item.type == "choice" and isinstance(value, str):
        option = item.option(value)
        return option.label if option else value
    if item.type == "level" and isinstance(value, int):
        label = dict(item.levels).get(value)
        return f"{value} ({label})" if label else str(value)
    if item.type == "number":
        return f"{value:g}{item.unit or ''}" if isinstance(value, int | float) else str(value)
    return str(value)


def reference_text(checklist: Checklist, reference: Reference) -> str:
    """`KCSIE 2025, para 142 (check source)`: a reference in words."""
    source = checklist.sources.get(reference.source)
    title = source.title if source else reference.source
    text = f"{title}, {reference.where}" if reference.where else title
    return text if reference.verified or not reference.where else f"{text} (check source)"


def references_text(checklist: Checklist, references: tuple[Reference, ...]) -> str:
    return "; ".join(reference_text(checklist, r) for r in references)


def arithmetic_text(result: Result, section_id: str) -> str:
    """A section's score as a sum a governor can redo: `(2×1 + 3×0.5) / (2 + 3) = 70.0`."""
    section = next(s for s in result.sections if s.id == section_id)
    scored = section.scored_items
    if not scored:
        return "no scored items: no score"
    top = " + ".join(f"{r.item.weight:g}×{r.credit:g}" for r in scored if r.credit is not None)
    bottom = " + ".join(f"{r.item.weight:g}" for r in scored)
    return (
        f"100 × ({top}) / ({bottom}) = 100 × {section.total_weighted_credit:g} / "
        f"{section.total_weight:g} = {score_text(section.score)}"
    )


def overall_arithmetic_text(result: Result) -> str:
    scored = [s for s in result.sections if s.score is not None]
    if not scored:
        return "no scored sections: no overall score"
    top = " + ".join(f"{s.weight:g}×{score_text(s.score)}" for s in scored)
    bottom = " + ".join(f"{s.weight:g}" for s in scored)
    return f"({top}) / ({bottom}) = {score_text(result.score)}"


def cap_text(result: Result) -> str | None:
    """Why the rating is amber rather than green, if a statutory item holds it there."""
    if not result.capped_by:
        return None
    ids = ", ".join(r.item.id for r in result.capped_by)
    if result.uncapped_rating == "green":
        return (
            f"The score alone would rate green, but statutory items are not fully met "
            f"({ids}), so the rating is held at amber."
        )
    return f"Statutory items not fully met ({ids}) would hold the rating at amber at most."
