"""Checking data against the JSON Schemas, with messages people can act on.

jsonschema finds the errors; this module turns each into a `Problem` placed
at the YAML node it concerns (via a `Locator`) and worded for a school, not a
programmer: "unknown key 'notes' (did you mean 'note'?)" rather than
"Additional properties are not allowed".
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, Protocol

from schoolaudit.codes import schema_code
from schoolaudit.problems import Location, Problem
from schoolaudit.resources import load_schema
from schoolaudit.text import describe, did_you_mean

if TYPE_CHECKING:  # jsonschema takes ~100 ms to import: loaded on first use, not at start-up
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError


class Locator(Protocol):
    """Finds where a piece of data came from: a YAML node, a spreadsheet cell."""

    def at(self, path: Sequence[str | int], *, key: bool = False) -> Location: ...


@cache
def validator(name: str) -> Draft202012Validator:
    """A compiled validator for a named schema, built once per process."""
    from jsonschema import Draft202012Validator

    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@cache
def fast_check(name: str) -> Callable[[Any], Any]:
    """A compiled is-valid check for a named schema (fastjsonschema), built once per process.

    jsonschema walks the schema for every document; on a full answers file that
    is most of the time it takes to load one (~4 ms of ~6 ms). fastjsonschema
    compiles the schema into plain Python once and checks a file in ~0.15 ms.
    It is only the fast path: it decides nothing on its own, since a file it
    refuses is checked again by jsonschema, which finds every error and says
    where (fastjsonschema stops at the first, with a programmer's message). A
    compiled validator that would be *more* lenient than jsonschema is what a
    test over the bad-file corpus rules out.
    """
    import fastjsonschema

    schema = load_schema(name)
    check: Callable[[Any], Any] | None = _compiled_ahead(name, schema)
    if check is None:  # a copy: fastjsonschema rewrites `$ref`s in place, and jsonschema
        check = fastjsonschema.compile(copy.deepcopy(schema))  # reads the same cached schema
    return check


def _compiled_ahead(name: str, schema: dict[str, Any]) -> Callable[[Any], Any] | None:
    """The check `schema_checks` keeps for `schema`, if it was made from this very schema
    (compiling the checklist's takes ~50 ms, in every process that checks one)."""
    import importlib

    from schoolaudit.schema_checks import schema_hash

    try:
        module = importlib.import_module(f"schoolaudit.schema_checks.{name}")
    except ImportError:  # none for this schema, or a fastjsonschema too old for its code
        return None
    if getattr(module, "SCHEMA_SHA256", None) != schema_hash(schema):
        return None  # the schema has changed since: compile it afresh
    check: Callable[[Any], Any] = module.validate
    return check


def validate_schema(name: str, data: Any, locator: Locator) -> list[Problem]:
    """Every schema problem in `data`, located and worded."""
    if passes_fast_check(name, data):
        return []
    problems: list[Problem] = []
    for error in validator(name).iter_errors(data):
        problems.extend(_problems(error, locator))
    return problems


def passes_fast_check(name: str, data: Any) -> bool:
    """Whether `data` surely fits the schema; False: jsonschema must decide (and say why)."""
    from fastjsonschema import JsonSchemaException

    if name == "answers" and isinstance(data, dict) and "answers" in data:
        if not answers_fit(data["answers"]):
            return False
        data = {**data, "answers": None}  # checked: the compiled check sees the rest
    try:
        fast_check(name)(data)
    except (JsonSchemaException, RecursionError, TypeError, ValueError):
        return False  # jsonschema decides, and words the errors
    return True


_ITEM_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


@lru_cache(maxsize=4096)
def _is_item_id(key: str) -> bool:
    """Whether `key` has an item id's form; kept, as every file of a batch names the
    same few hundred ids (a set lookup, where the regular expression is ten times that)."""
    return _ITEM_ID.search(key) is not None


_ENTRY_FIELDS = frozenset(("answer", "note", "evidence"))
_ANSWER = (str, int, float, type(None))  # bool is an int
_TEXT = (str, type(None))


def answers_fit(answers: Any) -> bool:
    """Whether an answers file's `answers` fits its schema (answers.schema.json), quickly.

    The mapping of answers is nearly all of a file, and the compiled check
    spends ~8,000 instructions on each entry (a set of its keys, a copy of the
    mapping's keys, a regular expression looked up by its text): this is the
    same test written out for this one part, and checking a whole file's
    shape costs 0.7 M instructions instead of 1.8 M. Like the compiled check
    it only lets a file through: when it says no, jsonschema finds and words
    the errors. tests/test_fast_path.py holds it to the schema and to jsonschema.
    """
    if answers is None:
        return True
    if not isinstance(answers, dict):
        return False
    for key, entry in answers.items():
        if isinstance(key, str) and not _is_item_id(key):
            return False
        if isinstance(entry, dict):  # a field left out reads as None, which fits
            if not (
                entry.keys() <= _ENTRY_FIELDS
                and isinstance(entry.get("answer"), _ANSWER)
                and isinstance(entry.get("note"), _TEXT)
                and isinstance(entry.get("evidence"), _TEXT)
            ):
                return False
        elif not isinstance(entry, _ANSWER):
            return False
    return True


_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "object": "a mapping of keys to values",
    "array": "a list",
    "null": "empty",
}


def _field(path: Sequence[Any]) -> str:
    return ".".join(str(part) for part in path) or "the document"


def _problems(error: ValidationError, locator: Locator) -> list[Problem]:
    from jsonschema.exceptions import best_match

    path = list(error.absolute_path)
    where = locator.at(path)
    if not path and error.instance is None:
        return [Problem("file/empty", "the file is empty", where, "is this the right file?")]
    kind = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    instance: Any = error.instance
    expected: Any = error.validator_value
    if kind == "additionalProperties":
        known = list(schema.get("properties", {}))
        extras = [key for key in instance if key not in schema.get("properties", {})]
        return [
            Problem(
                "schema/unknown-key",
                f"unknown key '{key}' in {_field(path)}",
                locator.at([*path, key], key=True),
                did_you_mean(key, known) or f"allowed: {', '.join(known)}",
            )
            for key in extras
        ]
    if kind == "required":
        missing = next(
            (k for k in expected if error.message.startswith(repr(k))),
            str(expected),
        )
        return [
            Problem(
                "schema/missing-key",
                f"{_field(path)} is missing the required key '{missing}'",
                where,
                _description(schema.get("properties", {}).get(missing)),
            )
        ]
    if kind in ("anyOf", "oneOf") and error.context:
        # A branch whose type matched explains the mistake better than "wrong type".
        fitting = [e for e in error.context if e.validator != "type"]
        if not fitting:
            return [_type_problem(error, path, where, _anyof_types(error))]
        return _problems(best_match(fitting), locator)
    if kind == "type":
        return [_type_problem(error, path, where, _as_list(error.validator_value))]
    if kind in ("enum", "const"):
        allowed = expected if kind == "enum" else [expected]
        return [
            Problem(
                "schema/not-allowed",
                f"{describe(error.instance)} is not allowed for {_field(path)}",
                where,
                "allowed: " + ", ".join(str(v) for v in allowed),
            )
        ]
    if "propertyNames" in error.relative_schema_path:  # jsonschema reports the key's own check
        names = schema.get("propertyNames", schema)
        return [
            Problem(
                "schema/bad-key",
                f"{describe(error.instance)} is not a valid key in {_field(path)}",
                locator.at([*path, instance], key=True),
                _description(names) or "use lower-case kebab-case ids",
            )
        ]
    messages = {
        "pattern": f"{describe(error.instance)} is not in the right form for {_field(path)}",
        "minLength": f"{_field(path)} must not be empty",
        "minItems": f"{_field(path)} must not be empty"
        if error.validator_value == 1
        else f"{_field(path)} needs at least {error.validator_value} entries",
        "minimum": f"{_field(path)} must be at least {error.validator_value}",
        "maximum": f"{_field(path)} must be at most {error.validator_value}",
        "exclusiveMinimum": f"{_field(path)} must be more than {error.validator_value}",
    }
    message = messages.get(str(kind), f"{_field(path)}: {error.message}")
    return [Problem(schema_code(str(kind)), message, where, _description(schema))]


def _type_problem(
    error: ValidationError, path: list[Any], where: Location, expected: list[str]
) -> Problem:
    wanted = " or ".join(dict.fromkeys(_TYPE_WORDS.get(t, t) for t in expected))
    return Problem(
        "schema/type",
        f"{_field(path)} should be {wanted}, not {describe(error.instance)}",
        where,
        _description(error.schema if isinstance(error.schema, dict) else None),
    )


def _anyof_types(error: ValidationError) -> list[str]:
    return [t for e in error.context or [] for t in _as_list(e.validator_value)]


def _as_list(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _description(schema: Any) -> str | None:
    """The first sentence of a schema node's description: a short hint."""
    if isinstance(schema, dict):
        text = schema.get("description")
        if isinstance(text, str):
            first = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text, maxsplit=1)[0].rstrip(".")
            return first if len(first) <= 120 else first[:117].rsplit(" ", 1)[0] + "…"
    return None
