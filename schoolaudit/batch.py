"""Many schools at once: find their files, assess each, and add the results up.

A trust's folder holds files from many hands, some broken. Each file is
assessed exactly as `report` assesses one (`assess`), in worker processes
(`pool.run_in_order`), and comes back as compact plain data: a `School` (the
figures the trust workbook needs, and whatever per-school outputs were asked
for, already rendered in the worker) or a `Rejected` file with its problems.
Whole `Result`s never cross between processes: a pickled Result drags its
checklist along (tens of kilobytes per school), while a `School` is a few
hundred bytes, so the parent stays small at national scale.

`Tally` adds outcomes up in input order: schools grouped by checklist id and
version (scores on different checklists never share a column), the gaps most
schools share, the rejected files, and schools given twice (the same URN on the
same checklist in the same academic year: the first file in path order counts,
the later one is reported and left out, so no school is counted twice). A school
audited in several academic years is counted once, by its latest audit; the
earlier audits are kept, as `AuditRecord`s, for the trend over the years.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import BinaryIO, cast

from schoolaudit.assess import assess
from schoolaudit.catalog import Catalog
from schoolaudit.model import Checklist
from schoolaudit.pool import Bounds, run_in_order
from schoolaudit.problems import Location, Problem
from schoolaudit.scoring import (
    PRIORITY_OF_SEVERITY,
    PRIORITY_ORDER,
    RatingWord,
    Result,
    rounded,
)
from schoolaudit.trend import AuditRecord, Trend, academic_year, trend
from schoolaudit.yamlsource import read_ahead

SUFFIXES = (".yaml", ".yml", ".xlsx")
"""What a folder is searched for: answers files and filled templates."""

Renderer = Callable[[Result], bytes]
GroupKey = tuple[str, str]  # checklist id, version


# --- finding the files ---------------------------------------------------------------------


def find_files(
    paths: Iterable[str | os.PathLike[str]], exclude: Iterable[str | os.PathLike[str]] = ()
) -> list[str]:
    """Every answers file named or under a named folder, each once, in a stable order.

    A file named on the command line is taken whatever its name; folders are
    searched recursively for `.yaml`, `.yml` and `.xlsx`, leaving out hidden
    files and folders (`.git`, `.~lock…`), the lock files Excel leaves beside
    an open workbook (`~$school.xlsx`), and `exclude`: the batch's own outputs
    and reports folder, which a second run would otherwise read as schools.
    """
    found: list[str] = []
    seen: set[str] = set()
    left_out = [os.path.realpath(p) for p in exclude]
    for given in paths:
        path = os.fspath(given)
        candidates = _walk(path) if os.path.isdir(path) else [(path, os.path.realpath(path))]
        for candidate, key in candidates:
            if any(key == out or key.startswith(out + os.sep) for out in left_out):
                continue
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found


def _walk(folder: str) -> list[tuple[str, str]]:
    """Answers files under `folder`, each with its real path (what tells two names of
    one file apart), following linked folders (a trust may gather its schools'
    folders by links) but entering each real folder once, so a link back up the
    tree cannot make the search endless."""
    files: list[tuple[str, str]] = []
    entered: set[str] = set()
    for root, folders, names in os.walk(folder, followlinks=True):
        real = os.path.realpath(root)
        if real in entered:
            folders[:] = []
            continue
        entered.add(real)
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in sorted(names):
            if name.lower().endswith(SUFFIXES) and not name.startswith((".", "~$")):
                path = os.path.join(root, name)
                # the folder is resolved once; only a linked file needs resolving itself
                key = os.path.realpath(path) if os.path.islink(path) else os.path.join(real, name)
                files.append((path, key))
    return files


# --- one file, in a worker -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GapItem:
    """What the trust workbook says about an item that schools fall short on."""

    id: str
    section: str
    text: str
    severity: str
    remediation: str


@dataclass(frozen=True, slots=True)
class Group:
    """A checklist (one id and version) as the trust reports need it."""

    id: str
    version: str
    title: str
    sections: tuple[tuple[str, str], ...]  # (id, title), in checklist order
    items: tuple[GapItem, ...]  # in checklist order: `School.gaps` indexes this

    @property
    def key(self) -> GroupKey:
        return (self.id, self.version)

    @property
    def label(self) -> str:
        return f"{self.title} ({self.id} v{self.version})"


@dataclass(frozen=True, slots=True)
class School:
    """One scored school, as compact plain data.

    Only what the trust's outputs use crosses from the worker: a school's
    warnings (answers kept for items that do not apply, an older version) are
    for its own report, and sending them cost the parent more than the rest.
    """

    path: str
    name: str
    urn: str | None
    phase: str | None
    date: str
    checklist: GroupKey
    score: float | None  # rounded to one decimal, as people see it
    rating: str | None
    sections: tuple[float | None, ...]  # rounded, in the group's section order
    statutory_gaps: int
    gaps: tuple[int, ...]  # positions in `Group.items`
    rendered: tuple[tuple[str, bytes], ...] = ()  # per-school outputs, by name
    group: Group | None = None  # sent with a worker's first school on each checklist
    trust: str | None = None

    def output(self, name: str) -> bytes | None:
        return next((data for key, data in self.rendered if key == name), None)


@dataclass(frozen=True, slots=True)
class Rejected:
    """A file that could not be scored, with every problem that stopped it."""

    path: str
    problems: tuple[Problem, ...]


Outcome = School | Rejected


_runs = itertools.count()


@dataclass(frozen=True)
class Plan:
    """What to do for each file: which catalog, which per-school outputs, which bounds."""

    catalog: Catalog
    renderers: tuple[tuple[str, Renderer], ...] = ()
    redact: bool = False  # notes and evidence left out of every per-school output
    today: dt.date | None = None
    bounds: Bounds = field(default_factory=Bounds)
    run: int = field(default_factory=lambda: next(_runs))  # tells one batch from another


def assess_all(files: Sequence[str], plan: Plan, *, jobs: int) -> Iterator[Outcome]:
    """Assess every file in `jobs` worker processes; outcomes in file order."""
    work = partial(check_file, plan=plan)
    return run_in_order(work, files, _failed, jobs=jobs, bounds=plan.bounds, prepare=read_ahead)


_groups_sent: set[tuple[int, GroupKey]] = set()
"""Checklists this process has described to the parent already, per batch run: a
worker forked for a later run must describe them again, whatever its parent saw."""


def check_file(path: str, plan: Plan) -> Outcome:
    """Assess one file and boil the outcome down to what the batch needs."""
    outcome = assess(path, plan.catalog, today=plan.today, warnings=False)
    result = outcome.result
    if result is None:
        return Rejected(path, tuple(outcome.errors))
    checklist = result.checklist
    key = (checklist.id, checklist.version)
    group = None if (plan.run, key) in _groups_sent else describe_group(checklist)
    _groups_sent.add((plan.run, key))
    school = result.answers.school
    position = checklist.position
    return School(
        path=path,
        name=school.get("name", ""),
        urn=school.get("urn"),
        phase=school.get("phase"),
        date=result.answers.date.isoformat(),
        checklist=key,
        score=rounded(result.score),
        rating=result.rating,
        sections=tuple(rounded(section.score) for section in result.sections),
        statutory_gaps=result.counts.statutory_gaps,
        gaps=tuple([position[gap.result.item.id] for gap in result.gaps]),  # ~100 a school
        rendered=_render(result, plan),
        group=group,
        trust=school.get("trust"),
    )


def _render(result: Result, plan: Plan) -> tuple[tuple[str, bytes], ...]:
    if not plan.renderers:
        return ()
    if plan.redact:
        from schoolaudit.redact import redact

        result = redact(result)
    return tuple((name, render(result)) for name, render in plan.renderers)


def describe_group(checklist: Checklist) -> Group:
    return Group(
        id=checklist.id,
        version=checklist.version,
        title=checklist.title,
        sections=tuple((section.id, section.title) for section in checklist.sections),
        items=tuple(
            GapItem(item.id, item.section_id, item.text, item.severity, item.remediation)
            for item in checklist.items
        ),
    )


def _failed(path: str, reason: str) -> Rejected:
    return Rejected(
        path,
        (
            Problem(
                "batch/not-checked",
                f"the file could not be checked: {reason}",
                Location(path),
                "check this file on its own with `schoolaudit validate`",
            ),
        ),
    )


# --- adding up -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CommonGap:
    """An item that schools on one checklist fall short on, and how many do."""

    group: Group
    item: GapItem
    count: int
    share: float  # of the group's schools


@dataclass
class GroupTally:
    """The schools on one checklist and the gaps they share."""

    group: Group
    schools: list[School] = field(default_factory=list)
    gap_counts: Counter[int] = field(default_factory=Counter)
    _worst: list[School] | None = field(default=None, repr=False, compare=False)

    def worst_first(self) -> list[School]:
        """Lowest score first (no score last), then by name and file for a stable order."""
        if self._worst is None or len(self._worst) != len(self.schools):  # asked for by 2 sheets
            self._worst = sorted(
                self.schools,
                key=lambda s: (s.score is None, s.score or 0.0, s.name.casefold(), s.path),
            )
        return list(self._worst)

    def common_gaps(self) -> list[CommonGap]:
        """Items by how many schools fall short, most first; ties by priority, then order."""
        total = len(self.schools)
        ranked = sorted(
            self.gap_counts.items(),
            key=lambda pair: (
                -pair[1],
                PRIORITY_ORDER[PRIORITY_OF_SEVERITY[self.group.items[pair[0]].severity]],
                pair[0],
            ),
        )
        return [
            CommonGap(self.group, self.group.items[position], count, count / total)
            for position, count in ranked
        ]

    def spread(self) -> Spread | None:
        return Spread.of([s.score for s in self.schools if s.score is not None])


@dataclass(frozen=True, slots=True)
class Spread:
    """The middle and spread of a set of overall scores."""

    count: int
    median: float
    lowest: float
    highest: float
    lower_quartile: float
    upper_quartile: float

    @classmethod
    def of(cls, scores: list[float]) -> Spread | None:
        if not scores:
            return None
        quartiles = (
            statistics.quantiles(scores, n=4, method="inclusive")
            if len(scores) > 1
            else [scores[0]] * 3
        )
        return cls(
            len(scores),
            round(statistics.median(scores), 1),
            min(scores),
            max(scores),
            round(quartiles[0], 1),
            round(quartiles[2], 1),
        )


@dataclass
class Tally:
    """Outcomes added up in file order.

    A school is known by its checklist id and URN. Its audit in a later
    academic year replaces the one counted so far (which stays in `audits`, for
    the trend); a second file in the same academic year is rejected as a
    duplicate. Which audit counts is known only when every file is in, so the
    checklist groups are worked out when first asked for.
    """

    rejected: list[Rejected] = field(default_factory=list)
    files: int = 0
    audits: list[AuditRecord] = field(default_factory=list)  # every counted audit with a URN
    _counted: dict[tuple[str, str], School] = field(default_factory=dict)
    _years: dict[tuple[str, str, str], str] = field(default_factory=dict)
    _described: dict[GroupKey, Group] = field(default_factory=dict)
    _groups: dict[GroupKey, GroupTally] | None = None
    _history: Trend | None = None

    def add(self, outcome: Outcome) -> School | None:
        """Count one outcome; the school when it is scored, None when it is rejected.

        A school returned here may still be replaced by a later year's audit of
        it: `counts` tells, once every outcome is added.
        """
        self.files += 1
        if isinstance(outcome, School) and outcome.group is not None:
            self._described.setdefault(outcome.checklist, outcome.group)
        if isinstance(outcome, Rejected):
            self.rejected.append(outcome)
            return None
        duplicate = self._duplicate(outcome)
        if duplicate is not None:
            self.rejected.append(duplicate)
            return None
        self._groups = self._history = None
        key = _identity(outcome)
        counted = self._counted.get(key)
        if counted is None or (counted.date, counted.path) < (outcome.date, outcome.path):
            self._counted[key] = _lean(outcome)
        if outcome.urn:
            self.audits.append(_record(outcome))
        return outcome

    def counts(self, school: School) -> bool:
        """Whether `school` is the audit counted for its school (not an earlier year's)."""
        counted = self._counted.get(_identity(school))
        return counted is not None and counted.path == school.path

    def _duplicate(self, school: School) -> Rejected | None:
        if not school.urn:
            return None
        year = academic_year(dt.date.fromisoformat(school.date))
        first = self._years.setdefault((school.checklist[0], school.urn, year), school.path)
        if first == school.path:
            return None
        problem = Problem(
            "batch/duplicate-urn",
            f"URN {school.urn} ({school.name}) is also in {first}, an audit in the same "
            f"academic year ({year}), which is counted; this file is left out so the "
            "school is not counted twice",
            Location(school.path),
            "keep one answers file per school and year (move drafts to another folder)",
        )
        return Rejected(school.path, (problem,))

    @property
    def groups(self) -> dict[GroupKey, GroupTally]:
        """The counted schools by checklist id and version, in file order."""
        if self._groups is None:
            self._groups = {}
            for school in self._counted.values():
                tally = self._groups.get(school.checklist)
                if tally is None:
                    tally = self._groups[school.checklist] = GroupTally(
                        self._described[school.checklist]
                    )
                tally.schools.append(school)
                tally.gap_counts.update(school.gaps)
        return self._groups

    @property
    def schools(self) -> int:
        return len(self._counted)

    @property
    def earlier_audits(self) -> int:
        """Audits of a school in an earlier academic year: in the trend, not the counts."""
        return self.files - len(self.rejected) - self.schools

    def history(self) -> Trend:
        """Each school's audits over the years (by URN), and each trust's year by year."""
        if self._history is None:
            self._history = trend(self.audits)
        return self._history

    def ordered_groups(self) -> list[GroupTally]:
        """Checklists with the most schools first, then by id and version."""
        return sorted(self.groups.values(), key=lambda t: (-len(t.schools), t.group.key))

    def rating_counts(self) -> dict[str, int]:
        counts = Counter(s.rating or "none" for s in self._counted.values())
        return {word: counts.get(word, 0) for word in ("green", "amber", "red", "none")}

    def common_gaps(self) -> list[CommonGap]:
        return [gap for tally in self.ordered_groups() for gap in tally.common_gaps()]


class Spool:
    """Each scored school's rendered outputs, held until the batch knows which audits count.

    A school's audit may be replaced by a later year's file further on, so
    its JSON, CSV rows and workbook cannot go straight into the outputs. They
    wait in `handle` (a temporary file: at national scale they are gigabytes),
    and only their places are kept in memory.
    """

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.entries: list[tuple[School, tuple[tuple[str, int, int], ...]]] = []

    def add(self, school: School) -> None:
        if not school.rendered:
            return
        parts = []
        for name, data in school.rendered:
            parts.append((name, self.handle.tell(), len(data)))
            self.handle.write(data)
        self.entries.append((_lean(school), tuple(parts)))

    def counted(self, tally: Tally) -> Iterator[School]:
        """The schools `tally` counts, in file order, with their rendered outputs again."""
        for school, parts in self.entries:
            if tally.counts(school):
                yield replace(school, rendered=tuple(self._read(part) for part in parts))

    def _read(self, part: tuple[str, int, int]) -> tuple[str, bytes]:
        name, offset, size = part
        self.handle.seek(offset)
        data = self.handle.read(size)
        self.handle.seek(0, os.SEEK_END)
        return name, data


def _identity(school: School) -> tuple[str, str]:
    """What makes two files one school: its checklist id and URN (lacking a URN, the file)."""
    return (school.checklist[0], school.urn) if school.urn else ("", school.path)


def _record(school: School) -> AuditRecord:
    return AuditRecord(
        school_key=school.urn or "",
        name=school.name,
        trust=school.trust,
        date=dt.date.fromisoformat(school.date),
        score=school.score,
        rating=cast("RatingWord | None", school.rating),
        checklist=f"{school.checklist[0]} {school.checklist[1]}",
        path=school.path,
    )


def _lean(school: School) -> School:
    """The school without its rendered outputs (spooled or written out as they arrive)."""
    if not school.rendered and school.group is None:
        return school
    return replace(school, rendered=(), group=None)


# --- per-school report names ---------------------------------------------------------------

WINDOWS_FORBIDDEN = frozenset('<>:"/\\|?*')
WINDOWS_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"{port}{n}" for port in ("COM", "LPT") for n in range(1, 10)]
)
NAME_LIMIT = 80
"""Characters of a report's file name before its suffix: well inside every file
system's 255 bytes, even in scripts that take three bytes a character."""


