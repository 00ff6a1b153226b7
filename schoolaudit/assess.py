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
from dataclasses import dataclass

from schoolaudit.answers import read_answers
from schoolaudit.catalog import Catalog
from schoolaudit.model import Checklist
from schoolaudit.problems import Problem, errors_only
from schoolaudit.scoring import Result, score
from schoolaudit.views import score_view


@dataclass(frozen=True, slots=True)
class Outcome:
    """What assessing one file found: a result, or the errors that prevent one.

    `problems` holds warnings too; `result` is None exactly when some problem
    is an error.
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
) -> Outcome:
    """Read, check and score the answers file at `path`.

    Without `checklist` the file's own `checklist.id` is looked up in
    `catalog`. Never raises for bad input: the problems are in the outcome.
    """
    if checklist is not None and checklist.view_of is not None:
        viewed = _assess_view(path, catalog, checklist, today)
        if viewed is not None:
            return viewed
    answers, problems = read_answers(path, checklist, resolve=catalog.get, today=today)
    if answers is None:
        return Outcome(path, None, tuple(problems))
    chosen = checklist or catalog.get(answers.checklist_id)
    return Outcome(path, score(chosen, answers), tuple(problems))


def _assess_view(
    path: str, catalog: Catalog, view: Checklist, today: dt.date | None
) -> Outcome | None:
    """The view scored from answers to its base; None if the file answers something else.

    The file is read against its own checklist, so it is checked exactly as
    `validate` checks it; only answers to the view's base are translated.
    """
    answers, problems = read_answers(path, None, resolve=catalog.get, today=today)
    if answers is None:
        return Outcome(path, None, tuple(problems))
    if answers.checklist_id != view.view_of:
        return None
    base = score(catalog.get(answers.checklist_id), answers)
    return Outcome(path, score_view(view, base), tuple(problems))
