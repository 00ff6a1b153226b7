"""Every command's --help ends with an example, and the example runs as written.

A newcomer copies the example first: it must not be a usage error (2) or a bug (3).
Each runs in a folder holding the files it names (an answers file, a trust's
checklist folder), so a renamed option or command shows up here.
"""

from __future__ import annotations

import glob
import itertools
import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from schoolaudit.cli import app
from tests.conftest import MINI, REPO, app_commands

OUTPUT_OPTIONS = {"-o", "--output", "--xlsx", "--json", "--markdown", "--pdf", "--csv"}
COMMANDS = app_commands()  # read from the app: a new command's example is run too


def _example(command: list[str]) -> list[str]:
    help_text = CliRunner(env={"NO_COLOR": "1"}).invoke(app, [*command, "--help"]).stdout
    found = re.search(r"Example: schoolaudit (.+?)\n\s*\n", help_text, re.S)
    assert found, f"{' '.join(command)} --help has no example:\n{help_text}"
    return shlex.split(" ".join(found.group(1).split()))  # Click wraps help at 80 columns


def _stage(folder: Path) -> None:
    """The files the examples name: answers, a folder of answers, a trust's checklists."""
    sample = REPO / "examples" / "oakfield-primary.yaml"
    shutil.copy(sample, folder / "answers.yaml")
    for year in ("2025", "2026"):  # two audits of one school, for diff
        shutil.copy(sample, folder / f"oakfield-{year}.yaml")
    (folder / "answers").mkdir()
    shutil.copy(sample, folder / "answers" / "oakfield.yaml")
    (folder / "trust-checklists").mkdir()
    shutil.copy(MINI, folder / "trust-checklists" / "our-audit.yaml")
    shutil.copy(sample, folder / "oakfield-2025.yaml")  # last year's, to prefill a template
    _filled_template(sample, folder / "oakfield-filled.xlsx")


def _filled_template(answers: Path, path: Path) -> None:
    """A template holding the sample school's answers, as a school sends it back."""
    from schoolaudit.answers import load_answers
    from schoolaudit.catalog import Catalog
    from schoolaudit.render.template import render_template
    from tests.templates import fill

    last_year = load_answers(str(answers))
    path.write_bytes(render_template(Catalog().get(last_year.checklist_id), last_year))
    fill(path, {"date": last_year.date.strftime("%d/%m/%Y")})


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_example_runs(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    words = _example(command)
    assert words[: len(command)] == command
    monkeypatch.chdir(tmp_path)
    _stage(tmp_path)
    outputs = {after for before, after in itertools.pairwise(words) if before in OUTPUT_OPTIONS}
    for word in words:  # any other answers file an example names (diff's two years): the sample
        if word in outputs:
            continue  # a file the example writes (import -o), not one it reads
        if word.endswith(".yaml") and not (tmp_path / word).exists() and "/" not in word:
            shutil.copy(REPO / "examples" / "oakfield-primary.yaml", tmp_path / word)
    expanded = [match for word in words for match in (sorted(glob.glob(word)) or [word])]
    if command == ["audit"]:  # a new file: the profile comes from the example's options
        (tmp_path / "answers.yaml").unlink()
    result = CliRunner(env={"NO_COLOR": "1"}).invoke(app, expanded, input="")
    assert result.exit_code in (0, 1), result.output
    assert "internal error" not in result.output
    assert "Traceback" not in result.output