class ReportNames:
    """Safe, unique file names for the per-school workbooks, URN first.

    `100000-Oakfield Primary School.xlsx`. A name never holds a path separator
    or a character Windows refuses, never is a name Windows reserves (`CON`),
    never ends in a dot or a space, stays short, and never repeats another
    name given by this object, even in a case-insensitive file system
    (`-2`, `-3`, … are added).
    """

    def __init__(self, suffix: str = ".xlsx") -> None:
        self.suffix = suffix
        self.taken: set[str] = set()

    def name_for(self, school: School) -> str:
        parts = [p for p in (school.urn, school.name) if p]
        stem = safe_stem(
            " ".join(parts[:1]) + ("-" if len(parts) > 1 else "") + " ".join(parts[1:])
        )
        stem = stem or safe_stem(os.path.splitext(os.path.basename(school.path))[0]) or "school"
        candidate, number = stem, 1
        while candidate.casefold() in self.taken:
            number += 1
            tail = f"-{number}"
            candidate = stem[: NAME_LIMIT - len(tail)].rstrip(" .") + tail
        self.taken.add(candidate.casefold())
        return candidate + self.suffix


def safe_stem(text: str) -> str:
    """`text` as a file name any common system accepts, without a suffix."""
    cleaned = "".join(
        "-" if c in WINDOWS_FORBIDDEN or ord(c) < 32 or c == "\x7f" else c for c in text
    )
    cleaned = " ".join(cleaned.split())  # newlines, tabs, runs of spaces
    cleaned = cleaned[:NAME_LIMIT].strip(" .")
    if cleaned.split(".")[0].upper() in WINDOWS_RESERVED:
        cleaned = "_" + cleaned
    return cleaned
