"""`schoolaudit import FILLED.xlsx -o ANSWERS.yaml`: a filled template back into an answers file."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated

import typer

from schoolaudit.answers import read_answers
from schoolaudit.answers_file import AnswersFile
from schoolaudit.cli.errors import INTERNAL, guarded, plural, print_problems
from schoolaudit.cli.options import (
    ChecklistDirOption,
    ChecklistOption,
    chosen_checklist,
    make_catalog,
)
from schoolaudit.cli.report_cmd import output_path, refuse_overwriting_inputs
from schoolaudit.problems import ProblemsError


@guarded
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
            callback=output_path,
            show_default=False,
        ),
    ],
    checklist: ChecklistOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace ANSWERS.yaml if it exists already.")
    ] = False,
    checklist_dir: ChecklistDirOption = None,
) -> None:
    """Turn a filled template into an answers file, with every check `validate` makes.

    Each problem names its cell (`oakfield.xlsx:Answers!D14: 'maybe' is not an
    answer to flt-03 (allowed: yes, partial, no, unsure)`); nothing is written
    until the workbook is valid. The answers file then works with every
    command, and with `audit` to carry on answering.

    Example: schoolaudit import oakfield-filled.xlsx -o oakfield.yaml
    """
    refuse_overwriting_inputs({"--output": output}, [filled])
    if Path(output).suffix.lower() in (".xlsx", ".xlsm"):
        raise typer.BadParameter(
            f"{output}: the answers file is YAML; give it a name ending in .yaml",
            param_hint="'--output'",
        )
    if Path(output).exists() and not force:
        raise typer.BadParameter(
            f"{output} exists already; choose another name, or add --force to replace it",
            param_hint="'--output'",
        )
    catalog = make_catalog(checklist_dir)
    chosen = chosen_checklist(catalog, checklist)
    answers, problems = read_answers(str(filled), chosen, resolve=catalog.get)
    if answers is None:
        raise ProblemsError(problems)
    print_problems(problems)
    target = chosen or catalog.get(answers.checklist_id)
    written = AnswersFile.from_answers(output, target, answers, origin=filled.name, replace=force)
    saved = written.save()
    if saved != dataclasses.replace(answers, path=output):  # the check that the round trip is exact
        typer.echo(
            f"{output}: internal error: the written file does not hold the same answers", err=True
        )
        raise typer.Exit(INTERNAL)
    answered = sum(1 for a in saved.answers.values() if a.value is not None)
    typer.echo(
        f"Wrote {output}: {saved.school_name}, {plural(answered, 'answer')} "
        f"({target.id} v{saved.checklist_version}). Next: schoolaudit report {output}",
        err=True,
    )
