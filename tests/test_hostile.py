"""Hostile input and data safety: what an adversarial review broke (issue 15), one test each.

Bad files that only need a message live in the corpus (tests/cases/); these
are the findings that need a process, a pipe, a link or a race to show.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from schoolaudit import answers_file, load_answers, load_checklist
from schoolaudit.answers import AnswerError, parse_answer
from schoolaudit.answers_file import AnswersFile
from schoolaudit.atomic import STALE_SECONDS, write_bytes_atomic
from schoolaudit.catalog import Catalog
from schoolaudit.cli import app
from schoolaudit.interview.keyboard import MAX_LINE_BYTES, LineTooLong, PipedKeyboard
from schoolaudit.problems import ProblemsError
from schoolaudit.render.json_report import json_text
from schoolaudit.render.terminal import make_console
from tests.conftest import MINI, REPO

STARTED = """\
schoolaudit: 1
checklist: {id: mini, version: "1.0"}
school: {name: Test School, phase: primary, boarding: "no"}
completed_by: A. Person, DSL
date: 2026-01-10
answers:
"""
SELF_ALIAS = "&a [*a]\n"
AUDIT = [sys.executable, "-m", "schoolaudit", "audit"]


def run(*args: str, stdin: str = "", timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The real command in a real process, bounded: a hang fails the test, never the suite."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "schoolaudit", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
    )


@pytest.fixture
def started(tmp_path: Path) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(STARTED, encoding="utf-8")
    return path


# -- inputs that hang or run away ----------------------------------------------------------


def test_a_fifo_or_a_device_is_refused_never_waited_on(runner: CliRunner, tmp_path: Path) -> None:
    fifo = tmp_path / "answers.yaml"
    os.mkfifo(fifo)
    folder = tmp_path / "trust"
    folder.mkdir()
    os.mkfifo(folder / "ours.yaml")
    done = run("validate", str(fifo), timeout=30)  # as a person runs it
    assert done.returncode == 1, done.stderr
    assert "is not a regular file" in done.stderr, done.stderr
    done = run("audit", "/dev/zero", timeout=30)  # once read until MemoryError
    assert done.returncode == 2, done.stderr
    assert "/dev/zero: it is a device, pipe or socket, not a file" in done.stderr
    for args in (
        ["report", str(REPO / "examples" / "oakfield-primary.yaml"), "--checklist", str(fifo)],
        ["checklists", "--checklist-dir", str(folder)],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 1, (args, result.output)
        assert "is not a regular file" in result.stderr, result.stderr


def test_a_self_referencing_alias_ends_every_command(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "f.yaml"
    bad.write_text(SELF_ALIAS, encoding="utf-8")
    folder = tmp_path / "trust"
    folder.mkdir()
    (folder / "f.yaml").write_text(SELF_ALIAS, encoding="utf-8")
    example = str(REPO / "examples" / "oakfield-primary.yaml")
    for args in (
        ["validate", str(bad)],
        ["report", str(bad)],
        ["checklist", "lint", str(bad)],
        ["audit", str(bad)],
        ["checklists", "--checklist-dir", str(folder)],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 1, (args, result.output)
        assert "f.yaml:1:1: an alias refers to itself" in result.stderr, (args, result.stderr)
    # a broken checklist in the folder is not used, and does not stop a file that needs another
    result = runner.invoke(app, ["validate", example, "--checklist-dir", str(folder)])
    assert result.exit_code == 0, result.output


# -- numbers ------------------------------------------------------------------------------


def test_huge_numbers_typed_anywhere_are_input_errors(runner: CliRunner, started: Path) -> None:
    digits = "1" * 5000
    result = runner.invoke(app, ["audit", str(started), "--phase", digits])
    assert result.exit_code == 2, result.output
    checklist = load_checklist(str(MINI))
    with pytest.raises(AnswerError):
        parse_answer(checklist.item_by_id["ppl-01"], digits)  # a level
    result = runner.invoke(
        app, ["audit", str(started), "--checklist", str(MINI)], input=f"y\np\nn\n{digits}\n"
    )
    assert result.exit_code == 1, result.output
    assert "line 4 of the input" in result.stderr, result.stderr


def test_a_huge_number_at_a_profile_prompt_is_asked_again(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(
        app,
        ["audit", str(tmp_path / "new.yaml"), "--checklist", str(MINI)],
        input="Oakfield\n" + "1" * 5000 + "\n",
    )
    assert result.exit_code == 1, result.output
    assert "is not a phase" in result.stderr, result.stderr


def test_json_outputs_refuse_nan() -> None:
    with pytest.raises(ValueError):
        json_text({"score": float("nan")})


# -- sizes --------------------------------------------------------------------------------


def test_the_interview_never_saves_a_file_the_tool_would_refuse(
    started: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 6 MB note once saved fine, then every command said "file is too large"."""
    monkeypatch.setattr(answers_file, "MAX_FILE_BYTES", 4096)  # the same rule, a quicker test
    checklist = load_checklist(str(MINI))
    file = AnswersFile.open(str(started), checklist)
    before = started.read_bytes()
    file.set_answer("bas-01", "yes", note="x" * 5000)
    with pytest.raises(ProblemsError, match="too large to read back"):
        file.save()
    assert started.read_bytes() == before


