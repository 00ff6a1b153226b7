"""The model objects the core passes around: checklists and answers.

They are frozen: once a file is loaded and checked, nothing downstream can
change what the school said. Loaders build them; scoring and renderers read them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any, Literal, NamedTuple, TypeVar

# The answer words and types are defined with the answer types' behaviour; re-exported here.
from schoolaudit.answer_types import LEVELS as LEVELS
from schoolaudit.answer_types import NA as NA
from schoolaudit.answer_types import NEVER as NEVER
from schoolaudit.answer_types import NO as NO
from schoolaudit.answer_types import PARTIAL as PARTIAL
from schoolaudit.answer_types import UNSURE as UNSURE
from schoolaudit.answer_types import YES as YES
from schoolaudit.answer_types import AnswerType as AnswerType
from schoolaudit.answer_types import kind_of, shared_words
from schoolaudit.values import PHASES as PHASES

Severity = Literal["statutory", "expected", "recommended"]
ProfileType = Literal["yesno", "choice", "text"]
Combine = Literal["all", "any", "mean"]

BUILTIN_SCHOOL_FIELDS = ("name", "urn", "phase", "trust", "local_authority")
"""Profile fields every answers file may carry, whatever the checklist declares."""

AnswerValue = str | int | float | dt.date
"""A normalised answer: an answer word, a level, a choice value, a number, a date or text."""

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Source:
    """A document that items cite."""

    id: str
    title: str
    publisher: str | None = None
    edition: str | None = None
    url: str | None = None
    published: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Reference:
    """Where in a source an item's requirement comes from."""

    source: str
    where: str | None = None
    verified: bool = True
    quote: str | None = None  # the source's own words at `where`, for re-checking


@dataclass(frozen=True, slots=True)
class Option:
    """One answer of a `choice` item, with the credit it earns."""

    value: str
    label: str
    score: float


@dataclass(frozen=True, slots=True)
class Condition:
    """One `applies_if` entry: `key` must hold one of `values`.

    `key` is `school.<field>` or an item id. Values are normalised as answers
    are (booleans become yes/no, words are lower-case).
    """

    key: str
    values: tuple[str | int, ...]

    @property
    def school_field(self) -> str | None:
        return self.key.removeprefix("school.") if self.key.startswith("school.") else None


@dataclass(frozen=True, slots=True)
class Item:
    """One question of a checklist, with everything needed to score and act on it."""

    id: str
    section_id: str
    text: str
    type: AnswerType
    weight: float
    severity: Severity
    guidance: str
    remediation: str
    evidence: str
    owner: str
    references: tuple[Reference, ...] = ()
    allow_na: bool = False
    conditions: tuple[Condition, ...] = ()
    options: tuple[Option, ...] = ()
    levels: tuple[tuple[int, str], ...] = ()
    max_age_days: int | None = None
    min: float | None = None
    target: float | None = None
    max: float | None = None
    unit: str | None = None
    ask: str | None = None  # "provider": only the filtering/monitoring provider can answer
    replaces: tuple[str, ...] = ()  # ids this item had in earlier versions (a renamed item)
    answered_by: tuple[str, ...] = ()  # in a view: the base checklist's items that answer it
    combine: Combine = "all"  # how several answered_by credits make one

    @property
    def scored(self) -> bool:
        """Text items carry information and are never scored."""
        return kind_of(self).scored

    def answer_words(self) -> tuple[str, ...]:
        """Every word this item accepts as an answer, for prompts and error hints."""
        return (*kind_of(self).words(self), *shared_words(self))

    def describe_allowed(self) -> str:
        """The allowed answers in words: `yes, partial, no, unsure`."""
        return kind_of(self).allowed(self)

    def option(self, value: str) -> Option | None:
        return next((option for option in self.options if option.value == value), None)


@dataclass(frozen=True, slots=True)
class ProfileField:
    """A school-profile question a checklist adds (boarding, personal devices, …)."""

    id: str
    text: str
    type: ProfileType = "yesno"
    options: tuple[Option, ...] = ()

    def answer_words(self) -> tuple[str, ...]:
        if self.type == "yesno":
            return (YES, NO)
        return tuple(option.value for option in self.options)


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    weight: float
    items: tuple[Item, ...]
    description: str | None = None


DEFAULT_GREEN = 80.0
DEFAULT_AMBER = 50.0


@dataclass(frozen=True, slots=True)
class Rating:
    """Score thresholds: green at or above `green`, amber at or above `amber`."""

    green: float = DEFAULT_GREEN
    amber: float = DEFAULT_AMBER


