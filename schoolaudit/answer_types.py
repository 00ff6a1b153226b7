"""What each answer type means, in one table: adding a type touches this module only.

An item's `type` (yesno, ynp, level, choice, number, date, text) decides how a
typed or written answer is read, which words it takes, the credit it earns, how
it reads in a report and at the interview's prompt, which checklist keys it
uses, what a condition on it may name, and what a spreadsheet template must
offer in its cell (a dropdown of words, or a number or date validation). Each
`AnswerKind` below holds all of that for one type; `kind_of(item)` finds it.

Pure: no I/O. The words every type shares (`unsure`, and `na` where an item
allows it) are added by the callers that list answers, not by each kind.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from schoolaudit.dates import DATE_FORM, DateError, parse_typed_date
from schoolaudit.problems import Location, Problem

if TYPE_CHECKING:
    from schoolaudit.model import AnswerValue, Item

Locate = Callable[..., Location]
"""Where a key of the item being linted is: `at("options", 0, "value")`."""

AnswerType = Literal["yesno", "ynp", "level", "choice", "number", "date", "text"]

# Answer words. `unsure` and `na` apply to every type.
YES, NO, PARTIAL, UNSURE, NA = "yes", "no", "partial", "unsure", "na"
NEVER = "never"
"""A date item's answer when the thing asked about has never happened: credit 0."""
LEVELS = (1, 2, 3, 4, 5)
CREDIT_BY_WORD = {YES: 1.0, PARTIAL: 0.5, NO: 0.0}

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class AnswerError(ValueError):
    """An answer that does not fit its item; the message says what would.

    The message is a short clause (": a level is 1 to 5") appended to
    "'7' is not an answer to lvl-01".
    """


@dataclass(frozen=True, slots=True)
class TemplateRule:
    """What a spreadsheet template's answer cell allows for one item.

    `list`: a dropdown of `values`; `number`: a number from 0 to `maximum` (no
    upper bound when None), or one of `values`; `date`: a date, or one of
    `values`; `text`: anything.
    """

    kind: Literal["list", "number", "date", "text"]
    values: tuple[str, ...] = ()
    maximum: float | None = None


def shared_words(item: Item) -> tuple[str, ...]:
    """The words every item takes: `unsure`, and `na` where the item allows it."""
    return (UNSURE, *((NA,) if item.allow_na else ()))


class AnswerKind:
    """One answer type's behaviour; the defaults suit a type answered by a fixed word."""

    name: ClassVar[str]
    scored: ClassVar[bool] = True
    item_keys: ClassVar[tuple[str, ...]] = ()
    """Checklist keys that only this type uses (`options` for choice)."""
    required_key: ClassVar[str | None] = None
    """The one of `item_keys` an item of this type must have."""
    word_keys: ClassVar[bool] = True
    """Whether the interview's short keys (y, n, p) stand for answer words."""
    keys_on_lines: ClassVar[bool] = False
    """Whether the prompt lists its keys one per line (long labels) or on one line."""
    dated: ClassVar[bool] = False
    """Whether an answer's credit depends on the audit date (a date item's does)."""

    def words(self, item: Item) -> tuple[str, ...]:
        """The words or values this type takes, besides `unsure` and `na`."""
        return ()

    def lint(self, data: Mapping[str, Any], at: Locate) -> Iterator[Problem]:
        """What `checklist lint` finds wrong in an item of this type (schema-valid data)."""
        return iter(())

    def data_words(self, data: Mapping[str, Any]) -> tuple[str | int, ...] | None:
        """What a condition on an item (still raw checklist data) may name; None: nothing."""
        return None

    def parse(
        self, item: Item, raw: Any, word: str | None, audit_date: dt.date | None
    ) -> AnswerValue:
        """The normalised answer, or `AnswerError`.

        `word` is `raw` lower-cased if it is text; a date answer may not follow
        `audit_date`.
        """
        if word in self.words(item):
            return word
        raise AnswerError("")

    def credit(self, item: Item, value: AnswerValue, audit_date: dt.date) -> float:
        """Credit in [0, 1] for an answer that is not unsure, na or missing."""
        raise NotImplementedError(f"{self.name} items are not scored")

    def label(self, item: Item, value: AnswerValue) -> str:
        """The answer as a report shows it: `3 (Most)`, `Active monitoring`, `85%`."""
        return str(value)

    def prompt_label(self, item: Item, value: AnswerValue) -> str:
        """The answer as the interview's `now:` line shows it."""
        return str(value)

    def condition_label(self, item: Item, value: str | int) -> str:
        """A value a condition names, in words."""
        return str(value)

    def keys(self, item: Item) -> list[tuple[str, str]]:
        """(key, meaning) pairs for the prompt, besides u and na; '' for typed-in-full."""
        return [(word[0], word) for word in self.words(item)]

    def expand_key(self, item: Item, key: str) -> str | None:
        """The answer a short key stands for, beyond the shared word keys (choice numbers)."""
        return None

    def allowed(self, item: Item) -> str:
        """The allowed answers in words, for error hints: `yes, partial, no, unsure`."""
        return ", ".join((*self.words(item), *shared_words(item)))

    def template(self, item: Item) -> TemplateRule:
        """What a spreadsheet template's answer cell must allow."""
        return TemplateRule("list", (*self.words(item), *shared_words(item)))