def test_an_overlong_piped_line_is_refused_without_reading_it_all(
    runner: CliRunner, started: Path
) -> None:
    import io

    keyboard = PipedKeyboard(make_console(), io.StringIO("x" * (MAX_LINE_BYTES * 3) + "\ny\n"))
    with pytest.raises(LineTooLong):
        keyboard.read("> ")
    assert keyboard.read("> ") == "y"  # the rest of the long line was skipped
    lines = "y\np+\n" + "n" * (MAX_LINE_BYTES + 1) + "\n"
    result = runner.invoke(app, ["audit", str(started), "--checklist", str(MINI)], input=lines)
    assert result.exit_code == 1, result.output
    assert f"line 3 of the input is longer than {MAX_LINE_BYTES:,} bytes" in result.stderr


# -- two sittings on one file --------------------------------------------------------------


@pytest.mark.slow
def test_two_sittings_answering_at_once_lose_nothing(started: Path) -> None:
    """Two real `audit` processes on one file, one section each, their lines interleaved."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    sittings = {
        "basics": ["y", "p", "n"],
        "people": ["3", "2", "70%", "2025-12-01", "Acme filter"],
    }
    processes = {
        section: subprocess.Popen(
            [*AUDIT, str(started), "--checklist", str(MINI), "--section", section],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for section in sittings
    }
    for turn in range(5):
        for section, lines in sittings.items():
            if turn < len(lines):
                stdin = processes[section].stdin
                assert stdin is not None
                stdin.write(lines[turn] + "\n")
                stdin.flush()
        time.sleep(0.05)
    errors = {}
    for section, process in processes.items():
        _, errors[section] = process.communicate(timeout=60)
    values = {
        k: a.value for k, a in load_answers(str(started), load_checklist(str(MINI))).answers.items()
    }
    assert values == {
        "bas-01": "yes",
        "bas-02": "partial",
        "bas-03": "no",
        "ppl-01": 3,
        "ppl-02": "web",
        "ppl-03": 70,
        "ppl-04": dt.date(2025, 12, 1),
        "ppl-05": "Acme filter",
    }, errors


# -- where files are written ---------------------------------------------------------------


def test_saving_through_a_link_keeps_the_link(tmp_path: Path, started: Path) -> None:
    synced = tmp_path / "synced"
    synced.mkdir()
    target = synced / "answers.yaml"
    started.rename(target)
    link = tmp_path / "linked.yaml"
    link.symlink_to(target)
    checklist = load_checklist(str(MINI))
    file = AnswersFile.open(str(link), checklist)
    file.set_answer("bas-01", "yes")
    file.save()
    assert link.is_symlink() and link.resolve() == target
    assert load_answers(str(target), checklist).answers["bas-01"].value == "yes"
    assert sorted(p.name for p in synced.iterdir()) == ["answers.yaml"]


def test_a_device_fifo_or_folder_is_never_an_output(runner: CliRunner, tmp_path: Path) -> None:
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    example = str(REPO / "examples" / "oakfield-primary.yaml")
    devices = [d for d in ("/dev/full",) if os.path.exists(d) and stat.S_ISCHR(os.stat(d).st_mode)]
    # (not /dev/null: on a shared machine, older code elsewhere may have replaced it meanwhile)
    for option, out in [("--json", str(fifo)), *(("--markdown", d) for d in devices)]:
        result = runner.invoke(app, ["report", example, option, out])
        assert result.exit_code == 2, result.output
        assert "not a file" in result.stderr
        assert not stat.S_ISREG(os.stat(out).st_mode)
    result = runner.invoke(app, ["report", example, "--json", str(tmp_path)])
    assert result.exit_code == 2, result.output  # a folder
    with pytest.raises(OSError, match="not a file"):
        write_bytes_atomic(fifo, b"{}")


def test_a_killed_writers_temporary_files_are_removed_by_the_next_save(started: Path) -> None:
    stale = started.parent / f".{started.name}.k1ll3d.tmp"
    fresh = started.parent / f".{started.name}.busy.tmp"  # another writer, mid-write
    stale.write_text("half", encoding="utf-8")
    fresh.write_text("half", encoding="utf-8")
    old = time.time() - STALE_SECONDS - 60
    os.utime(stale, (old, old))
    write_bytes_atomic(started, started.read_bytes())
    assert not stale.exists() and fresh.exists()


def test_a_checklist_named_inside_a_file_is_looked_up_by_id_only() -> None:
    with pytest.raises(ProblemsError) as raised:
        Catalog().by_id(str(MINI))
    assert raised.value.problems[0].code == "catalog/unknown"


# -- what a person sees --------------------------------------------------------------------


def test_a_note_holding_xml_illegal_characters_makes_a_readable_workbook(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(STARTED + '  bas-01: {answer: "no", note: "a\\uFFFEb\\uFFFF"}\n', "utf-8")
    out = tmp_path / "report.xlsx"
    result = runner.invoke(app, ["report", str(path), "--checklist", str(MINI), "--xlsx", str(out)])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out)["Answers"]
    notes = [c.value for row in sheet.iter_rows() for c in row if c.value == "a\ufffdb\ufffd"]
    assert notes, "the note is kept, its illegal characters shown as U+FFFD"


def test_markup_in_file_text_is_printed_as_typed(runner: CliRunner, tmp_path: Path) -> None:
    checklist = tmp_path / "marked.yaml"
    checklist.write_text(
        MINI.read_text(encoding="utf-8").replace("title: Basics", 'title: "[/x] S"'), "utf-8"
    )
    path = tmp_path / "answers.yaml"
    path.write_text(
        STARTED + '  bas-01: "no"\n  ppl-05: "[/bold] [reverse]r[/reverse] [link=http://x]L"\n',
        "utf-8",
    )
    result = runner.invoke(app, ["report", str(path), "--checklist", str(checklist), "--explain"])
    assert result.exit_code == 0, result.output
    assert "[/x] S" in result.stdout
    assert "[/bold] [reverse]r[/reverse] [link=http://x]L" in result.stdout


def test_a_note_cannot_become_a_remote_image_in_markdown(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(STARTED + '  bas-01: {answer: "no", note: "![x](http://t.example/p.png)"}\n')
    result = runner.invoke(app, ["report", str(path), "--checklist", str(MINI), "--markdown", "-"])
    assert result.exit_code == 0, result.output
    assert "![x](" not in result.stdout and "\\!\\[x\\](http" in result.stdout


def test_an_id_that_names_a_file_in_the_current_folder_is_still_only_an_id(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`checklist: {id: leak}` with a file `leak` where the trust runs the tool: never read."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "leak").write_text("SECRET first line of a trust's own file\n", "utf-8")
    path = tmp_path / "answers.yaml"
    path.write_text(STARTED.replace("{id: mini,", "{id: leak,"), "utf-8")
    trust = tmp_path / "trust"
    trust.mkdir()
    for name in ("mini.yaml", "mini-view.yaml"):
        shutil.copy(REPO / "tests" / "data" / name, trust / name)
    view = ["--checklist", str(trust / "mini-view.yaml"), "--checklist-dir", str(trust)]
    for args in (["validate", str(path)], ["report", str(path), *view]):
        result = runner.invoke(app, args)
        assert result.exit_code == 1, result.output
        assert "SECRET" not in result.output, result.output
        assert "no checklist with id 'leak'" in result.stderr, result.stderr
