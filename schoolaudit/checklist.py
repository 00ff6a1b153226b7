"""Loading checklists and checking that they make sense.

The schema says what a checklist looks like; `lint_document` adds what a
schema cannot say: ids unique across the whole checklist, conditions that
name real, earlier items with values those items can take, thresholds in
order, references to declared sources, type-specific keys on the right types.
A checklist with any error is never used to score a school.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import MappingProxyType
from typing import Any

from schoolaudit.answer_types import ANSWER_KINDS
from schoolaudit.glossary import spelling_clashes
from schoolaudit.model import (
    BUILTIN_SCHOOL_FIELDS,
    DEFAULT_AMBER,
    DEFAULT_GREEN,
    NA,
    PHASES,
    UNSURE,
    Checklist,
    Condition,
    Item,
    Option,
    ProfileField,
    Rating,
    Reference,
    Section,
    Source,
)
from schoolaudit.problems import Problem, ProblemsError, errors_only, sort_problems, too_deep
from schoolaudit.schemas import validate_schema
from schoolaudit.text import did_you_mean
from schoolaudit.values import condition_value
from schoolaudit.views import lint_view
from schoolaudit.yamlsource import YamlDocument, load_yaml

TYPE_KEYS = {
    key: tuple(name for name, other in ANSWER_KINDS.items() if key in other.item_keys)
    for kind in ANSWER_KINDS.values()
    for key in kind.item_keys
}
"""Keys that only make sense on items of the given types (from the answer-type table)."""

REQUIRED_TYPE_KEYS = {
    name: kind.required_key for name, kind in ANSWER_KINDS.items() if kind.required_key
}


Resolve = Callable[[str], Checklist]
"""Finds a checklist by id: how a view's base checklist is found to check the view."""


def load_checklist_file(
    path: str,
    *,
    builtin: bool = False,
    resolve: Resolve | None = None,
    document: YamlDocument | None = None,
) -> Checklist:
    """Load and check a checklist file; raise `ProblemsError` if it has any error.

    A view (`view_of`) is checked against its base, found with `resolve`.
    `document` is the file already read (the catalog reads each file once to
    learn its id and version: the main checklist is 200 KB of YAML).
    """
    if document is None:
        document = load_yaml(path)
    errors = errors_only(lint_document(document))
    if errors:
        raise ProblemsError(errors)
    checklist = build_checklist(document.data, path=path, builtin=builtin)
    errors = errors_only(_view_problems(checklist, document, resolve))
    if errors:
        raise ProblemsError(errors)
    return checklist


def lint_file(path: str, resolve: Resolve | None = None) -> list[Problem]:
    """Every problem (errors and warnings) in a checklist file, in file order.

    With `resolve`, a view's mapping onto its base checklist is checked too.
    """
    try:
        document = load_yaml(path)
    except ProblemsError as error:
        return error.problems
    problems = lint_document(document)
    if errors_only(problems):
        return problems
    checklist = build_checklist(document.data, path=path, builtin=False)
    return sort_problems(problems + _view_problems(checklist, document, resolve))


def _view_problems(
    checklist: Checklist, document: YamlDocument, resolve: Resolve | None
) -> list[Problem]:
    """How a view maps onto its base: checked only where the base can be found."""
    if checklist.view_of is None or resolve is None:
        return []
    try:
        base = resolve(checklist.view_of)
    except ProblemsError as error:
        return [
            Problem(
                "view/unknown-base",
                f"this is a view of '{checklist.view_of}', which cannot be loaded",
                document.at(["view_of"]),
                error.problems[0].message if error.problems else None,
            )
        ]
    paths: dict[str, list[str | int]] = {
        item["id"]: ["sections", s, "items", i, "answered_by"]
        for s, section in enumerate(document.data["sections"])
        for i, item in enumerate(section["items"])
    }
    return list(
        lint_view(checklist, base, lambda item_id: document.at(paths.get(item_id, ["view_of"])))
    )


def lint_document(document: YamlDocument) -> list[Problem]:
    """Schema problems, then (if the shape is right) problems of meaning."""
    try:
        data = document.data
        problems = validate_schema("checklist", data, document)
    except RecursionError:
        return [too_deep(document.at([]))]
    if errors_only(problems):
        return sort_problems(problems)
    return sort_problems(problems + list(_meaning_problems(data, document)))


