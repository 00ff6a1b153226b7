"""What changed between two audits of one school: a pure function of two Results.

A DSL re-audits every year and wants to know, in ten seconds, what got better,
what slipped (a statutory item that slipped above all), what the school now has
to answer that it did not before, and what only gained a note. `diff` pairs the
items of the two audits (following `replaces:` when the checklist's version
moved on) and sorts the movements biggest first: an item's movement is its
change in weighted credit, weight × (new credit − old credit). Items that only
one side's checklist version has come after every movement of an item both had.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from schoolaudit.changes import compare_checklists
from schoolaudit.model import Answer, Item
from schoolaudit.problems import Location, Problem
from schoolaudit.scoring import ItemResult, RatingWord, Result

ChangeKind = Literal[
    "regressed",
    "improved",
    "newly_applicable",
    "stopped_applying",
    "added",
    "removed",
    "details",
]
KINDS: tuple[ChangeKind, ...] = get_args(ChangeKind)
"""Every kind of change, in the order a DSL reads them."""
VERSION_KINDS: tuple[ChangeKind, ...] = ("added", "removed")
"""Items one audit's checklist version has and the other's lacks: not movements of the school."""


@dataclass(frozen=True, slots=True)
class ItemChange:
    """One item that differs between the two audits."""

    kind: ChangeKind
    item: Item  # as the newer audit's checklist has it (the older's, if removed)
    old_id: str | None  # the id in the older audit, when it had the item
    old: ItemResult | None
    new: ItemResult | None

    @property
    def old_credit(self) -> float | None:
        return None if self.old is None else self.old.credit

    @property
    def new_credit(self) -> float | None:
        return None if self.new is None else self.new.credit

    @property
    def movement(self) -> float:
        """weight × (new credit − old credit), at the item's newer weight.

        An item scored on one side only counts 0 on the other. A re-weighted
        item that went from yes to partial moved down, whatever its weights.
        """
        if self.kind in ("improved", "regressed"):
            return self.item.weight * ((self.new_credit or 0.0) - (self.old_credit or 0.0))
        old = 0.0 if self.old is None else self.old.weighted_credit
        new = 0.0 if self.new is None else self.new.weighted_credit
        return new - old

    @property
    def statutory_regression(self) -> bool:
        return self.kind == "regressed" and self.item.severity == "statutory"


@dataclass(frozen=True, slots=True)
class SectionChange:
    """A section's score in each audit (None: no such section, or not scored)."""

    id: str
    title: str
    old_score: float | None
    new_score: float | None

    @property
    def change(self) -> float | None:
        if self.old_score is None or self.new_score is None:
            return None
        return self.new_score - self.old_score


@dataclass(frozen=True, slots=True)
class Diff:
    """Two audits of one school, compared."""

    old: Result
    new: Result
    sections: tuple[SectionChange, ...]
    changes: tuple[ItemChange, ...]  # movements biggest first, then the version's own changes
    unchanged: int

    @property
    def movements(self) -> tuple[ItemChange, ...]:
        """Changes to items both audits had, biggest movement first.

        Items new in the later version (or retired from it) only ever count on
        one side: ranked with these, a version that added 90 items filled any
        top ten with them and hid what the school itself did.
        """
        return tuple(change for change in self.changes if change.kind not in VERSION_KINDS)

    @property
    def days_apart(self) -> int:
        return (self.new.answers.date - self.old.answers.date).days

    @property
    def score_change(self) -> float | None:
        if self.old.score is None or self.new.score is None:
            return None
        return self.new.score - self.old.score

    @property
    def ratings(self) -> tuple[RatingWord | None, RatingWord | None]:
        return self.old.rating, self.new.rating

    @property
    def same_version(self) -> bool:
        old, new = self.old.checklist, self.new.checklist
        return (old.id, old.version) == (new.id, new.version)

    @property
    def statutory_regressions(self) -> tuple[ItemChange, ...]:
        return tuple(change for change in self.changes if change.statutory_regression)

    @property
    def new_statutory_gaps(self) -> tuple[ItemChange, ...]:
        """Statutory items that count now but did not before (new, or now in scope), not met."""
        return tuple(
            change
            for change in self.changes
            if change.kind in ("added", "newly_applicable")
            and change.item.severity == "statutory"
            and change.new is not None
            and change.new.is_gap
        )

    def of_kind(self, kind: ChangeKind) -> tuple[ItemChange, ...]:
        return tuple(change for change in self.changes if change.kind == kind)


