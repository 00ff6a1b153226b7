"""The one place where outcomes become exit statuses, for every command.

`ExitStatusGroup` is the app's Click group: every command registered on the
app (or on a sub-app added to it) runs inside its `invoke`, so a new command
gets this handling by being registered, with nothing to remember. A command
returns its status (`OK`, `INVALID`, `INTERRUPTED`) or raises; this module
decides what the user sees and which status the shell gets:

- problems in the input (`ProblemsError`) → their lines on stderr, 1;
- a usage error (`typer.BadParameter` and Click's others) → Click's message, 2;
- a file or standard output that cannot be written (disk full, permission
  denied, a folder gone) → what could not be written and why, 1: the user's
  situation, not a bug;
- Ctrl-C → "Interrupted.", 130;
- anything else → a short "this is a bug" message and 3, never a traceback
  full of local variables (answers can hold safeguarding details).

As pre-commit's `error_handler` does it: one handler, not a decorator per command.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Iterable
from typing import Any, NoReturn

import typer
from typer.core import TyperGroup

from schoolaudit import __version__
from schoolaudit.cli.words import in_words, use_words
from schoolaudit.problems import Problem, ProblemsError
from schoolaudit.render.visible import visible

OK = 0
INVALID = 1  # input read but invalid; below --fail-under; an output could not be written
USAGE = 2  # Click's own status for bad flags and missing files
INTERNAL = 3  # a bug in schoolaudit
INTERRUPTED = 130

STANDARD_OUTPUT = "standard output"

BUG_MESSAGE = (
    "schoolaudit {version}: internal error: {kind}: {error}\n"
    "This is a bug in schoolaudit, not a problem with your files. Please report it to the "
    "schoolaudit maintainers with the command you ran and this message. Do not send your "
    "answers files: they may hold safeguarding details. Set SCHOOLAUDIT_DEBUG=1 to see "
    "where it happened."
)


def print_problems(problems: Iterable[Problem]) -> None:
    """One line per problem on stderr: `path:line:column: message (hint)`."""
    for problem in problems:  # a value in a message may hold controls, or a newline
        typer.echo(visible(str(problem), one_line=True), err=True)


def plural(count: int, noun: str) -> str:
    """`1 error`, `2 errors`."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def cannot_write(target: str, error: OSError) -> OSError:
    """The same failure, naming what the user asked to write rather than a temporary file."""
    return OSError(error.errno, error.strerror or str(error), target)


class ExitStatusGroup(TyperGroup):
    """The app's group: runs the chosen command and maps how it ended to an exit status.

    It also puts every command's parameters into words (`cli.words`): help
    without `<str>` or `<list[Path]>`, usage errors without pydantic's terms.
    """

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        use_words(self)

    def invoke(self, ctx: Any) -> Any:
        try:
            status = super().invoke(ctx)
            sys.stdout.flush()  # a full disk behind stdout is found here, not at exit
        except typer.BadParameter as error:
            error.message = in_words(error.message)
            raise  # Click prints it: usage, then the error, exit 2
        except (typer.Exit, typer.TyperException):
            raise  # typer.Exit and Click's other usage errors: Click's way
        except ProblemsError as error:
            print_problems(error.problems)
            raise typer.Exit(INVALID) from None
        except (KeyboardInterrupt, typer.Abort):
            typer.echo("\nInterrupted.", err=True)
            raise typer.Exit(INTERRUPTED) from None
        except OSError as error:
            _not_written(error)
        except Exception as error:  # a bug: say so, exit 3
            _bug(error)
        if isinstance(status, int) and status != OK:
            raise typer.Exit(status)
        return status


def _not_written(error: OSError) -> NoReturn:
    """Say what could not be written, and why; exit 1.

    An error with no file name came from standard output: it is pointed at
    /dev/null so Python's own flush at exit does not fail a second time (and
    turn the status into 120).
    """
    target = str(error.filename) if error.filename else STANDARD_OUTPUT
    if target == STANDARD_OUTPUT:
        _silence_stdout()
    reason = error.strerror or type(error).__name__
    typer.echo(f"{target}: could not be written: {reason}", err=True)
    raise typer.Exit(INVALID) from None


def _silence_stdout() -> None:
    try:
        sys.stdout.flush()
    except OSError:
        try:
            fileno = sys.stdout.fileno()
        except (OSError, ValueError):  # not a real file (a test's captured output)
            return
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fileno)
        os.close(devnull)


def _bug(error: Exception) -> NoReturn:
    typer.echo(
        BUG_MESSAGE.format(version=__version__, kind=type(error).__name__, error=error), err=True
    )
    if os.environ.get("SCHOOLAUDIT_DEBUG", "") not in ("", "0"):
        traceback.print_exc(file=sys.stderr)
    raise typer.Exit(INTERNAL) from None
