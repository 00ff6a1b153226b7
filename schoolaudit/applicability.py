"""Which items apply to a school, and why the others do not.

An item applies when every `applies_if` condition holds. A condition on the
school reads its profile; a condition on an earlier item reads that item's
answer, and fails if that item does not apply itself, so dependants of an
item that is left out are left out too. Each decision carries its reason as
data (the condition that failed and what the school's file holds instead), so
that renderers word it for their readers without re-deriving it; `reason`
words it in the checklist's own terms, because a governor who sees an item
missing will ask why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from schoolaudit.model import Answers, Checklist, Condition
from schoolaudit.values import condition_value


@dataclass(frozen=True, slots=True)
class Applicability:
    """Whether an item applies and, when not, why: the first condition that does not hold."""

    applies: bool
    condition: Condition | None = None  # the first condition that does not hold
    actual: str | int | None = None  # what the school's file holds for it (None: not given)
    blocked_by: str | None = None  # the earlier item it depends on, which does not apply

    @property
    def reason(self) -> str | None:
        """Why it does not apply, in the checklist's terms; None when it applies."""
        if self.applies or self.condition is None:
            return None
        if self.blocked_by is not None:
            return f"depends on {self.blocked_by}, which does not apply"
        wanted = " or ".join(str(value) for value in self.condition.values)
        now = "not answered" if self.actual is None else f"it is {self.actual}"
        return f"applies only when {self.condition.key} is {wanted} ({now})"


APPLIES = Applicability(True)


def applicability(checklist: Checklist, answers: Answers) -> Mapping[str, Applicability]:
    """Whether each item of `checklist` applies, in checklist order.

    Conditions may only name earlier items (lint enforces it), so one pass in
    order sees every item's own applicability before its dependants need it.
    Every item starts as applying, and only the checklist's conditional items
    are decided: most items have no conditions, and this runs for every file
    of a batch.

    Checking a file (its not-applicable answers) and scoring it both ask, one
    after the other, for the same checklist and answers: the last decision is
    kept and given again while both are the very same objects (both are
    frozen, so it cannot have changed; the mapping given is read-only).
    """
    global _last
    last = _last
    if last is not None and last[0] is checklist and last[1] is answers:
        return last[2]
    decided = dict.fromkeys(checklist.position, APPLIES)
    for item_id, conditions in checklist.derived(_conditions):
        for condition, field in conditions:
            failed = _failure(condition, field, answers, decided)
            if failed is not None:
                decided[item_id] = failed
                break
    _last = (checklist, answers, MappingProxyType(decided))
    return _last[2]


_last: tuple[Checklist, Answers, Mapping[str, Applicability]] | None = None


def _conditions(
    checklist: Checklist,
) -> tuple[tuple[str, tuple[tuple[Condition, str | None], ...]], ...]:
    """Each conditional item's id and conditions, each with the school field it reads
    (None: it reads an earlier item): worked out once per checklist, not for every school."""
    return tuple(
        (item.id, tuple((condition, condition.school_field) for condition in item.conditions))
        for item in checklist.conditional
    )


def _failure(
    condition: Condition,
    field: str | None,
    answers: Answers,
    decided: Mapping[str, Applicability],
) -> Applicability | None:
    """The decision when `condition` (on school `field`, or an earlier item) does not
    hold, or None when it does."""
    if field is None:
        earlier = decided.get(condition.key)
        if earlier is not None and not earlier.applies:
            return Applicability(False, condition, blocked_by=condition.key)
        answer = answers.answers.get(condition.key)
        raw = None if answer is None else answer.value
    else:
        raw = answers.school.get(field)
    actual = None if raw is None else condition_value(raw)
    if actual in condition.values:
        return None
    return Applicability(False, condition, actual)