def diff(old: Result, new: Result) -> Diff:
    """Compare two audits; `old` is the earlier one. Pure: no I/O, no clock."""
    pairs = compare_checklists(old.checklist, new.checklist).new_id
    old_by_id = {result.item.id: result for result in old.items}
    changes: list[ItemChange] = []
    unchanged = 0
    old_of = {new_id: old_id for old_id, new_id in pairs.items()}
    for new_result in new.items:
        old_id = old_of.get(new_result.item.id)
        old_result = old_by_id.get(old_id) if old_id else None
        change = _compare(old_id, old_result, new_result)
        if change is None:
            unchanged += 1
        else:
            changes.append(change)
    for old_result in old.items:
        if old_result.item.id not in pairs:
            changes.append(
                ItemChange("removed", old_result.item, old_result.item.id, old_result, None)
            )
    position = {result.item.id: n for n, result in enumerate(new.items)}
    changes.sort(
        key=lambda c: (
            c.kind in VERSION_KINDS,
            -abs(c.movement),
            not c.statutory_regression,
            KINDS.index(c.kind),
            position.get(c.item.id, len(position)),
        )
    )
    return Diff(
        old=old,
        new=new,
        sections=_sections(old, new),
        changes=tuple(changes),
        unchanged=unchanged,
    )


def _scored(result: ItemResult) -> bool:
    """Counts in the score: applies, answered other than na, and a scored type."""
    return result.credit is not None


def _compare(old_id: str | None, old: ItemResult | None, new: ItemResult) -> ItemChange | None:
    item = new.item
    if old is None:
        return ItemChange("added", item, None, None, new)
    if _scored(old) != _scored(new) and item.scored:
        kind: ChangeKind = "newly_applicable" if _scored(new) else "stopped_applying"
        return ItemChange(kind, item, old_id, old, new)
    if old.credit is not None and new.credit is not None and old.credit != new.credit:
        kind = "improved" if new.credit > old.credit else "regressed"
        return ItemChange(kind, item, old_id, old, new)
    if not _same_words(old.answer, new.answer):
        return ItemChange("details", item, old_id, old, new)
    return None


def _same_words(old: Answer | None, new: Answer | None) -> bool:
    """The same answer, note and evidence (credit aside)."""
    empty = Answer()
    return (old or empty) == (new or empty)


def _sections(old: Result, new: Result) -> tuple[SectionChange, ...]:
    before = {section.id: section for section in old.sections}
    after = {section.id: section for section in new.sections}
    rows = [
        SectionChange(s.id, s.title, before[s.id].score if s.id in before else None, s.score)
        for s in new.sections
    ]
    rows += [SectionChange(s.id, s.title, s.score, None) for s in old.sections if s.id not in after]
    return tuple(rows)


def school_mismatch(old: Result, new: Result) -> Problem | None:
    """Two different schools (different URNs) are not two audits of one school."""
    old_urn, new_urn = old.answers.school.get("urn"), new.answers.school.get("urn")
    if old_urn and new_urn and old_urn != new_urn:
        return Problem(
            "diff/different-schools",
            f"these are two different schools: URN {old_urn} ({old.answers.school_name}) "
            f"and URN {new_urn} ({new.answers.school_name})",
            Location(new.answers.path or ""),
            "compare two audits of one school, or add --force to compare them anyway",
        )
    return None


def checklist_mismatch(old: Result, new: Result) -> Problem | None:
    """Audits against two different checklists share no items to compare."""
    if old.checklist.id == new.checklist.id:
        return None
    return Problem(
        "diff/different-checklists",
        f"these audits answer different checklists: {old.checklist.id} and {new.checklist.id}",
        Location(new.answers.path or ""),
        "compare two audits made with one checklist, in any of its versions",
    )
