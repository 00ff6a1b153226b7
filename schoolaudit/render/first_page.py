"""What a governor reads first, in words, for every renderer that makes a page 1.

The governors' pack (PDF), the Markdown report and the workbook's Summary put
the same things first, in the same order: who and when, the score and rating,
what the rating means, the section scores, the statutory requirements not met
and the most important actions with who usually owns them. These functions
choose and word those things once, so the three agree; each renderer only lays
them out. Ids are kept for cross-reference, but every line reads without them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from schoolaudit.render.words import answer_text, left_out_texts
from schoolaudit.scoring import PRIORITY_OF_SEVERITY, Gap, Result, SectionResult

TOP_ACTIONS = 5
NO_STATUTORY_GAPS_TEXT = "None: every statutory requirement that applies is met in full."


@dataclass(frozen=True, slots=True)
class Action:
    """One action for the front page: what to do, who usually does it, and why."""

    item_id: str
    action: str
    owner: str
    requirement: str
    answer: str
    priority: str


def long_date(day: dt.date) -> str:
    """`24 November 2026`: how a date reads in a governors' paper (never 11/24)."""
    return f"{day.day} {day:%B %Y}"


def owner_text(owner: str | None) -> str:
    return owner or "not named"


def top_actions(result: Result, count: int = TOP_ACTIONS) -> list[Action]:
    """The `count` most important actions: the action plan's first rows, in its order."""
    return [action_of(gap) for gap in result.gaps[:count]]


def action_of(gap: Gap) -> Action:
    item = gap.item
    return Action(
        item_id=item.id,
        action=item.remediation or item.text,
        owner=owner_text(item.owner),
        requirement=item.text,
        answer=answer_text(gap.result),
        priority=gap.priority,
    )


def statutory_not_met(result: Result) -> list[Action]:
    """Each applicable statutory requirement not fully met, with its current answer."""
    by_id = {gap.item.id: gap for gap in result.gaps}
    return [action_of(by_id[r.item.id]) for r in result.capped_by if r.item.id in by_id]


def holds_down_text(section: SectionResult, *, count: bool = True, words: bool = True) -> str:
    """One line on what keeps a section's score from 100: its gaps and the largest one.

    "3 gaps (1 high, 2 medium); most lost: Are filtering reports reviewed…" lets
    a governor see where a section's points went without the arithmetic. Beside
    a column of gap counts (`count=False`) it starts at the priorities instead,
    "1 high, 2 medium; most lost…", a line shorter in a narrow table; and where
    one line must do (`words=False`) the largest gap is named by its id, whose
    words are in the action plan above it.
    """
    gaps = [r for r in section.items if r.is_gap]
    if section.score is None:
        return "Not scored: no item in it applies or counts."
    if not gaps:
        return "Nothing: every item that counts is fully met."
    worst = max(gaps, key=lambda r: r.item.weight * (1 - (r.credit or 0.0)))
    by_priority: dict[str, int] = {}
    for r in gaps:
        word = PRIORITY_OF_SEVERITY.get(r.item.severity, "low")
        by_priority[word] = by_priority.get(word, 0) + 1
    spread = ", ".join(
        f"{by_priority[p]} {p}" for p in ("high", "medium", "low") if p in by_priority
    )
    noun = "gap" if len(gaps) == 1 else "gaps"
    lost = f"most lost on: {worst.item.text if words else worst.item.id} ({answer_text(worst)})"
    return f"{len(gaps)} {noun} ({spread}); {lost}" if count else f"{spread}; {lost}"


def not_applicable_groups(result: Result) -> list[tuple[str, list[str]]]:
    """Items left out of the score, grouped by why: (reason, [item ids]), in checklist order.

    One line per reason keeps this short: twelve early-years items left out of a
    secondary school's audit are one line, not twelve.
    """
    groups: dict[str, list[str]] = {}
    left_out = left_out_texts(result)
    for r in result.items:
        if r.status in ("not_applicable", "na") and r.item.scored:
            groups.setdefault(left_out[r.item.id], []).append(r.item.id)
    return list(groups.items())