def _meaning_problems(data: dict[str, Any], doc: YamlDocument) -> Iterator[Problem]:
    sources = data.get("sources") or {}
    cited: set[str] = set()
    profile = {f["id"]: f for f in data.get("profile") or []}
    yield from _profile_problems(data.get("profile") or [], doc)
    yield from _rating_problems(data.get("rating") or {}, doc)
    yield from _glossary_problems(data.get("glossary") or {}, doc)
    if data.get("view_of") == data["id"]:
        yield Problem(
            "view/of-itself", "a checklist cannot be a view of itself", doc.at(["view_of"])
        )

    seen_sections: dict[str, int] = {}
    seen_items: dict[str, tuple[int, int]] = {}
    items_so_far: dict[str, dict[str, Any]] = {}
    all_item_ids = {item["id"] for section in data["sections"] for item in section["items"]}
    for s, section in enumerate(data["sections"]):
        if section["id"] in seen_sections:
            yield Problem(
                "checklist/duplicate-id",
                f"section id '{section['id']}' is used twice",
                doc.at(["sections", s, "id"]),
                "section ids must be unique",
            )
        seen_sections[section["id"]] = s
        for i, item in enumerate(section["items"]):
            path: list[str | int] = ["sections", s, "items", i]
            if item["id"] in seen_items:
                yield Problem(
                    "checklist/duplicate-id",
                    f"item id '{item['id']}' is used twice",
                    doc.at([*path, "id"]),
                    "item ids must be unique across the whole checklist",
                )
            seen_items[item["id"]] = (s, i)
            yield from _type_key_problems(item, path, doc)
            yield from _view_key_problems(item, path, doc, data)
            yield from _condition_problems(item, path, doc, items_so_far, all_item_ids, profile)
            for r, reference in enumerate(item.get("references", [])):
                cited.add(reference["source"])
                if reference["source"] not in sources:
                    yield Problem(
                        "checklist/unknown-source",
                        f"reference names source '{reference['source']}', "
                        "which is not declared in sources",
                        doc.at([*path, "references", r, "source"]),
                        did_you_mean(reference["source"], sources) or "declare it under sources",
                    )
            if not item.get("references"):
                yield Problem(
                    "checklist/no-references",
                    f"item {item['id']} cites no source",
                    doc.at([*path, "references"]),
                    "say which document asks for this",
                    severity="warning",
                )
            items_so_far[item["id"]] = item
    yield from _replaces_problems(data, doc, all_item_ids)
    for source_id in sources:
        if source_id not in cited:
            yield Problem(
                "checklist/unused-source",
                f"source '{source_id}' is declared but no item cites it",
                doc.at(["sources", source_id], key=True),
                severity="warning",
            )


def _replaces_problems(
    data: dict[str, Any], doc: YamlDocument, item_ids: set[str]
) -> Iterator[Problem]:
    """`replaces:` must name ids gone from this version, each taken over by one item only.

    An old id kept in the same version, or claimed by two items, would leave
    `migrate` to guess where that answer belongs.
    """
    claimed: dict[str, str] = {}
    for s, section in enumerate(data["sections"]):
        for i, item in enumerate(section["items"]):
            for r, old_id in enumerate(item.get("replaces") or ()):
                where = doc.at(["sections", s, "items", i, "replaces", r])
                if old_id in item_ids:
                    yield Problem(
                        "checklist/replaces-existing",
                        f"{item['id']} replaces '{old_id}', which is still an item of this version",
                        where,
                        "replaces: names ids from earlier versions only",
                    )
                elif old_id in claimed:
                    yield Problem(
                        "checklist/replaced-twice",
                        f"'{old_id}' is replaced by both {claimed[old_id]} and {item['id']}",
                        where,
                        "an old id's answer can move to one item only",
                    )
                else:
                    claimed[old_id] = item["id"]


def _view_key_problems(
    item: dict[str, Any], path: list[Any], doc: YamlDocument, data: dict[str, Any]
) -> Iterator[Problem]:
    """`answered_by` belongs to views, and a view's scored items each need one."""
    is_view = "view_of" in data
    if "answered_by" in item and not is_view:
        yield Problem(
            "view/not-a-view",
            f"{item['id']} names items that answer it, but the checklist is not a view",
            doc.at([*path, "answered_by"], key=True),
            "add view_of: BASE-ID at the top, or remove answered_by",
        )
    if "combine" in item and "answered_by" not in item:
        yield Problem(
            "view/combine-alone",
            f"{item['id']} says how to combine credits but names no items (answered_by)",
            doc.at([*path, "combine"], key=True),
        )
    if is_view and "answered_by" not in item and item["type"] != "text":
        yield Problem(
            "view/unmapped-item",
            f"{item['id']} is in a view of {data['view_of']} but names no item that answers it",
            doc.at([*path, "id"]),
            "add answered_by: [BASE-ITEM-ID, …]",
        )


