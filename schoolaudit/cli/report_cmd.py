"""`schoolaudit report ANSWERS`: score one school and show or write the report."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from schoolaudit.cli.errors import INVALID, OK, cannot_write, print_problems
from schoolaudit.cli.options import (
    ChecklistDirOption,
    ChecklistOption,
    chosen_checklist,
    make_catalog,
    writable_path,
)
from schoolaudit.problems import ProblemsError

if TYPE_CHECKING:
    from schoolaudit.scoring import Result

STDOUT = "-"
TEXT_OUTPUTS = ("json_out", "markdown_out")  # the outputs that may go to standard output


def output_path(ctx: typer.Context, param: typer.CallbackParam, value: str | None) -> str | None:
    """Refuse, while the options are parsed, an output that cannot be written.

    Checking here, before anything is read or written, makes a missing folder
    a usage error (exit 2) with Click's own message. Only one output may be `-`,
    and never the workbook: Click calls this for each option in the order given,
    so the second `-` sees the first.
    """
    if value is None:
        return None
    if value == STDOUT:
        if param.name not in TEXT_OUTPUTS:
            raise typer.BadParameter(
                "a workbook or PDF cannot go to standard output; give a file name"
            )
        if any(ctx.params.get(name) == STDOUT for name in TEXT_OUTPUTS if name != param.name):
            raise typer.BadParameter("only one of --json and --markdown can be - (standard output)")
        return value
    writable_path(value)
    if param.name == "xlsx_out" and Path(value).suffix.lower() != ".xlsx":
        raise typer.BadParameter(
            f"{value}: a workbook's name must end in .xlsx (Excel warns about, or refuses, "
            "a workbook under another name)"
        )
    return value


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
            callback=output_path,
        ),
    ] = None,
    xlsx_out: Annotated[
        str | None,
        typer.Option(
            "--xlsx",
            metavar="OUT",
            help="Write the governor's workbook (Summary, Action plan, Answers, How scored, "
            "Sources) to OUT.",
            callback=output_path,
        ),
    ] = None,
    pdf_out: Annotated[
        str | None,
        typer.Option(
            "--pdf",
            metavar="OUT",
            help="Write the governors' pack to OUT: A4 pages for a meeting, page 1 a summary "
            "that stands alone, then the action plan by priority.",
            callback=output_path,
        ),
    ] = None,
    markdown_out: Annotated[
        str | None,
        typer.Option(
            "--markdown",
            metavar="OUT|-",
            help="Write the summary and action plan as Markdown to OUT, or - for standard "
            "output (the terminal report is then left out).",
            callback=output_path,
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
    redact: Annotated[
        bool,
        typer.Option(
            "--redact",
            help="Leave every note and piece of evidence out of every output (terminal, JSON, "
            "Markdown, workbook, PDF), for reports that circulate beyond the audit team.",
        ),
    ] = False,
    checklist_dir: ChecklistDirOption = None,
) -> int:
    """Score one school's answers and report the gaps, with the action for each.

    The terminal report is always shown (unless --json - or --markdown -); files
    are written on request, each atomically: an existing file is replaced only
    by a complete new one. Exit status 1 if the answers are invalid or the score
    is below --fail-under.

    Example: schoolaudit report answers.yaml --xlsx governors.xlsx --pdf governors.pdf
    """
    from schoolaudit.render.terminal import make_console, render_terminal_report
    from schoolaudit.scoring import rounded

    outputs = {
        "--json": json_out,
        "--xlsx": xlsx_out,
        "--pdf": pdf_out,
        "--markdown": markdown_out,
    }
    refuse_overwriting_inputs(outputs, [answers_file, Path(checklist or "")])
    result = score_file(answers_file, checklist, checklist_dir)
    if redact:
        from schoolaudit.redact import redact as without_notes

        result = without_notes(result)
    rendered = [(out, render_output(o, result)) for o, out in outputs.items() if out is not None]
    for out, data in rendered:  # all rendered first: a failure leaves every file as it was
        if out == STDOUT:
            typer.echo(data.decode("utf-8"), nl=False)
        else:
            write_output(out, data)
    if STDOUT not in outputs.values():
        make_console().print(render_terminal_report(result, top=top, explain=explain))
    written = [out for out, _ in rendered if out != STDOUT]
    if written:
        typer.echo(f"Wrote {', '.join(written)}.", err=True)
    if fail_under is not None:
        shown = rounded(result.score)
        if shown is None or shown < fail_under:
            typer.echo(
                f"Score {shown if shown is not None else 'none'} is below --fail-under "
                f"{fail_under:g}.",
                err=True,
            )
            return INVALID
    return OK


def refuse_overwriting_inputs(outputs: dict[str, str | None], inputs: list[Path]) -> None:
    """Refuse an output that would replace an input, or another output, before any work.

    `--xlsx answers.yaml` would otherwise replace the school's whole audit with
    a report of it; two outputs naming one file would leave only the last.
    """
    seen: dict[Path, str] = {}
    for option, out in outputs.items():
        if out is None or out == STDOUT:
            continue
        target = Path(out).resolve()
        if target.is_file() and any(s.is_file() and s.samefile(target) for s in inputs):
            raise typer.BadParameter(
                f"{out} is an input of this report; writing there would replace it "
                "(choose another file name)",
                param_hint=f"'{option}'",
            )
        if target in seen:
            raise typer.BadParameter(
                f"{out} is also the {seen[target]} output; give each output its own file",
                param_hint=f"'{option}'",
            )
        seen[target] = option


def render_output(option: str, result: Result) -> bytes:
    """The bytes of one requested output (--json, --xlsx, --pdf or --markdown).

    Each renderer is imported when its output is asked for: openpyxl and the
    PDF library alone take longer to load than the rest of a report takes to run.
    """
    if option == "--xlsx":
        from schoolaudit.render.governor_workbook import render_governor_workbook

        return render_governor_workbook(result)
    if option == "--pdf":
        from schoolaudit.render.governors_pack import render_governors_pack

        return render_governors_pack(result)
    if option == "--markdown":
        from schoolaudit.render.markdown_report import render_markdown_report

        return render_markdown_report(result).encode("utf-8")
    from schoolaudit.render.json_report import json_text, render_json_report

    return json_text(render_json_report(result)).encode("utf-8")


def write_output(out: str, data: bytes) -> None:
    """Write one output atomically; a refusal by the system names OUT, not a temporary file."""
    from schoolaudit.atomic import write_bytes_atomic

    try:
        write_bytes_atomic(out, data)
    except OSError as error:
        raise cannot_write(out, error) from None


def score_file(
    answers_file: Path, checklist: str | None, checklist_dir: list[Path] | None
) -> Result:
    """Load, check and score one answers file; warnings go to stderr."""
    from schoolaudit.assess import assess

    catalog = make_catalog(checklist_dir)
    outcome = assess(str(answers_file), catalog, chosen_checklist(catalog, checklist))
    if outcome.result is None:
        raise ProblemsError(outcome.errors)
    print_problems(outcome.problems)
    return outcome.result
