"""Stopping safely: signals held during a save, Ctrl-C, and two interviews on one file."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from schoolaudit import load_checklist
from schoolaudit.answers_file import AnswersFile
from schoolaudit.interview.keyboard import (
    NotText,
    PipedKeyboard,
    SignalGuard,
    Stopped,
    TerminalKeyboard,
)
from tests.conftest import MINI
from tests.test_interview_cli import STARTED, audit, values


@pytest.fixture
def started(tmp_path: Path) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(STARTED, encoding="utf-8")
    return path


def test_a_signal_during_a_save_waits_until_the_save_is_done() -> None:
    done: list[str] = []
    with SignalGuard() as guard:
        with pytest.raises(Stopped) as raised, guard.saving():
            os.kill(os.getpid(), signal.SIGINT)
            done.extend(["written", "renamed"])  # the rest of the save still runs
        assert done == ["written", "renamed"]
        assert raised.value.signum == signal.SIGINT


def test_a_signal_between_saves_stops_at_once() -> None:
    with SignalGuard(), pytest.raises(Stopped) as raised:
        os.kill(os.getpid(), signal.SIGHUP)
        for _ in range(1000):  # the handler runs between bytecodes; never reached the end
            pass
        pytest.fail("the signal did not stop the interview")
    assert raised.value.signum == signal.SIGHUP


def test_the_guard_puts_the_old_handlers_back() -> None:
    before = {signum: signal.getsignal(signum) for signum in SignalGuard.SIGNALS}
    with SignalGuard():
        assert signal.getsignal(signal.SIGINT) is not before[signal.SIGINT]
    assert {signum: signal.getsignal(signum) for signum in SignalGuard.SIGNALS} == before


def _script(monkeypatch: pytest.MonkeyPatch, before_line: dict[int, object]) -> None:
    """Make the piped keyboard run `before_line[n]` (a callable or an exception) before line n."""
    read = PipedKeyboard.read
    count = {"lines": 0}

    def scripted(self: PipedKeyboard, prompt: str) -> str:
        count["lines"] += 1
        event = before_line.get(count["lines"])
        if isinstance(event, BaseException):
            raise event
        if callable(event):
            event()
        return read(self, prompt)

    monkeypatch.setattr(PipedKeyboard, "read", scripted)


def test_ctrl_c_at_a_prompt_exits_130_with_every_answer_saved(
    runner: CliRunner, started: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _script(monkeypatch, {3: KeyboardInterrupt()})
    result = audit(runner, started, ["y", "p", "y"])
    assert result.exit_code == 130, result.output
    assert f"Interrupted. Every answer given is saved in {started}." in result.stdout
    assert "Carry on: schoolaudit audit" in result.stdout
    assert values(started) == {"bas-01": "yes", "bas-02": "partial"}


def test_a_second_interview_on_the_same_file_is_merged_not_overwritten(
    runner: CliRunner, started: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def other_interview() -> None:
        other = AnswersFile.open(str(started), load_checklist(str(MINI)))
        other.set_answer("ppl-01", 2)
        other.save()

    _script(monkeypatch, {2: other_interview})
    result = audit(runner, started, ["y", "y", "y"])
    assert result.exit_code == 1, result.output  # input ended with items left
    # both interviews' answers are there: ours before and after the other's save, and theirs
    assert values(started) == {"bas-01": "yes", "bas-02": "yes", "bas-03": "yes", "ppl-01": 2}


def test_a_sitting_that_replaces_another_sittings_answer_says_so(
    runner: CliRunner, started: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def other_interview() -> None:
        other = AnswersFile.open(str(started), load_checklist(str(MINI)))
        other.set_answer("bas-02", "no")
        other.save()

    _script(monkeypatch, {2: other_interview})
    result = audit(runner, started, ["y", "y"])
    assert (
        "! bas-02 had just been answered in another sitting on this file; "
        "this sitting's answer replaced it"
    ) in result.stdout, result.stdout
    assert values(started) == {"bas-01": "yes", "bas-02": "yes"}


@pytest.mark.parametrize(
    "typed",
    [
        UnicodeDecodeError("utf-8", b"Caf\xe9", 3, 4, "invalid continuation byte"),  # strict
        "Caf\udce9 policy",  # surrogateescape: the byte kept as a lone surrogate
    ],
)
def test_a_terminal_line_that_is_not_utf8_is_refused(
    monkeypatch: pytest.MonkeyPatch, typed: object
) -> None:
    """Without readline (which drops such bytes), `input()` hands them on or fails to decode."""

    def fake_input(prompt: str) -> str:
        if isinstance(typed, BaseException):
            raise typed
        return str(typed)

    monkeypatch.setattr("builtins.input", fake_input)
    with pytest.raises(NotText):
        TerminalKeyboard().read("+ ")
