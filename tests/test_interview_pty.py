"""The interview in a real pseudo-terminal: Ctrl-C, a closed terminal, resuming, going back.

Spawns `python -m schoolaudit audit` under pexpect, as a person at a terminal
runs it: stdin is a terminal, so a note is offered after `p`, and signals
arrive from the terminal driver rather than from a test double.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from schoolaudit import load_answers, load_checklist
from tests.conftest import MINI

pexpect = pytest.importorskip("pexpect")

PROFILE = ["--school", "Test School", "--phase", "primary", "--urn", "123456"]
PROFILE += ["--trust", "Oak Trust", "--completed-by", "A. Person", "--date", "2026-01-10"]


def spawn(path: Path, *options: str) -> pexpect.spawn:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80", "TERM": "xterm"}
    command = ["-m", "schoolaudit", "audit", str(path), "--checklist", str(MINI), *options]
    return pexpect.spawn(
        sys.executable, command, env=env, timeout=10, encoding="utf-8", dimensions=(24, 80)
    )


def answer(child: pexpect.spawn, item_id: str, typed: str) -> None:
    """Wait for `item_id`'s prompt, then type `typed`."""
    child.expect_exact(f"[{item_id}]")
    child.expect_exact("> ")
    child.sendline(typed)


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus is None, "killed by a signal instead of exiting cleanly"
    status: int = child.exitstatus
    return status


def values(path: Path) -> dict[str, object]:
    answers = load_answers(str(path), load_checklist(str(MINI)))
    return {key: answer.value for key, answer in answers.answers.items()}


def start(path: Path) -> pexpect.spawn:
    """A new file: the checklist's own profile questions, then the first item."""
    child = spawn(path, *PROFILE)
    child.expect_exact("boarding pupils?")
    child.expect_exact("> ")
    child.sendline("n")
    child.expect_exact("filtering?")
    child.expect_exact("> ")
    child.sendline("")
    return child


def test_ctrl_c_keeps_every_answer_and_resume_goes_on_and_back(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    child = start(path)
    answer(child, "bas-01", "y")
    answer(child, "bas-02", "p")
    child.expect_exact("Note: why, or what is planned")
    child.sendline("Blocks known sites only")
    child.expect_exact("Evidence: what proves it")
    child.sendline("")
    child.expect_exact("[bas-03]")
    child.expect_exact("3/8")  # partial: the VPN item now applies
    child.expect_exact("> ")
    child.sendintr()
    child.expect_exact("Interrupted. Every answer given is saved")
    assert finish(child) == 130
    assert values(path) == {"bas-01": "yes", "bas-02": "partial"}

    child = spawn(path)
    child.expect_exact("[bas-03]")  # resumes at the first unanswered item
    child.expect_exact("3/8 · 6 left")
    child.expect_exact("> ")
    child.sendline("b")
    child.expect_exact("[bas-02]")
    child.expect_exact("2/8")
    child.expect_exact("now: partial · note: Blocks known sites only (Enter keeps it)")
    child.expect_exact("> ")
    child.sendline("y")
    # the answer changed under a note written for the old one: shown, Enter keeps it
    child.expect_exact("Note: why, or what is planned")
    child.expect_exact("(Enter keeps it, - removes it, or type a new one)")
    child.expect_exact("now: Blocks known sites only")
    child.expect_exact("+ ")
    child.sendline("")
    child.expect_exact("Evidence:")
    child.sendline("")
    answer(child, "bas-03", "n")
    child.expect_exact("Note:")  # n is a gap: a note is offered; Enter skips it
    child.sendline("")
    child.expect_exact("Evidence:")
    child.sendline("")
    answer(child, "ppl-01", "q")
    child.expect_exact("3 of 8 applicable items answered, 5 left (1 optional).")
    assert finish(child) == 1
    answers = load_answers(str(path), load_checklist(str(MINI)))
    assert values(path) == {"bas-01": "yes", "bas-02": "yes", "bas-03": "no"}
    assert answers.answers["bas-02"].note == "Blocks known sites only"  # kept with the new answer


def test_ctrl_c_while_a_note_is_typed_keeps_the_answer_given(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    child = start(path)
    answer(child, "bas-01", "y")
    answer(child, "bas-02", "u")
    child.expect_exact("Note: why, or what is planned")
    child.expect_exact("+ ")
    child.send("Ask the IT provid")  # half a note, then Ctrl-C
    child.expect_exact("provid")  # echoed: the line is being edited
    child.sendintr()
    child.expect_exact("Interrupted. Every answer given is saved")
    assert finish(child) == 130
    assert values(path) == {"bas-01": "yes", "bas-02": "unsure"}


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM])
def test_a_closed_terminal_or_a_kill_keeps_every_answer(tmp_path: Path, signum: int) -> None:
    path = tmp_path / "answers.yaml"
    child = start(path)
    answer(child, "bas-01", "n")
    child.expect_exact("Note:")
    child.sendline("Draft with governors")
    child.expect_exact("Evidence:")
    child.sendline("")
    child.expect_exact("[bas-02]")
    child.expect_exact("> ")
    child.kill(signum)
    assert finish(child) == 130
    answers = load_answers(str(path), load_checklist(str(MINI)))
    assert answers.answers["bas-01"].note == "Draft with governors"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.yaml"]  # no temporary file


def test_the_screen_fits_80_columns_and_uses_no_colour(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    child = start(path)
    answer(child, "bas-01", "?")
    answer(child, "bas-01", "y")
    answer(child, "bas-02", "y")
    answer(child, "bas-03", "y")
    answer(child, "ppl-01", "q")
    child.expect(pexpect.EOF)
    screen = child.before
    child.close()
    assert "\x1b[3" not in screen and "\x1b[9" not in screen  # NO_COLOR: no foreground colours
    plain = screen.replace("\x1b[1m", "").replace("\x1b[2m", "").replace("\x1b[3m", "")
    plain = plain.replace("\x1b[0m", "").replace("\x1b[22m", "").replace("\x1b[23m", "")
    # commands to copy are never wrapped, however long their paths; everything else fits
    lines = [line for line in plain.splitlines() if not line.startswith(("Carry on:", "Report:"))]
    assert max(len(line) for line in lines) <= 80, max(lines, key=len)
