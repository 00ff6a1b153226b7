"""Small value conversions shared by checklists, answers and conditions.

YAML 1.1 reads an unquoted `yes` as a boolean and `{1: …}` keys as integers;
these helpers put such values into the one form the rest of the code compares.
"""

from __future__ import annotations

from typing import Any

PHASES = (
    "nursery",
    "primary",
    "middle",
    "secondary",
    "all-through",
    "special",
    "alternative-provision",
    "post-16",
)
"""A school's phase, as answers files and `--phase` name it (here, not in model.py, so the
command line can list them without loading the model at start-up)."""


def condition_value(value: Any) -> str | int:
    """Normalise an `applies_if` value or a school-profile answer for comparison."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return value
    return str(value).strip().lower()


def json_keys(data: Any) -> Any:
    """`data` with every mapping key turned into a string, as JSON requires.

    Schema validation and the rest of the core assume JSON-shaped data; YAML
    allows `{1: "Nothing in place"}` or `true:` as keys.
    """
    if isinstance(data, dict):
        return {
            (key if isinstance(key, str) else key_text(key)): json_keys(value)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [json_keys(value) for value in data]
    return data


def key_text(key: Any) -> str:
    """A mapping key as JSON holds it: `true` is "yes" (as an answer would be), `1` is "1"."""
    if isinstance(key, bool):
        return "yes" if key else "no"
    return str(key)
