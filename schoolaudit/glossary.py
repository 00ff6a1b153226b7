"""Which glossary terms an item uses, so `?` can explain the words a busy DSL may not know.

A checklist's glossary maps a term to plain words. A term may carry its abbreviation in
brackets, `data protection impact assessment (DPIA)`, and then either spelling finds it. Matching
is by whole word, and by case only where case carries meaning: a term written in lower case
(`nudify`, `agent`) is found in any case, while a term with capitals is an abbreviation or a
name and must match as written, so `Prevent` (the duty) is not found in "prevent harm" and
`IT` never in "it". A plural or possessive (`DSLs`, `DSL's`, `agents`) counts as the term.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from schoolaudit.model import Checklist, Item

Glossary = tuple[tuple[str, str], ...]

_ABBREVIATION = re.compile(r"^(?P<long>.+?)\s*\((?P<short>[^()]+)\)$")
_ENDING = r"(?:'s|’s|s|es)?"
"""A plural or possessive after a term still names it."""


def spellings(term: str) -> tuple[str, ...]:
    """The ways a glossary term may be written: `term (ABBR)` gives both, else the term."""
    match = _ABBREVIATION.match(term.strip())
    if match is None:
        return (term.strip(),)
    return (match["long"].strip(), match["short"].strip())


def _pattern(spelling: str) -> str:
    words = r"[\s\-]+".join(re.escape(word) for word in re.split(r"[\s\-]+", spelling))
    if spelling == spelling.lower():
        words = f"(?i:{words})"
    return rf"(?<![\w\-]){words}{_ENDING}(?![\w\-])"


@lru_cache(maxsize=8)
def _matchers(glossary: Glossary) -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    return tuple(
        (term, meaning, re.compile("|".join(_pattern(s) for s in spellings(term))))
        for term, meaning in glossary
    )


def terms_in(glossary: Glossary, texts: Iterable[str]) -> list[tuple[str, str]]:
    """The (term, meaning) pairs whose term appears in any of `texts`, in glossary order."""
    joined = "\n".join(texts)
    return [
        (term, meaning) for term, meaning, pattern in _matchers(glossary) if pattern.search(joined)
    ]


def item_terms(checklist: Checklist, item: Item) -> list[tuple[str, str]]:
    """The glossary terms an item's question, guidance, evidence or action uses."""
    texts = (item.text, item.guidance, item.evidence, item.remediation)
    return list(_texts_terms(checklist.glossary, texts))


@lru_cache(maxsize=4096)
def _texts_terms(glossary: Glossary, texts: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """`terms_in`, remembered: every school's workbook looks up the same items' terms (the
    Glossary sheet searched 56 patterns over each gap's texts: a third of the workbook's time)."""
    return tuple(terms_in(glossary, texts))


def spelling_clashes(terms: Iterable[str]) -> list[tuple[str, str]]:
    """(term, earlier term) pairs where two terms share a spelling, ignoring case."""
    seen: dict[str, str] = {}
    clashes = []
    for term in terms:
        for spelling in spellings(term):
            earlier = seen.setdefault(spelling.casefold(), term)
            if earlier != term:
                clashes.append((term, earlier))
                break
    return clashes
