"""`schoolaudit diff --json`: the comparison for other tools (schemas/diff.schema.json)."""

from __future__ import annotations

from typing import Any

from schoolaudit import __version__
from schoolaudit.changes import compare_checklists
from schoolaudit.diff import KINDS, Diff, ItemChange
from schoolaudit.render.json_report import json_value
from schoolaudit.scoring import ItemResult, Result, rounded


def render_diff_dict(diff: Diff) -> dict[str, Any]:
    """The whole comparison as JSON-ready data."""
    versions = compare_checklists(diff.old.checklist, diff.new.checklist)
    return {
        "schoolaudit": {"version": __version__, "format": 1},
        "school": dict(diff.new.answers.school),
        "old": _audit(diff.old),
        "new": _audit(diff.new),
        "days_apart": diff.days_apart,
        "overall": {
            "old_score": rounded(diff.old.score),
            "new_score": rounded(diff.new.score),
            "change": rounded(diff.score_change),
            "old_rating": diff.old.rating,
            "new_rating": diff.new.rating,
        },
        "sections": [
            {
                "id": s.id,
                "title": s.title,
                "old_score": rounded(s.old_score),
                "new_score": rounded(s.new_score),
                "change": rounded(s.change),
            }
            for s in diff.sections
        ],
        "statutory_regressions": [change.item.id for change in diff.statutory_regressions],
        "new_statutory_gaps": [change.item.id for change in diff.new_statutory_gaps],
        "changes": [_change(change) for change in diff.changes],
        "counts": {
            **{kind: len(diff.of_kind(kind)) for kind in KINDS},
            "unchanged": diff.unchanged,
        },
        "checklist_changes": {
            "added": [item.id for item in versions.added],
            "retired": [item.id for item in versions.retired],
            "renamed": [{"old_id": a, "new_id": b} for a, b in versions.renamed],
            "changed": [{"id": c.new.id, "what": list(c.what)} for c in versions.changed],
        },
    }


def _audit(result: Result) -> dict[str, Any]:
    return {
        "file": result.answers.path,
        "date": result.answers.date.isoformat(),
        "checklist": {"id": result.checklist.id, "version": result.checklist.version},
        "score": rounded(result.score),
        "rating": result.rating,
        "unanswered": result.still_to_answer,
        "provisional": result.still_to_answer > 0,
    }


def _change(change: ItemChange) -> dict[str, Any]:
    item = change.item
    return {
        "kind": change.kind,
        "id": item.id,
        "old_id": change.old_id,
        "section": item.section_id,
        "text": item.text,
        "severity": item.severity,
        "weight": item.weight,
        "movement": round(change.movement, 4),
        "old": _side(change.old),
        "new": _side(change.new),
    }


def _side(result: ItemResult | None) -> dict[str, Any] | None:
    if result is None:
        return None
    answer = result.answer
    return {
        "status": result.status,
        "answer": json_value(result.value),
        "credit": result.credit,
        "note": answer.note if answer else None,
        "evidence": answer.evidence if answer else None,
    }
