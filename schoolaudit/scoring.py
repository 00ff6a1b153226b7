"""Scoring one school: a pure function of (checklist, answers).

Every number in a `Result` can be traced to the items behind it: each
`ItemResult` keeps its answer, credit, weight and, when it was left out, why.
The rules are PRODUCT.md's "Scoring" section:

* item credit in [0, 1] by type; `unsure` and unanswered earn 0; text items,
  `na` answers and items that do not apply are left out;
* section score = 100 × Σ(weight × credit) / Σ(weight) over scored items;
* overall = Σ(section weight × section score) / Σ(section weight) over scored sections;
* rating by thresholds on the score rounded to one decimal (what people see),
  at most amber while any applicable statutory item has credit below 1;
* gaps: applicable scored items with credit below 1, high → medium → low
  priority, then larger weight × (1 − credit), then checklist order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from schoolaudit.answer_types import kind_of
from schoolaudit.applicability import APPLIES, Applicability, applicability
from schoolaudit.model import (
    NA,
    UNSURE,
    Answer,
    Answers,
    AnswerValue,
    Checklist,
    Item,
    Rating,
)

RatingWord = Literal["green", "amber", "red"]
Priority = Literal["high", "medium", "low"]
Status = Literal["answered", "unanswered", "na", "not_applicable"]

PRIORITY_OF_SEVERITY: dict[str, Priority] = {
    "statutory": "high",
    "expected": "medium",
    "recommended": "low",
}
PRIORITY_ORDER: dict[str, int] = {"high": 0, "medium": 1, "low": 2}
CREDIT_BY_WORD = {"yes": 1.0, "partial": 0.5, "no": 0.0}


@dataclass(frozen=True, slots=True)
class ItemResult:
    """One item's outcome: whether it counted, and with what credit."""

    item: Item
    status: Status
    answer: Answer | None
    credit: float | None  # None: not scored (text, na, not applicable)
    reason: str | None = None  # why it was left out, in words
    applicability: Applicability = APPLIES  # why it does not apply, as data

    @property
    def applies(self) -> bool:
        return self.status != "not_applicable"

    @property
    def value(self) -> AnswerValue | None:
        return None if self.answer is None else self.answer.value

    @property
    def is_gap(self) -> bool:
        return self.credit is not None and self.credit < 1

    @property
    def weighted_credit(self) -> float:
        return 0.0 if self.credit is None else self.item.weight * self.credit


@dataclass(frozen=True, slots=True)
class SectionResult:
    """A section's score and the items it was computed from."""

    id: str
    title: str
    weight: float
    items: tuple[ItemResult, ...]
    score: float | None
    rating: RatingWord | None
    capped_by: tuple[str, ...]  # statutory item ids holding the section at amber

    @property
    def scored_items(self) -> tuple[ItemResult, ...]:
        return tuple(result for result in self.items if result.credit is not None)

    @property
    def gap_count(self) -> int:
        """How many of the section's items are gaps."""
        return sum(1 for result in self.items if result.is_gap)

    @property
    def total_weight(self) -> float:
        return sum(result.item.weight for result in self.scored_items)

    @property
    def total_weighted_credit(self) -> float:
        return sum(result.weighted_credit for result in self.scored_items)


@dataclass(frozen=True, slots=True)
class Gap:
    """An item that falls short, with its place in the action plan."""

    result: ItemResult
    priority: Priority

    @property
    def item(self) -> Item:
        return self.result.item

    @property
    def shortfall(self) -> float:
        """weight × (1 − credit): how much meeting it in full would add."""
        credit = self.result.credit or 0.0
        return self.item.weight * (1 - credit)


@dataclass(frozen=True, slots=True)
class Counts:
    items: int
    applicable: int
    answered: int
    unanswered: int
    not_applicable: int
    unsure: int
    gaps: int
    statutory_gaps: int


@dataclass(frozen=True, slots=True)
class Result:
    """A school's scored audit."""

    checklist: Checklist
    answers: Answers
    sections: tuple[SectionResult, ...]
    score: float | None
    rating: RatingWord | None
    uncapped_rating: RatingWord | None
    capped_by: tuple[ItemResult, ...]  # statutory items with credit below 1
    gaps: tuple[Gap, ...]
    counts: Counts
    as_of: dt.date | None = None  # the day the report was made: how old the audit is then

    @property
    def age_days(self) -> int | None:
        """Days from the audit date to `as_of` (None: no day given, as in pure scoring)."""
        return None if self.as_of is None else (self.as_of - self.answers.date).days

    @property
    def stale(self) -> bool:
        """Dated more than a year before `as_of`: the annual review is overdue."""
        if self.as_of is None:
            return False
        try:
            year_ago = self.as_of.replace(year=self.as_of.year - 1)
        except ValueError:  # 29 February
            year_ago = self.as_of.replace(year=self.as_of.year - 1, day=28)
        return self.answers.date < year_ago

    @property
    def items(self) -> tuple[ItemResult, ...]:
        return tuple(result for section in self.sections for result in section.items)

    @property
    def still_to_answer(self) -> int:
        """Applicable scored items with no answer: while any remain the result is provisional."""
        return sum(1 for r in self.items if r.status == "unanswered" and r.item.scored)

    @property
    def ignored(self) -> tuple[ItemResult, ...]:
        """Answers kept in the file for items that do not apply."""
        return tuple(r for r in self.items if r.status == "not_applicable" and r.value is not None)