class YesNo(AnswerKind):
    name = "yesno"
    fixed: ClassVar[tuple[str, ...]] = (YES, NO)

    def words(self, item: Item) -> tuple[str, ...]:
        return self.fixed

    def data_words(self, data: Mapping[str, Any]) -> tuple[str | int, ...] | None:
        return self.fixed

    def credit(self, item: Item, value: AnswerValue, audit_date: dt.date) -> float:
        return CREDIT_BY_WORD[str(value)]


class YesNoPartial(YesNo):
    name = "ynp"
    fixed = (YES, PARTIAL, NO)

    def keys(self, item: Item) -> list[tuple[str, str]]:
        return [("y", YES), ("p", PARTIAL), ("n", NO)]


class Level(AnswerKind):
    name = "level"
    item_keys = ("levels",)
    keys_on_lines = True

    def words(self, item: Item) -> tuple[str, ...]:
        return tuple(str(level) for level in LEVELS)

    def data_words(self, data: Mapping[str, Any]) -> tuple[str | int, ...] | None:
        return LEVELS

    def lint(self, data: Mapping[str, Any], at: Locate) -> Iterator[Problem]:
        if "levels" in data and len(data["levels"]) != len(LEVELS):
            yield Problem(
                "checklist/levels",
                f"{data['id']} labels {len(data['levels'])} of the 5 levels",
                at("levels"),
                "label all five levels, or none",
            )

    def parse(
        self, item: Item, raw: Any, word: str | None, audit_date: dt.date | None
    ) -> AnswerValue:
        level = _whole_number(raw)
        if level in LEVELS:
            return level
        raise AnswerError(": a level is 1 to 5")

    def credit(self, item: Item, value: AnswerValue, audit_date: dt.date) -> float:
        return (int(value) - 1) / 4  # type: ignore[arg-type]

    def label(self, item: Item, value: AnswerValue) -> str:
        label = dict(item.levels).get(value) if isinstance(value, int) else None
        return f"{value} ({label})" if label else str(value)

    def prompt_label(self, item: Item, value: AnswerValue) -> str:
        return self.label(item, value)

    def keys(self, item: Item) -> list[tuple[str, str]]:
        labels = dict(item.levels)
        return [(str(level), labels.get(level, f"level {level}")) for level in LEVELS]


