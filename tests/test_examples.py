"""The sample schools in examples/ stay valid, realistic and rated as their stories say.

Three fictional schools answer the main checklist: Oakfield Primary (strong: green, no statutory
gaps), Riverside Academy (a trust secondary with a sixth form and personal devices: amber, with
partial and unsure answers, notes and evidence) and Brookside School (a special school early in
its work: red, with gaps and questions not yet answered). The README's quick start scores
Oakfield, so it must keep working. When the main checklist changes, these tests name the example
to update and what to change in it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from schoolaudit.answers import read_answers
from schoolaudit.catalog import DEFAULT_CHECKLIST
from schoolaudit.cli import app
from schoolaudit.model import Answers, Checklist
from schoolaudit.scoring import Result, score
from tests.conftest import REPO, builtin_checklist

EXAMPLES = REPO / "examples"
LATEST_AUDIT_DATE = dt.date(2026, 11, 25)
"""The examples describe audits in November 2026, up to the day they were written."""


@dataclass(frozen=True)
class Story:
    """What an example school is meant to show."""

    file: str
    phase: str
    rating: str
    score_range: tuple[float, float]
    max_unanswered: int
    min_unanswered: int = 0
    min_partial: int = 0
    min_unsure: int = 0
    min_notes: int = 3
    min_evidence: int = 3
    statutory_gaps_allowed: bool = True


STORIES = [
    Story(
        "oakfield-primary.yaml",
        phase="primary",
        rating="green",
        score_range=(80, 97),
        max_unanswered=0,
        statutory_gaps_allowed=False,
    ),
    Story(
        "riverside-academy.yaml",
        phase="secondary",
        rating="amber",
        score_range=(55, 79.9),
        max_unanswered=0,
        min_partial=8,
        min_unsure=3,
        min_notes=10,
        min_evidence=10,
    ),
    Story(
        "brookside-special.yaml",
        phase="special",
        rating="red",
        score_range=(15, 49.9),
        min_unanswered=5,
        max_unanswered=40,
        min_partial=4,
        min_unsure=3,
    ),
]


def _path(story: Story) -> Path:
    return EXAMPLES / story.file


def _checklist() -> Checklist:
    return builtin_checklist(DEFAULT_CHECKLIST)


def _load(story: Story) -> tuple[Answers, Result]:
    checklist = _checklist()
    answers, problems = read_answers(str(_path(story)), checklist, today=LATEST_AUDIT_DATE)
    assert answers is not None and problems == [], (
        f"update {_path(story)} for {checklist.id} version {checklist.version}:\n"
        + "\n".join(str(problem) for problem in problems)
    )
    return answers, score(checklist, answers)


def test_every_example_has_a_story() -> None:
    assert sorted(p.name for p in EXAMPLES.glob("*.yaml")) == sorted(s.file for s in STORIES)


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.file)
def test_validates_with_no_problems_and_no_warnings(runner: CliRunner, story: Story) -> None:
    result = runner.invoke(app, ["validate", str(_path(story))])
    assert result.exit_code == 0, result.output
    assert result.stderr == "", f"update {_path(story)}:\n{result.stderr}"
    assert result.stdout.startswith(f"{_path(story)}: ok ({DEFAULT_CHECKLIST} "), result.stdout


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.file)
def test_rated_as_the_story_says(story: Story) -> None:
    answers, result = _load(story)
    low, high = story.score_range
    assert answers.school["phase"] == story.phase
    assert result.score is not None and low <= result.score <= high, (
        f"{story.file} now scores {result.score:.1f}, outside {low}-{high}: the checklist "
        f"changed; adjust answers in {_path(story)} so that it tells its story again"
    )
    assert result.rating == story.rating, (
        f"{story.file} is now {result.rating}, not {story.rating}; adjust {_path(story)}"
    )
    statutory = [gap.item.id for gap in result.gaps if gap.item.severity == "statutory"]
    assert story.statutory_gaps_allowed or not statutory, (
        f"{story.file} should have no statutory gaps but has {statutory}"
    )


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.file)
def test_answers_every_item_the_story_answers(story: Story) -> None:
    """New items in the checklist show up here as unanswered, with their ids."""
    _, result = _load(story)
    unanswered = [r.item.id for r in result.items if r.status == "unanswered"]
    assert story.min_unanswered <= len(unanswered) <= story.max_unanswered, (
        f"{story.file} leaves {len(unanswered)} applicable items unanswered "
        f"(expected {story.min_unanswered} to {story.max_unanswered}): {', '.join(unanswered)}. "
        f"Answer the new items in {_path(story)}"
    )


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.file)
def test_answers_are_varied_and_documented(story: Story) -> None:
    answers, result = _load(story)
    values = [r.value for r in result.items if r.applies]
    notes = [a for a in answers.answers.values() if a.note]
    evidence = [a for a in answers.answers.values() if a.evidence]
    assert values.count("partial") >= story.min_partial, story.file
    assert values.count("unsure") >= story.min_unsure, story.file
    assert len(notes) >= story.min_notes, story.file
    assert len(evidence) >= story.min_evidence, story.file


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.file)
def test_dates_belong_to_a_november_2026_audit(story: Story) -> None:
    answers, _ = _load(story)
    assert dt.date(2026, 11, 1) <= answers.date <= LATEST_AUDIT_DATE, answers.date
    dates = [a.value for a in answers.answers.values() if isinstance(a.value, dt.date)]
    assert dates, f"{story.file} answers no date items"
    assert all(value <= answers.date for value in dates), dates


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.file)
def test_says_it_is_fictional(story: Story) -> None:
    header = _path(story).read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert all(line.startswith("#") for line in header.splitlines()), header
    assert "fictional" in header.lower(), header


def test_readme_quick_start_scores_oakfield(runner: CliRunner) -> None:
    result = runner.invoke(app, ["report", str(EXAMPLES / "oakfield-primary.yaml"), "--explain"])
    assert result.exit_code == 0, result.output
    assert "Oakfield Primary School" in result.stdout, result.stdout
    assert re.search(r"Overall score \d+\.\d\s+Rating GREEN", result.stdout), result.stdout


CONTRADICTIONS = [
    ("flt-10", "no", "flt-04", "a connection that bypasses the filter does not block the IWF list"),
    ("flt-10", "no", "flt-05", "a connection that bypasses the filter does not block CTIRU"),
    ("flt-01", "no", "flt-04", "unfiltered devices do not block the IWF list"),
    ("mon-02", "none", "mon-01", "no planned monitoring cannot fit the school's risks"),
    ("mon-02", "physical", "mon-11", "supervision alone does not watch what pupils search for"),
]
"""(item, answer, an item that answer rules out a yes to, why): a real school agrees
with itself."""


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.file)
def test_answers_do_not_contradict_each_other(story: Story) -> None:
    answers, _ = _load(story)
    clashes = [
        f"{first} is {value} but {second} is yes: {why}"
        for first, value, second, why in CONTRADICTIONS
        if answers.value(first) == value and answers.value(second) == "yes"
    ]
    assert clashes == [], f"{_path(story)}:\n" + "\n".join(clashes)
