"""Options shared by several commands, declared once."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from schoolaudit.catalog import Catalog

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
