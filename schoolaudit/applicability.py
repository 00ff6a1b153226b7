"""Which items apply to a school, and why the others do not.

An item applies when every `applies_if` condition holds. A condition on the
school reads its profile; a condition on an earlier item reads that item's
answer, and fails if that item does not apply itself, so dependants of an
item that is left out are left out too. Each decision carries a reason in
words, because a governor who sees an item missing will ask why.
"""

from __future__ import annotations

from dataclasses import dataclass

from schoolaudit.model import Answers, Checklist, Condition, Item
from schoolaudit.values import condition_value


@dataclass(frozen=True, slots=True)
class Applicability:
    applies: bool
    reason: str | None = None  # in words, when it does not apply


APPLIES = Applicability(True)


def applicability(checklist: Checklist, answers: Answers) -> dict[str, Applicability]:
    """Whether each item of `checklist` applies, in checklist order.

    Conditions may only name earlier items (lint enforces it), so one pass in
    order sees every item's own applicability before its dependants need it.
    """
    decided: dict[str, Applicability] = {}
    for item in checklist.items:
        decided[item.id] = _decide(item, answers, decided)
    return decided


def _decide(item: Item, answers: Answers, decided: dict[str, Applicability]) -> Applicability:
    for condition in item.conditions:
        reason = _failure(condition, answers, decided)
        if reason is not None:
            return Applicability(False, reason)
    return APPLIES


def _failure(
    condition: Condition, answers: Answers, decided: dict[str, Applicability]
) -> str | None:
    """Why `condition` does not hold, or None when it does."""
    field = condition.school_field
    if field is None:
        earlier = decided.get(condition.key)
        if earlier is not None and not earlier.applies:
            return f"depends on {condition.key}, which does not apply"
        raw = answers.value(condition.key)
    else:
        raw = answers.school.get(field)
    actual = None if raw is None else condition_value(raw)
    if actual in condition.values:
        return None
    wanted = " or ".join(str(value) for value in condition.values)
    now = "not answered" if actual is None else f"it is {actual}"
    return f"applies only when {condition.key} is {wanted} ({now})"
