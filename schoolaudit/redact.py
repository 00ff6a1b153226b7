"""Leaving notes and evidence out of a result meant for wider circulation.

Notes and evidence are where a school writes the detail: a named pupil, an
incident, a member of staff. A report that goes beyond the people who run the
audit (a trust board, a published pack, `batch` over many schools) is made
from `redact(result)`: the same scores, ratings, gaps and answers, with every
note and every piece of evidence gone, so no renderer can show them.
"""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

from schoolaudit.model import Answer
from schoolaudit.scoring import ItemResult, Result


def redact(result: Result) -> Result:
    """`result` with every answer's note and evidence removed; nothing else changes."""
    redacted: dict[int, ItemResult] = {}

    def item(old: ItemResult) -> ItemResult:
        if id(old) not in redacted:
            redacted[id(old)] = old._replace(answer=_bare(old.answer))
        return redacted[id(old)]

    answers = result.answers
    bare = {item_id: Answer(answer.value) for item_id, answer in answers.answers.items()}
    return replace(
        result,
        answers=replace(answers, answers=MappingProxyType(bare)),
        sections=tuple(
            replace(section, items=tuple(item(r) for r in section.items))
            for section in result.sections
        ),
        capped_by=tuple(item(r) for r in result.capped_by),
        gaps=tuple(gap._replace(result=item(gap.result)) for gap in result.gaps),
    )


def _bare(answer: Answer | None) -> Answer | None:
    """The answer alone, as though no note or evidence had been written."""
    if answer is None or (answer.note is None and answer.evidence is None):
        return answer
    return Answer(answer.value)