class ReadOnlyMappings:
    """Pickling for a frozen model whose mappings are `MappingProxyType`.

    A proxy keeps a mapping read-only for every caller, but cannot be pickled,
    and `batch --jobs` sends checklists, answers and results between
    processes. Pickling sends each proxy as a plain dict, and unpickling calls
    the constructor again, wrapping them anew: the copy is as read-only as the
    original, and derived fields (`Checklist.items`) are rebuilt, not sent.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        given = {f.name: getattr(self, f.name) for f in fields(self) if f.init}  # type: ignore[arg-type]
        proxied = tuple(
            name for name, value in given.items() if isinstance(value, MappingProxyType)
        )
        plain = {name: dict(given[name]) if name in proxied else given[name] for name in given}
        return (_rebuild, (type(self), plain, proxied))


def _rebuild(cls: type[Any], given: dict[str, Any], proxied: tuple[str, ...]) -> Any:
    return cls(**{k: MappingProxyType(v) if k in proxied else v for k, v in given.items()})


@dataclass(frozen=True)
class Checklist(ReadOnlyMappings):
    """A whole checklist, as loaded and checked."""

    id: str
    title: str
    version: str
    sections: tuple[Section, ...]
    sources: MappingProxyType[str, Source]
    rating: Rating = Rating()
    profile: tuple[ProfileField, ...] = ()
    published: str | None = None
    description: str | None = None
    notes: tuple[str, ...] = ()
    glossary: tuple[tuple[str, str], ...] = ()  # (term, plain words), in the file's order
    view_of: str | None = None  # the checklist whose answers score this one, if a view
    path: str | None = None
    builtin: bool = False
    items: tuple[Item, ...] = field(init=False, repr=False)
    item_by_id: MappingProxyType[str, Item] = field(init=False, repr=False)
    position: MappingProxyType[str, int] = field(init=False, repr=False)
    conditional: tuple[Item, ...] = field(init=False, repr=False)
    """The items with `applies_if` conditions, in order: the only ones whose
    applicability has to be worked out for each school (the rest always apply)."""
    _derived: dict[Callable[[Checklist], Any], Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        items = tuple(item for section in self.sections for item in section.items)
        object.__setattr__(self, "items", items)
        object.__setattr__(self, "conditional", tuple(item for item in items if item.conditions))
        object.__setattr__(self, "item_by_id", MappingProxyType({i.id: i for i in items}))
        object.__setattr__(
            self, "position", MappingProxyType({item.id: n for n, item in enumerate(items)})
        )
        object.__setattr__(self, "_derived", {})

    def derived(self, make: Callable[[Checklist], T]) -> T:
        """`make(self)`, worked out on first use and kept with the checklist.

        For what the core works out from a checklist for every school it checks
        or scores (each item's credit rule, the words its answers are typed
        as): a batch checks thousands of schools against one checklist. The
        checklist is frozen, so what is made from it stays true; what `make`
        returns is shared by every caller and must never be changed (tuples,
        or mappings typed read-only: a private table may be a plain dict, whose
        `get` costs half a `MappingProxyType`'s). Kept by `make` itself, and
        neither compared nor pickled (a copy works it out again).
        """
        try:
            return self._derived[make]  # type: ignore[no-any-return]
        except KeyError:
            made = self._derived[make] = make(self)
            return made

    def profile_field(self, field_id: str) -> ProfileField | None:
        return next((f for f in self.profile if f.id == field_id), None)


class Answer(NamedTuple):
    """What a school said about one item. `value` is None while unanswered.

    A named tuple: immutable like the frozen classes here, and quicker to make
    (a file holds a few hundred answers; a batch reads thousands of files).
    """

    value: AnswerValue | None = None
    note: str | None = None
    evidence: str | None = None


@dataclass(frozen=True)
class Answers(ReadOnlyMappings):
    """One school's answers file, checked against its checklist."""

    checklist_id: str
    checklist_version: str | None
    school: MappingProxyType[str, str]
    date: dt.date
    answers: MappingProxyType[str, Answer]
    completed_by: str | None = None
    path: str | None = None
    scored_from: tuple[str, str | None] | None = None
    """For a view: the (id, version) of the checklist these answers were given to."""

    def value(self, item_id: str) -> AnswerValue | None:
        answer = self.answers.get(item_id)
        return None if answer is None else answer.value

    @property
    def school_name(self) -> str:
        return self.school.get("name", "")
