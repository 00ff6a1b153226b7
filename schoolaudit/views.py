"""Views: one school's answers scored against another framework.

A checklist may be a view of another (`view_of: uksic-online-safety`): each of
its scored items names, in `answered_by`, the base checklist's items whose
answers answer it. A school answers the base once; `report --checklist VIEW`
then scores the view from those answers, with the view's own sections,
weights, severities and rating, so a DSL does not answer the DfE standards'
44 questions after answering the same things in the main audit.

The translation is deliberately plain, so a governor can follow it:

* one base item of the same type: its answer, note and evidence are taken as
  they are (a date is still judged by the view's own `max_age_days`);
* otherwise (the view item is yesno or ynp) the base items' credits are
  combined (`all`: the lowest, `any`: the highest, `mean`: the average) and
  read as yes (1), no (0) or partial (in between; `no` for a yesno item);
* a base item still unanswered leaves the view item unanswered; base items
  that do not apply, or were answered na, make the view item not applicable.

Each translated answer's note says which base items answered it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import MappingProxyType

from schoolaudit.model import NA, NO, PARTIAL, UNSURE, YES, Answer, Answers, Checklist, Item
from schoolaudit.problems import Location, Problem
from schoolaudit.scoring import ItemResult, Result, score
from schoolaudit.text import did_you_mean

DERIVED_TYPES = ("yesno", "ynp")
"""Item types a view can derive from any combination of base credits."""


def lint_view(
    view: Checklist, base: Checklist, locate: Callable[[str], Location]
) -> Iterator[Problem]:
    """Problems in how `view` maps onto `base`: unknown ids, types that cannot map.

    `locate(item_id)` places a problem at the view item's `answered_by`.
    """
    if base.view_of is not None:
        yield Problem(
            "view/base-is-view",
            f"{view.view_of} is itself a view of {base.view_of}",
            locate(""),
            f"make {view.id} a view of {base.view_of} instead",
        )
    for item in view.items:
        if not item.answered_by:
            continue
        for base_id in item.answered_by:
            if base_id not in base.item_by_id:
                yield Problem(
                    "view/unknown-item",
                    f"{item.id} is answered by '{base_id}', which is not an item of {base.id}",
                    locate(item.id),
                    _closest(base_id, base) or "use an id from the base checklist",
                )
        known = [base.item_by_id[i] for i in item.answered_by if i in base.item_by_id]
        problem = _type_problem(item, known)
        if problem is not None:
            yield Problem("view/incompatible-types", problem, locate(item.id), _TYPE_HINT)


_TYPE_HINT = "name one item of the same type, or make this a ynp item that combines credits"


def _type_problem(item: Item, sources: list[Item]) -> str | None:
    if not sources:
        return None
    if len(sources) == 1 and _same_kind(item, sources[0]):
        return None
    if not item.scored:
        return f"{item.id} is a text item: it can only take the text of one text item"
    if item.type not in DERIVED_TYPES:
        kinds = ", ".join(f"{s.id} ({s.type})" for s in sources)
        return f"{item.id} is a {item.type} item and cannot take its answer from {kinds}"
    unscored = [s.id for s in sources if not s.scored]
    if unscored:
        return f"{item.id} combines credits, but {', '.join(unscored)} is never scored (text)"
    return None


def _same_kind(item: Item, source: Item) -> bool:
    """Whether `source`'s answers are all answers of `item`, taken as they are."""
    if item.type != source.type:
        return False
    if item.type == "choice":
        return {o.value for o in source.options} <= {o.value for o in item.options}
    return True


def _closest(word: str, base: Checklist) -> str | None:
    return did_you_mean(word, base.item_by_id)


def score_view(view: Checklist, base_result: Result) -> Result:
    """Score `view` from the answers behind `base_result` (the base checklist's result)."""
    return score(view, view_answers(view, base_result))


def view_answers(view: Checklist, base_result: Result) -> Answers:
    """The answers `view` gets from a school's answers to its base checklist."""
    base = {r.item.id: r for r in base_result.items}
    answers = {
        item.id: _translate(item, [base[i] for i in item.answered_by if i in base])
        for item in view.items
        if item.answered_by
    }
    source = base_result.answers
    return Answers(
        checklist_id=view.id,
        checklist_version=view.version,
        school=source.school,
        date=source.date,
        answers=MappingProxyType(answers),
        completed_by=source.completed_by,
        path=source.path,
        scored_from=(base_result.checklist.id, base_result.checklist.version),
    )


def _translate(item: Item, sources: list[ItemResult]) -> Answer:
    if not sources or any(s.status == "unanswered" for s in sources):
        return Answer()
    counted = [s for s in sources if s.credit is not None or not s.item.scored]
    if not counted:
        return Answer(NA, note=_provenance(sources, "none of them applies"))
    if len(sources) == 1 and _same_kind(item, sources[0].item):
        only = sources[0]
        assert only.answer is not None
        note = _join(_provenance(sources), only.answer.note)
        return Answer(only.answer.value, note=note, evidence=only.answer.evidence)
    credits = [s.credit for s in counted if s.credit is not None]
    value = _combined_word(item, credits)
    notes = [f"{s.item.id}: {s.answer.note}" for s in counted if s.answer and s.answer.note]
    evidence = [
        f"{s.item.id}: {s.answer.evidence}" for s in counted if s.answer and s.answer.evidence
    ]
    return Answer(
        value,
        note=_join(_provenance(sources), *notes),
        evidence="; ".join(evidence) or None,
    )


def _combined_word(item: Item, credits: list[float]) -> str:
    if item.combine == "any":
        credit = max(credits)
    elif item.combine == "mean":
        credit = sum(credits) / len(credits)
    else:
        credit = min(credits)
    if credit >= 1:
        return YES
    if credit <= 0 or item.type == "yesno":
        return NO
    return PARTIAL


def _provenance(sources: list[ItemResult], why: str | None = None) -> str:
    parts = [f"{s.item.id} ({_said(s)})" for s in sources]
    text = f"From {', '.join(parts)}"
    return f"{text}: {why}." if why else f"{text}."


def _said(result: ItemResult) -> str:
    if result.status == "not_applicable":
        return "does not apply"
    value = result.value
    if value == NA:
        return "na"
    if value == UNSURE:
        return "unsure"
    return str(value)


def _join(*parts: str | None) -> str | None:
    text = " ".join(part for part in parts if part)
    return text or None
