"""Text from files reaches a terminal only as text: every command, fed controls everywhere.

A school name, a note, a checklist title full of ESC sequences (clear screen,
retitle the window), C1 controls, a bidi override and a newline that would
forge a success line: whatever a command prints must show them as escapes
(`\\x1b`, `\\u202e`), never pass them raw. The commands are read from the app,
so a new command is fed the hostile files too, without editing this test.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from schoolaudit.cli import app
from schoolaudit.render.visible import visible
from tests.conftest import MINI

NASTY = "\\e[2J\\e]0;owned\\a\\x9b31m\\u202eevil\\u2066 [/bold][reverse]r[link=http://x]L"
"""As written inside a double-quoted YAML string."""
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
FORGED = "f.yaml: ok (no problems)"


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in group.commands.items():
        if hasattr(command, "commands"):  # a group (Typer vendors its own Click)
            found += _commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


COMMANDS = _commands(typer.main.get_command(app))


@pytest.fixture
def hostile(tmp_path: Path) -> dict[str, str]:
    """A checklist, an answers file and an invalid answers file, all full of controls."""
    folder = tmp_path / "trust"
    folder.mkdir()
    checklist = MINI.read_text(encoding="utf-8")
    for plain in ("title: Mini test checklist", "title: Basics", "text: Is there a policy?"):
        key, value = plain.split(": ", 1)
        checklist = checklist.replace(plain, f'{key}: "{value} {NASTY}"')
    checklist = checklist.replace("guidance: Look for it.", f'guidance: "Look {NASTY}"')
    (folder / "mini.yaml").write_text(checklist, encoding="utf-8")
    head = (
        'schoolaudit: 1\nchecklist: {id: mini, version: "1.0"}\n'
        f'school: {{name: "Oak {NASTY}", phase: primary, boarding: "no"}}\n'
        f'completed_by: "A. Person {NASTY}"\ndate: 2026-01-10\n'
    )
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        head + f'answers:\n  bas-01: {{answer: "no", note: "N {NASTY}", evidence: "E {NASTY}"}}\n'
        f'  ppl-05: "T {NASTY}"\n',
        encoding="utf-8",
    )
    later = tmp_path / "later.yaml"
    later.write_text(answers.read_text("utf-8").replace('answer: "no"', "answer: yes"), "utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        head.replace("phase: primary", f'phase: "maybe\\n{FORGED} {NASTY}"')
        + f'answers:\n  bas-01: "{NASTY}"\n  "x{NASTY}": yes\n',
        encoding="utf-8",
    )
    return {"dir": str(folder), "checklist": str(folder / "mini.yaml"), "answers": str(answers),
            "later": str(later), "bad": str(bad)}  # fmt: skip


def _invocations(command: tuple[str, ...], f: dict[str, str]) -> list[list[str]]:
    """Ways to run `command` that print file text; a command not known here gets the files."""
    c, a = ["--checklist", f["checklist"]], f["answers"]
    d = ["--checklist-dir", f["dir"]]
    known: dict[tuple[str, ...], list[list[str]]] = {
        ("checklists",): [["--checklist-dir", f["dir"]]],
        ("checklist", "show"): [
            [f["checklist"], "--detail"],
            [f["checklist"], "--format", "json"],
            [f["checklist"], "--format", "markdown"],
        ],
        ("checklist", "lint"): [[f["checklist"]]],
        ("checklist", "questions"): [["--for", "provider", *c]],
        ("validate",): [[a, *c], [f["bad"], *c], [f["bad"], *c, "--format", "json"]],
        ("report",): [
            [a, *c, "--explain"],
            [a, *c, "--json", "-"],
            [a, *c, "--markdown", "-"],
            [f["bad"], *c],
        ],
        ("audit",): [[a, *c, "--review"], [f["bad"], *c]],
        ("diff",): [[a, f["later"], *d], [a, f["later"], *d, "--json", "-"], [f["bad"], a, *d]],
        ("migrate",): [[a, *d, "--dry-run"], [f["bad"], *d, "--dry-run"]],
    }
    return known.get(command, [])


def _guesses(f: dict[str, str]) -> list[list[str]]:
    """For a command this test does not know yet: the hostile files as its arguments."""
    c = ["--checklist", f["checklist"]]
    return [[f["answers"], *c], [f["bad"], *c], [f["answers"], "--checklist-dir", f["dir"]]]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_no_command_passes_controls_from_a_file_to_the_terminal(
    command: tuple[str, ...], hostile: dict[str, str]
) -> None:
    runner = CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1"})
    known = _invocations(command, hostile)
    for args in known or _guesses(hostile):
        result = runner.invoke(app, [*command, *args], input="q\n")
        output = result.stdout + result.stderr
        assert result.exit_code in ((0, 1) if known else (0, 1, 2)), (args, output)
        assert not RAW.findall(output), (args, sorted(set(RAW.findall(output))), output)
        assert not any(line.startswith(FORGED) for line in output.splitlines()), output


def test_the_hostile_text_does_reach_the_output_escaped(hostile: dict[str, str]) -> None:
    """The test above is not passing because nothing was printed."""
    runner = CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1"})
    result = runner.invoke(app, ["report", hostile["answers"], "--checklist", hostile["checklist"]])
    assert "Oak \\x1b[2J\\x1b]0;owned\\x9b31m\\u202eevil\\u2066 [/bold][reverse]r" in result.stdout
    bad = runner.invoke(app, ["validate", hostile["bad"], "--checklist", hostile["checklist"]])
    assert "'maybe\\x0af.yaml: ok (no problems)" in bad.stderr, bad.stderr


def test_visible_leaves_ordinary_text_alone() -> None:
    text = "Oakfield Primary — St Mary's, Ysgol Gymraeg, 東京, emoji 🙂, tab\tand\nnewline"
    assert visible(text) == text
