"""Every outcome of every command maps to the exit status PRODUCT.md gives it.

The mapping lives in one place, the app's group (`ExitStatusGroup`): these
tests add a throwaway command to the real app's group, as a new command would
be added, and check it gets the handling without asking for it.
"""

from __future__ import annotations

import errno
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from schoolaudit.cli import app
from schoolaudit.cli.errors import INTERNAL, INTERRUPTED, INVALID, OK, USAGE, ExitStatusGroup
from schoolaudit.problems import Location, Problem, ProblemsError

ROOT = Path(__file__).resolve().parent.parent


def _app_with(outcome: BaseException | int) -> ExitStatusGroup:
    """The real app's group with one more command, `run`, that ends in `outcome`."""
    extra = typer.Typer()

    @extra.command()
    def run() -> int:
        if isinstance(outcome, int):
            return outcome
        raise outcome

    group = typer.main.get_command(app)
    assert isinstance(group, ExitStatusGroup)
    group.add_command(typer.main.get_command(extra), "run")
    return group


@pytest.mark.parametrize(
    ("outcome", "status", "says"),
    [
        (OK, OK, ""),
        (INVALID, INVALID, ""),
        (typer.BadParameter("must be a folder", param_hint="'--out'"), USAGE, "must be a folder"),
        (KeyboardInterrupt(), INTERRUPTED, "Interrupted."),
        (typer.Abort(), INTERRUPTED, "Interrupted."),
        (
            ProblemsError([Problem("bad-value", "bad value", Location("a.yaml", 3, 5))]),
            INVALID,
            "a.yaml:3:5: bad value",
        ),
        (
            PermissionError(errno.EACCES, "Permission denied", "out/pack.md"),
            INVALID,
            "out/pack.md: could not be written: Permission denied",
        ),
        (
            OSError(errno.ENOSPC, "No space left on device"),
            INVALID,
            "standard output: could not be written: No space left on device",
        ),
        (RuntimeError("boom"), INTERNAL, "internal error: RuntimeError: boom"),
    ],
)
def test_a_new_command_gets_each_outcome_mapped_to_its_exit_status(
    outcome: BaseException | int, status: int, says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as ended:
        _app_with(outcome).main(["run"], prog_name="schoolaudit")
    stderr = capsys.readouterr().err
    assert ended.value.code == status, stderr
    assert says in stderr
    assert "Traceback" not in stderr


def _real(*args: str) -> list[str]:
    return [sys.executable, "-m", "schoolaudit", *args]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ["report", "examples/oakfield-primary.yaml", "--markdown", "-"],
        ["report", "examples/oakfield-primary.yaml"],
        ["checklist", "show", "dfe-filtering-monitoring", "--format", "json"],
    ],
)
def test_a_full_disk_behind_stdout_is_what_could_not_be_written_exit_1(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            _real(*args), cwd=ROOT, stdout=full, stderr=subprocess.PIPE, text=True, check=False
        )
    assert done.returncode == INVALID, done.stderr
    assert done.stderr.strip().endswith(
        "standard output: could not be written: No space left on device"
    ), done.stderr
    assert "internal error" not in done.stderr and "Exception ignored" not in done.stderr
