"""`schoolaudit migrate ANSWERS --to VERSION`: move an answers file onto another version."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from schoolaudit.cli.errors import OK
from schoolaudit.cli.options import ChecklistDirOption, make_catalog


def migrate(
    answers_file: Annotated[
        Path,
        typer.Argument(
            metavar="ANSWERS", help="The school's answers file.", exists=True, dir_okay=False
        ),
    ],
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="VERSION",
            help="The checklist version to move onto (default: the newest; see "
            "`schoolaudit checklists --all`).",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would move, and write nothing.")
    ] = False,
    checklist_dir: ChecklistDirOption = None,
) -> int:
    """Move an answers file onto another version of its checklist, keeping every answer.

    Answers to items that survive are kept (under the new id where an item was
    renamed); answers to retired items, or that the new version of an item no
    longer accepts, are kept as comments in the file and listed here. Comments
    and your own keys are kept; the file is replaced only by a complete, checked
    new one. Then `schoolaudit audit ANSWERS` asks only the new items.

    Example: schoolaudit migrate answers.yaml --to 2026.2
    """
    from schoolaudit.migrate import migrate_file  # ruamel.yaml: only when a file is moved
    from schoolaudit.render.migration import render_migration
    from schoolaudit.render.visible import visible

    catalog = make_catalog(checklist_dir)
    migration = migrate_file(str(answers_file), catalog, to, dry_run=dry_run)
    typer.echo(visible(render_migration(migration, str(answers_file))))
    return OK
