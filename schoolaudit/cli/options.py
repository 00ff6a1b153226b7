"""Options shared by several commands, declared once."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from schoolaudit.atomic import NotARegularFile, writable_target
from schoolaudit.problems import Problem, ProblemsError

if TYPE_CHECKING:
    from schoolaudit.catalog import Catalog
    from schoolaudit.model import Checklist

ChecklistDirOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--checklist-dir",
        metavar="FOLDER",
        help="A folder of your own checklists (YAML), added to the built-in ones. Repeatable.",
        envvar="SCHOOLAUDIT_CHECKLIST_DIR",
        exists=True,
        file_okay=False,
        dir_okay=True,
        show_default=False,
    ),
]

ChecklistOption = Annotated[
    str | None,
    typer.Option(
        "--checklist",
        "-c",
        metavar="ID|PATH",
        help="Checklist id (see `schoolaudit checklists`) or path to a checklist file. "
        "Default: the one the answers file names.",
        show_default=False,
    ),
]


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


def make_catalog(checklist_dirs: list[Path] | None) -> Catalog:
    """The built-in checklists and those in --checklist-dir (the core loads on first use)."""
    from schoolaudit.catalog import Catalog

    return Catalog(checklist_dirs or [])


NOT_FOUND = frozenset({"catalog/unknown", "file/not-found", "file/is-directory"})


def chosen_checklist(
    catalog: Catalog, id_or_path: str | None, param_hint: str = "'--checklist' / '-c'"
) -> Checklist | None:
    """The checklist a --checklist option (or ID argument) names, None if none was given.

    A name that matches nothing is a usage error (exit 2, Click's message), like
    a missing file; a checklist file that exists but is broken is invalid input
    (exit 1).
    """
    if not id_or_path:
        return None
    try:
        return catalog.get(id_or_path)
    except ProblemsError as error:
        if all(problem.code in NOT_FOUND for problem in error.problems):
            raise typer.BadParameter(
                "; ".join(map(_said, error.problems)), param_hint=param_hint
            ) from None
        raise


def _said(problem: Problem) -> str:
    """An unknown id needs no location (it is the id); a missing file is named."""
    if problem.code == "catalog/unknown":
        return problem.message + (f" ({problem.hint})" if problem.hint else "")
    return str(problem)


def answers_path(value: str) -> str:
    """An answers file that can be written, and is not named like a workbook.

    A YAML file named .xlsx would be read as a workbook by every other command
    (`report` called the file `audit` had just made "damaged").
    """
    if Path(value).suffix.lower() in (".xlsx", ".xlsm"):
        raise typer.BadParameter(f"{value}: an answers file is YAML; end its name in .yaml")
    return writable_path(value)


def writable_path(value: str) -> str:
    """Refuse, while options are parsed, a file that cannot be created where it is named.

    A folder, a device or FIFO, or a file in a folder that does not exist, is a
    usage error (exit 2) in every command that writes a file, before anything
    is read or written.
    """
    path = Path(value)
    if path.is_dir():
        raise typer.BadParameter(f"{value} is a folder; give a file name")
    try:
        writable_target(path)
    except NotARegularFile as error:  # /dev/full, a FIFO: never replaced by a regular file
        raise typer.BadParameter(f"{value}: {error.strerror}; give a file name") from None
    if not path.parent.is_dir():
        raise typer.BadParameter(
            f"the folder {path.parent} does not exist (create it first, or choose another)"
        )
    return value
