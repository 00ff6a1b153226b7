"""`schoolaudit template --xlsx OUT`: a fillable workbook for schools that won't run a terminal."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from schoolaudit.cli.errors import OK, plural, print_problems
from schoolaudit.cli.options import ChecklistDirOption, chosen_checklist, make_catalog
from schoolaudit.cli.report_cmd import output_path, refuse_overwriting_inputs, write_output
from schoolaudit.problems import ProblemsError

if TYPE_CHECKING:
    from schoolaudit.catalog import Catalog
    from schoolaudit.model import Answers, Checklist


def template(
    xlsx_out: Annotated[
        str,
        typer.Option(
            "--xlsx",
            metavar="OUT",
            help="Where to write the template (.xlsx).",
            callback=output_path,
            show_default=False,
        ),
    ],
    checklist: Annotated[
        str | None,
        typer.Option(
            "--checklist",
            "-c",
            metavar="ID|PATH",
            help="Checklist id or file. Default: the prefilled answers' checklist, "
            "else the main built-in one.",
            show_default=False,
        ),
    ] = None,
    prefill: Annotated[
        Path | None,
        typer.Option(
            "--prefill",
            metavar="ANSWERS",
            help="Last year's answers file (YAML or a filled template): its answers, notes, "
            "evidence and profile are written in, so the school only changes what changed. "
            "The audit date is left for this year's.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    checklist_dir: ChecklistDirOption = None,
) -> int:
    """Write a fillable workbook (.xlsx) for a school that will not run schoolaudit.

    It has an Instructions sheet, a School sheet for the profile and an Answers
    sheet with one row per question, each answer cell with a dropdown of the
    answers that question takes. Send it to the school; when it comes back
    filled in, `schoolaudit import` turns it into an answers file, and
    `validate`, `report` and `batch` read it as it is.

    Example: schoolaudit template --xlsx oakfield-2026.xlsx --prefill oakfield-2025.yaml
    """
    refuse_overwriting_inputs({"--xlsx": xlsx_out}, [p for p in (prefill,) if p is not None])
    catalog = make_catalog(checklist_dir)
    chosen = chosen_checklist(catalog, checklist)
    if chosen is not None and chosen.view_of:  # schools answer the base; views score it
        typer.echo(
            f"{chosen.id} is a view of {chosen.view_of}: the template asks {chosen.view_of}'s "
            f"questions, and `schoolaudit report FILLED.xlsx --checklist {chosen.id}` scores "
            f"the answers against {chosen.id}.",
            err=True,
        )
        chosen = catalog.get(chosen.view_of)
    last_year = _last_year(prefill, catalog, chosen) if prefill else None
    target = chosen or (catalog.latest(last_year.checklist_id) if last_year else None)
    target = target or catalog.get(None)
    if last_year is not None and chosen is None and last_year.checklist_version != target.version:
        last_year = _kept_answers(last_year, target, catalog)  # checked against its own version
    from schoolaudit.render.template import render_template

    write_output(xlsx_out, render_template(target, last_year))
    filled = (
        f", {plural(len(last_year.answers), 'answer')} filled in from {prefill}"
        if last_year
        else ""
    )
    typer.echo(
        f"Wrote {xlsx_out}: {target.id} v{target.version}, "
        f"{plural(len(target.items), 'question')}{filled}.",
        err=True,
    )
    return OK


def _last_year(path: Path, catalog: Catalog, chosen: Checklist | None) -> Answers:
    """The prefill answers, checked as `validate` checks them; warnings are shown."""
    from schoolaudit.answers import read_answers

    answers, problems = read_answers(str(path), chosen, resolve=catalog.by_id)
    if answers is None:
        raise ProblemsError(problems)
    print_problems(problems)
    return answers


def _kept_answers(answers: Answers, checklist: Checklist, catalog: Catalog) -> Answers:
    """Last year's answers moved onto `checklist` as `migrate` moves them: kept, renamed
    (`replaces:`), or named here as not carried over (retired, or no longer accepted)."""
    from dataclasses import replace
    from types import MappingProxyType

    from schoolaudit.changes import compare_checklists
    from schoolaudit.migrate import plan_answers
    from schoolaudit.render.migration import render_migration
    from schoolaudit.render.visible import visible

    old = catalog.get(answers.checklist_id, answers.checklist_version)
    plan = plan_answers(answers, answers.path or "", compare_checklists(old, checklist))
    moves = [*((item_id, item_id) for item_id in plan.kept), *plan.renamed]
    kept = {new: answers.answers[old_id] for old_id, new in moves}
    typer.echo(visible(render_migration(plan, answers.path or "", doing="template")), err=True)
    return replace(answers, answers=MappingProxyType(kept), checklist_version=checklist.version)
