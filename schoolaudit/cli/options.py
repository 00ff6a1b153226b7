"""Options shared by several commands, declared once."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from schoolaudit.catalog import Catalog
from schoolaudit.cli.errors import UsageProblems
from schoolaudit.model import Checklist
from schoolaudit.problems import ProblemsError

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
    return Catalog(checklist_dirs or [])


NOT_FOUND = frozenset({"catalog/unknown", "file/not-found", "file/is-directory"})


def chosen_checklist(catalog: Catalog, id_or_path: str | None) -> Checklist | None:
    """The checklist a --checklist option (or ID argument) names, None if none was given.

    A name that matches nothing is a usage error (exit 2), like a missing file;
    a checklist file that exists but is broken is invalid input (exit 1).
    """
    if not id_or_path:
        return None
    try:
        return catalog.get(id_or_path)
    except ProblemsError as error:
        if all(problem.code in NOT_FOUND for problem in error.problems):
            raise UsageProblems(error.problems) from None
        raise
