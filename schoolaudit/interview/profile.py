"""The school-profile questions asked before the items, and how each answer is checked.

Pure: the questions come from the built-in fields and the checklist's own
`profile` (boarding, personal devices, …); `parse_profile` turns a typed line
into the value written to the file, or a `ProfileError` saying what would do.
The same checks serve the prompt and the command-line options (`--phase`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from schoolaudit.dates import DATE_FORM, DateError, parse_typed_date
from schoolaudit.model import NO, PHASES, YES, Checklist
from schoolaudit.text import describe, did_you_mean

Kind = Literal["text", "urn", "choice", "date"]
ProfileValue = str | dt.date
SCHOOL_KEYS = ("name", "urn", "phase", "trust")
"""Questions written under `school:`; `completed_by` and `date` sit at the top of the file."""
TRUST_FLAG = "in_trust"
"""A checklist's profile question "is the school in a trust?", which the trust's name answers."""

_URN = re.compile(r"^\d{6}$")
_YES_NO = ((YES, "yes"), (NO, "no"))


class ProfileError(ValueError):
    """A typed profile answer that does not fit; the message says what would."""


@dataclass(frozen=True, slots=True)
class Question:
    """A profile question; `required` ones are asked whenever missing, others on a new file."""

    key: str
    text: str
    kind: Kind
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()  # (value, label)


_SCHOOL = (
    Question("name", "School name", "text", required=True),
    Question("phase", "Phase", "choice", required=True, choices=tuple((p, p) for p in PHASES)),
    Question("urn", "URN (6 digits; Enter to leave out)", "urn"),
    Question("trust", "Trust (Enter if none)", "text"),
)
_WHO_AND_WHEN = (
    Question("completed_by", "Completed by (name, role)", "text"),
    Question("date", f"Audit date ({DATE_FORM})", "date", required=True),
)
BUILTIN_QUESTIONS = {question.key: question for question in (*_SCHOOL, *_WHO_AND_WHEN)}
"""The questions every checklist asks; the command-line options are checked with them."""


def profile_questions(checklist: Checklist) -> list[Question]:
    """Every profile question, in the order asked: who the school is, then who answers, when."""
    questions = list(_SCHOOL)
    for field in checklist.profile:
        if field.type == "text":
            questions.append(Question(field.id, f"{field.text} (Enter to leave out)", "text"))
        else:
            choices = (
                _YES_NO
                if field.type == "yesno"
                else tuple((option.value, option.label) for option in field.options)
            )
            questions.append(Question(field.id, field.text, "choice", True, choices))
    return [*_trust_flag_first(questions), *_WHO_AND_WHEN]


def _trust_flag_first(questions: list[Question]) -> list[Question]:
    """The checklist's "in a trust?" question just before the trust's name, which it decides."""
    flag = next((q for q in questions if q.key == TRUST_FLAG and q.choices == _YES_NO), None)
    if flag is None:
        return questions
    rest = [q for q in questions if q is not flag]
    at = next(n for n, q in enumerate(rest) if q.key == "trust")
    return [*rest[:at], flag, *rest[at:]]


@dataclass(frozen=True, slots=True)
class Told:
    """A profile answer the other answers already give: written, and shown, never asked."""

    value: ProfileValue
    why: str


def settle(question: Question, have: Mapping[str, Any]) -> Question | Told | None:
    """How to treat `question` given the profile so far: ask it (maybe reworded), or not.

    The trust is asked about twice over: its name (a built-in question) and,
    in checklists that depend on it, whether the school is in one (`in_trust`).
    Whichever the answers hold first decides the other: a trust named means
    the school is in one (`Told`); a school in none has no trust's name to
    give (None); a school in one is asked only the name.
    """
    trust, flag = have.get("trust"), have.get(TRUST_FLAG)
    if question.key == TRUST_FLAG and question.choices == _YES_NO and not _blank(trust):
        return Told(YES, f"the trust is named: {trust}")
    if question.key == "trust" and flag == NO:
        return None
    if question.key == "trust" and flag == YES:
        return replace(question, text="The trust's name (Enter to leave out)")
    return question


def questions_to_ask(
    questions: list[Question], have: Mapping[str, Any], finished: bool
) -> list[Question]:
    """The questions still open: required ones always, the optional ones until `finished`.

    Optional answers (URN, trust) may be left out on purpose, so a resumed file
    whose profile was gone through is not asked them again. One whose profile
    was cut short (input ended, Ctrl-C) never reached them: it is asked every
    blank one, as a new file is.
    """
    return [q for q in questions if _blank(have.get(q.key)) and (q.required or not finished)]


def profile_finished(completed_by: str | None) -> bool:
    """Whether a file's profile was gone through to the end, as far as the file can tell.

    `completed_by` is the last question without a default (the date has one,
    filled in when the file is created), so a file without it stopped before
    the end, or was left without the name governors need: either way, ask.
    """
    return not _blank(completed_by)


def _blank(value: object) -> bool:
    return value in (None, "")


def parse_profile(question: Question, typed: str, today: dt.date) -> ProfileValue | None:
    """The value to write for `typed`; None when left out (only where the question allows)."""
    text = typed.strip()
    if not text:
        if question.required:
            raise ProfileError(f"{question.key} is needed")
        return None
    if question.kind == "urn":
        if not _URN.match(text):
            raise ProfileError(f"{describe(text)} is not a URN (a URN is 6 digits, like 100000)")
        return text
    if question.kind == "choice":
        return _choice(question, text)
    if question.kind == "date":
        return _date(text, today)
    return text


def _choice(question: Question, text: str) -> str:
    """An option by value, by number, by `y`/`n`, or by a prefix only one option has."""
    key = text.lower()
    values = [value for value, _ in question.choices]
    if key.isdecimal() and len(key) <= 3 and 1 <= int(key) <= len(values):
        return values[int(key) - 1]
    if question.choices == _YES_NO and key in ("y", "n"):
        return YES if key == "y" else NO
    if key in values:
        return key
    starting = [value for value in values if value.startswith(key)]
    if len(starting) == 1:
        return starting[0]
    hint = did_you_mean(key, values)
    # a checklist's own field ids (`early_years`) are not words to show a person
    what = "a phase" if question.key == "phase" else "an answer to this question"
    raise ProfileError(
        f"{describe(text)} is not {what} "
        f"({hint + '; ' if hint else ''}allowed: {', '.join(values)})"
    )


def _date(text: str, today: dt.date) -> dt.date:
    """The audit date, typed day first as UK schools write it (`05/09/2026`) or as ISO."""
    try:
        value = parse_typed_date(text)
    except DateError as error:
        raise ProfileError(str(error)) from None
    if value > today:
        raise ProfileError(f"{value} is in the future (the audit date is the day it was done)")
    return value