class Choice(AnswerKind):
    name = "choice"
    item_keys = ("options",)
    required_key = "options"
    keys_on_lines = True

    def words(self, item: Item) -> tuple[str, ...]:
        return tuple(option.value for option in item.options)

    def data_words(self, data: Mapping[str, Any]) -> tuple[str | int, ...] | None:
        return tuple(option["value"] for option in data.get("options", []))

    def lint(self, data: Mapping[str, Any], at: Locate) -> Iterator[Problem]:
        if "options" not in data:
            return
        values = [option["value"] for option in data["options"]]
        for o, value in enumerate(values):
            if value in values[:o]:
                yield Problem(
                    "checklist/duplicate-id",
                    f"option '{value}' of {data['id']} is listed twice",
                    at("options", o, "value"),
                )
            if value in (UNSURE, NA):
                yield Problem(
                    "checklist/reserved-word",
                    f"option '{value}' of {data['id']} clashes with the answer word '{value}'",
                    at("options", o, "value"),
                    "choose another value",
                )
        if not any(option["score"] == 1 for option in data["options"]):
            yield Problem(
                "checklist/unreachable",
                f"no option of {data['id']} earns full credit, so it can never be fully met",
                at("options"),
                "give the best option score: 1",
                severity="warning",
            )

    def parse(
        self, item: Item, raw: Any, word: str | None, audit_date: dt.date | None
    ) -> AnswerValue:
        if word is not None and item.option(word) is not None:
            return word
        raise AnswerError("")

    def credit(self, item: Item, value: AnswerValue, audit_date: dt.date) -> float:
        option = item.option(str(value))
        return option.score if option else 0.0

    def label(self, item: Item, value: AnswerValue) -> str:
        option = item.option(value) if isinstance(value, str) else None
        return option.label if option else str(value)

    def prompt_label(self, item: Item, value: AnswerValue) -> str:
        option = item.option(str(value))
        return f"{option.label} ({value})" if option else str(value)

    def condition_label(self, item: Item, value: str | int) -> str:
        option = item.option(str(value))
        return option.label if option else str(value)

    def keys(self, item: Item) -> list[tuple[str, str]]:
        return [(str(n), option.label) for n, option in enumerate(item.options, start=1)]

    def expand_key(self, item: Item, key: str) -> str | None:
        if key.isdecimal() and len(key) <= 3 and 1 <= int(key) <= len(item.options):
            return item.options[int(key) - 1].value
        return None


class Number(AnswerKind):
    name = "number"
    item_keys = ("min", "target", "max", "unit")
    required_key = "min"

    def lint(self, data: Mapping[str, Any], at: Locate) -> Iterator[Problem]:
        low, target, high = data.get("min"), data.get("target"), data.get("max")
        if low is not None and target is not None and target < low:
            yield Problem(
                "checklist/thresholds",
                f"target ({target}) of {data['id']} is below its min ({low})",
                at("target"),
                "target must be at or above min",
            )
        top = target if target is not None else low
        if high is not None and top is not None and high < top:
            yield Problem(
                "checklist/thresholds",
                f"max ({high}) of {data['id']} is below the value that earns full credit ({top})",
                at("max"),
            )
        if low is not None and low < 0:
            yield Problem(
                "checklist/thresholds",
                f"min of {data['id']} is negative; answers are counts or percentages",
                at("min"),
            )

    def parse(
        self, item: Item, raw: Any, word: str | None, audit_date: dt.date | None
    ) -> AnswerValue:
        if isinstance(raw, str) and item.unit and raw.strip().lower().endswith(item.unit.lower()):
            raw = raw.strip()[: -len(item.unit)]  # number answers may carry their unit: 85%
        if isinstance(raw, str):
            try:
                raw = float(raw.strip())
            except ValueError:
                raise AnswerError(": write a number") from None
        if not isinstance(raw, int | float) or math.isnan(raw) or math.isinf(raw):
            raise AnswerError(": write a number")
        if raw < 0:
            raise AnswerError(": it cannot be negative")
        if item.max is not None and raw > item.max:
            raise AnswerError(f": the most it can be is {item.max:g}")
        return int(raw) if isinstance(raw, float) and raw.is_integer() else raw

    def credit(self, item: Item, value: AnswerValue, audit_date: dt.date) -> float:
        low = item.min if item.min is not None else 0.0
        target = item.target if item.target is not None else low
        number = float(value)  # type: ignore[arg-type]
        if number < low:
            return 0.0
        if number >= target:
            return 1.0
        return (number - low) / (target - low)

    def label(self, item: Item, value: AnswerValue) -> str:
        return f"{value:g}{item.unit or ''}" if isinstance(value, int | float) else str(value)

    def _range(self, item: Item) -> str:
        bounds = f"a number from 0{f' to {item.max:g}' if item.max is not None else ''}"
        return f"{bounds}{f' ({item.unit})' if item.unit else ''}"

    def keys(self, item: Item) -> list[tuple[str, str]]:
        return [("", self._range(item))]

    def allowed(self, item: Item) -> str:
        return ", ".join((self._range(item), *shared_words(item)))

    def template(self, item: Item) -> TemplateRule:
        return TemplateRule("number", shared_words(item), item.max)


