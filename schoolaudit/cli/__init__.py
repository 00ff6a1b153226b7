"""The `schoolaudit` command line: thin commands over the core.

Each command parses its options, calls the core, hands the result to a
renderer and returns its exit status; `cli.errors.ExitStatusGroup`, the app's
group, maps whatever a command raises to a status, for every command registered
here. Nothing heavy (jsonschema, openpyxl, ruamel.yaml) is imported at start-up:
`schoolaudit --help` stays fast, and tests/test_startup.py keeps it so.
"""

from __future__ import annotations

from typing import Annotated

import typer

from schoolaudit import __version__
from schoolaudit.cli.audit_cmd import audit
from schoolaudit.cli.batch_cmd import batch
from schoolaudit.cli.checklist_cmds import checklist_app, list_checklists
from schoolaudit.cli.diff_cmd import diff
from schoolaudit.cli.errors import ExitStatusGroup
from schoolaudit.cli.import_cmd import import_answers
from schoolaudit.cli.migrate_cmd import migrate
from schoolaudit.cli.report_cmd import report
from schoolaudit.cli.template_cmd import template
from schoolaudit.cli.validate_cmd import validate

app = typer.Typer(
    name="schoolaudit",
    cls=ExitStatusGroup,
    help="Audit a UK school's online safety, filtering and monitoring against UK guidance "
    "(KCSIE, the DfE filtering and monitoring standards, UKSIC), and report the gaps.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"schoolaudit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Audit a UK school's online safety, filtering and monitoring, and report the gaps."""


app.command("checklists")(list_checklists)
app.add_typer(checklist_app, name="checklist")
app.command("validate")(validate)
app.command("report")(report)
app.command("audit")(audit)
app.command("batch")(batch)
app.command("template")(template)
app.command("import")(import_answers)
app.command("migrate")(migrate)
app.command("diff")(diff)


def main() -> None:
    """Console-script entry point."""
    app(prog_name="schoolaudit")
