"""`schoolaudit checklist questions --for provider`: the list a school emails its provider.

Only items marked `ask: provider`, in checklist order, each numbered with its id after one
opening line; plain text by default, Markdown on request; `--for` takes only `provider`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from schoolaudit import load_checklist
from schoolaudit.catalog import DEFAULT_CHECKLIST, Catalog
from schoolaudit.cli import app
from schoolaudit.interview.flow import Progress
from schoolaudit.interview.screen import help_screen, item_screen
from schoolaudit.render.checklist_doc import checklist_markdown
from schoolaudit.render.questions import OPENING, questions_for
from tests.conftest import MINI, REPO


@pytest.fixture
def mini_with_provider_items(tmp_path: Path) -> Path:
    """The mini checklist with bas-03 (VPN blocking) and one later item asked of the provider."""
    text = MINI.read_text(encoding="utf-8")
    for guidance in ("Try a VPN.", "Check the console."):
        line = f"        guidance: {guidance}\n"
        text = text.replace(line, "        ask: provider\n" + line)
    path = tmp_path / "mini-provider.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_lists_the_provider_items_numbered_with_their_ids(
    runner: CliRunner, mini_with_provider_items: Path
) -> None:
    result = runner.invoke(
        app, ["checklist", "questions", "--for", "provider", "-c", str(mini_with_provider_items)]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Questions for our provider: Mini test checklist (version 1.0)"
    assert lines[2] == OPENING
    assert [line for line in lines if re.match(r"\d+\. ", line)] == [
        "1. [bas-02] Is the filter set up?",
        "2. [bas-03] Does the filter block VPNs?",
    ]
    assert lines[-1] == "2. [bas-03] Does the filter block VPNs?"  # no school-side jargon after
    assert "bas-01" not in result.stdout


def test_markdown_escapes_file_text(runner: CliRunner, mini_with_provider_items: Path) -> None:
    path = mini_with_provider_items
    path.write_text(
        path.read_text(encoding="utf-8").replace("Does the filter block VPNs?", "Is <b>it</b> on?"),
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["checklist", "questions", "--for", "provider", "-c", str(path), "-f", "markdown"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Questions for our provider: Mini test checklist")
    assert "2. **bas-03** Is &lt;b&gt;it&lt;/b&gt; on?" in result.stdout.splitlines()


def test_a_checklist_with_no_provider_items_says_so(runner: CliRunner) -> None:
    result = runner.invoke(app, ["checklist", "questions", "--for", "provider", "-c", str(MINI)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "No item of mini is marked as one only the provider can answer" in result.stderr


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--for", "parents"], "Invalid value for '--for'"),
        ([], "Missing option '--for'"),
        (["--for", "provider", "-c", "no-such-checklist"], "no-such-checklist"),
    ],
)
def test_usage_errors_exit_2_in_words(
    runner: CliRunner, arguments: list[str], message: str
) -> None:
    result = runner.invoke(app, ["checklist", "questions", *arguments])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_the_main_checklist_is_the_default(runner: CliRunner) -> None:
    result = runner.invoke(app, ["checklist", "questions", "--for", "provider"])
    assert result.exit_code == 0, result.output
    main = Catalog().get(DEFAULT_CHECKLIST)
    asked = questions_for(main, "provider")
    assert asked, "the main checklist asks its provider something"
    assert re.findall(r"^\d+\. \[([a-z]+-\d\d)\]", result.stdout, re.M) == [i.id for i in asked]
    assert f"({main.version})" in result.stdout or f"version {main.version}" in result.stdout


def test_the_list_can_be_saved_to_a_file_from_a_real_shell(tmp_path: Path) -> None:
    """What a school does: run it in a terminal and keep the text to paste into an email."""
    out = tmp_path / "questions-for-provider.txt"
    with out.open("w", encoding="utf-8") as handle:
        done = subprocess.run(
            [sys.executable, "-m", "schoolaudit", "checklist", "questions", "--for", "provider"],
            stdout=handle,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            env={**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"},
        )
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    assert OPENING in text
    assert "\x1b[" not in text  # plain text, no terminal colour codes


def test_the_docs_mark_the_items_to_ask_the_provider(mini_with_provider_items: Path) -> None:
    markdown = checklist_markdown(load_checklist(str(mini_with_provider_items)))
    assert "| `bas-03` | Does the filter block VPNs? (ask the provider) |" in markdown
    assert "| `bas-01` | Is there a policy? |" in markdown


def test_the_interview_says_when_to_ask_the_provider(mini_with_provider_items: Path) -> None:
    checklist = load_checklist(str(mini_with_provider_items))
    where = Progress(position=3, total=7, left=5)
    console = Console(record=True, width=80, color_system=None)
    console.print(item_screen(checklist.item_by_id["bas-03"], where, None))
    console.print(item_screen(checklist.item_by_id["bas-01"], where, None))
    lines = console.export_text().splitlines()
    assert lines[0] == "[bas-03]  3/7 · 5 left · recommended · weight 1 · ask your provider"
    assert not any("provider" in line for line in lines[1:])


def test_help_on_a_provider_item_says_to_ask_the_provider(mini_with_provider_items: Path) -> None:
    """The QA pass: `?` named the owner role as who answers, where only the provider can."""
    checklist = load_checklist(str(mini_with_provider_items))
    console = Console(record=True, width=80, color_system=None)
    console.print(help_screen(checklist, checklist.item_by_id["bas-03"]))
    console.print(help_screen(checklist, checklist.item_by_id["bas-01"]))
    lines = [line.rstrip() for line in console.export_text().splitlines()]
    ask = "Ask your provider: only the filtering or monitoring provider can answer this;"
    at = lines.index(ask)
    assert lines[at + 1 : at + 4] == [
        "  send them the list of such questions:",
        "    schoolaudit checklist questions --for provider --checklist FILE",
        "Followed up at school by: IT lead",
    ]
    assert "Usually answered by: IT lead" not in lines[:at]
    assert "Usually answered by: DSL" in lines[at:]  # bas-01, which the school answers


def test_control_characters_in_a_question_are_shown_not_obeyed(
    runner: CliRunner, mini_with_provider_items: Path
) -> None:
    path = mini_with_provider_items
    text = path.read_text(encoding="utf-8").replace(
        "Does the filter block VPNs?", '"Does the filter \\e[2J block VPNs?"'
    )
    path.write_text(text, encoding="utf-8")
    for output_format in ("text", "markdown"):
        arguments = ["--for", "provider", "-c", str(path), "-f", output_format]
        result = runner.invoke(app, ["checklist", "questions", *arguments])
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.stdout
        assert "filter \\x1b[2J block" in result.stdout.replace("\\\\", "\\").replace("\\[", "[")