def _profile_problems(fields: list[dict[str, Any]], doc: YamlDocument) -> Iterator[Problem]:
    seen: set[str] = set()
    for f, field in enumerate(fields):
        where = doc.at(["profile", f, "id"])
        if field["id"] in seen or field["id"] in BUILTIN_SCHOOL_FIELDS:
            yield Problem(
                "checklist/duplicate-id",
                f"profile field '{field['id']}' is declared twice or is built in",
                where,
                f"built-in fields: {', '.join(BUILTIN_SCHOOL_FIELDS)}",
            )
        seen.add(field["id"])
        kind = field.get("type", "yesno")
        if kind == "choice" and not field.get("options"):
            yield Problem("checklist/missing-key", "a choice profile field needs options", where)
        if kind != "choice" and field.get("options"):
            yield Problem(
                "checklist/misplaced-key", "options only apply to choice profile fields", where
            )


def _rating_problems(rating: dict[str, Any], doc: YamlDocument) -> Iterator[Problem]:
    green = rating.get("green", DEFAULT_GREEN)
    amber = rating.get("amber", DEFAULT_AMBER)
    if amber > green:
        yield Problem(
            "checklist/thresholds",
            f"rating.amber ({amber}) is above rating.green ({green})",
            doc.at(["rating"]),
            "amber must be at or below green",
        )


def _glossary_problems(glossary: dict[str, Any], doc: YamlDocument) -> Iterator[Problem]:
    """Each term written once (whatever its case) and explained in words, not blank space."""
    for term, meaning in glossary.items():
        blank = "is blank" if not term.strip() else "has a blank meaning"
        if not term.strip() or not str(meaning).strip():
            yield Problem(
                "checklist/blank-glossary",
                f"glossary term '{term}' {blank}",
                doc.at(["glossary", term], key=True),
                "give the term and its meaning in plain words",
            )
    for term, earlier in spelling_clashes(t for t in glossary if t.strip()):
        yield Problem(
            "checklist/duplicate-id",
            f"glossary term '{term}' repeats '{earlier}' (case does not matter)",
            doc.at(["glossary", term], key=True),
            "explain each term once",
        )


def _type_key_problems(
    item: dict[str, Any], path: list[Any], doc: YamlDocument
) -> Iterator[Problem]:
    kind = item["type"]
    for key, types in TYPE_KEYS.items():
        if key in item and kind not in types:
            yield Problem(
                "checklist/misplaced-key",
                f"'{key}' does not apply to a {kind} item ({item['id']})",
                doc.at([*path, key], key=True),
                f"'{key}' is for {' and '.join(types)} items",
            )
    required = REQUIRED_TYPE_KEYS.get(kind)
    if required and required not in item:
        yield Problem(
            "checklist/missing-key",
            f"{kind} item {item['id']} needs '{required}'",
            doc.at([*path, "type"]),
        )
    yield from ANSWER_KINDS[kind].lint(item, lambda *parts: doc.at([*path, *parts]))


def _condition_problems(
    item: dict[str, Any],
    path: list[Any],
    doc: YamlDocument,
    earlier: dict[str, dict[str, Any]],
    all_ids: set[str],
    profile: dict[str, dict[str, Any]],
) -> Iterator[Problem]:
    for key, raw in (item.get("applies_if") or {}).items():
        where = doc.at([*path, "applies_if", key], key=True)
        values = [condition_value(v) for v in (raw if isinstance(raw, list) else [raw])]
        if key.startswith("school."):
            field = key.removeprefix("school.")
            allowed = _school_field_values(field, profile)
            if allowed is None:
                yield Problem(
                    "checklist/unknown-field",
                    f"applies_if names school.{field}, which is not a profile field",
                    where,
                    did_you_mean(field, [*BUILTIN_SCHOOL_FIELDS, *profile])
                    or "declare it under profile",
                )
                continue
        elif key == item["id"]:
            yield Problem("checklist/cycle", f"{key} depends on itself", where)
            continue
        elif key not in earlier:
            later = key in all_ids
            yield Problem(
                "checklist/cycle" if later else "checklist/unknown-item",
                f"applies_if names {key}, which "
                + ("comes later in the checklist" if later else "is not an item"),
                where,
                "conditions may only name items that come earlier"
                if later
                else did_you_mean(key, earlier) or "name an earlier item",
            )
            continue
        else:
            allowed = _item_condition_values(earlier[key])
            if allowed is None:
                yield Problem(
                    "checklist/bad-condition",
                    f"applies_if cannot test {key}: {earlier[key]['type']} answers are not "
                    "compared",
                    where,
                    "conditions can test yesno, ynp, level and choice items",
                )
                continue
        if allowed:
            for value in values:
                if value not in allowed:
                    yield Problem(
                        "checklist/bad-condition",
                        f"applies_if {key}: '{value}' is not a value {key} can take",
                        where,
                        "allowed: " + ", ".join(str(v) for v in allowed),
                    )


