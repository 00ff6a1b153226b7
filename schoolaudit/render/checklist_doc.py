"""A checklist as data (`checklist show --format json`) and as Markdown (docs/)."""

from __future__ import annotations

from typing import Any

from schoolaudit.model import Checklist, Item
from schoolaudit.render.words import references_text


def checklist_dict(checklist: Checklist) -> dict[str, Any]:
    """The checklist in the same shape as its YAML file, defaults filled in."""
    return {
        "id": checklist.id,
        "title": checklist.title,
        "version": checklist.version,
        "published": checklist.published,
        "description": checklist.description,
        "notes": list(checklist.notes),
        **({"view_of": checklist.view_of} if checklist.view_of else {}),
        **({"glossary": dict(checklist.glossary)} if checklist.glossary else {}),
        "sources": {
            key: {k: v for k, v in vars_of(source).items() if k != "id" and v is not None}
            for key, source in checklist.sources.items()
        },
        "rating": {"green": checklist.rating.green, "amber": checklist.rating.amber},
        "profile": [
            {
                "id": field.id,
                "text": field.text,
                "type": field.type,
                **(
                    {"options": [{"value": o.value, "label": o.label} for o in field.options]}
                    if field.options
                    else {}
                ),
            }
            for field in checklist.profile
        ],
        "sections": [
            {
                "id": section.id,
                "title": section.title,
                "weight": section.weight,
                "description": section.description,
                "items": [_item_dict(item) for item in section.items],
            }
            for section in checklist.sections
        ],
    }


def _item_dict(item: Item) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": item.id,
        "text": item.text,
        "type": item.type,
        "weight": item.weight,
        "severity": item.severity,
        "allow_na": item.allow_na,
        "applies_if": {c.key: list(c.values) for c in item.conditions},
        "guidance": item.guidance,
        "remediation": item.remediation,
        "evidence": item.evidence,
        "owner": item.owner,
        "references": [
            {"source": r.source, "where": r.where, "verified": r.verified}
            | ({"quote": r.quote} if r.quote else {})
            for r in item.references
        ],
    }
    if item.answered_by:
        data["answered_by"] = list(item.answered_by)
        data["combine"] = item.combine
    if item.ask:
        data["ask"] = item.ask
    if item.options:
        data["options"] = [
            {"value": o.value, "label": o.label, "score": o.score} for o in item.options
        ]
    if item.levels:
        data["levels"] = {str(level): label for level, label in item.levels}
    if item.replaces:
        data["replaces"] = list(item.replaces)
    for key in ("max_age_days", "min", "target", "max", "unit"):
        if getattr(item, key) is not None:
            data[key] = getattr(item, key)
    return data


def vars_of(obj: Any) -> dict[str, Any]:
    """Fields of a slotted dataclass as a dict."""
    return {name: getattr(obj, name) for name in obj.__dataclass_fields__}


def checklist_markdown(checklist: Checklist) -> str:
    """Every item with its question, type, severity, owner and sources, as Markdown."""
    lines = [
        f"## {checklist.title}",
        "",
        f"`{checklist.id}` · version {checklist.version}"
        + (f" · published {checklist.published}" if checklist.published else "")
        + f" · {len(checklist.items)} items in {len(checklist.sections)} sections",
        "",
    ]
    if checklist.description:
        lines += [checklist.description, ""]
    if checklist.view_of:
        lines += [
            f"A view of `{checklist.view_of}`: answers to that checklist score this one "
            f"(`schoolaudit report ANSWERS --checklist {checklist.id}`); the last column names "
            "the items whose answers each item takes.",
            "",
        ]
    if checklist.profile:
        lines += ["School profile questions used by conditions:", ""]
        lines += [f"- `school.{f.id}` ({f.type}): {f.text}" for f in checklist.profile]
        lines.append("")
    for section in checklist.sections:
        lines += [f"### {section.title} (`{section.id}`, weight {section.weight:g})", ""]
        if section.description:
            lines += [section.description, ""]
        view_column = " Answered by |" if checklist.view_of else ""
        lines += [
            "| Id | Question | Type | Severity | Weight | Owner | Applies when | Sources |"
            + view_column,
            "|---|---|---|---|---|---|---|---|" + ("---|" if view_column else ""),
        ]
        for item in section.items:
            condition = (
                "; ".join(
                    f"{c.key} is {' or '.join(str(v) for v in c.values)}" for c in item.conditions
                )
                or "always"
            )
            cells = [
                f"`{item.id}`",
                item.text,
                item.type,
                item.severity,
                f"{item.weight:g}",
                item.owner,
                condition,
                references_text(checklist, item.references),
            ]
            if checklist.view_of:
                cells.append(_answered_by_text(item))
            lines.append("| " + " | ".join(table_cell(c) for c in cells) + " |")
        lines.append("")
    lines += ["### Sources", ""]
    for key, source in checklist.sources.items():
        bits = [source.title]
        if source.edition:
            bits.append(f"edition {source.edition}")
        if source.publisher:
            bits.append(source.publisher)
        text = ", ".join(bits)
        if source.url:
            text += f" — <{source.url}>"
        if source.note:
            text += f". {source.note}"
        lines.append(f"- `{key}`: {text}")
    if checklist.notes:
        lines += ["", "### Notes for maintainers", ""]
        lines += [f"- {note}" for note in checklist.notes]
    return "\n".join(lines) + "\n"


def _answered_by_text(item: Item) -> str:
    """`flt-04, flt-05 (mean)`: which base items answer a view item, and how."""
    if not item.answered_by:
        return "—"
    named = ", ".join(item.answered_by)
    return named if len(item.answered_by) == 1 else f"{named} ({item.combine})"


def table_cell(text: str) -> str:
    """Text that stays inside one Markdown table cell: `|` escaped, line breaks as spaces."""
    return text.replace("|", "\\|").replace("\n", " ")
