"""The corpus of bad (and awkward but valid) files, each with the exact lines it must produce.

Adding a case is adding two files: `tests/cases/<kind>/invalid/<slug>.yaml` (or a
`.xlsx` filled template) and `<slug>.expected` holding the exact lines printed on stderr.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from schoolaudit.cli import app
from tests.conftest import MINI, TESTS

CASES = TESTS / "cases"


def _cases(kind: str, validity: str) -> list[Path]:
    """The case files: YAML, and filled templates (.xlsx, made by tests/make_xlsx_cases.py)."""
    folder = CASES / kind / validity
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.xlsx")])


@pytest.mark.parametrize("case", _cases("answers", "invalid"), ids=lambda p: p.stem)
def test_invalid_answers_file_gets_located_messages_and_exit_1(
    case: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(case.parent)
    result = runner.invoke(app, ["validate", case.name, "--checklist", str(MINI)])
    expected = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == expected, result.stderr
    assert result.stdout == "", result.stdout
    assert "Traceback" not in result.output


@pytest.mark.parametrize("case", _cases("checklists", "invalid"), ids=lambda p: p.stem)
def test_invalid_checklist_gets_located_messages_and_exit_1(
    case: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(case.parent)
    result = runner.invoke(app, ["checklist", "lint", case.name])
    expected = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == expected, result.stderr


@pytest.mark.parametrize("case", _cases("answers", "invalid"), ids=lambda p: p.stem)
def test_every_problem_line_is_located(case: Path) -> None:
    """Each message line starts `file:line:column:` (or `file:` where the whole file is bad)."""
    for line in case.with_suffix(".expected").read_text(encoding="utf-8").splitlines():
        assert line.startswith(case.name + ":"), line


@pytest.mark.parametrize("case", _cases("answers", "valid"), ids=lambda p: p.stem)
def test_awkward_but_valid_answers_pass(
    case: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(case.parent)
    result = runner.invoke(app, ["validate", case.name, "--checklist", str(MINI)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{case.name}: ok"), result.stdout