def _school_field_values(
    field: str, profile: dict[str, dict[str, Any]]
) -> tuple[str | int, ...] | None:
    """The values a school field can take (empty: any), or None if no such field."""
    if field == "phase":
        return PHASES
    if field in BUILTIN_SCHOOL_FIELDS:
        return ()
    declared = profile.get(field)
    if declared is None:
        return None
    kind = declared.get("type", "yesno")
    if kind == "yesno":
        return ("yes", "no")
    if kind == "choice":
        return tuple(option["value"] for option in declared.get("options", []))
    return ()


def _item_condition_values(item: dict[str, Any]) -> tuple[str | int, ...] | None:
    words = ANSWER_KINDS[item["type"]].data_words(item)
    if words is None:
        return None
    return (*words, UNSURE, *((NA,) if item.get("allow_na") else ()))


def build_checklist(data: dict[str, Any], *, path: str | None, builtin: bool) -> Checklist:
    """Model objects from checklist data that has passed `lint_document`."""
    sections = tuple(_build_section(section) for section in data["sections"])
    rating = data.get("rating") or {}
    return Checklist(
        id=data["id"],
        title=data["title"],
        version=str(data["version"]),
        sections=sections,
        sources=MappingProxyType(
            {key: Source(id=key, **value) for key, value in (data.get("sources") or {}).items()}
        ),
        rating=Rating(
            green=float(rating.get("green", DEFAULT_GREEN)),
            amber=float(rating.get("amber", DEFAULT_AMBER)),
        ),
        profile=tuple(
            ProfileField(
                id=field["id"],
                text=field["text"],
                type=field.get("type", "yesno"),
                options=tuple(
                    Option(o["value"], o["label"], 0.0) for o in field.get("options", [])
                ),
            )
            for field in data.get("profile") or []
        ),
        published=data.get("published"),
        description=data.get("description"),
        notes=tuple(data.get("notes") or ()),
        glossary=tuple((data.get("glossary") or {}).items()),
        view_of=data.get("view_of"),
        path=path,
        builtin=builtin,
    )


def _build_section(data: dict[str, Any]) -> Section:
    return Section(
        id=data["id"],
        title=data["title"],
        weight=float(data.get("weight", 1)),
        description=data.get("description"),
        items=tuple(_build_item(item, data["id"]) for item in data["items"]),
    )


def _build_item(data: dict[str, Any], section_id: str) -> Item:
    def number(key: str) -> float | None:
        return float(data[key]) if data.get(key) is not None else None

    return Item(
        id=data["id"],
        section_id=section_id,
        text=data["text"],
        type=data["type"],
        weight=float(data.get("weight", 1)),
        severity=data["severity"],
        guidance=data["guidance"],
        remediation=data["remediation"],
        evidence=data["evidence"],
        owner=data["owner"],
        references=tuple(
            Reference(r["source"], r.get("where"), r.get("verified", True), r.get("quote"))
            for r in data.get("references", [])
        ),
        allow_na=bool(data.get("allow_na", False)),
        conditions=tuple(
            Condition(
                key,
                tuple(condition_value(v) for v in (raw if isinstance(raw, list) else [raw])),
            )
            for key, raw in (data.get("applies_if") or {}).items()
        ),
        options=tuple(
            Option(o["value"], o["label"], float(o["score"])) for o in data.get("options", [])
        ),
        levels=tuple(sorted((int(k), v) for k, v in (data.get("levels") or {}).items())),
        max_age_days=data.get("max_age_days"),
        min=number("min"),
        target=number("target"),
        max=number("max"),
        unit=data.get("unit"),
        ask=data.get("ask"),
        replaces=tuple(data.get("replaces") or ()),
        answered_by=tuple(data.get("answered_by") or ()),
        combine=data.get("combine", "all"),
    )
