"""`schoolaudit diff OLD NEW`: what changed between two audits of one school."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from schoolaudit.cli.errors import OK, print_problems
from schoolaudit.cli.options import ChecklistDirOption, make_catalog
from schoolaudit.cli.report_cmd import STDOUT, output_path, refuse_overwriting_inputs, write_output
from schoolaudit.problems import ProblemsError

if TYPE_CHECKING:
    from schoolaudit.catalog import Catalog
    from schoolaudit.scoring import Result


def diff(
    old: Annotated[
        Path,
        typer.Argument(
            metavar="OLD", help="The earlier audit's answers file.", exists=True, dir_okay=False
        ),
    ],
    new: Annotated[
        Path,
        typer.Argument(
            metavar="NEW", help="The later audit's answers file.", exists=True, dir_okay=False
        ),
    ],
    json_out: Annotated[
        str | None,
        typer.Option(
            "--json",
            metavar="OUT|-",
            help="Write the comparison as JSON to OUT, or - for standard output (the "
            "terminal view is then left out).",
            callback=output_path,
        ),
    ] = None,
    xlsx_out: Annotated[
        str | None,
        typer.Option(
            "--xlsx",
            metavar="OUT",
            help="Write a workbook for governors (Summary and Changes) to OUT.",
            callback=output_path,
        ),
    ] = None,
    top: Annotated[
        int,
        typer.Option("--top", min=1, metavar="N", help="How many changed items to list."),
    ] = 20,
    redact: Annotated[
        bool,
        typer.Option(
            "--redact",
            help="Leave every note and piece of evidence out of every output, for comparisons "
            "that circulate beyond the audit team (a change to a note alone is then not listed).",
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option("--force", help="Compare even if the two files are for different schools."),
    ] = False,
    checklist_dir: ChecklistDirOption = None,
) -> int:
    """Compare two audits of one school: what improved, regressed, appeared or vanished.

    Each file is scored against the checklist version it was made with; items
    renamed between versions are followed (replaces:). The overall and section
    scores' change, statutory items that got worse (named first), then every
    item that moved, biggest first. Files for different schools (different
    URNs) are refused unless --force. Exit status 1 if either file is invalid.

    Example: schoolaudit diff oakfield-2025.yaml oakfield-2026.yaml --xlsx changes.xlsx
    """
    from schoolaudit.diff import checklist_mismatch, school_mismatch
    from schoolaudit.diff import diff as compare
    from schoolaudit.render.diff_json import render_diff_dict
    from schoolaudit.render.diff_terminal import render_diff
    from schoolaudit.render.terminal import make_console

    refuse_overwriting_inputs({"--json": json_out, "--xlsx": xlsx_out}, [old, new])
    catalog = make_catalog(checklist_dir)
    before, after = (_result(str(path), catalog) for path in (old, new))
    refused = [checklist_mismatch(before, after), None if force else school_mismatch(before, after)]
    if any(refused):
        raise ProblemsError([problem for problem in refused if problem is not None])
    if redact:
        from schoolaudit.redact import redact as without_notes

        before, after = without_notes(before), without_notes(after)
    comparison = compare(before, after)
    rendered: list[tuple[str, bytes]] = []
    if json_out is not None:
        from schoolaudit.render.json_report import json_text

        rendered.append((json_out, json_text(render_diff_dict(comparison)).encode("utf-8")))
    if xlsx_out is not None:
        from schoolaudit.render.diff_workbook import render_diff_workbook

        rendered.append((xlsx_out, render_diff_workbook(comparison)))
    for out, data in rendered:  # all rendered first: a failure leaves every file as it was
        if out == STDOUT:
            typer.echo(data.decode("utf-8"), nl=False)
        else:
            write_output(out, data)
    if json_out != STDOUT:
        make_console().print(render_diff(comparison, top=top))
    written = [out for out, _ in rendered if out != STDOUT]
    if written:
        typer.echo(f"Wrote {', '.join(written)}.", err=True)
    return OK


def _result(path: str, catalog: Catalog) -> Result:
    """One side, scored against the version it was made with; warnings go to stderr."""
    from schoolaudit.assess import assess

    outcome = assess(path, catalog)
    if outcome.result is None:
        raise ProblemsError(outcome.errors)
    print_problems(p for p in outcome.problems if p.code != "answers/older-version")
    return outcome.result
