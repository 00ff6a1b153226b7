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
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from operator import itemgetter
from typing import Literal, NamedTuple

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
    Section,
)

RatingWord = Literal["green", "amber", "red"]
Priority = Literal["high", "medium", "low"]
Status = Literal["answered", "unanswered", "na", "not_applicable"]

PRIORITY_OF_SEVERITY: dict[str, Priority] = {
    "statutory": "high",
    "expected": "medium",
    "recommended": "low",
}
PRIORITIES: tuple[Priority, ...] = ("high", "medium", "low")
"""The action plan's priorities, first to last."""
PRIORITY_ORDER: dict[str, int] = {priority: n for n, priority in enumerate(PRIORITIES)}
CREDIT_BY_WORD = {"yes": 1.0, "partial": 0.5, "no": 0.0}


class ItemResult(NamedTuple):
    """One item's outcome: whether it counted, and with what credit.

    An immutable record (a named tuple, not a frozen dataclass: a school makes
    one per item, and a frozen dataclass's `__init__` costs three times as much,
    which a batch of 24,000 schools notices).
    """

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


class Gap(NamedTuple):
    """An item that falls short, with its place in the action plan (a named tuple, as
    `ItemResult`)."""

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
    """Score `answers` against `checklist`. Pure: no I/O, no clock.

    Every item is looked at once: its result, its section's sums, the gaps,
    the statutory items that cap the rating and the counts are all gathered in
    that one pass (a batch scores 24,000 schools of ~220 items each, and the
    separate passes over the results, each through properties, cost as much as
    scoring the items themselves).
    """
    decided = applicability(checklist, answers)
    tally = _Tally()
    sections = tuple(
        _score_section(section, rules, answers, decided, checklist.rating, tally)
        for section, rules in zip(checklist.sections, checklist.derived(_rules), strict=True)
    )
    scored = [s for s in sections if s.score is not None]
    total_weight = sum(s.weight for s in scored)
    overall = (
        sum(s.weight * s.score for s in scored if s.score is not None) / total_weight
        if scored and total_weight
        else None
    )
    gaps = tuple(
        [
            _new_gap((result, priority))
            for priority, found in zip(PRIORITIES, tally.gaps, strict=True)
            for _, result in sorted(found, key=_first)  # stable: ties stay in checklist order
        ]
    )
    uncapped = rate(overall, checklist.rating)
    applicable = tally.answered + tally.unanswered
    return Result(
        checklist=checklist,
        answers=answers,
        sections=sections,
        score=overall,
        rating=cap(uncapped, bool(tally.capped_by)),
        uncapped_rating=uncapped,
        capped_by=tuple(tally.capped_by),
        gaps=gaps,
        counts=Counts(
            items=tally.items,
            applicable=applicable,
            answered=tally.answered,
            unanswered=tally.unanswered,
            not_applicable=tally.items - applicable,
            unsure=tally.unsure,
            gaps=len(gaps),
            statutory_gaps=len(tally.capped_by),
        ),
    )


class _Tally:
    """What `score` gathers while it passes over the items once (private and short-lived:
    the frozen `Result` is made from it)."""

    __slots__ = ("answered", "capped_by", "gaps", "items", "unanswered", "unsure")

    def __init__(self) -> None:
        self.items = self.answered = self.unanswered = self.unsure = 0
        self.capped_by: list[ItemResult] = []  # statutory gaps, in checklist order
        # each priority's gaps, highest first, as (-shortfall, result) in checklist order
        self.gaps: tuple[list[tuple[float, ItemResult]], ...] = ([], [], [])


class _Rule(NamedTuple):
    """What scoring needs of one item, worked out once per checklist (`_rules`)."""

    item: Item
    id: str
    weight: float
    credit: Callable[[Item, AnswerValue, dt.date], float] | None  # None: a text item
    credits: Mapping[AnswerValue, float]  # the credit of each answer word, worked out once
    conditional: bool  # whether the item may not apply (else it always does)
    order: int  # the place of the item's priority in the action plan
    statutory: bool


