"""A checklist as data (`checklist show --format json`) and as Markdown (docs/)."""

from __future__ import annotations

import re
from typing import Any

from schoolaudit.model import Checklist, Item
from schoolaudit.render.visible import visible
from schoolaudit.render.words import references_text


def checklist_dict(checklist: Checklist) -> dict[str, Any]:
    """The checklist in the same shape as its YAML file, defaults filled in.

    Saved as a file (JSON or YAML) it is a valid checklist, the start of a
    trust's own: an optional field that is absent is left out, never `null`.
    """
    data: dict[str, Any] = _without_none(
        {
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
    )
    return data


def _without_none(data: Any) -> Any:
    """`data` with every mapping entry whose value is None left out, at any depth."""
    if isinstance(data, dict):
        return {key: _without_none(value) for key, value in data.items() if value is not None}
    if isinstance(data, list):
        return [_without_none(value) for value in data]
    return data


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
    md = markdown_text  # every text from the file goes through it: a checklist is never markup
    lines = [
        f"## {md(checklist.title)}",
        "",
        f"`{checklist.id}` · version {checklist.version}"
        + (f" · published {md(checklist.published)}" if checklist.published else "")
        + f" · {len(checklist.items)} items in {len(checklist.sections)} sections",
        "",
    ]
    if checklist.description:
        lines += [md(checklist.description), ""]
    if checklist.view_of:
        lines += [
            f"A view of `{checklist.view_of}`: answers to that checklist score this one "
            f"(`schoolaudit report ANSWERS --checklist {checklist.id}`); the last column names "
            "the items whose answers each item takes.",
            "",
        ]
    if checklist.profile:
        lines += ["School profile questions used by conditions:", ""]
        lines += [f"- `school.{f.id}` ({f.type}): {md(f.text)}" for f in checklist.profile]
        lines.append("")
    for section in checklist.sections:
        lines += [f"### {md(section.title)} (`{section.id}`, weight {section.weight:g})", ""]
        if section.description:
            lines += [md(section.description), ""]
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
                item.text + (" (ask the provider)" if item.ask == "provider" else ""),
                item.type,
                item.severity,
                f"{item.weight:g}",
                item.owner,
                condition,
                references_text(checklist, item.references),
            ]
            if checklist.view_of:
                cells.append(_answered_by_text(item))
            lines.append("| " + " | ".join(cells[:1] + [md(c) for c in cells[1:]]) + " |")
        lines.append("")
    if checklist.glossary:
        lines += ["### Glossary", ""]
        lines += [f"- **{markdown_text(t)}**: {markdown_text(m)}" for t, m in checklist.glossary]
        lines.append("")
    lines += ["### Sources", ""]
    for key, source in checklist.sources.items():
        bits = [md(source.title)]
        if source.edition:
            bits.append(f"edition {md(source.edition)}")
        if source.publisher:
            bits.append(md(source.publisher))
        text = ", ".join(bits)
        if source.url:
            text += f" — <{_url(source.url)}>"
        if source.note:
            text += f". {md(source.note)}"
        lines.append(f"- `{key}`: {text}")
    if checklist.notes:
        lines += ["", "### Notes for maintainers", ""]
        lines += [f"- {md(note)}" for note in checklist.notes]
    return "\n".join(lines) + "\n"


def _url(url: str) -> str:
    """A URL that stays inside its `<…>` autolink: no space, `<` or `>` can end it early."""
    return re.sub(r"[\s<>]", lambda m: f"%{ord(m.group()):02X}", url)


def _answered_by_text(item: Item) -> str:
    """`flt-04, flt-05 (mean)`: which base items answer a view item, and how."""
    if not item.answered_by:
        return "—"
    named = ", ".join(item.answered_by)
    return named if len(item.answered_by) == 1 else f"{named} ({item.combine})"


_MARKDOWN_SPECIALS = re.compile(r"([\\`*\[\]!|]|^#)")
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")


def markdown_text(text: str) -> str:
    """Text from a checklist or answers file, shown as itself in Markdown, on one line.

    A trust's own checklist (or a school's note) is text, never markup: `&`,
    `<` and `>` become entities so nothing in it becomes HTML; the characters
    Markdown acts on (`\\ ` * [ ] ! |`, and `#` first) are backslash-escaped,
    so no text becomes a link, a remote image (`![x](http://…)` would be a
    tracking pixel in an emailed report), code, emphasis, a heading or a table
    column; controls are shown as escapes (`visible`); every line break (CR,
    NEL, U+2028 included) becomes a space, so the text stays in its cell or
    line. (`_` is left: inside a word it is not emphasis, and ids like
    `personal_devices` stay readable.)
    """
    lines = visible(text.replace("\r\n", "\n").replace("\r", "\n"))
    safe = lines.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _LINE_BREAKS.sub(" ", _MARKDOWN_SPECIALS.sub(r"\\\1", safe))