def item_credit(item: Item, value: AnswerValue | None, audit_date: dt.date) -> float | None:
    """Credit in [0, 1] for one answer; None where the item is not scored (text, na)."""
    kind = kind_of(item)
    if not kind.scored or value == NA:
        return None
    if value is None or value == UNSURE:
        return 0.0
    return kind.credit(item, value, audit_date)


def score(checklist: Checklist, answers: Answers) -> Result:
    """Score `answers` against `checklist`. Pure: no I/O, no clock."""
    decided = applicability(checklist, answers)
    sections = tuple(
        _score_section(
            section.id,
            section.title,
            section.weight,
            section.items,
            answers,
            decided,
            checklist.rating,
        )
        for section in checklist.sections
    )
    scored = [s for s in sections if s.score is not None]
    total_weight = sum(s.weight for s in scored)
    overall = (
        sum(s.weight * s.score for s in scored if s.score is not None) / total_weight
        if scored and total_weight
        else None
    )
    items = [result for section in sections for result in section.items]
    capped_by = tuple(r for r in items if r.item.severity == "statutory" and r.is_gap)
    uncapped = rate(overall, checklist.rating)
    gaps = tuple(
        sorted(
            (Gap(r, PRIORITY_OF_SEVERITY[r.item.severity]) for r in items if r.is_gap),
            key=lambda gap: (
                PRIORITY_ORDER[gap.priority],
                -gap.shortfall,
                checklist.position[gap.item.id],
            ),
        )
    )
    return Result(
        checklist=checklist,
        answers=answers,
        sections=sections,
        score=overall,
        rating=cap(uncapped, bool(capped_by)),
        uncapped_rating=uncapped,
        capped_by=capped_by,
        gaps=gaps,
        counts=_counts(items, gaps),
    )


def _score_section(
    section_id: str,
    title: str,
    weight: float,
    section_items: tuple[Item, ...],
    answers: Answers,
    decided: Mapping[str, Applicability],
    thresholds: Rating,
) -> SectionResult:
    results = tuple([_score_item(item, answers, decided[item.id]) for item in section_items])
    total = earned = 0.0
    scored = False
    capped_by: list[str] = []
    for result in results:  # one pass: this runs for every section of every school in a batch
        if result.credit is None:
            continue
        scored = True
        total += result.item.weight
        earned += result.item.weight * result.credit
        if result.credit < 1 and result.item.severity == "statutory":
            capped_by.append(result.item.id)
    section_score = 100 * earned / total if scored else None
    return SectionResult(
        id=section_id,
        title=title,
        weight=weight,
        items=results,
        score=section_score,
        rating=cap(rate(section_score, thresholds), bool(capped_by)),
        capped_by=tuple(capped_by),
    )


def _score_item(item: Item, answers: Answers, decided: Applicability) -> ItemResult:
    answer = answers.answers.get(item.id)
    value = None if answer is None else answer.value
    if not decided.applies:
        return ItemResult(item, "not_applicable", answer, None, decided.reason, decided)
    if value == NA:
        return ItemResult(item, "na", answer, None, "answered na (not applicable)")
    status: Status = "unanswered" if value is None else "answered"
    credit = item_credit(item, value, answers.date)  # None here: a text item
    reason = None if credit is not None else "text items are information, never scored"
    return ItemResult(item, status, answer, credit, reason)


def rounded(value: float | None) -> float | None:
    """A score as people see it: one decimal place."""
    return None if value is None else round(value + 0.0, 1)


def rate(value: float | None, thresholds: Rating) -> RatingWord | None:
    """The rating a score earns by thresholds alone (judged on the shown, rounded score)."""
    shown = rounded(value)
    if shown is None:
        return None
    if shown >= thresholds.green:
        return "green"
    if shown >= thresholds.amber:
        return "amber"
    return "red"


def cap(rating: RatingWord | None, statutory_gap: bool) -> RatingWord | None:
    """At most amber while a statutory item falls short."""
    return "amber" if rating == "green" and statutory_gap else rating


def _counts(items: list[ItemResult], gaps: tuple[Gap, ...]) -> Counts:
    applicable = [r for r in items if r.status in ("answered", "unanswered")]
    return Counts(
        items=len(items),
        applicable=len(applicable),
        answered=sum(1 for r in applicable if r.status == "answered"),
        unanswered=sum(1 for r in applicable if r.status == "unanswered"),
        not_applicable=len(items) - len(applicable),
        unsure=sum(1 for r in applicable if r.value == UNSURE),
        gaps=len(gaps),
        statutory_gaps=sum(1 for gap in gaps if gap.item.severity == "statutory"),
    )
