"""The JSON report (`report --json`), shaped as schemas/report.schema.json says.

It carries everything the terminal report shows, and the per-item detail
behind every score, so that other tools never need to re-score.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from schoolaudit import __version__
from schoolaudit.model import AnswerValue, Checklist, Reference
from schoolaudit.render.visible import json_safe
from schoolaudit.render.words import reference_text
from schoolaudit.scoring import Gap, ItemResult, Result, SectionResult, rounded


def json_text(data: Any) -> str:
    """JSON text for any output of the tool: strict JSON, and safe on a terminal.

    `allow_nan=False`: a NaN or infinity is not JSON, and would be a bug to
    refuse loudly (checklists cannot hold them). Controls and bidi overrides
    from files are escaped (`json_safe`), in case the output goes to a terminal.
    """
    return json_safe(json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)) + "\n"


def render_json_report(result: Result) -> dict[str, Any]:
    """The whole report as JSON-ready data."""
    answers = result.answers
    checklist = result.checklist
    return {
        "schoolaudit": {"version": __version__, "format": 1},
        "school": dict(answers.school),
        "checklist": {"id": checklist.id, "version": checklist.version, "title": checklist.title},
        "answered_version": answers.checklist_version,
        "scored_from": (
            None
            if answers.scored_from is None
            else {"id": answers.scored_from[0], "version": answers.scored_from[1]}
        ),
        "date": answers.date.isoformat(),
        "completed_by": answers.completed_by,
        "source_file": answers.path,
        "overall": {
            "score": rounded(result.score),
            "rating": result.rating,
            "uncapped_rating": result.uncapped_rating,
            "capped_by": [r.item.id for r in result.capped_by],
            "provisional": result.still_to_answer > 0,
            "stale": result.stale,
            "age_days": result.age_days,
            "thresholds": {"green": checklist.rating.green, "amber": checklist.rating.amber},
        },
        "sections": [_section(section) for section in result.sections],
        "gaps": [_gap(gap, checklist) for gap in result.gaps],
        "items": [_item(r, checklist) for r in result.items],
        "counts": {
            "items": result.counts.items,
            "applicable": result.counts.applicable,
            "answered": result.counts.answered,
            "unanswered": result.counts.unanswered,
            "not_applicable": result.counts.not_applicable,
            "unsure": result.counts.unsure,
            "gaps": result.counts.gaps,
            "statutory_gaps": result.counts.statutory_gaps,
        },
        "ignored": [r.item.id for r in result.ignored],
    }


def _section(section: SectionResult) -> dict[str, Any]:
    return {
        "id": section.id,
        "title": section.title,
        "weight": section.weight,
        "score": rounded(section.score),
        "rating": section.rating,
        "weighted_credit": section.total_weighted_credit,
        "total_weight": section.total_weight,
        "capped_by": list(section.capped_by),
    }


def _gap(gap: Gap, checklist: Checklist) -> dict[str, Any]:
    item = gap.item
    return {
        "id": item.id,
        "section": item.section_id,
        "text": item.text,
        "priority": gap.priority,
        "severity": item.severity,
        "weight": item.weight,
        "credit": gap.result.credit,
        "answer": json_value(gap.result.value),
        "note": gap.result.answer.note if gap.result.answer else None,
        "remediation": item.remediation,
        "evidence": item.evidence,
        "owner": item.owner,
        "references": [_reference(r, checklist) for r in item.references],
    }


def _item(result: ItemResult, checklist: Checklist) -> dict[str, Any]:
    item = result.item
    answer = result.answer
    return {
        "id": item.id,
        "section": item.section_id,
        "text": item.text,
        "type": item.type,
        "severity": item.severity,
        "weight": item.weight,
        "status": result.status,
        "applies": result.applies,
        "reason": result.reason,
        "answer": json_value(result.value),
        "credit": result.credit,
        "note": answer.note if answer else None,
        "evidence": answer.evidence if answer else None,
    }


def _reference(reference: Reference, checklist: Checklist) -> dict[str, Any]:
    return {
        "source": reference.source,
        "where": reference.where,
        "verified": reference.verified,
        "text": reference_text(checklist, reference),
    }


def json_value(value: AnswerValue | None) -> str | int | float | None:
    """An answer as JSON holds it: dates as YYYY-MM-DD."""
    return value.isoformat() if isinstance(value, dt.date) else value
