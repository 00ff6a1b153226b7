"""Golden files for the terminal report: a change to what people see must be deliberate.

Refresh them on purpose with `SCHOOLAUDIT_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`
and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rich.console import Console

from schoolaudit import load_answers, load_checklist, score
from schoolaudit.render.terminal import render_checklist, render_terminal_report
from tests.conftest import MINI, TESTS
from tests.test_cli import ANSWERS

GOLDEN = TESTS / "golden"


def _check(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("SCHOOLAUDIT_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} changed; refresh it on purpose if that was meant:\n{text}"


def _render(renderable: object, width: int = 100) -> str:
    console = Console(record=True, width=width, color_system=None, force_terminal=False)
    console.print(renderable)
    return console.export_text()


@pytest.mark.parametrize("phase", ["secondary", "primary"])
def test_terminal_report_with_explanation(tmp_path: Path, phase: str) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(ANSWERS.replace("phase: secondary", f"phase: {phase}"), encoding="utf-8")
    checklist = load_checklist(str(MINI))
    result = score(checklist, load_answers(str(path), checklist))
    _check(f"report-explain-{phase}.txt", _render(render_terminal_report(result, explain=True)))


def test_terminal_report_fits_80_columns(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(ANSWERS, encoding="utf-8")
    checklist = load_checklist(str(MINI))
    text = _render(render_terminal_report(score(checklist, load_answers(str(path), checklist))), 80)
    assert max(len(line) for line in text.splitlines()) <= 80
    _check("report-80.txt", text)


def test_checklist_show(tmp_path: Path) -> None:
    _check("checklist-show.txt", _render(render_checklist(load_checklist(str(MINI)))))