def _rules(checklist: Checklist) -> tuple[tuple[_Rule, ...], ...]:
    """Each section's items as `_Rule`s: kept with the checklist (`Checklist.derived`).

    A batch scores thousands of schools against the same few checklists;
    finding each item's answer type, credit rule and priority once, not for
    every school, is a tenth of scoring one. The credit of each answer word
    (`partial`, a level, a choice) is worked out here too, where it does not
    depend on the audit date: scoring such an answer is then a look-up.
    """
    return tuple(tuple(_rule(item) for item in section.items) for section in checklist.sections)


def _rule(item: Item) -> _Rule:
    kind = kind_of(item)
    credits: dict[AnswerValue, float] = {}
    if kind.scored and not kind.dated:  # the same credit for a word, whatever the date
        for word in kind.words(item):
            value = kind.parse(item, word, word, None)
            credits[value] = kind.credit(item, value, dt.date.min)
    return _Rule(
        item,
        item.id,
        item.weight,
        kind.credit if kind.scored else None,
        credits,  # a plain dict, typed read-only: a proxy's `get` costs twice a dict's
        bool(item.conditions),
        PRIORITY_ORDER[PRIORITY_OF_SEVERITY[item.severity]],
        item.severity == "statutory",
    )


_new_result = partial(tuple.__new__, ItemResult)
"""`ItemResult((item, status, answer, credit, reason, applicability))`, every field
given: made without the named tuple's own `__new__`, a Python function whose call
costs as much again as the rest of scoring a typical item."""
_first = itemgetter(0)
_new_gap = partial(tuple.__new__, Gap)
"""`Gap((result, priority))`, as `_new_result` (a school may have a hundred gaps)."""


def _score_section(
    section: Section,
    rules: tuple[_Rule, ...],
    answers: Answers,
    decided: Mapping[str, Applicability],
    thresholds: Rating,
    tally: _Tally,
) -> SectionResult:
    given = answers.answers
    audit_date = answers.date
    results: list[ItemResult] = []
    total = earned = 0.0
    scored = False
    capped_by: list[str] = []
    answered = unanswered = unsure = 0
    for item, item_id, weight, credit_of, credits, conditional, order, statutory in rules:
        answer = given.get(item_id)
        value = None if answer is None else answer.value
        applies = decided[item_id] if conditional else APPLIES
        if credit_of is None or value == NA or not applies.applies:
            result = _left_out(item, answer, value, applies)  # never scored: say why
            results.append(result)
            if result.status == "answered":
                answered += 1
                unsure += value == UNSURE  # a text item's unsure is counted too
            elif result.status == "unanswered":
                unanswered += 1
            continue
        # as `item_credit`, with the item's credit rule at hand (tests/test_properties.py
        # holds the two to the same answers)
        if value is None:
            unanswered += 1
            credit = 0.0
            result = _new_result((item, "unanswered", answer, credit, None, APPLIES))
        else:
            answered += 1
            if value == UNSURE:
                unsure += 1
                credit = 0.0
            else:
                known = credits.get(value)
                credit = credit_of(item, value, audit_date) if known is None else known
            result = _new_result((item, "answered", answer, credit, None, APPLIES))
        results.append(result)
        scored = True
        total += weight
        earned += weight * credit
        if credit < 1:
            shortfall = weight * (1 - (credit or 0.0))  # as `Gap.shortfall`
            tally.gaps[order].append((-shortfall, result))
            if statutory:
                capped_by.append(item_id)
                tally.capped_by.append(result)
    tally.items += len(results)
    tally.answered += answered
    tally.unanswered += unanswered
    tally.unsure += unsure
    section_score = 100 * earned / total if scored else None
    return SectionResult(
        id=section.id,
        title=section.title,
        weight=section.weight,
        items=tuple(results),
        score=section_score,
        rating=cap(rate(section_score, thresholds), bool(capped_by)),
        capped_by=tuple(capped_by),
    )


def _left_out(
    item: Item, answer: Answer | None, value: AnswerValue | None, decided: Applicability
) -> ItemResult:
    """An item that is not scored: it does not apply, was answered na, or is a text item."""
    if not decided.applies:
        return ItemResult(item, "not_applicable", answer, None, decided.reason, decided)
    if value == NA:
        return ItemResult(item, "na", answer, None, "answered na (not applicable)")
    status: Status = "unanswered" if value is None else "answered"
    return ItemResult(item, status, answer, None, "text items are information, never scored")


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
