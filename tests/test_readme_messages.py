"""Every message the README and docs quote is what the tool prints.

A quoted message (`answers.yaml:44:11: …` or `answers.yaml: line 1 of the
input: …`) must have a recipe here that makes the tool print it, from a copy of
an example school; `…` in a quote stands for the rest of the line. A new quote
without a recipe fails, as a stale one does. (docs/problems.md's examples are
checked against the test corpus by tests/test_codes.py.)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from schoolaudit.cli import app
from tests.conftest import REPO

OAKFIELD = REPO / "examples" / "oakfield-primary.yaml"
QUOTED = re.compile(
    r"[\w-]+\.(?:yaml|xlsx):(?:\d+:\d+:| line \d+ of the input:|\w+!\w+:) [^`\n]*(?:\n[^`\n]+)?"
)


def _school(folder: Path, edit: Callable[[str], str]) -> Path:
    path = folder / "answers.yaml"
    path.write_text(edit(OAKFIELD.read_text(encoding="utf-8")), encoding="utf-8")
    return path


def _maybe_for_flt_03(folder: Path) -> str:
    _school(folder, lambda text: text.replace("\n  flt-03: yes\n", "\n  flt-03: maybe\n"))
    return CliRunner().invoke(app, ["validate", "answers.yaml"]).stderr


def _maybe_in_a_filled_template(folder: Path) -> str:
    """Oakfield's answers in a template (as the school gets it back), flt-03 typed `maybe`."""
    import datetime as dt

    from openpyxl import load_workbook

    made = CliRunner().invoke(app, ["template", "--xlsx", "t.xlsx", "--prefill", str(OAKFIELD)])
    assert made.exit_code == 0, made.output
    book = load_workbook(folder / "t.xlsx")
    row = next(r for r in book["Answers"].iter_rows() if r[0].value == "flt-03")
    row[3].value = "maybe"
    book["School"]["C14"] = dt.date(2026, 11, 20)  # the audit date the school fills in
    book.save(folder / "oakfield-2026.xlsx")
    return CliRunner().invoke(app, ["validate", "oakfield-2026.xlsx"]).stderr


def _piped_y_at_mon_02(folder: Path) -> str:
    _school(folder, lambda text: re.sub(r"\n  mon-02: \S+", "", text))
    runner = CliRunner()
    return runner.invoke(app, ["audit", "answers.yaml", "--section", "monitoring"], "y\n").stderr


RECIPES: dict[str, Callable[[Path], str]] = {
    "yaml:44:11: 'maybe' is not an answer to flt-03": _maybe_for_flt_03,
    "xlsx:Answers!D20: 'maybe' is not an answer to flt-03": _maybe_in_a_filled_template,
    "line 1 of the input: 'y' is not an answer to mon-02": _piped_y_at_mon_02,
}


def _quotes() -> list[tuple[str, str]]:
    found = []
    for doc in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        if doc.name == "problems.md":
            continue
        for quote in QUOTED.findall(doc.read_text(encoding="utf-8")):
            found.append((doc.name, " ".join(quote.split())))
    return found


def test_the_docs_quote_messages() -> None:
    assert _quotes(), "the README quotes no message: has QUOTED gone stale?"


@pytest.mark.parametrize(("doc", "quote"), _quotes(), ids=lambda v: v[:40])
def test_a_quoted_message_is_what_the_tool_prints(
    doc: str, quote: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recipe = next((make for says, make in RECIPES.items() if says in quote), None)
    assert recipe is not None, f"{doc} quotes a message with no recipe here: {quote}"
    monkeypatch.chdir(tmp_path)
    printed = recipe(tmp_path).splitlines()
    wanted = re.escape(quote.rstrip(".")).replace("…", ".*")
    assert any(re.fullmatch(wanted, line) for line in printed), (quote, printed)
