"""`schoolaudit report ANSWERS`: score one school and show or write the report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from schoolaudit.answers import read_answers
from schoolaudit.atomic import write_text_atomic
from schoolaudit.cli.errors import INVALID, guarded, print_problems
from schoolaudit.cli.options import ChecklistDirOption, ChecklistOption, make_catalog
from schoolaudit.problems import ProblemsError, errors_only
from schoolaudit.render.json_report import report_dict
from schoolaudit.render.terminal import make_console, render_report
from schoolaudit.scoring import Result, rounded, score


@guarded
def report(
    answers_file: Annotated[
        Path,
        typer.Argument(
            metavar="ANSWERS", help="The school's answers file.", exists=True, dir_okay=False
        ),
    ],
    checklist: ChecklistOption = None,
    json_out: Annotated[
        str | None,
        typer.Option(
            "--json",
            metavar="OUT|-",
            help="Write the JSON report to OUT, or - for "
            "standard output (the terminal report is then left out).",
        ),
    ] = None,
    fail_under: Annotated[
        float | None,
        typer.Option(
            "--fail-under",
            metavar="SCORE",
            min=0,
            max=100,
            help="Exit with status 1 if the overall score is below SCORE.",
        ),
    ] = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Show how every score was reached: the arithmetic, "
            "the items left out and why, and what capped the rating.",
        ),
    ] = False,
    top: Annotated[
        int,
        typer.Option("--top", min=0, metavar="N", help="How many gaps to list in the terminal."),
    ] = 10,
    checklist_dir: ChecklistDirOption = None,
) -> None:
    """Score one school's answers and report the gaps, with the action for each.

    The terminal report is always shown (unless --json -); files are written on
    request, each atomically. Exit status 1 if the answers are invalid or the
    score is below --fail-under.

    Example: schoolaudit report answers.yaml --explain --json report.json
    """
    result = score_file(answers_file, checklist, checklist_dir)
    if json_out is not None:
        text = json.dumps(report_dict(result), indent=2, ensure_ascii=False) + "\n"
        if json_out == "-":
            typer.echo(text, nl=False)
        else:
            write_text_atomic(json_out, text)
    if json_out != "-":
        make_console().print(render_report(result, top=top, explain=explain))
    if fail_under is not None:
        shown = rounded(result.score)
        if shown is None or shown < fail_under:
            typer.echo(
                f"Score {shown if shown is not None else 'none'} is below --fail-under "
                f"{fail_under:g}.",
                err=True,
            )
            raise typer.Exit(INVALID)


def score_file(
    answers_file: Path, checklist: str | None, checklist_dir: list[Path] | None
) -> Result:
    """Load, check and score one answers file; warnings go to stderr."""
    catalog = make_catalog(checklist_dir)
    chosen = catalog.get(checklist) if checklist else None
    answers, problems = read_answers(str(answers_file), chosen, resolve=catalog.get)
    if answers is None:
        raise ProblemsError(errors_only(problems))
    print_problems(problems)
    return score(chosen or catalog.get(answers.checklist_id), answers)
