"""Words shared by every renderer, so the terminal, JSON and workbooks agree."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from schoolaudit.answer_types import kind_of
from schoolaudit.diff import ChangeKind, Diff
from schoolaudit.model import Checklist, Condition, Rating, Reference
from schoolaudit.scoring import Counts, ItemResult, RatingWord, Result, SectionResult, rate

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


NO_GAPS_TEXT = "No gaps: every applicable item is fully met."
SECTION_NOT_SCORED_TEXT = "not scored: no item in it applies or counts"


OPTIONAL_SCHOOL_FIELDS = (("trust", "Trust"), ("local_authority", "Local authority"))
"""School details shown in a report's heading only when the answers file gives them."""


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
    return kind_of(item).label(item, value)


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
    return _sum_text(section, top, bottom)


def grouped_arithmetic_text(section: SectionResult) -> str:
    """A section's score as a sum with items alike counted together.

    `100 × (6×(2×1) + 3×(2×0.5) + 3×0) / (9×2 + 3) = 100 × 15 / 21 = 71.4`:
    the same sum as `arithmetic_text`'s item by item, a few lines shorter for a
    section of twenty items, so the pack's appendix and the workbook's How scored
    sheet each stay one page.
    """
    terms = Counter((r.item.weight, r.credit) for r in section.scored_items)
    weights = Counter(r.item.weight for r in section.scored_items)
    top = " + ".join(_times(n, f"{w:g}×{c:g}") for (w, c), n in sorted(terms.items(), key=_larger))
    bottom = " + ".join(_times(n, f"{w:g}") for w, n in sorted(weights.items(), reverse=True))
    return _sum_text(section, top, bottom)


def _sum_text(section: SectionResult, top: str, bottom: str) -> str:
    return (
        f"100 × ({top}) / ({bottom}) = 100 × {section.total_weighted_credit:g} / "
        f"{section.total_weight:g} = {score_text(section.score)}"
    )


def _larger(term: tuple[tuple[float, float | None], int]) -> tuple[float, float]:
    (weight, credit), _ = term
    return (-weight, -(credit or 0.0))


def _times(count: int, term: str) -> str:
    if count == 1:
        return term
    return f"{count}×({term})" if "×" in term else f"{count}×{term}"


def overall_arithmetic_text(result: Result) -> str:
    scored = [s for s in result.sections if s.score is not None]
    if not scored:
        return "no scored sections: no overall score"
    top = " + ".join(f"{s.weight:g}×{score_text(s.score)}" for s in scored)
    bottom = " + ".join(f"{s.weight:g}" for s in scored)
    return f"({top}) / ({bottom}) = {score_text(result.score)}"


def stale_text(result: Result) -> str | None:
    """The warning an audit more than a year old carries: a stale audit is a finding itself."""
    if not result.stale:
        return None
    return (
        f"OUT OF DATE: this audit is dated {result.answers.date.isoformat()}, "
        f"{result.age_days} days ago. It is more than a year old, so the annual review is "
        "due: re-audit before relying on it."
    )


def provisional_text(result: Result) -> str | None:
    """The warning an unfinished audit carries, so nobody acts on a score that is still moving."""
    left = result.still_to_answer
    if not left:
        return None
    return (
        f"PROVISIONAL: {left} scored question{'' if left == 1 else 's'} that apply "
        f"{'is' if left == 1 else 'are'} not answered yet. They count as 0 until they are, "
        "so this score and rating will change as the audit is completed."
    )


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
    if result.uncapped_rating == "amber":
        return f"Statutory items not fully met ({ids}) would hold the rating at amber at most."
    return (
        f"Statutory items are not fully met ({ids}): even with a higher score, the rating "
        "could be no better than amber until they are."
    )


def section_cap_text(section: SectionResult, thresholds: Rating) -> str | None:
    """Why a section scoring green is rated amber: its statutory items not fully met."""
    if not section.capped_by or rate(section.score, thresholds) != "green":
        return None
    return f"held at amber: statutory {', '.join(section.capped_by)} not fully met"


def rating_rule_text(checklist: Checklist) -> str:
    """How a score becomes a rating, with this checklist's thresholds."""
    thresholds = checklist.rating
    return (
        f"green ≥ {thresholds.green:g}, amber ≥ {thresholds.amber:g}, else red"
        "; at most amber while a statutory item falls short"
    )


def counts_text(counts: Counts) -> str:
    """`9 of 9 applicable items answered · 0 unanswered · …`: the counts in one line."""
    return (
        f"{counts.answered} of {counts.applicable} applicable items answered"
        f" · {counts.unanswered} unanswered · {counts.not_applicable} not applicable"
        f" · {counts.gaps} gaps ({counts.statutory_gaps} statutory)"
    )


