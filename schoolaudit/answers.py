"""Loading a school's answers and checking each one against its item.

The schema checks the file's shape; this module checks what only the
checklist knows: that every id is a real item, that each answer fits its
item's type (a ynp item answered `maybe`, a level of 7, a date in the future),
and that the school profile answers the checklist's profile questions. Every
problem in a file is reported at once, each at its line and column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from functools import partial
from types import MappingProxyType
from typing import Any, Protocol

from schoolaudit.answer_types import AnswerError, kind_of, parse_date
from schoolaudit.applicability import applicability
from schoolaudit.model import (
    BUILTIN_SCHOOL_FIELDS,
    NA,
    UNSURE,
    Answer,
    Answers,
    AnswerValue,
    Checklist,
    Item,
)
from schoolaudit.problems import (
    Location,
    Problem,
    ProblemsError,
    errors_only,
    sort_problems,
    too_deep,
)
from schoolaudit.readers import read_document
from schoolaudit.schemas import Locator, validate_schema
from schoolaudit.text import describe, did_you_mean
from schoolaudit.values import condition_value


class ChecklistResolver(Protocol):
    """Finds a checklist by id and, when the answers name one, by version."""

    def __call__(self, checklist_id: str, version: str | None = None, /) -> Checklist: ...


KNOWN_TOP_LEVEL = ("schoolaudit", "checklist", "school", "completed_by", "date", "answers")


def load_answers(
    path: str,
    checklist: Checklist | None = None,
    *,
    resolve: ChecklistResolver | None = None,
    today: dt.date | None = None,
) -> Answers:
    """Load and check one answers file; raise `ProblemsError` with every error in it.

    `checklist` is the checklist to check against; without one, the file's own
    `checklist.id` is looked up with `resolve` (the built-in checklists by default).
    """
    answers, problems = read_answers(path, checklist, resolve=resolve, today=today)
    if answers is None:
        raise ProblemsError(errors_only(problems))
    return answers


def read_answers(
    path: str,
    checklist: Checklist | None = None,
    *,
    resolve: ChecklistResolver | None = None,
    today: dt.date | None = None,
    warnings: bool = True,
) -> tuple[Answers | None, list[Problem]]:
    """Answers (None if the file has any error) and every problem, warnings included
    unless `warnings` is false (see `check_answers`)."""
    try:
        document = read_document(path)
    except ProblemsError as error:
        return None, error.problems
    return check_answers(
        document.data,
        document,
        path,
        checklist,
        resolve=resolve,
        today=today,
        template_items=getattr(document, "template_items", None),
        warnings=warnings,
    )


def check_answers(
    raw: Any,
    locator: Locator,
    path: str,
    checklist: Checklist | None = None,
    *,
    resolve: ChecklistResolver | None = None,
    today: dt.date | None = None,
    template_items: tuple[str, ...] | None = None,
    warnings: bool = True,
) -> tuple[Answers | None, list[Problem]]:
    """Check answers data from any source (YAML, a filled template) and build `Answers`.

    `template_items` are the items a filled template was made with: items the
    checklist has gained or lost since are named, and answers to lost ones left out.

    With `warnings` false, answers that pass come back with no problems at all:
    the warnings that cost the most to find are not looked for (a batch reports
    no school's warnings, and placing the ~18 not-applicable answers of a
    typical school in its file was a sixth of checking it). A file with errors
    is reported as ever.
    """
    if isinstance(raw, dict) and "sections" in raw and "answers" not in raw:
        return None, [
            Problem(
                "answers/is-checklist",
                "this is a checklist, not an answers file",
                locator.at([]),
                "give the school's answers file; check a checklist with "
                "`schoolaudit checklist lint`",
            )
        ]
    try:
        data = raw  # JSON-shaped, as every reader gives it
        problems = validate_schema("answers", data, locator)
    except RecursionError:
        return None, [too_deep(locator.at([]))]
    if errors_only(problems):
        return None, sort_problems(problems)
    if checklist is None:
        checklist, problem = _resolve(data, locator, resolve)
        if checklist is None:
            return None, sort_problems([*problems, problem] if problem else problems)
    elif data["checklist"]["id"] != checklist.id:
        problems.append(
            Problem(
                "answers/wrong-checklist",
                f"these answers are for checklist '{data['checklist']['id']}', "
                f"not '{checklist.id}'",
                locator.at(["checklist", "id"]),
                "use the checklist the answers were written for",
            )
        )
        return None, sort_problems(problems)
    if template_items is not None:
        problems.extend(_template_changes(data, locator, checklist, template_items))
    audit_date = parse_date(data["date"])
    problems.extend(
        _meaning_problems(data, locator, checklist, audit_date, today or dt.date.today())
    )
    parsed, answer_problems = _parse_answers(data, locator, checklist, audit_date)
    problems.extend(answer_problems)
    if errors_only(problems):
        return None, sort_problems(problems)
    answers = make_answers(data, checklist, path, parsed)
    if not warnings:
        return answers, []  # no errors, or there would be no answers
    problems.extend(_ignored_answers(answers, checklist, locator))
    return answers, sort_problems(problems)


def _ignored_answers(answers: Answers, checklist: Checklist, locator: Locator) -> Iterator[Problem]:
    """Answers kept for items that do not apply to this school: said, never dropped."""
    decided = applicability(checklist, answers)
    for item_id, answer in answers.answers.items():
        if answer.value is not None and not decided[item_id].applies:
            yield Problem(
                "answers/not-applicable",
                f"{item_id} does not apply to this school, so its answer is kept but not scored",
                locator.at(["answers", item_id], key=True),
                decided[item_id].reason,
                severity="warning",
            )


def _template_changes(
    data: dict[str, Any], locator: Locator, checklist: Checklist, template_items: tuple[str, ...]
) -> Iterator[Problem]:
    """Items new since a template was made, and items gone (their answers are left out)."""
    made_with = set(template_items)
    new = [item.id for item in checklist.items if item.id not in made_with]
    gone = [item_id for item_id in template_items if item_id not in checklist.item_by_id]
    if not new and not gone:
        return
    answers = data.get("answers") or {}
    dropped = [item_id for item_id in gone if answers.pop(item_id, None) is not None]
    made_for = data["checklist"].get("version") or "an older version"
    said = [
        f"this template was made for {checklist.id} version {made_for}; "
        f"version {checklist.version} is current"
    ]
    if new:
        said.append(f"new items, not in the template and so unanswered: {', '.join(new)}")
    if gone:
        said.append(
            f"items no longer in the checklist: {', '.join(gone)}"
            + (f" (answers to {', '.join(dropped)} left out)" if dropped else "")
        )
    yield Problem(
        "template/checklist-changed",
        "; ".join(said),
        locator.at(["answers"]),
        "answer the new items with `schoolaudit audit`, or in a new template made with --prefill",
        severity="warning",
    )


def _resolve(
    data: dict[str, Any], locator: Locator, resolve: ChecklistResolver | None
) -> tuple[Checklist | None, Problem | None]:
    if resolve is None:
        from schoolaudit.catalog import Catalog

        resolve = Catalog().by_id
    try:
        version = data["checklist"].get("version")
        return resolve(data["checklist"]["id"], None if version is None else str(version)), None
    except ProblemsError as error:
        first = error.problems[0]
        return None, Problem(
            first.code,
            first.message,
            _resolve_location(first, locator),
            first.hint,
        )


def _resolve_location(problem: Problem, locator: Locator) -> Location:
    """An unknown id or version is a mistake in the answers file: point there."""
    if problem.code == "catalog/unknown":
        return locator.at(["checklist", "id"])
    if problem.code == "catalog/unknown-version":
        return locator.at(["checklist", "version"])
    return problem.location


def _meaning_problems(
    data: dict[str, Any],
    locator: Locator,
    checklist: Checklist,
    audit_date: dt.date | None,
    today: dt.date,
) -> Iterator[Problem]:
    for key in data:
        if key not in KNOWN_TOP_LEVEL:
            yield Problem(
                "answers/unknown-key",
                f"unknown key '{key}' (kept, but not used)",
                locator.at([key], key=True),
                did_you_mean(key, KNOWN_TOP_LEVEL),
                severity="warning",
            )
    version = data["checklist"].get("version")
    if version is not None and version != checklist.version:
        yield Problem(
            "answers/checklist-version",
            f"answered against version {version} of {checklist.id}; "
            f"the checklist is now version {checklist.version}",
            locator.at(["checklist", "version"]),
            "re-check answers to items that changed",
            severity="warning",
        )
    if audit_date is None:
        yield Problem(
            "answers/bad-date",
            f"{describe(data['date'])} is not a real date",
            locator.at(["date"]),
            "write it as YYYY-MM-DD",
        )
    elif audit_date > today:
        yield Problem(
            "answers/future-date",
            f"the audit date {audit_date} is in the future",
            locator.at(["date"]),
            "check the year",
        )
    yield from _school_problems(data["school"], locator, checklist)


def _parse_answers(
    data: dict[str, Any], locator: Locator, checklist: Checklist, audit_date: dt.date | None
) -> tuple[dict[str, Answer], list[Problem]]:
    """Every answer parsed, by item id, and the problems of those that cannot be.

    The parsed answers are what `make_answers` keeps, so each one is parsed
    and built once (a batch does this a few hundred thousand times). An answer
    typed exactly as one of its item's words (`yes`, `partial`, `3`) is found
    in `_typed_words`; any other goes through `parse_answer`.
    """
    parsed: dict[str, Answer] = {}
    problems: list[Problem] = []
    known = checklist.derived(_typed_words)
    for item_id, entry in (data.get("answers") or {}).items():
        found = known.get(item_id)
        if found is None:
            problems.append(
                Problem(
                    "answers/unknown-item",
                    f"'{item_id}' is not an item of {checklist.id}",
                    locator.at(["answers", item_id], key=True),
                    did_you_mean(item_id, checklist.item_by_id) or "remove it or fix the id",
                )
            )
            continue
        item, words = found
        long_form = isinstance(entry, dict)
        value = entry.get("answer") if long_form else entry
        word = words.get(value) if type(value) is str else None
        try:
            parsed[item_id] = _new_answer(
                (
                    parse_answer(item, value, audit_date) if word is None else word,
                    _text(entry.get("note")) if long_form else None,
                    _text(entry.get("evidence")) if long_form else None,
                )
            )
        except AnswerError as error:
            at = ["answers", item_id, "answer"] if long_form else ["answers", item_id]
            problems.append(
                Problem(
                    "answers/bad-answer",
                    f"{describe(value)} is not an answer to {item_id}{error}",
                    locator.at(at),
                    f"allowed: {item.describe_allowed()}",
                )
            )
    return parsed, problems


_new_answer = partial(tuple.__new__, Answer)
"""`Answer((value, note, evidence))`, made without the named tuple's Python `__new__`
(whose call cost a third as much again as parsing a typical answer)."""


def _typed_words(checklist: Checklist) -> Mapping[str, tuple[Item, Mapping[str, AnswerValue]]]:
    """Each item, by id, with the words its answers are usually typed as and what each means.

    Nearly every answer in a file is one of its item's words, typed as the item
    lists it (`yes`, `partial`, `never`, `3`, `na`): looked up here, such an
    answer is parsed once per checklist rather than once per school. Each word's
    meaning is what `parse_answer` itself makes of it (none depends on the audit
    date), so a word found here is read exactly as it would be otherwise.
    """
    known: dict[str, tuple[Item, Mapping[str, AnswerValue]]] = {}
    for item in checklist.items:
        words: dict[str, AnswerValue] = {}
        for word in (*item.answer_words(), "n/a"):
            try:
                value = parse_answer(item, word)
            except AnswerError:
                continue
            if value is not None:
                words[word] = value
        known[item.id] = (item, words)
    return known  # plain dicts, typed read-only: a proxy's `get` costs twice a dict's


def _school_problems(
    school: dict[str, Any], locator: Locator, checklist: Checklist
) -> Iterator[Problem]:
    declared = {field.id: field for field in checklist.profile}
    for key, value in school.items():
        if key in BUILTIN_SCHOOL_FIELDS:
            continue
        field = declared.get(key)
        if field is None:
            yield Problem(
                "answers/unknown-profile-field",
                f"school.{key} is not a profile question of {checklist.id} (kept, but not used)",
                locator.at(["school", key], key=True),
                did_you_mean(key, declared),
                severity="warning",
            )
        elif (
            value is not None
            and field.type != "text"
            and condition_value(value) not in field.answer_words()
        ):
            yield Problem(
                "answers/bad-profile",
                f"{describe(value)} is not an answer to school.{key}",
                locator.at(["school", key]),
                "allowed: " + ", ".join(field.answer_words()),
            )
    for field in checklist.profile:
        if school.get(field.id) is None and field.type != "text":
            yield Problem(
                "answers/missing-profile",
                f"school.{field.id} is not answered: items that depend on it are left out",
                locator.at(["school"]),
                field.text,
                severity="warning",
            )


def parse_answer(item: Item, raw: Any, audit_date: dt.date | None = None) -> AnswerValue | None:
    """The normalised answer for `item`, None if unanswered, or `AnswerError`.

    The error's message is a short clause (": a level is 1 to 5") appended to
    "'7' is not an answer to lvl-01".
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raw = "yes" if raw else "no"
    word = raw.strip().lower() if isinstance(raw, str) else None
    if word == "":
        return None
    if word == UNSURE:
        return UNSURE
    if word in (NA, "n/a"):
        if not item.allow_na:
            raise AnswerError(": it cannot be not applicable")
        return NA
    return kind_of(item).parse(item, raw, word, audit_date)


def make_answers(
    data: dict[str, Any],
    checklist: Checklist,
    path: str | None,
    parsed: Mapping[str, Answer],
) -> Answers:
    """`Answers` from data that has passed every check, with its answers as parsed."""
    audit_date = parse_date(data["date"])
    assert audit_date is not None  # checked before
    return Answers(
        checklist_id=data["checklist"]["id"],
        checklist_version=data["checklist"].get("version"),
        school=MappingProxyType(_school(data["school"], checklist)),
        date=audit_date,
        answers=MappingProxyType(dict(parsed)),
        completed_by=_text(data.get("completed_by")),
        path=path,
    )


def _school(raw: Mapping[str, Any], checklist: Checklist) -> dict[str, str]:
    free_text = {"name", "trust", "local_authority"}
    free_text.update(field.id for field in checklist.profile if field.type == "text")
    school: dict[str, str] = {}
    for key, value in raw.items():
        if value is None:
            continue
        if key in free_text:
            school[key] = str(value).strip()
        elif key == "urn":
            school[key] = str(value)
        else:
            school[key] = str(condition_value(value))
    return school


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
