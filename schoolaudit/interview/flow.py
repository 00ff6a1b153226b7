"""The interview as a pure state machine over (checklist, answers).

Nothing here reads a keyboard or writes a file: given the checklist and what
the file says now, it decides which items are asked, in what order, where the
interview stands (`23/96`), what is left, and what a typed key means. Because
applicability is recomputed from the answers each time, conditions are live:
answering `bas-02: no` makes `bas-03` stop applying, and the counter follows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from schoolaudit.answer_types import AnswerError, kind_of
from schoolaudit.answers import parse_answer
from schoolaudit.applicability import applicability
from schoolaudit.model import (
    NA,
    NEVER,
    NO,
    PARTIAL,
    UNSURE,
    YES,
    Answer,
    Answers,
    AnswerValue,
    Checklist,
    Item,
)
from schoolaudit.text import describe

CommandName = Literal["help", "back", "skip", "quit", "note", "keep"]

COMMAND_KEYS: dict[str, CommandName] = {
    "?": "help",
    "b": "back",
    "s": "skip",
    "q": "quit",
    "+": "note",
    "": "keep",
}
WORD_KEYS = {"y": YES, "n": NO, "p": PARTIAL, "u": UNSURE, "na": NA}
ASKS_FOR_NOTE = (NO, PARTIAL, UNSURE, NEVER)
"""Answers after which the interview offers a note and evidence: the gaps."""


@dataclass(frozen=True, slots=True)
class Scope:
    """Which items this sitting walks: one section or all; unanswered only, or all (`--review`)."""

    section: str | None = None
    review: bool = False


@dataclass(frozen=True, slots=True)
class Command:
    """A key that moves the interview rather than answering: `?`, `b`, `s`, `q`, `+`, Enter."""

    name: CommandName


@dataclass(frozen=True, slots=True)
class Reply:
    """A valid answer to the item; `with_note` when the key ended in `+`."""

    value: AnswerValue
    with_note: bool = False

    @property
    def asks_for_note(self) -> bool:
        return self.with_note or self.value in ASKS_FOR_NOTE


@dataclass(frozen=True, slots=True)
class Invalid:
    """A key that is neither: the message says what would do."""

    message: str


Action = Command | Reply | Invalid


@dataclass(frozen=True, slots=True)
class Progress:
    """Where the interview stands among the items in scope: `position`/`total`, and `left`.

    All three count the same items, the applicable ones this sitting walks
    (one section with `--section`), information (text) items included, since
    they are asked too: at the first of 96 unanswered items, 96 are left.
    """

    position: int
    total: int
    left: int


def applicable_items(checklist: Checklist, answers: Answers, scope: Scope) -> list[Item]:
    """The items that apply now, in checklist order, within the scope's section."""
    decided = applicability(checklist, answers)
    return [
        item
        for item in checklist.items
        if decided[item.id].applies and (scope.section in (None, item.section_id))
    ]


def is_answered(answers: Answers, item: Item) -> bool:
    return answers.value(item.id) is not None


def left_items(checklist: Checklist, answers: Answers) -> list[Item]:
    """Applicable scored items with no answer yet: what stands before a full report."""
    return [
        item
        for item in applicable_items(checklist, answers, Scope())
        if item.scored and not is_answered(answers, item)
    ]


def is_complete(checklist: Checklist, answers: Answers) -> bool:
    """Every applicable scored item has an answer (`unsure` counts: it is an answer)."""
    return not left_items(checklist, answers)


def first_item(
    checklist: Checklist, answers: Answers, scope: Scope, skipped: frozenset[str] = frozenset()
) -> Item | None:
    """Where a sitting starts: the first unanswered applicable item (the first item to review)."""
    return _pick(applicable_items(checklist, answers, scope), answers, scope, skipped, start=0)


def next_item(
    checklist: Checklist,
    answers: Answers,
    scope: Scope,
    current: Item,
    skipped: frozenset[str] = frozenset(),
) -> Item | None:
    """The item after `current`: the next one still to do, wrapping round to any left before it.

    In review every applicable item is visited once, in order, and the walk
    ends at the last one.
    """
    items = applicable_items(checklist, answers, scope)
    after = _index_after(checklist, items, current)
    found = _pick(items, answers, scope, skipped, start=after)
    if found is None and not scope.review:
        found = _pick(items[:after], answers, scope, skipped, start=0)
    return found


