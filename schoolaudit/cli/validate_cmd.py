"""`schoolaudit validate FILE...`: check answers files without scoring them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from schoolaudit.cli.errors import INVALID, OK, plural, print_problems
from schoolaudit.cli.options import (
    ChecklistDirOption,
    ChecklistOption,
    OutputFormat,
    chosen_checklist,
    make_catalog,
)
from schoolaudit.problems import errors_only
from schoolaudit.render.visible import visible


def validate(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE...", help="Answers files to check.", exists=True, dir_okay=False
        ),
    ],
    checklist: ChecklistOption = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="text or json.")
    ] = OutputFormat.text,
    checklist_dir: ChecklistDirOption = None,
) -> int:
    """Check answers files against their checklist, reporting every problem.

    Each problem is one line, `file:line:column: what is wrong (hint)`. The exit
    status is 1 if any file has an error; warnings do not change it.

    Example: schoolaudit validate answers/*.yaml --format json
    """
    from schoolaudit.assess import assess

    catalog = make_catalog(checklist_dir)
    chosen = chosen_checklist(catalog, checklist)
    outcomes: list[dict[str, Any]] = []
    for path in files:
        assessed = assess(str(path), catalog, chosen)
        problems = list(assessed.problems)
        outcome: dict[str, Any] = {
            "file": str(path),
            "valid": assessed.ok,
            "problems": [p.to_dict() for p in problems],
        }
        if (result := assessed.result) is not None:
            outcome["checklist"] = {"id": result.checklist.id, "version": result.checklist.version}
            outcome["counts"] = {
                "applicable": result.counts.applicable,
                "answered": result.counts.answered,
                "unanswered": result.counts.unanswered,
            }
        outcomes.append(outcome)
        if output_format is OutputFormat.text:
            _print_outcome(outcome, problems)
    if output_format is OutputFormat.json:
        from schoolaudit.render.json_report import json_text

        typer.echo(json_text(outcomes), nl=False)
    return INVALID if any(not outcome["valid"] for outcome in outcomes) else OK


def _print_outcome(outcome: dict[str, Any], problems: list[Any]) -> None:
    print_problems(problems)
    if not outcome["valid"]:
        typer.echo(
            f"{outcome['file']}: invalid ({plural(len(errors_only(problems)), 'error')})", err=True
        )
        return
    counts = outcome["counts"]
    line = (
        f"{outcome['file']}: ok ({outcome['checklist']['id']} v{outcome['checklist']['version']}; "
        f"{counts['answered']} of {counts['applicable']} applicable items answered)"
    )
    typer.echo(visible(line, one_line=True))  # the version comes from the checklist file
