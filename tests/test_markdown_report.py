"""The Markdown report (`report --markdown`): the Summary and Action plan as text.

Refresh the golden file on purpose with
`SCHOOLAUDIT_UPDATE_GOLDEN=1 python -m pytest tests/test_markdown_report.py` and review the diff.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from schoolaudit import load_answers, load_checklist, score
from schoolaudit.cli import app
from schoolaudit.model import Answer
from schoolaudit.render.markdown_report import render_markdown_report
from schoolaudit.scoring import Result
from tests import builders
from tests.conftest import MINI, TESTS
from tests.test_cli import ANSWERS

GOLDEN = TESTS / "golden" / "report-markdown.md"


@pytest.fixture
def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(ANSWERS, encoding="utf-8")
    return path


@pytest.fixture
def result(answers_file: Path) -> Result:
    checklist = load_checklist(str(MINI))
    return score(checklist, load_answers(str(answers_file), checklist))


def _cells(line: str) -> list[str]:
    """A table row's cells, splitting only on `|` that no backslash escapes."""
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


def _plan_rows(markdown: str) -> list[list[str]]:
    plan = markdown.split("## Action plan\n", 1)[1]
    return [_cells(line) for line in plan.splitlines()[3:] if line.startswith("|")]


def test_markdown_report_matches_golden(result: Result) -> None:
    text = render_markdown_report(result)
    if os.environ.get("SCHOOLAUDIT_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8"), text


def test_summary_carries_school_score_rating_and_sections(result: Result) -> None:
    text = render_markdown_report(result)
    assert text.startswith("# Online safety audit: Test School\n")
    assert "- **URN:** 123456" in text
    assert "- **Audit date:** 2026-11-20" in text
    assert "- **Completed by:** A. Person, DSL" in text
    assert "**Overall score 67.7 · rating AMBER**" in text
    assert "| Basics | 58.3 | AMBER | 2 |" in text
    assert "Rating AMBER: green ≥ 80, amber ≥ 50, else red" in text


def test_action_plan_has_every_gap_in_priority_order(result: Result) -> None:
    rows = _plan_rows(render_markdown_report(result))
    assert [row[2] for row in rows] == [f"`{gap.item.id}`" for gap in result.gaps]
    assert [row[1] for row in rows] == [gap.priority for gap in result.gaps]


def test_action_plan_has_the_columns_a_reader_needs(result: Result) -> None:
    """The QA pass: 16 columns (the workbook's, fill-in ones included) no viewer could show."""
    markdown = render_markdown_report(result)
    header = markdown.split("## Action plan\n", 1)[1].splitlines()[1]
    assert _cells(header) == [
        "#",
        "Priority",
        "Id",
        "Requirement",
        "Answer",
        "Action",
        "Owner role",
        "Reference",
    ]
    assert all(len(row) == 8 for row in _plan_rows(markdown))
    assert "in the workbook's Action plan (`schoolaudit report ANSWERS --xlsx OUT`)" in markdown


def test_text_from_files_cannot_break_a_table_or_become_html() -> None:
    hostile = "a | b\nc\r\nd\re \\| f <script>alert(1)</script>"
    item = builders.item("flt-01", type="yesno", text=hostile, remediation="Fix | it")
    answers = builders.answers({"flt-01": Answer("no", note=hostile)})
    text = render_markdown_report(score(builders.checklist(("flt", [item])), answers))
    (row,) = _plan_rows(text)
    hostile_shown = r"a \| b c d e \\\| f &lt;script&gt;alert(1)&lt;/script&gt;"
    assert row[3] == hostile_shown
    assert row[4] == f"no (note: {hostile_shown})"
    assert row[5] == r"Fix \| it"
    assert "<script>" not in text


def test_a_section_held_at_amber_is_marked_and_says_why() -> None:
    """90 is green by the thresholds; a statutory gap holds the section at amber."""
    items = [
        builders.item("flt-01", type="yesno", severity="statutory"),
        builders.item("flt-02", type="yesno", weight=9),
    ]
    answers = builders.answers({"flt-01": "no", "flt-02": "yes"})
    text = render_markdown_report(score(builders.checklist(("flt", items)), answers))
    assert "| Flt | 90.0 | AMBER* | 1 |" in text
    assert "A rating marked * is held at amber by a statutory item not fully met" in text
    assert "= 90.0; held at amber: statutory flt-01 not fully met\n" in text


def test_no_gaps_says_so_and_has_no_empty_plan() -> None:
    item = builders.item("flt-01", type="yesno")
    result = score(builders.checklist(("flt", [item])), builders.answers({"flt-01": "yes"}))
    text = render_markdown_report(result)
    assert "No gaps: every applicable item is fully met." in text
    assert "## Action plan" not in text


def test_markdown_to_stdout_is_the_library_result_alone(
    runner: CliRunner, answers_file: Path, result: Result
) -> None:
    outcome = runner.invoke(app, ["report", str(answers_file), "-c", str(MINI), "--markdown", "-"])
    assert outcome.exit_code == 0, outcome.output
    assert outcome.stdout == render_markdown_report(result)  # no terminal report mixed in


def test_markdown_to_a_file_with_the_json_on_stdout(
    runner: CliRunner, answers_file: Path, tmp_path: Path, result: Result
) -> None:
    out = tmp_path / "pack.md"
    outcome = runner.invoke(
        app,
        ["report", str(answers_file), "-c", str(MINI), "--markdown", str(out), "--json", "-"],
    )
    assert outcome.exit_code == 0, outcome.output
    assert out.read_text(encoding="utf-8") == render_markdown_report(result)
    assert outcome.stdout.startswith("{")


def test_markdown_follows_page_one_order(result: Result) -> None:
    """The email version reads like the pack's page 1: rating, sections, statutory gaps,
    the five most important actions with owners; then the plan; the arithmetic last."""
    text = render_markdown_report(result)
    order = [
        "**Overall score",
        "## Section scores",
        "## Statutory requirements not met",
        "- Are boarders supervised online in the evenings? Answer: no.",
        "## The five most important actions",
        "1. Arrange supervision. Owner: Head of boarding.",
        "## Action plan",
        "## How the score was reached",
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions), text