def previous_item(
    checklist: Checklist, answers: Answers, scope: Scope, current: Item
) -> Item | None:
    """The applicable item before `current` in checklist order (None at the first)."""
    mine = checklist.position[current.id]
    earlier = [
        item
        for item in applicable_items(checklist, answers, scope)
        if checklist.position[item.id] < mine
    ]
    return earlier[-1] if earlier else None


def returning_item(
    checklist: Checklist, answers: Answers, scope: Scope, current: Item, back_from: Item
) -> Item | None:
    """After `b`: the applicable item after `current` in checklist order, up to `back_from`.

    A person who went back walks forward item by item, answered or skipped,
    until they are where they typed `b` (`back_from`); jumping to the first
    unanswered item instead would pass over what they went back to see. None
    once `current` is at or past `back_from` (or the items run out): the
    ordinary `next_item` takes over.
    """
    limit = checklist.position[back_from.id]
    mine = checklist.position[current.id]
    for item in applicable_items(checklist, answers, scope):
        if mine < checklist.position[item.id] <= limit:
            return item
    return None


def progress(checklist: Checklist, answers: Answers, scope: Scope, current: Item) -> Progress:
    """`position/total` of `current` among the items that apply now, and how many are unanswered."""
    items = applicable_items(checklist, answers, scope)
    position = _index_after(checklist, items, current)
    if all(item.id != current.id for item in items):  # it stopped applying: where it would sit
        position += 1
    left = sum(1 for item in items if not is_answered(answers, item))
    return Progress(position, len(items), left)


def _index_after(checklist: Checklist, items: list[Item], current: Item) -> int:
    """How many of `items` come at or before `current` in checklist order."""
    mine = checklist.position[current.id]
    return sum(1 for item in items if checklist.position[item.id] <= mine)


def _pick(
    items: list[Item], answers: Answers, scope: Scope, skipped: frozenset[str], start: int
) -> Item | None:
    for item in items[start:]:
        if scope.review or (not is_answered(answers, item) and item.id not in skipped):
            return item
    return None


def note_may_not_fit(before: Answer | None, value: AnswerValue) -> bool:
    """Whether a note or evidence was written for an answer that `value` now changes.

    "provider role not defined" under a `partial` may contradict a new `yes`:
    the person at the keyboard is shown it and may replace it.
    """
    if before is None or before.value is None or before.value == value:
        return False
    return bool(before.note or before.evidence)


def read_key(item: Item, typed: str, audit_date: dt.date) -> Action:
    """What a line typed at an item's prompt means.

    Commands first (`?` `b` `s` `q` `+`, Enter), then the short keys
    (`y` `n` `p` `u` `na`), a choice's option number, and finally anything the
    item accepts in the answers file (`partial`, `3`, `2026-01-31`), checked by
    `answers.parse_answer`. A trailing `+` (`p+`) answers and asks for a note.
    """
    text = typed.strip()
    key = text.lower()
    if key in COMMAND_KEYS:
        return Command(COMMAND_KEYS[key])
    with_note = text.endswith("+")
    if with_note:
        text = text[:-1].strip()
        key = text.lower()
    raw = _expand(item, text, key)
    try:
        value = parse_answer(item, raw, audit_date)
    except AnswerError as error:
        return Invalid(f"{describe(text)} is not an answer to {item.id}{error}")
    if value is None:
        return Invalid(f"type an answer to {item.id}")
    return Reply(value, with_note)


def _expand(item: Item, text: str, key: str) -> str:
    """Short keys and option numbers into the words `parse_answer` knows."""
    kind = kind_of(item)
    if key in WORD_KEYS and (kind.word_keys or key in ("u", "na")):
        return WORD_KEYS[key]
    # A choice's number becomes its value; a number's unit (`85%`) is parse_answer's to take off.
    return kind.expand_key(item, key) or text


def keys_for(item: Item) -> list[tuple[str, str]]:
    """The answers an item accepts, as (key, meaning) pairs for the prompt.

    Items typed in full (numbers, dates, text) have one pair with an empty key.
    """
    pairs = kind_of(item).keys(item)
    pairs.append(("u", UNSURE))
    if item.allow_na:
        pairs.append(("na", "not applicable"))
    return pairs
