"""`schoolaudit audit ANSWERS`: the interview that creates or resumes an answers file."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from schoolaudit.cli.errors import INTERRUPTED, INVALID, OK, print_problems
from schoolaudit.cli.options import (
    ChecklistDirOption,
    ChecklistOption,
    answers_path,
    chosen_checklist,
    make_catalog,
    writable_path,
)
from schoolaudit.values import PHASES

if TYPE_CHECKING:
    from schoolaudit.interview.profile import ProfileValue


def _profile_option(flag: str, key: str | None, help_text: str, metavar: str) -> Any:
    """An option that answers a profile question, checked as the prompt checks it."""
    return typer.Option(
        flag,
        help=help_text,
        metavar=metavar,
        show_default=False,
        callback=_checker(key) if key else None,
    )


def _checker(key: str) -> Callable[[str | None], str | None]:
    def check(typed: str | None) -> str | None:
        from schoolaudit.interview.profile import BUILTIN_QUESTIONS, ProfileError, parse_profile

        if typed is not None:
            try:
                parse_profile(BUILTIN_QUESTIONS[key], typed, dt.date.today())
            except ProfileError as error:
                raise typer.BadParameter(str(error)) from None
        return typed

    return check


def audit(
    answers_file: Annotated[
        Path,
        typer.Argument(
            metavar="ANSWERS.yaml",
            help="The answers file: created if it does not exist, resumed if it does.",
            dir_okay=False,
            callback=_creatable,
        ),
    ],
    checklist: ChecklistOption = None,
    school: Annotated[
        str | None, _profile_option("--school", "name", "The school's name.", "NAME")
    ] = None,
    phase: Annotated[
        str | None, _profile_option("--phase", "phase", "One of: " + ", ".join(PHASES), "PHASE")
    ] = None,
    urn: Annotated[str | None, _profile_option("--urn", "urn", "The 6-digit URN.", "URN")] = None,
    trust: Annotated[
        str | None, _profile_option("--trust", "trust", "The trust, if any.", "NAME")
    ] = None,
    completed_by: Annotated[
        str | None,
        _profile_option("--completed-by", "completed_by", "Who answers, and their role.", "NAME"),
    ] = None,
    date: Annotated[
        str | None,
        _profile_option(
            "--date",
            "date",
            "The audit date, DD/MM/YYYY (default: today).",
            "DATE",
        ),
    ] = None,
    section: Annotated[
        str | None, _profile_option("--section", None, "Answer this section only.", "ID")
    ] = None,
    review: Annotated[
        bool, typer.Option("--review", help="Walk the answered items again, in order.")
    ] = False,
    checklist_dir: ChecklistDirOption = None,
) -> int:
    """Answer a checklist item by item: creates the answers file, or resumes it.

    The school profile comes first (unless given as options or already in the
    file), then each item that applies: y yes, n no, p partial, u unsure, na not
    applicable (where allowed), or the item's own values; ? help, b back, s skip
    for now, q save and quit; add + for a note (p+). The file is saved after
    every answer. With stdin not a terminal, answers are read one per line, and
    a line that is not an answer stops the sitting (its number goes to stderr).
    Exit status: 0 the checklist is complete; 1 items are left (q, or input ran
    out), a piped line was refused, or the file is invalid; 2 usage error; 130
    interrupted (answers saved).

    Example: schoolaudit audit answers.yaml --school "Oakfield Primary" --phase primary
    """
    # The interview (rich, and ruamel.yaml to edit the file) loads only when it runs.
    from schoolaudit.interview.flow import Scope
    from schoolaudit.interview.keyboard import Keyboard, PipedKeyboard, TerminalKeyboard
    from schoolaudit.interview.session import Request, Sitting, UnknownSection
    from schoolaudit.render.terminal import make_console

    given = _given(
        name=school, phase=phase, urn=urn, trust=trust, completed_by=completed_by, date=date
    )
    console = make_console()
    keyboard: Keyboard = TerminalKeyboard() if sys.stdin.isatty() else PipedKeyboard(console)
    request = Request(str(answers_file), checklist, given, Scope(section, review))
    catalog = make_catalog(checklist_dir)
    chosen_checklist(catalog, checklist)  # an unknown --checklist is a usage error, up front
    session = Sitting(request, catalog, console, keyboard, print_problems)
    try:
        ending = session.run()
    except UnknownSection as error:  # known only once the checklist is: after parsing
        raise typer.BadParameter(str(error), param_hint="'--section'") from None
    if ending in ("interrupted", "hangup"):
        return INTERRUPTED
    if ending == "refused" or not session.complete:
        return INVALID
    return OK


def _creatable(path: Path) -> Path:
    """The answers file must be creatable where named: a missing folder is a usage error.

    A new one must not be named like a workbook; an existing workbook is met where
    the file is opened, with the way to turn it into an answers file.
    """
    if path.exists():
        writable_path(str(path))
    else:
        answers_path(str(path))
    return path


def _given(**options: str | None) -> dict[str, ProfileValue]:
    """The profile options given, as the values to write (each was checked when parsed)."""
    from schoolaudit.interview.profile import BUILTIN_QUESTIONS, parse_profile

    today = dt.date.today()
    given = {
        key: parse_profile(BUILTIN_QUESTIONS[key], typed, today)
        for key, typed in options.items()
        if typed is not None
    }
    return {key: value for key, value in given.items() if value is not None}
