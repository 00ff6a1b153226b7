"""The one operation every command is built on: assess one answers file.

Reading, checking and scoring a school's answers is the same work for
`report`, `validate`, `batch`, `import` and `diff`; it lives here once. An
`Outcome` always says what happened: a `Result` when the file could be scored,
and every problem found either way (warnings ride along with a result; errors
mean there is none). Outcomes hold plain, picklable data, so `batch --jobs`
can assess files in worker processes and send outcomes back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from schoolaudit.answers import read_answers
from schoolaudit.catalog import Catalog
from schoolaudit.changes import changes_summary, compare_checklists, onto_view
from schoolaudit.model import Checklist
from schoolaudit.problems import Location, Problem, ProblemsError, errors_only
from schoolaudit.scoring import Result, score
from schoolaudit.views import score_view


@dataclass(frozen=True, slots=True)
class Outcome:
    """What assessing one file found: a result, or the errors that prevent one.

    `problems` holds warnings too, unless assessed with `warnings=False`;
    `result` is None exactly when some problem is an error.
    """

    path: str
    result: Result | None
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return self.result is not None

    @property
    def errors(self) -> list[Problem]:
        return errors_only(list(self.problems))


def assess(
    path: str,
    catalog: Catalog,
    checklist: Checklist | None = None,
    *,
    today: dt.date | None = None,
    warnings: bool = True,
) -> Outcome:
    """Read, check and score the answers file at `path`.

    Without `checklist` the file's own `checklist.id` is looked up in
    `catalog`. Never raises for bad input: the problems are in the outcome.
    With `warnings` false the outcome carries errors only, and the warnings
    are not looked for at all (a batch, which reports none, is spared the work).
    """
    if checklist is not None and checklist.view_of is not None:
        viewed = _assess_view(path, catalog, checklist, today, warnings)
        if viewed is not None:
            return viewed
    answers, problems = read_answers(
        path, checklist, resolve=catalog.by_id, today=today, warnings=warnings
    )
    if answers is None:
        return Outcome(path, None, tuple(problems if warnings else errors_only(problems)))
    chosen = checklist or catalog.by_id(answers.checklist_id, answers.checklist_version)
    if checklist is None and warnings:
        problems.extend(newer_version_notice(path, chosen, catalog))
    result = replace(score(chosen, answers), as_of=today or dt.date.today())
    return Outcome(path, result, tuple(problems))


def newer_version_notice(path: str, chosen: Checklist, catalog: Catalog) -> list[Problem]:
    """A note that the file is on an older version: what is new, changed and retired since.

    The file is still scored against its own version, so an old audit reports
    as it did; the note says what re-auditing on the current version would ask.
    """
    try:
        current = catalog.latest(chosen.id)
    except ProblemsError:  # the current version is broken: `checklists` says so
        return []
    if current is None or current.version == chosen.version:
        return []
    if current.view_of is not None:
        return [replace(onto_view(path, current), code="answers/older-version", severity="warning")]
    changes = compare_checklists(chosen, current)
    return [
        Problem(
            "answers/older-version",
            f"answered against version {chosen.version} of {chosen.id} and scored against it; "
            f"version {current.version} is current: {changes_summary(changes)}",
            Location(path),
            f"`schoolaudit migrate {path}` moves the answers onto {current.version}; "
            f"`schoolaudit audit {path}` then asks only the new items",
            severity="warning",
        )
    ]


def _assess_view(
    path: str, catalog: Catalog, view: Checklist, today: dt.date | None, warnings: bool
) -> Outcome | None:
    """The view scored from answers to its base; None if the file answers something else.

    The file is read against its own checklist, so it is checked exactly as
    `validate` checks it; only answers to the view's base are translated.
    """
    answers, problems = read_answers(
        path, None, resolve=catalog.by_id, today=today, warnings=warnings
    )
    if answers is None:
        return Outcome(path, None, tuple(problems if warnings else errors_only(problems)))
    if answers.checklist_id != view.view_of:
        return None
    base = score(catalog.by_id(answers.checklist_id, answers.checklist_version), answers)
    result = replace(score_view(view, base), as_of=today or dt.date.today())
    return Outcome(path, result, tuple(problems))
