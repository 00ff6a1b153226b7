"""`schoolaudit batch PATH... --xlsx OUT`: many schools into one trust workbook."""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, BinaryIO, TypeVar

import typer

from schoolaudit.atomic import open_atomic, write_bytes_atomic
from schoolaudit.cli.errors import INVALID, OK, plural
from schoolaudit.cli.options import ChecklistDirOption, make_catalog
from schoolaudit.cli.report_cmd import STDOUT, output_path, refuse_overwriting_inputs

if TYPE_CHECKING:
    from schoolaudit.batch import Plan, ReportNames, School, Tally
    from schoolaudit.render.batch_files import JsonStream
    from schoolaudit.scoring import Result


T = TypeVar("T")


def csv_path(ctx: typer.Context, param: typer.CallbackParam, value: str | None) -> str | None:
    if value == STDOUT:
        raise typer.BadParameter("the CSV cannot go to standard output; give a file name")
    return output_path(ctx, param, value)


def batch(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH...",
            help="Answers files (.yaml, .yml, filled .xlsx templates) or folders, "
            "searched recursively.",
            exists=True,
        ),
    ],
    xlsx_out: Annotated[
        str,
        typer.Option(
            "--xlsx",
            metavar="OUT",
            help="Write the trust workbook (Summary, Schools, Heatmap, Common gaps, Errors; "
            "Trend when a school has audits in several years).",
            callback=output_path,
        ),
    ],
    json_out: Annotated[
        str | None,
        typer.Option(
            "--json",
            metavar="OUT|-",
            help="Also write every school's report, the errors and the common gaps as JSON "
            "(- for standard output).",
            callback=output_path,
        ),
    ] = None,
    csv_out: Annotated[
        str | None,
        typer.Option(
            "--csv",
            metavar="OUT",
            help="Also write one row per school and item (UTF-8 CSV for Excel, Power BI).",
            callback=csv_path,
        ),
    ] = None,
    reports_dir: Annotated[
        Path | None,
        typer.Option(
            "--reports-dir",
            metavar="DIR",
            help="Also write each school's governor workbook into DIR (created if missing).",
            file_okay=False,
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", metavar="N", min=1, help="Worker processes (default: one per CPU)."
        ),
    ] = None,
    redact: Annotated[
        bool,
        typer.Option(
            "--redact",
            help="Leave every note and piece of evidence out of the JSON and the schools' "
            "own workbooks (the trust workbook and the CSV never hold them).",
        ),
    ] = False,
    checklist_dir: ChecklistDirOption = None,
) -> int:
    """Score many schools' answers into one trust workbook, with the gaps they share.

    Files and folders (searched recursively for .yaml, .yml and .xlsx) are each
    checked and scored as `report` does. A bad file never stops the batch: its
    problems go to the Errors sheet (and the JSON), and the exit status is 1.
    Every output is written atomically.

    Example: schoolaudit batch answers/ --xlsx trust.xlsx --csv items.csv --jobs 2
    """
    # the core and its renderers load here, not at start-up: `--help` stays fast
    from schoolaudit.batch import ReportNames, Spool, Tally, assess_all, find_files
    from schoolaudit.cli.progress import with_progress
    from schoolaudit.render.batch_files import JsonStream, csv_header

    outputs = {"--xlsx": xlsx_out, "--json": json_out, "--csv": csv_out}
    written = [out for out in outputs.values() if out and out != STDOUT]
    files = find_files(paths, exclude=[*written, *([reports_dir] if reports_dir else [])])
    refuse_overwriting_inputs(outputs, [Path(f) for f in files])
    if reports_dir is not None:
        reports_dir.mkdir(parents=True, exist_ok=True)
    plan = _plan(checklist_dir, json_out, csv_out, reports_dir, redact)
    tally = Tally()
    with contextlib.ExitStack() as stack:
        json_stream = JsonStream(stack.enter_context(_open(json_out))) if json_out else None
        csv_file = stack.enter_context(_open(csv_out)) if csv_out else None
        if csv_file is not None:
            csv_file.write(csv_header())
        names = ReportNames()
        spool = Spool(stack.enter_context(tempfile.TemporaryFile()))
        outcomes = _then(assess_all(files, plan, jobs=jobs or os.cpu_count() or 1), _writer)
        for outcome in with_progress(outcomes, len(files), lambda: len(tally.rejected)):
            school = tally.add(outcome)
            if school is not None:
                spool.add(school)
        for school in spool.counted(tally):  # each school's latest audit: earlier years left out
            _write_parts(school, json_stream, csv_file, reports_dir, names)
        if json_stream is not None:
            json_stream.finish(tally)
        from schoolaudit.render.trust_workbook import write_trust_workbook

        write_trust_workbook(tally, xlsx_out)
    return _say_done(tally, list(written), reports_dir)


