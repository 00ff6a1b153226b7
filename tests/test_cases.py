"""The corpus of bad (and awkward but valid) files, each with the exact lines it must produce.

Adding a case is adding two files: `tests/cases/<kind>/invalid/<slug>.yaml` and
`<slug>.expected` holding the exact lines printed on stderr, each problem line
preceded by its code in brackets (`[schema/type] slug.yaml:3:5: …`): the code
is the stable contract tools rely on, the wording may improve. A case whose
lines are all warnings is valid (exit 0); any error makes it invalid (exit 1).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from schoolaudit.assess import assess
from schoolaudit.catalog import Catalog
from schoolaudit.checklist import lint_file
from schoolaudit.cli import app
from schoolaudit.codes import CODES
from schoolaudit.problems import Problem
from tests.conftest import MINI, TESTS

CASES = TESTS / "cases"


def _cases(kind: str, validity: str) -> list[Path]:
    """The case files: YAML, and filled templates (.xlsx, made by tests/make_xlsx_cases.py)."""
    folder = CASES / kind / validity
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.xlsx")])


def _with_codes(lines: list[str], problems: list[Problem]) -> list[str]:
    """Each problem line preceded by `[code] `; the summary line as printed."""
    codes = {str(problem): problem.code for problem in problems}
    return [f"[{codes[line]}] {line}" if line in codes else line for line in lines]


def _status(expected: list[str]) -> int:
    problems = [line for line in expected if line.startswith("[")]
    return 0 if all(": warning: " in line for line in problems) else 1


def _check(case: Path, stderr: str, exit_code: int, problems: list[Problem]) -> None:
    expected = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert exit_code == _status(expected), stderr
    assert _with_codes(stderr.splitlines(), problems) == expected, stderr
    assert "Traceback" not in stderr
    unregistered = {problem.code for problem in problems} - set(CODES)
    assert not unregistered, f"add {unregistered} to schoolaudit/codes.py"


@pytest.mark.parametrize("case", _cases("answers", "invalid"), ids=lambda p: p.stem)
def test_invalid_answers_file_gets_located_messages_and_codes(
    case: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(case.parent)
    result = runner.invoke(app, ["validate", case.name, "--checklist", str(MINI)])
    problems = assess(case.name, Catalog(), Catalog().get(str(MINI))).problems
    _check(case, result.stderr, result.exit_code, list(problems))
    if result.exit_code:
        assert result.stdout == "", result.stdout


@pytest.mark.parametrize("case", _cases("checklists", "invalid"), ids=lambda p: p.stem)
def test_invalid_checklist_gets_located_messages_and_codes(
    case: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(case.parent)
    result = runner.invoke(app, ["checklist", "lint", case.name])
    _check(case, result.stderr, result.exit_code, lint_file(case.name, resolve=Catalog().get))


@pytest.mark.parametrize("case", _cases("answers", "invalid"), ids=lambda p: p.stem)
def test_every_problem_line_is_located(case: Path) -> None:
    """Each message line starts `file:line:column:` (or `file:` where the whole file is bad)."""
    for line in case.with_suffix(".expected").read_text(encoding="utf-8").splitlines():
        assert line.split("] ", 1)[-1].startswith(case.name + ":"), line


@pytest.mark.parametrize("case", _cases("answers", "valid"), ids=lambda p: p.stem)
def test_awkward_but_valid_answers_pass(
    case: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(case.parent)
    result = runner.invoke(app, ["validate", case.name, "--checklist", str(MINI)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{case.name}: ok"), result.stdout


@pytest.mark.parametrize(
    "case", [*_cases("answers", "invalid"), *_cases("answers", "valid")], ids=lambda p: p.stem
)
def test_assessing_without_warnings_gives_the_same_result_and_errors(
    case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What `batch` asks for: the errors alone, and the very result `validate` scores."""
    monkeypatch.chdir(case.parent)
    checklist = Catalog().get(str(MINI))
    full = assess(case.name, Catalog(), checklist)
    quick = assess(case.name, Catalog(), checklist, warnings=False)
    assert quick.problems == tuple(full.errors)
    assert quick.result == full.result
