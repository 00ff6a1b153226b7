"""Checks on the project itself: lint clean, and CI runs exactly the README's test command."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys

import pytest

from tests.conftest import REPO


def _tool(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a test-extras tool from the interpreter running the tests, not whatever PATH finds.

    `.venv/bin/python -m pytest` (a venv not activated) has the venv's ruff and
    mypy, but PATH may name other versions, or none.
    """
    if importlib.util.find_spec(name) is None:
        pytest.fail(f"{name} is part of the test extras: python -m pip install -e '.[test]'")
    return subprocess.run(
        [sys.executable, "-m", name, *args], cwd=REPO, capture_output=True, text=True
    )


def test_ruff_is_clean() -> None:
    result = _tool("ruff", "check", str(REPO))
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean() -> None:
    result = _tool("ruff", "format", "--check", str(REPO))
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    """The core is strictly typed (settings in pyproject.toml)."""
    result = _tool("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_tools_the_suite_runs_are_pinned() -> None:
    """A new ruff or mypy release cannot break the suite overnight."""
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    for tool in ("ruff", "mypy"):
        assert re.search(rf'"{tool}==[\d.]+"', pyproject), f"pin {tool} in the test extras"


def _readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    quick_start = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", quick_start)


def test_readme_quick_start_is_two_commands() -> None:
    install_and_run, run_tests = _readme_commands()
    assert install_and_run.startswith("python -m pip install . && schoolaudit ")
    assert "pytest" in run_tests


def test_ci_runs_the_readme_test_command() -> None:
    _, run_tests = _readme_commands()
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert run_tests in ci.splitlines()