def left_out_texts(result: Result) -> dict[str, str]:
    """Why each item left out of the score was left out, in words a governor follows.

    Scoring records a reason in the checklist's own terms (`school.phase is
    secondary`); a governor reads "applies only to secondary schools" more
    easily, so items that do not apply are explained from their conditions.
    """
    by_id = {r.item.id: r for r in result.items}
    texts: dict[str, str] = {}
    for r in by_id.values():
        if r.status == "not_applicable":
            texts[r.item.id] = _not_applicable_text(result, r, by_id)
        elif r.status == "na":
            texts[r.item.id] = "the school answered not applicable (na)"
        elif r.credit is None:
            texts[r.item.id] = r.reason or "not scored"
    return texts


def _not_applicable_text(result: Result, left_out: ItemResult, by_id: dict[str, ItemResult]) -> str:
    """The condition scoring stopped at (the first that does not hold), in a governor's words."""
    why = left_out.applicability
    if why.blocked_by is not None:
        return f"depends on {why.blocked_by}, which does not apply to this school"
    if why.condition is None:
        return "its conditions do not hold for this school"
    return _condition_text(result, why.condition, why.actual, by_id.get(why.condition.key))


def _condition_text(
    result: Result, condition: Condition, actual: str | int | None, earlier: ItemResult | None
) -> str:
    field = condition.school_field
    if field == "phase":
        phases = " or ".join(str(v).replace("-provision", " provision") for v in condition.values)
        return f"applies only to {phases} schools (this school: {actual or 'phase not given'})"
    if field is not None:
        question = result.checklist.profile_field(field)
        subject = f"the answer to “{question.text}”" if question else f"the school's {field}"
        wanted = " or ".join(str(v) for v in condition.values)
        return f"applies only when {subject} is {wanted} ({_now(actual)})"
    if earlier is None:  # a condition on an item the checklist does not hold: lint forbids it
        return f"applies only when {condition.key} is {' or '.join(map(str, condition.values))}"
    wanted = " or ".join(
        kind_of(earlier.item).condition_label(earlier.item, v) for v in condition.values
    )
    now = "it is not answered" if earlier.value is None else f"it is {answer_text(earlier)}"
    return f"applies only when {earlier.item.id} (“{earlier.item.text}”) is {wanted} ({now})"


def _now(actual: str | int | None) -> str:
    return "not given" if actual is None else f"it is {actual}"


FILL_IN_COLUMNS = ("Owner", "Due date", "Status", "Governor comments")
"""The action plan's columns left empty for governors and staff to fill in."""


CHANGE_LABELS: dict[ChangeKind, str] = {
    "regressed": "worse",
    "improved": "better",
    "newly_applicable": "now in scope",
    "stopped_applying": "out of scope",
    "added": "new in this version",
    "removed": "retired",
    "details": "note or evidence only",
}
"""How each kind of change between two audits is named, as a label and after a count."""


def apart_text(days: int) -> str:
    """`365 days (about 1 year)`; a NEW dated before OLD says so."""
    if days < 0:
        return f"{-days} days, but NEW is dated before OLD (give the older audit first)"
    years, rest = divmod(days, 365)
    months = round(rest / 30.4)
    if months == 12:
        years, months = years + 1, 0
    parts = [f"{years} year{'s' if years != 1 else ''}"] if years else []
    if months:
        parts.append(f"{months} month{'s' if months != 1 else ''}")
    return f"{days} days" + (f" (about {' '.join(parts)})" if parts else "")


def score_change_text(change: float | None) -> str:
    """`+12.5`, `−3.0`, `0.0`, or `n/a` when a side has no score."""
    if change is None:
        return "n/a"
    shown = round(change + 0.0, 1)
    if shown > 0:
        return f"+{shown:.1f}"
    if shown < 0:
        return f"−{-shown:.1f}"
    return "0.0"


def side_text(result: ItemResult | None) -> str:
    """An item's answer on one side of a diff: `—` where that audit's checklist lacks it."""
    if result is None:
        return "—"
    if result.status == "not_applicable":
        return "does not apply"
    return answer_text(result)


def diff_counts_text(diff: Diff) -> str:
    """`1 worse · 2 better · 2 new in this version · 1 unchanged` (kinds with none left out)."""
    counts = [
        f"{len(diff.of_kind(kind))} {label}"
        for kind, label in CHANGE_LABELS.items()
        if diff.of_kind(kind)
    ]
    return " · ".join([*counts, f"{diff.unchanged} unchanged"])


def diff_provisional_text(diff: Diff) -> str | None:
    """Which side of a diff is unfinished: its unanswered questions count as 0."""
    sides = [
        f"{label} has {result.still_to_answer} unanswered"
        for label, result in (("the earlier audit", diff.old), ("the later audit", diff.new))
        if result.still_to_answer
    ]
    if not sides:
        return None
    return (
        f"PROVISIONAL: {' and '.join(sides)} scored question"
        f"{'s' if sum(r.still_to_answer for r in (diff.old, diff.new)) != 1 else ''}, counted as 0 "
        "until answered (new items after a version change are unanswered until the next audit)."
    )