class Date(AnswerKind):
    name = "date"
    item_keys = ("max_age_days",)
    required_key = "max_age_days"
    dated = True

    def parse(
        self, item: Item, raw: Any, word: str | None, audit_date: dt.date | None
    ) -> AnswerValue:
        # "When was it last done?" — "never" (or "no") is a true answer that earns nothing.
        if word in (NEVER, NO):
            return NEVER
        value = typed_date(raw)
        if value is None:
            raise AnswerError(f": write a real date as {DATE_FORM}")
        if audit_date is not None and value > audit_date:
            raise AnswerError(f": it is after the audit date, {audit_date}")
        return value

    def words(self, item: Item) -> tuple[str, ...]:
        return (NEVER,)

    def credit(self, item: Item, value: AnswerValue, audit_date: dt.date) -> float:
        if value == NEVER:
            return 0.0
        assert isinstance(value, dt.date) and item.max_age_days is not None
        age = (audit_date - value).days
        return 1.0 if 0 <= age <= item.max_age_days else 0.0

    def keys(self, item: Item) -> list[tuple[str, str]]:
        # `n` is read as "no", which a date item takes as never
        return [("", f"a date as {DATE_FORM}"), ("n", NEVER)]

    def allowed(self, item: Item) -> str:
        return ", ".join((f"a date as {DATE_FORM}", NEVER, *shared_words(item)))

    def template(self, item: Item) -> TemplateRule:
        return TemplateRule("date", (NEVER, *shared_words(item)))


class Text(AnswerKind):
    name = "text"
    scored = False
    word_keys = False

    def parse(
        self, item: Item, raw: Any, word: str | None, audit_date: dt.date | None
    ) -> AnswerValue:
        return str(raw)

    def keys(self, item: Item) -> list[tuple[str, str]]:
        return [("", "the answer in words")]

    def allowed(self, item: Item) -> str:
        return ", ".join(("any text", *shared_words(item)))

    def template(self, item: Item) -> TemplateRule:
        return TemplateRule("text")


ANSWER_KINDS: dict[str, AnswerKind] = {
    kind.name: kind
    for kind in (YesNo(), YesNoPartial(), Level(), Choice(), Number(), Date(), Text())
}
"""Every answer type, by the name an item's `type` gives."""


def kind_of(item: Item) -> AnswerKind:
    """The behaviour of `item`'s answer type."""
    return ANSWER_KINDS[item.type]


def _whole_number(raw: Any) -> int | None:
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str) and raw.strip().isdecimal() and len(raw.strip()) <= 18:
        return int(raw.strip())  # longer: no level or count, and past Python's digit limit
    return None


def typed_date(raw: Any) -> dt.date | None:
    """A date item's answer as a person types it: day first (`05/09/2026`) or ISO, else None."""
    if isinstance(raw, dt.date):
        return raw
    if not isinstance(raw, str):
        return None
    try:
        return parse_typed_date(raw)
    except DateError:
        return None


def parse_date(raw: Any) -> dt.date | None:
    """A real date written as YYYY-MM-DD (or already a date), else None."""
    if isinstance(raw, dt.date):
        return raw
    if not isinstance(raw, str) or not _ISO_DATE.match(raw.strip()):
        return None
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        return None
