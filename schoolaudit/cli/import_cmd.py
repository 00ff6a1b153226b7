"""`schoolaudit import FILLED.xlsx -o ANSWERS.yaml`: a filled template back into an answers file."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated

import typer

from schoolaudit.cli.errors import OK, plural, print_problems
from schoolaudit.cli.options import (
    ChecklistDirOption,
    ChecklistOption,
    answers_path,
    chosen_checklist,
    make_catalog,
)
from schoolaudit.cli.report_cmd import refuse_overwriting_inputs
from schoolaudit.problems import ProblemsError


def import_answers(
    filled: Annotated[
        Path,
        typer.Argument(
            metavar="FILLED.xlsx",
            help="A template the school filled in.",
            exists=True,
            dir_okay=False,
        ),
    ],
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="ANSWERS.yaml",
            help="The answers file to write.",
            callback=answers_path,
            show_default=False,
        ),
    ],
    checklist: ChecklistOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace ANSWERS.yaml if it exists already.")
    ] = False,
    checklist_dir: ChecklistDirOption = None,
) -> int:
    """Turn a filled template into an answers file, with every check `validate` makes.

    Each problem names its cell (`oakfield.xlsx:Answers!D14: 'maybe' is not an
    answer to flt-03 (allowed: yes, partial, no, unsure)`); nothing is written
    until the workbook is valid. The answers file then works with every
    command, and with `audit` to carry on answering.

    Example: schoolaudit import oakfield-filled.xlsx -o oakfield.yaml
    """
    refuse_overwriting_inputs({"--output": output}, [filled])
    if Path(output).exists() and not force:
        raise typer.BadParameter(
            f"{output} exists already; choose another name, or add --force to replace it",
            param_hint="'--output'",
        )
    from schoolaudit.answers import read_answers
    from schoolaudit.answers_file import AnswersFile
    from schoolaudit.assess import newer_version_notice

    catalog = make_catalog(checklist_dir)
    chosen = chosen_checklist(catalog, checklist)
    answers, problems = read_answers(str(filled), chosen, resolve=catalog.by_id)
    if answers is None:
        raise ProblemsError(problems)
    print_problems(problems)
    target = chosen or catalog.get(answers.checklist_id, answers.checklist_version)
    written = AnswersFile.from_answers(output, target, answers, origin=filled.name, replace=force)
    if written.preview() != dataclasses.replace(answers, path=output):
        raise RuntimeError("the answers file would not hold the answers read from the workbook")
    saved = written.save()
    answered = sum(1 for a in saved.answers.values() if a.value is not None)
    typer.echo(
        f"Wrote {output}: {saved.school_name}, {plural(answered, 'answer')} "
        f"({target.id} v{saved.checklist_version}). Next: schoolaudit report {output}",
        err=True,
    )
    if chosen is None:  # made for an older version: what `migrate` would move the file onto
        print_problems(newer_version_notice(output, target, catalog))
    return OK