def _then(items: Iterator[T], work: Callable[[], object]) -> Iterator[T]:
    """`items`, with `work` done once the first has come.

    The workers are scoring schools then, and the parent only waits for them:
    what the end needs (the trust workbook's writer and openpyxl, ~0.1 s to
    load) is loaded meanwhile, not after the last school, when nothing else is
    left to do. Closing this closes `items` (a pool: its workers stop).
    """
    try:
        for item in items:
            yield item
            break
        else:
            return
        work()
        yield from items
    finally:
        close = getattr(items, "close", None)
        if close is not None:
            close()


def _writer() -> None:
    import schoolaudit.render.trust_workbook  # noqa: F401  (loaded ahead: see `_then`)


def _plan(
    checklist_dir: list[Path] | None,
    json_out: str | None,
    csv_out: str | None,
    reports_dir: Path | None,
    redact: bool,
) -> Plan:
    """What each worker renders for each school, besides the figures every batch needs."""
    from schoolaudit.batch import Plan, Renderer
    from schoolaudit.render.batch_files import school_csv, school_json

    renderers: list[tuple[str, Renderer]] = []
    if json_out is not None:
        renderers.append(("json", school_json))
    if csv_out is not None:
        renderers.append(("csv", school_csv))
    if reports_dir is not None:
        renderers.append(("workbook", _workbook))
    return Plan(make_catalog(checklist_dir), tuple(renderers), redact=redact)


def _workbook(result: Result) -> bytes:
    """The governor's workbook, rendered in the worker that scored the school."""
    from schoolaudit.render.governor_workbook import render_governor_workbook

    return render_governor_workbook(result)


@contextlib.contextmanager
def _open(out: str | None) -> Iterator[BinaryIO]:
    """An output streamed through a temporary file: put in place (or printed) when complete."""
    if out != STDOUT:
        with open_atomic(str(out)) as handle:
            yield handle
        return
    with tempfile.TemporaryFile() as handle:
        yield handle
        handle.seek(0)
        sys.stdout.flush()
        shutil.copyfileobj(handle, sys.stdout.buffer)
        sys.stdout.buffer.flush()


def _write_parts(
    school: School,
    json_stream: JsonStream | None,
    csv_file: BinaryIO | None,
    reports_dir: Path | None,
    names: ReportNames,
) -> None:
    """Append one school's parts to the streamed outputs, and write its own workbook."""
    if json_stream is not None:
        json_stream.add(school.output("json") or b"")
    if csv_file is not None:
        csv_file.write(school.output("csv") or b"")
    if reports_dir is not None:
        write_bytes_atomic(reports_dir / names.name_for(school), school.output("workbook") or b"")


def _say_done(tally: Tally, written: list[str], reports_dir: Path | None) -> int:
    rejected = len(tally.rejected)
    summary = f"{plural(tally.schools, 'school')} scored, {plural(rejected, 'file')} rejected"
    if tally.earlier_audits:
        summary += f", {plural(tally.earlier_audits, 'earlier audit')} used for trends"
    if reports_dir is not None:
        written.append(f"{tally.schools} workbooks in {reports_dir}")
    typer.echo(f"{summary}. Wrote {', '.join(written)}.", err=True)
    if rejected:
        typer.echo("See the Errors sheet for what is wrong in each rejected file.", err=True)
        return INVALID
    return OK
