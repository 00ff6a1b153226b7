"""Build model objects in tests without writing YAML."""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType
from typing import Any

from schoolaudit.model import (
    Answer,
    Answers,
    Checklist,
    Condition,
    Item,
    Option,
    ProfileField,
    Rating,
    Section,
    Source,
)

AUDIT_DATE = dt.date(2026, 11, 20)
DEFAULT_RATING = Rating()


def item(item_id: str, **fields: Any) -> Item:
    """An item with sensible defaults; `applies_if` as a dict like the YAML."""
    conditions = tuple(
        Condition(key, tuple(values if isinstance(values, list | tuple) else [values]))
        for key, values in fields.pop("applies_if", {}).items()
    )
    defaults: dict[str, Any] = {
        "section_id": item_id.split("-")[0],
        "text": f"Question {item_id}?",
        "type": "ynp",
        "weight": 1.0,
        "severity": "expected",
        "guidance": "Check.",
        "remediation": f"Fix {item_id}.",
        "evidence": "Proof.",
        "owner": "DSL",
    }
    defaults.update(fields)
    return Item(id=item_id, conditions=conditions, **defaults)


def checklist(
    *sections: tuple[str, list[Item]] | tuple[str, list[Item], float],
    rating: Rating = DEFAULT_RATING,
    profile: tuple[ProfileField, ...] = (),
) -> Checklist:
    built = []
    for spec in sections:
        section_id, items = spec[0], spec[1]
        weight = spec[2] if len(spec) > 2 else 1.0  # type: ignore[misc]
        built.append(
            Section(
                id=section_id,
                title=section_id.title(),
                weight=float(weight),
                items=tuple(
                    Item(
                        **{
                            **{f: getattr(i, f) for f in i.__dataclass_fields__},
                            "section_id": section_id,
                        }
                    )
                    for i in items
                ),
            )
        )
    return Checklist(
        id="test",
        title="Test",
        version="1",
        sections=tuple(built),
        sources=MappingProxyType({"doc": Source("doc", "Document")}),
        rating=rating,
        profile=profile,
    )


def answers(
    values: dict[str, Any] | None = None,
    *,
    school: dict[str, str] | None = None,
    date: dt.date = AUDIT_DATE,
) -> Answers:
    return Answers(
        checklist_id="test",
        checklist_version="1",
        school=MappingProxyType({"name": "Test School", "phase": "primary", **(school or {})}),
        date=date,
        answers=MappingProxyType(
            {
                key: value if isinstance(value, Answer) else Answer(value)
                for key, value in (values or {}).items()
            }
        ),
    )


GLOSSARY = (
    ("data protection impact assessment (DPIA)", "A written check of the risks to data."),
    ("designated safeguarding lead (DSL)", "The senior member of staff for safeguarding."),
    ("VLAN", "A network kept apart from the others."),
)
"""Three terms, for items whose text or action uses some of them (DSL, DPIA, VLAN)."""


def choice_options() -> tuple[Option, ...]:
    return (
        Option("physical", "Physical supervision", 0.25),
        Option("web", "Web monitoring", 0.75),
        Option("active", "Active monitoring", 1.0),
    )
