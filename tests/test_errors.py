"""Every outcome of a command maps to the exit status PRODUCT.md gives it."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from schoolaudit.cli.errors import INTERNAL, INTERRUPTED, INVALID, USAGE, guarded
from schoolaudit.problems import Location, Problem, ProblemsError


def _app_raising(error: BaseException) -> typer.Typer:
    app = typer.Typer()

    @app.command()
    @guarded
    def run() -> None:
        raise error

    return app


@pytest.mark.parametrize(
    ("error", "status", "says"),
    [
        (typer.BadParameter("must be a folder", param_hint="'--out'"), USAGE, "must be a folder"),
        (KeyboardInterrupt(), INTERRUPTED, "Interrupted."),
        (typer.Abort(), INTERRUPTED, "Interrupted."),
        (
            ProblemsError([Problem("bad-value", "bad value", Location("a.yaml", 3, 5))]),
            INVALID,
            "a.yaml:3:5: bad value",
        ),
        (RuntimeError("boom"), INTERNAL, "internal error: RuntimeError: boom"),
    ],
)
def test_guarded_maps_each_outcome_to_its_exit_status(
    error: BaseException, status: int, says: str
) -> None:
    result = CliRunner().invoke(_app_raising(error), [])
    assert result.exit_code == status, result.output
    assert says in result.stderr
    assert "Traceback" not in result.output
