"""`schoolaudit checklists`, `checklist show`, `checklist questions` and `checklist lint`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from schoolaudit.cli.errors import INVALID, OK, plural, print_problems
from schoolaudit.cli.options import ChecklistDirOption, chosen_checklist, make_catalog
from schoolaudit.problems import ProblemsError, errors_only

checklist_app = typer.Typer(
    help="Look at and check checklists.", no_args_is_help=True, rich_markup_mode=None
)


class ShowFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    yaml = "yaml"


def list_checklists(
    checklist_dir: ChecklistDirOption = None,
    show_all: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Also list older versions, kept so that old answers files report as they did.",
        ),
    ] = False,
) -> int:
    """List the checklists you can audit against: built-in ones and your own.

    Your own checklists come from --checklist-dir (or SCHOOLAUDIT_CHECKLIST_DIR);
    older versions live in an archive/ folder beside them, as
    archive/<id>-<version>.yaml. A checklist with errors is named on stderr and
    the exit status is 1.

    Example: schoolaudit checklists --all --checklist-dir ./trust-checklists
    """
    from rich import box
    from rich.table import Table

    from schoolaudit.render.terminal import make_console

    catalog = make_catalog(checklist_dir)
    rows: list[tuple[str, str, str, str, str]] = []
    broken = []
    entries = catalog.entries(archived=show_all)
    if show_all:  # each checklist's versions together, newest first
        entries = [v for entry in entries if entry.current for v in catalog.versions(entry.id)]
    titles: dict[str, str] = {}  # id -> title, as first listed
    for entry in entries:
        try:
            checklist = catalog.get(entry.path)
        except ProblemsError as error:
            broken.extend(error.problems)
            continue
        again = checklist.id in titles  # an older version, under its checklist: named once
        same_title = titles.setdefault(checklist.id, checklist.title) == checklist.title
        title = "" if again and same_title else checklist.title
        if not entry.current:
            title = f"{title} (older version)".lstrip()
        where = "built-in" if entry.builtin else entry.path
        rows.append(
            (
                "" if again else checklist.id,
                checklist.version,
                str(len(checklist.items)),
                where,
                title,
            )
        )
    # Borderless, the title last and wrapped: at 80 columns it has the room borders took
    table = Table(
        title="Available checklists",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        padding=(0, 1, 0, 0),
        pad_edge=False,
        show_edge=False,
    )
    # Ids are what people type after --checklist: never cut or wrapped.
    table.add_column("Id", no_wrap=True, min_width=max((len(row[0]) for row in rows), default=2))
    table.add_column("Version", no_wrap=True)
    table.add_column("Items", justify="right", no_wrap=True)
    table.add_column("Where", overflow="fold", min_width=8)
    table.add_column("Title", ratio=1)
    for row in rows:
        table.add_row(*row)
    make_console().print(table)
    print_problems(broken)
    return INVALID if broken else OK


@checklist_app.command("show")
def show(
    checklist_id: Annotated[
        str, typer.Argument(metavar="ID", help="Checklist id or path to a checklist file.")
    ],
    output_format: Annotated[
        ShowFormat,
        typer.Option("--format", "-f", metavar="FORMAT", help="text, json, yaml or markdown."),
    ] = ShowFormat.text,
    detail: Annotated[
        bool,
        typer.Option(
            "--detail", help="Also show each item's guidance, evidence, action, owner and sources."
        ),
    ] = False,
    checklist_dir: ChecklistDirOption = None,
) -> None:
    """Show a checklist's sections and items.

    Text for reading, json for other tools, markdown for documentation; json
    and yaml, saved as a file, are a valid checklist to start your own from.

    Example: schoolaudit checklist show uksic-online-safety --detail
    """
    from schoolaudit.render.checklist_doc import checklist_dict, checklist_markdown
    from schoolaudit.render.json_report import json_text
    from schoolaudit.render.terminal import make_console, render_checklist
    from schoolaudit.render.visible import visible

    checklist = chosen_checklist(make_catalog(checklist_dir), checklist_id, "'ID'")
    assert checklist is not None  # ID is a required argument
    if output_format is ShowFormat.json:
        typer.echo(json_text(checklist_dict(checklist)), nl=False)
    elif output_format is ShowFormat.yaml:
        import yaml

        typer.echo(
            yaml.safe_dump(checklist_dict(checklist), sort_keys=False, allow_unicode=True),
            nl=False,
        )
    elif output_format is ShowFormat.markdown:
        typer.echo(visible(checklist_markdown(checklist)), nl=False)
    else:
        make_console().print(render_checklist(checklist, detail=detail))


class Audience(StrEnum):
    provider = "provider"


class QuestionsFormat(StrEnum):
    text = "text"
    markdown = "markdown"


@checklist_app.command("questions")
def questions(
    audience: Annotated[
        Audience,
        typer.Option(
            "--for",
            help="Who the questions are for: provider (your filtering or monitoring provider).",
            show_default=False,
        ),
    ],
    checklist_id: Annotated[
        str | None,
        typer.Option(
            "--checklist",
            "-c",
            metavar="ID|PATH",
            help="Checklist id or path to a checklist file. Default: uksic-online-safety.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        QuestionsFormat, typer.Option("--format", "-f", help="text or markdown.")
    ] = QuestionsFormat.text,
    checklist_dir: ChecklistDirOption = None,
) -> None:
    """List the questions only your provider can answer, ready to paste into an email.

    The items marked `ask: provider` in the checklist, numbered with their ids, after a
    short opening line. Put the replies into your answers file under the same ids.

    Example: schoolaudit checklist questions --for provider
    """
    from schoolaudit.catalog import DEFAULT_CHECKLIST
    from schoolaudit.render.questions import (
        questions_for,
        render_questions_markdown,
        render_questions_text,
    )
    from schoolaudit.render.visible import visible

    catalog = make_catalog(checklist_dir)
    checklist = chosen_checklist(catalog, checklist_id or DEFAULT_CHECKLIST)
    assert checklist is not None  # never None: there is always a default
    items = questions_for(checklist, audience.value)
    if not items:
        typer.echo(
            f"No item of {checklist.id} is marked as one only the {audience.value} can answer "
            f"(ask: {audience.value}).",
            err=True,
        )
        return
    render = (
        render_questions_markdown
        if output_format is QuestionsFormat.markdown
        else render_questions_text
    )
    typer.echo(visible(render(checklist, items)), nl=False)


@checklist_app.command("lint")
def lint(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE...", help="Checklist files to check.", exists=True, dir_okay=False
        ),
    ],
    checklist_dir: ChecklistDirOption = None,
) -> int:
    """Check custom checklists: the schema, and that they make sense.

    Unique ids, conditions that name real earlier items with values they can
    take, thresholds in order, references to declared sources; for a view
    (view_of), that every item it maps exists in the base checklist with an
    answer that fits. Errors make the exit status 1; warnings are printed but
    do not.

    Example: schoolaudit checklist lint trust-checklists/our-audit.yaml
    """
    from schoolaudit.checklist import lint_file

    catalog = make_catalog(checklist_dir)
    failed = False
    for path in files:
        problems = lint_file(str(path), resolve=catalog.get)
        print_problems(problems)
        if errors_only(problems):
            failed = True
            typer.echo(f"{path}: {plural(len(errors_only(problems)), 'error')}", err=True)
        else:
            typer.echo(
                f"{path}: ok" + (f" ({plural(len(problems), 'warning')})" if problems else "")
            )
    return INVALID if failed else OK
