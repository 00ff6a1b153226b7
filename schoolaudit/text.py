"""Small text helpers shared by the loaders and the interview: hints and how values read.

Kept apart from `schemas` so that code which only words a message (the
interview, the catalogue) does not load jsonschema to do it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A hint naming the closest of `choices`, if any is close."""
    options = list(choices)
    padded = re.sub(r"-(\d)$", r"-0\1", str(word))  # flt-6 means flt-06, not flt-16
    if padded != word and padded in options:
        return f"did you mean '{padded}'?"
    close = difflib.get_close_matches(str(word), options, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def describe(value: Any) -> str:
    """A value as a reader would recognise it in their file."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"
