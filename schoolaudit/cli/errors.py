"""The one place where outcomes become exit statuses.

Commands raise; this module decides what the user sees and which status the
shell gets: problems in the input → their lines on stderr and 1; Ctrl-C → 130;
anything unexpected → a short "this is a bug" message and 3, never a traceback
full of local variables (answers can hold safeguarding details).
"""

from __future__ import annotations

import functools
import sys
import traceback
from collections.abc import Callable, Iterable
from typing import ParamSpec, TypeVar

import typer

from schoolaudit import __version__
from schoolaudit.problems import Problem, ProblemsError
from schoolaudit.render.visible import visible

OK = 0
INVALID = 1  # input read but invalid; below --fail-under; a batch rejected files
USAGE = 2  # Click's own status for bad flags and missing files
INTERNAL = 3  # a bug in schoolaudit
INTERRUPTED = 130

P = ParamSpec("P")
R = TypeVar("R")

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


class UsageProblems(ProblemsError):
    """Problems with what was typed on the command line (an unknown --checklist): exit 2."""


def guarded(command: Callable[P, R]) -> Callable[P, R]:
    """Wrap a command so every outcome maps to the right exit status."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except ProblemsError as error:
            print_problems(error.problems)
            raise typer.Exit(USAGE if isinstance(error, UsageProblems) else INVALID) from None
        except (KeyboardInterrupt, typer.Abort):
            typer.echo("\nInterrupted.", err=True)
            raise typer.Exit(INTERRUPTED) from None
        except (typer.Exit, typer.TyperException):
            # Typer's own usage errors (BadParameter, …): Typer prints them, exit 2.
            raise
        except Exception as error:  # a bug: say so, exit 3
            typer.echo(
                BUG_MESSAGE.format(version=__version__, kind=type(error).__name__, error=error),
                err=True,
            )
            if _debug():
                traceback.print_exc(file=sys.stderr)
            raise typer.Exit(INTERNAL) from None

    return wrapper


def _debug() -> bool:
    import os

    return os.environ.get("SCHOOLAUDIT_DEBUG", "") not in ("", "0")
