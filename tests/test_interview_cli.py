"""`schoolaudit audit` through Typer's CliRunner: stdin is not a terminal, so answers are piped.

Every key, the profile prompts, live conditions, resuming, --section and
--review, and the exit statuses. Each test reads the answers file back with
the same loader `validate` uses, so "saved" means "saved and valid".
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from schoolaudit import load_answers, load_checklist
from schoolaudit.cli import app
from schoolaudit.interview.flow import Reply, Scope, first_item, next_item, read_key
from schoolaudit.interview.keyboard import PipedKeyboard
from schoolaudit.model import Answers
from tests.builders import answers
from tests.conftest import MINI

PROFILE_OPTIONS = [
    "--school",
    "Test School",
    "--phase",
    "primary",
    "--urn",
    "123456",
    "--trust",
    "Oak Trust",
    "--completed-by",
    "A. Person, DSL",
    "--date",
    "2026-01-10",
]
PROFILE_LINES = ["n", "Acme"]  # boarding, filtering provider: the mini checklist's own questions

STARTED = """\
# Our audit, started by hand.
schoolaudit: 1
checklist: {id: mini, version: "1.0"}
school:
  name: Test School   # as governors know it
  phase: primary
  boarding: "no"
completed_by: A. Person, DSL
date: 2026-01-10
reviewed_by: The governors   # a key schoolaudit does not know
answers:
"""


def audit(runner: CliRunner, path: Path, lines: list[str], *options: str) -> Result:
    """Run the interview on `path` with `lines` piped in, one per line."""
    return runner.invoke(
        app,
        ["audit", str(path), "--checklist", str(MINI), *options],
        input="".join(line + "\n" for line in lines),
    )


def saved(path: Path) -> Answers:
    return load_answers(str(path), load_checklist(str(MINI)))


def values(path: Path) -> dict[str, object]:
    return {key: answer.value for key, answer in saved(path).answers.items()}


def written(path: Path, item_id: str) -> tuple[object, str | None, str | None]:
    """One item's answer, note and evidence as saved."""
    answer = saved(path).answers[item_id]
    return answer.value, answer.note, answer.evidence


@pytest.fixture
def as_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read the piped lines as a person typing them: a refused line is asked again."""
    monkeypatch.setattr(PipedKeyboard, "interactive", True)


@pytest.fixture
def started(tmp_path: Path) -> Path:
    """An answers file with the profile done and nothing answered."""
    path = tmp_path / "answers.yaml"
    path.write_text(STARTED, encoding="utf-8")
    return path


# -- the profile ------------------------------------------------------------------------------


def test_a_new_file_asks_the_profile_then_the_items(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    lines = ["Oakfield Primary", "2", "100000", "Oak Trust", "y", "", "A. Person, DSL", ""]
    result = audit(runner, path, [*lines, "q"])
    assert result.exit_code == 1, result.output
    answers = saved(path)
    assert dict(answers.school) == {
        "name": "Oakfield Primary",
        "phase": "primary",
        "urn": "100000",
        "trust": "Oak Trust",
        "boarding": "yes",
    }
    assert answers.completed_by == "A. Person, DSL"
    assert answers.date == dt.date.today()  # Enter takes the default
    assert "[bas-01]  1/8" in result.stdout  # boarding: the boarders' item applies


@pytest.mark.usefixtures("as_terminal")
def test_profile_prompts_reask_until_the_value_fits(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    future = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    lines = ["", "Test School", "tertiary", "sec", "12", "", "", "maybe", "n", "", ""]
    result = audit(runner, path, [*lines, "31/02/2025", future, "31/12/2025", "q"])
    out = result.stdout
    assert "! name is needed" in out
    assert "! 'tertiary' is not a phase" in out and "allowed: nursery, primary" in out
    assert "! '12' is not a URN (a URN is 6 digits, like 100000)" in out
    assert "! 'maybe' is not an answer to this question (allowed: yes, no)" in out
    assert "! '31/02/2025' is not a real date (write it as DD/MM/YYYY, e.g. 05/09/2026" in out
    assert f"! {future} is in the future" in out
    answers = saved(path)
    assert answers.school["phase"] == "secondary"  # a prefix only one phase has
    assert answers.date == dt.date(2025, 12, 31)  # typed day first, as UK schools write it
    assert result.exit_code == 1, result.output


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--phase", "tertiary", "'tertiary' is not a phase"),
        ("--urn", "12345", "'12345' is not a URN"),
        ("--date", "2999-01-01", "2999-01-01 is in the future"),
        ("--date", "30/02/2026", "'30/02/2026' is not a real date (write it as DD/MM/YYYY"),
        ("--section", "nope", "mini has no section 'nope' (sections: basics, people, secondary)"),
    ],
)
def test_bad_options_are_usage_errors(
    runner: CliRunner, tmp_path: Path, option: str, value: str, message: str
) -> None:
    path = tmp_path / "new.yaml"
    result = audit(runner, path, [], "--school", "X", option, value)
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.stderr.split())
    assert not path.exists()


def test_options_skip_their_prompts(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    result = audit(runner, path, [*PROFILE_LINES, "q"], *PROFILE_OPTIONS)
    assert result.exit_code == 1, result.output
    assert "School name" not in result.stdout and "Phase" not in result.stdout
    answers = saved(path)
    assert answers.school["urn"] == "123456" and answers.date == dt.date(2026, 1, 10)
    assert answers.school["provider"] == "Acme"


def _builtin_profile(runner: CliRunner, path: Path, lines: list[str], *options: str) -> Result:
    """The built-in checklist's profile, which asks `in_trust` as well as the trust's name."""
    typed = "".join(line + "\n" for line in [*lines, "A. Person", "", "q"])
    return runner.invoke(app, ["audit", str(path), *options], input=typed)


def test_a_trust_named_answers_whether_the_school_is_in_one(
    runner: CliRunner, tmp_path: Path
) -> None:
    """The QA pass: `in_trust` was asked after the trust's name had been given."""
    path = tmp_path / "new.yaml"
    options = ["--school", "X", "--phase", "primary", "--trust", "Oak Trust"]
    result = _builtin_profile(runner, path, ["", "n", "n", "n", "n", "n"], *options)
    assert result.exit_code == 1, result.output
    told = "Is the school part of a multi-academy trust? yes (the trust is named: Oak Trust)\n"
    assert told in result.stdout
    assert "> Oak" not in result.stdout  # nothing typed for it
    school = load_answers(str(path)).school
    assert (school["trust"], school["in_trust"], school["rpa"]) == ("Oak Trust", "yes", "no")


@pytest.mark.parametrize(("in_trust", "named"), [("yes", "Elm Trust"), ("no", None)])
def test_in_a_trust_is_asked_first_and_decides_whether_its_name_is(
    runner: CliRunner, tmp_path: Path, in_trust: str, named: str | None
) -> None:
    path = tmp_path / "new.yaml"
    lines = ["X", "2", "", in_trust[0], *([named] if named else []), "n", "n", "n", "n", "n"]
    result = _builtin_profile(runner, path, lines)
    assert result.exit_code == 1, result.output
    assert ("The trust's name (Enter to leave out)" in result.stdout) == bool(named)
    assert "Trust (Enter if none)" not in result.stdout
    school = load_answers(str(path)).school
    assert (school.get("trust"), school["in_trust"], school["rpa"]) == (named, in_trust, "no")


def test_a_file_in_a_missing_folder_is_refused_before_any_question(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "no-such-folder" / "new.yaml"
    result = audit(runner, path, ["Test School"])
    assert result.exit_code == 2, result.output  # a usage error, as for report's outputs
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for 'ANSWERS.yaml': the folder {path.parent} does not exist "
        "(create it first, or choose another)"
    )
    assert "School name" not in result.stdout


def test_a_new_file_named_like_a_workbook_is_refused_before_any_question(
    runner: CliRunner, tmp_path: Path
) -> None:
    """`audit new.xlsx` wrote YAML under that name; `report` then called it a damaged workbook."""
    path = tmp_path / "new.xlsx"
    result = audit(runner, path, ["Test School"])
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for 'ANSWERS.yaml': {path}: an answers file is YAML; "
        "end its name in .yaml"
    )
    assert not path.exists()


def test_input_that_ends_before_a_name_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    result = audit(runner, path, [])
    assert result.exit_code == 1, result.output
    assert "Nothing was saved" in result.stdout
    assert not path.exists()


# -- every key --------------------------------------------------------------------------------


def test_every_answer_key_and_value_type(runner: CliRunner, started: Path) -> None:
    lines = ["y", "p", "n", "3", "2", "70%", "2025-12-01", "Acme filter"]
    result = audit(runner, started, lines)
    assert result.exit_code == 0, result.output
    assert values(started) == {
        "bas-01": "yes",
        "bas-02": "partial",
        "bas-03": "no",
        "ppl-01": 3,
        "ppl-02": "web",
        "ppl-03": 70,
        "ppl-04": dt.date(2025, 12, 1),
        "ppl-05": "Acme filter",
    }


def test_a_date_that_never_happened_is_answered_n(runner: CliRunner, started: Path) -> None:
    result = audit(runner, started, ["y", "n", "3", "2", "70", "n", "q"])
    assert "  a date as DD/MM/YYYY · n never · u unsure" in result.stdout
    assert values(started)["ppl-04"] == "never"


def test_a_text_item_says_it_is_not_scored(runner: CliRunner, started: Path) -> None:
    result = audit(runner, started, ["y", "n", "3", "2", "70", "2025-12-01", "q"])
    assert "[ppl-05]  7/7 · 1 left · information, optional, not scored\n" in result.stdout
    assert "[ppl-04]  6/7 · 2 left · expected · weight 1\n" in result.stdout


def test_unsure_na_and_words_in_full(runner: CliRunner, started: Path) -> None:
    lines = ["u", "No", "unsure", "active", "100", "na", "u"]
    result = audit(runner, started, lines)
    assert result.exit_code == 0, result.output
    assert values(started) == {
        "bas-01": "unsure",
        "bas-02": "no",
        "ppl-01": "unsure",
        "ppl-02": "active",
        "ppl-03": 100,
        "ppl-04": "na",
        "ppl-05": "unsure",
    }


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["maybe"], "'maybe' is not an answer to bas-01 (allowed: y yes, n no, u unsure; ? help)"),
        (["p"], "'p' is not an answer to bas-01"),  # partial is not a yes/no answer
        (["na"], "'na' is not an answer to bas-01: it cannot be not applicable"),
        (["y", "y", "y", "7"], "'7' is not an answer to ppl-01: a level is 1 to 5"),
        (["y", "y", "y", "3", "4"], "'4' is not an answer to ppl-02 (allowed: 1 Physical"),
        (["y", "y", "y", "3", "2", "120"], "'120' is not an answer to ppl-03: the most it can be"),
        (["y", "y", "y", "3", "2", "lots"], "'lots' is not an answer to ppl-03: write a number"),
        (
            ["y", "y", "y", "3", "2", "9", "2026-02-30"],
            "'2026-02-30' is not an answer to ppl-04: write a real",
        ),
        (
            ["y", "y", "y", "3", "2", "9", "2026-02-01"],
            "'2026-02-01' is not an answer to ppl-04: it is after",
        ),
    ],
)
@pytest.mark.usefixtures("as_terminal")
def test_a_wrong_value_reasks_with_the_allowed_values(
    runner: CliRunner, started: Path, lines: list[str], message: str
) -> None:
    result = audit(runner, started, [*lines, "q"])
    assert result.exit_code == 1, result.output
    shown = " ".join(result.stdout.split())
    assert message in shown and "! '" in shown
    assert "Traceback" not in result.output
    # the item is asked again, and the wrong value was never saved
    item = message.split(" to ")[1][:6]
    assert result.stdout.count(f"[{item}]") == 2
    assert item not in values(started)


def test_a_wrong_piped_line_stops_the_sitting_with_its_line_number(
    runner: CliRunner, started: Path
) -> None:
    """`yes y | schoolaudit audit`: a 'y' at a choice item must not make later lines retries."""
    result = audit(runner, started, ["y", "y", "y", "3", "y", "2", "70", "q"])
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[-1] == (  # after the warning of STARTED's unknown key
        f"{started}: line 5 of the input: 'y' is not an answer to ppl-02 (allowed: "
        "1 Physical supervision only, 2 Internet and web monitoring, 3 Active monitoring, "
        "u unsure)"
    )
    # the answers before it are saved; nothing after it was applied
    assert values(started) == {"bas-01": "yes", "bas-02": "yes", "bas-03": "yes", "ppl-01": 3}
    assert shown(result.stdout)[-1] == "ppl-02" and "> 2" not in result.stdout
    assert "! " not in result.stdout  # not asked again
    assert f"Stopped at line 5 of the input. Every answer before it is saved in {started}." in (
        result.stdout
    )
    assert "Carry on: schoolaudit audit" in result.stdout


def test_a_wrong_piped_line_in_review_exits_1_though_the_file_is_complete(
    runner: CliRunner, started: Path
) -> None:
    audit(runner, started, ["y", "n", "3", "2", "70", "2025-12-01", "Acme"])
    result = audit(runner, started, ["", "maybe", ""], "--review")
    assert result.exit_code == 1, result.output
    assert "line 2 of the input: 'maybe' is not an answer to bas-02" in result.stderr


@pytest.mark.parametrize(
    ("options", "lines", "message", "school"),
    [
        (
            [],
            ["Test School", "tertiary", "2"],
            "line 2 of the input: 'tertiary' is not a phase",
            None,
        ),
        ([], [""], "line 1 of the input: name is needed", None),
        (
            ["--school", "Test School", "--phase", "primary"],
            ["12", "Oak Trust", "n"],
            "line 1 of the input: '12' is not a URN (a URN is 6 digits, like 100000)",
            {"name": "Test School", "phase": "primary"},
        ),
    ],
)
def test_a_wrong_piped_profile_value_stops_the_sitting(
    runner: CliRunner,
    tmp_path: Path,
    options: list[str],
    lines: list[str],
    message: str,
    school: dict[str, str] | None,
) -> None:
    path = tmp_path / "new.yaml"
    result = audit(runner, path, lines, *options)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"{path}: {message}"), result.stderr
    assert len(result.stderr.splitlines()) == 1
    if school is None:
        assert not path.exists() and "Nothing was saved" in result.stdout
    else:  # saved as far as the line before; the trust on the next line was not taken
        assert dict(saved(path).school) == school


def test_question_mark_shows_guidance_evidence_and_references(
    runner: CliRunner, started: Path
) -> None:
    result = audit(runner, started, ["y", "?", "q"])
    out = result.stdout
    assert "How to check: Check the console." in out
    assert "Evidence: A screenshot." in out
    assert "References: Document A, para 2 (check source)" in out
    assert "If not met: Set it up." in out
    assert out.count("[bas-02]") == 2  # asked again after the help


def test_b_goes_back_and_shows_the_answer_to_change(runner: CliRunner, started: Path) -> None:
    result = audit(runner, started, ["y", "b", "n", "q"])
    assert result.exit_code == 1, result.output
    out = result.stdout
    assert out.index("[bas-02]") < out.rindex("[bas-01]")
    assert "now: yes (Enter keeps it)" in out
    assert values(started) == {"bas-01": "no"}
    assert out.rstrip().split("[bas-02]")[-1]  # after the change it carries on at bas-02
    assert out.count("[bas-02]") == 2


def shown(out: str) -> list[str]:
    """The items shown, in order."""
    return re.findall(r"^\[([a-z]+-\d+)\]", out, re.MULTILINE)


def test_after_b_enter_goes_to_the_next_item_even_one_skipped(
    runner: CliRunner, started: Path
) -> None:
    """Skip bas-02, go back to bas-01, Enter: bas-02 comes next, not the item after it."""
    result = audit(runner, started, ["y", "s", "b", "b", "", "y", "y", "q"])
    assert result.exit_code == 1, result.output
    walked = ["bas-01", "bas-02", "ppl-01", "bas-02", "bas-01", "bas-02", "bas-03", "ppl-01"]
    assert shown(result.stdout) == walked  # then on to where b was first typed
    assert values(started) == {"bas-01": "yes", "bas-02": "yes", "bas-03": "yes"}


def test_after_b_a_changed_answer_goes_to_the_next_item_even_one_answered(
    runner: CliRunner, started: Path
) -> None:
    """Back two items, change one: the next is shown (Enter keeps it), not the first unanswered."""
    result = audit(runner, started, ["y", "y", "y", "b", "b", "p", "", "3", "q"])
    assert result.exit_code == 1, result.output
    out = result.stdout
    walked = ["bas-01", "bas-02", "bas-03", "ppl-01", "bas-03", "bas-02", "bas-03", "ppl-01"]
    assert shown(out) == [*walked, "ppl-02"]
    assert "now: yes (Enter keeps it)" in out.split("> p")[1].split("> \n")[0]  # bas-03's
    assert values(started) == {"bas-01": "yes", "bas-02": "partial", "bas-03": "yes", "ppl-01": 3}


def test_once_back_where_b_was_typed_skipped_items_stay_skipped(
    runner: CliRunner, started: Path
) -> None:
    lines = ["s", "y", "b", "", "y", "3", "2", "70", "2025-12-01", "Acme"]
    result = audit(runner, started, lines)
    assert result.exit_code == 1, result.output  # bas-01 is still to answer
    assert shown(result.stdout) == [
        "bas-01",
        "bas-02",
        "bas-03",
        "bas-02",
        "bas-03",
        "ppl-01",
        "ppl-02",
        "ppl-03",
        "ppl-04",
        "ppl-05",
    ]  # bas-01, skipped and never gone back to, is not asked again in this sitting
    assert "bas-01" not in values(started)


def test_b_at_the_first_item_says_so(runner: CliRunner, started: Path) -> None:
    result = audit(runner, started, ["b", "q"])
    assert "This is the first item." in result.stdout
    assert result.stdout.count("[bas-01]") == 2


def test_s_skips_for_now_and_the_item_stays_unanswered(runner: CliRunner, started: Path) -> None:
    result = audit(runner, started, ["s", "n", "3", "2", "70", "2025-12-01", "Acme"])
    assert result.exit_code == 1, result.output  # bas-01 is still to answer
    assert "bas-01" not in values(started)
    assert "6 of 7 applicable items answered, 1 left." in result.stdout
    assert "Carry on: schoolaudit audit" in result.stdout


def test_q_saves_and_quits_with_a_summary_and_the_next_commands(
    runner: CliRunner, started: Path
) -> None:
    result = audit(runner, started, ["y", "q"])
    assert result.exit_code == 1, result.output
    out = result.stdout
    assert f"Saved {started}." in out
    # the summary's count left is the one the header showed at the item where q was typed
    assert "[bas-02]  2/7 · 6 left · " in out
    assert "1 of 7 applicable items answered, 6 left (1 optional)." in out
    assert "Score so far: 26.7 (RED) — unanswered items count as 0." in out
    assert f"Carry on: schoolaudit audit {started} --checklist {MINI}" in out
    assert f"Report:   schoolaudit report {started} --checklist {MINI} --xlsx " in out
    assert values(started) == {"bas-01": "yes"}


def test_enter_reasks_an_unanswered_item(
    runner: CliRunner, started: Path, as_terminal: None
) -> None:
    result = audit(runner, started, ["", "q"])
    assert "Type an answer, or s to skip it for now" in result.stdout
    assert result.stdout.count("[bas-01]") == 2


def test_a_piped_empty_line_at_an_unanswered_item_stops_the_sitting(
    runner: CliRunner, started: Path
) -> None:
    result = audit(runner, started, ["y", "", "y", "y"])
    assert result.exit_code == 1, result.output
    assert f"{started}: line 2 of the input: an empty line at bas-02, which has no answer" in (
        result.stderr
    )
    assert values(started) == {"bas-01": "yes"}  # nothing after the empty line was applied


def test_plus_after_an_answer_asks_for_a_note_and_evidence(
    runner: CliRunner, started: Path
) -> None:
    result = audit(runner, started, ["y+", "Agreed by governors", "Policy v3", "p+", "", "", "q"])
    assert result.exit_code == 1, result.output
    answers = saved(started)
    first = answers.answers["bas-01"]
    assert (first.value, first.note, first.evidence) == ("yes", "Agreed by governors", "Policy v3")
    second = answers.answers["bas-02"]  # Enter skipped both
    assert (second.value, second.note, second.evidence) == ("partial", None, None)


def test_a_dash_at_the_note_prompt_removes_the_note_written(
    runner: CliRunner, started: Path
) -> None:
    """The QA pass: once written, a note could only be replaced, never removed."""
    audit(runner, started, ["y+", "Agreed by governors", "Policy v3", "q"])
    result = audit(runner, started, ["+", "-", "", "q"], "--review")
    assert result.exit_code == 1, result.output
    assert "(Enter keeps it, - removes it, or type a new one)" in result.stdout
    assert written(started, "bas-01") == ("yes", None, "Policy v3")
    audit(runner, started, ["+", "", "-", "q"], "--review")
    assert written(started, "bas-01") == ("yes", None, None)
    assert "  bas-01: yes\n" in started.read_text(encoding="utf-8")  # the short form again


def test_a_dash_removes_a_note_left_on_an_unanswered_item_and_the_entry_goes(
    runner: CliRunner, started: Path
) -> None:
    audit(runner, started, ["+", "Ask the IT lead", "", "q"])
    assert "Ask the IT lead" in started.read_text(encoding="utf-8")
    audit(runner, started, ["+", "-", "", "q"])
    assert "bas-01" not in started.read_text(encoding="utf-8")


def test_a_dash_with_nothing_written_is_not_a_note(runner: CliRunner, started: Path) -> None:
    audit(runner, started, ["y+", "-", "-", "q"])
    assert written(started, "bas-01") == ("yes", None, None)


def test_piped_n_p_u_ask_no_note_so_each_line_is_an_answer(
    runner: CliRunner, started: Path
) -> None:
    result = audit(runner, started, ["n", "n", "u", "q"])
    assert values(started) == {"bas-01": "no", "bas-02": "no", "ppl-01": "unsure"}
    assert "Note:" not in result.stdout


def test_input_that_ends_at_the_note_prompt_keeps_the_answer(
    runner: CliRunner, started: Path
) -> None:
    result = audit(runner, started, ["y", "n+"])
    assert result.exit_code == 1, result.output
    assert values(started) == {"bas-01": "yes", "bas-02": "no"}
    assert "bas-02:\n" not in started.read_text(encoding="utf-8")  # the short form: no note


def test_plus_on_an_unanswered_item_with_nothing_typed_writes_nothing(
    runner: CliRunner, started: Path
) -> None:
    result = audit(runner, started, ["+", "", "", "q"])
    assert result.exit_code == 1, result.output
    assert started.read_text(encoding="utf-8") == STARTED


@pytest.mark.usefixtures("as_terminal")
def test_typed_lines_that_are_not_utf8_are_refused_and_asked_again(
    runner: CliRunner, started: Path
) -> None:
    lines = [b"\xef\xbb\xbfy", b"n+", b"Caf\xe9 policy", "Café policy".encode(), b"", b"q"]
    result = runner.invoke(
        app,
        ["audit", str(started), "--checklist", str(MINI)],
        input=b"".join(line + b"\r\n" for line in lines),  # saved by Notepad: BOM, CRLF
    )
    assert result.exit_code == 1, result.output
    assert "+ Caf\ufffd policy\n! that line is not UTF-8 text, so it was not used" in result.stdout
    answers = saved(started)
    assert values(started) == {"bas-01": "yes", "bas-02": "no"}
    assert answers.answers["bas-02"].note == "Café policy"


def test_a_piped_line_that_is_not_utf8_stops_the_sitting(runner: CliRunner, started: Path) -> None:
    lines = [b"y", b"n", b"3", b"Caf\xe9", b"2"]
    result = runner.invoke(
        app,
        ["audit", str(started), "--checklist", str(MINI)],
        input=b"".join(line + b"\n" for line in lines),
    )
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[-1] == (
        f"{started}: line 4 of the input is not UTF-8 text, so it was not used "
        "(save the input as UTF-8)"
    )
    assert values(started) == {"bas-01": "yes", "bas-02": "no", "ppl-01": 3}


def test_plus_alone_adds_a_note_to_the_answer_given(runner: CliRunner, started: Path) -> None:
    result = audit(runner, started, ["n", "b", "+", "Drafting one", "", "q"])
    assert result.exit_code == 1, result.output
    answer = saved(started).answers["bas-01"]
    assert (answer.value, answer.note) == ("no", "Drafting one")
    assert "[bas-02]" in result.stdout.split("Drafting one")[1]  # then it moves on


# -- conditions are live ----------------------------------------------------------------------


def test_an_answer_makes_a_later_item_apply_and_the_counter_follows(
    runner: CliRunner, started: Path
) -> None:
    result = audit(runner, started, ["y", "y", "q"])
    out = result.stdout
    assert "[bas-02]  2/7 · 6 left" in out
    assert "[bas-03]  3/8 · 6 left" in out  # bas-02 yes: the VPN item now applies


def test_an_answer_stops_a_later_item_applying(runner: CliRunner, started: Path) -> None:
    result = audit(runner, started, ["y", "n", "q"])
    out = result.stdout
    assert "[bas-03]" not in out
    assert "[ppl-01]  3/7 · 5 left" in out


def test_changing_an_answer_after_going_back_changes_what_applies(
    runner: CliRunner, started: Path
) -> None:
    result = audit(runner, started, ["y", "y", "y", "b", "b", "n", "q"])
    out = result.stdout
    assert "[ppl-01]  3/7" in out.split("> n")[-1]  # bas-03 no longer applies
    assert values(started) == {"bas-01": "yes", "bas-02": "no", "bas-03": "yes"}  # kept


def test_a_profile_answer_decides_an_item(runner: CliRunner, tmp_path: Path) -> None:
    lines = ["y", "", "y", "n", "3", "2", "70", "2025-12-01", "Acme", "y"]
    path = tmp_path / "boarding.yaml"
    result = audit(runner, path, lines, *PROFILE_OPTIONS)
    assert result.exit_code == 0, result.output
    assert "[ppl-06]  8/8" in result.stdout
    assert values(path)["ppl-06"] == "yes"


# -- sittings ---------------------------------------------------------------------------------


def test_a_complete_piped_run_exits_0(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "piped.yaml"
    lines = [*PROFILE_LINES, "y", "y", "y", "4", "3", "90", "2025-11-01", "Acme filter"]
    result = audit(runner, path, lines, *PROFILE_OPTIONS)
    assert result.exit_code == 0, result.output
    assert "Complete: 8 of 8 applicable items answered." in result.stdout
    assert "Score: 96.7 (GREEN)." in result.stdout
    assert "Carry on" not in result.stdout
    assert "\x1b[" not in result.output  # no colour codes in a pipe


def test_input_that_runs_out_exits_1_with_every_answer_saved(
    runner: CliRunner, started: Path
) -> None:
    result = audit(runner, started, ["y", "p"])
    assert result.exit_code == 1, result.output
    assert values(started) == {"bas-01": "yes", "bas-02": "partial"}


def test_resume_starts_at_the_first_unanswered_applicable_item(
    runner: CliRunner, started: Path
) -> None:
    audit(runner, started, ["y", "n"])
    result = audit(runner, started, ["q"])
    assert "School name" not in result.stdout
    first = result.stdout.split("[")[1]
    assert first.startswith("ppl-01]  3/7 · 5 left")


def test_resume_keeps_comments_order_and_unknown_keys(runner: CliRunner, started: Path) -> None:
    audit(runner, started, ["y", "n+", "Not yet", "", "q"])
    text = started.read_text(encoding="utf-8")
    assert text.startswith(STARTED.replace("answers:\n", ""))
    assert text.endswith("answers:\n  bas-01: yes\n  bas-02:\n    answer: no\n    note: Not yet\n")


def test_section_answers_one_section(runner: CliRunner, started: Path) -> None:
    result = audit(runner, started, ["3", "2", "70", "2025-12-01", "Acme"], "--section", "people")
    assert result.exit_code == 1, result.output  # the checklist is not complete
    assert "[bas-01]" not in result.stdout
    assert "[ppl-01]  1/5" in result.stdout
    assert set(values(started)) == {"ppl-01", "ppl-02", "ppl-03", "ppl-04", "ppl-05"}


def test_a_section_already_answered_says_so_and_how_to_change_it(
    runner: CliRunner, started: Path
) -> None:
    audit(runner, started, ["y", "n", "q"])
    result = audit(runner, started, [], "--section", "basics")
    assert result.exit_code == 1, result.output  # the rest of the checklist is still to do
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "Every item that applies in Basics is answered. To change an answer, run this again "
        "with --review."
    )
    assert "[bas-01]" not in result.stdout


def test_review_walks_answered_items_and_enter_keeps_them(runner: CliRunner, started: Path) -> None:
    audit(runner, started, ["y", "p", "n"])
    result = audit(runner, started, ["", "y", "", "q"], "--review")
    out = result.stdout
    assert "[bas-01]  1/8" in out and "now: yes (Enter keeps it)" in out
    assert "now: partial (Enter keeps it)" in out
    assert "[bas-03]" in out and "now: no (Enter keeps it)" in out
    assert values(started) == {"bas-01": "yes", "bas-02": "yes", "bas-03": "no"}


NOTED = STARTED + (
    "  bas-01: yes\n"
    "  bas-02:\n"
    "    answer: partial\n"
    "    note: provider role not defined\n"
    "    evidence: Contract\n"
)
"""bas-02 answered partial, with a note and evidence written for that answer."""


@pytest.mark.usefixtures("as_terminal")
def test_a_changed_answer_shows_its_note_and_a_new_one_replaces_it(
    runner: CliRunner, started: Path
) -> None:
    """partial to yes: no note would be offered after a yes, so the old one stayed unseen."""
    started.write_text(NOTED, encoding="utf-8")
    result = audit(runner, started, ["", "y", "Filter set up in May", "", "q"], "--review")
    assert result.exit_code == 1, result.output
    after = result.stdout.split("> y\n")[1]
    assert after.startswith(
        "Note: why, or what is planned (Enter keeps it, - removes it, or type a new one)\n"
        "  now: provider role not defined\n"
        "+ Filter set up in May\n"
        "Evidence: what proves it (A screenshot.) "
        "(Enter keeps it, - removes it, or type a new one)\n"
        "  now: Contract\n"
    ), after
    assert written(started, "bas-02") == ("yes", "Filter set up in May", "Contract")


@pytest.mark.usefixtures("as_terminal")
def test_a_changed_answer_keeps_its_note_with_enter(runner: CliRunner, started: Path) -> None:
    started.write_text(NOTED, encoding="utf-8")
    result = audit(runner, started, ["", "n", "", "", "q"], "--review")
    assert result.exit_code == 1, result.output
    prompt = "Note: why, or what is planned (Enter keeps it, - removes it, or type a new one)\n"
    assert f"> n\n{prompt}" in result.stdout
    assert "  now: provider role not defined\n+ \n" in result.stdout
    assert written(started, "bas-02") == ("no", "provider role not defined", "Contract")


@pytest.mark.usefixtures("as_terminal")
def test_an_answer_kept_or_typed_again_asks_nothing_of_its_note(
    runner: CliRunner, started: Path
) -> None:
    started.write_text(NOTED.replace("answer: partial", "answer: yes"), encoding="utf-8")
    result = audit(runner, started, ["y", "y", "q"], "--review")  # the same answers again
    assert "Note:" not in result.stdout
    assert shown(result.stdout) == ["bas-01", "bas-02", "bas-03"]


def test_a_piped_change_keeps_the_note_without_asking(runner: CliRunner, started: Path) -> None:
    started.write_text(NOTED, encoding="utf-8")
    result = audit(runner, started, ["", "y", "q"], "--review")
    assert "Note:" not in result.stdout
    assert shown(result.stdout) == ["bas-01", "bas-02", "bas-03"]
    answer = saved(started).answers["bas-02"]
    assert (answer.value, answer.note) == ("yes", "provider role not defined")


def test_help_documents_keys_and_exit_statuses(runner: CliRunner) -> None:
    result = runner.invoke(app, ["audit", "--help"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "Exit status: 0 the checklist is complete; 1 items are left" in text
    assert "130 interrupted (answers saved)" in text
    assert "Example: schoolaudit audit answers.yaml" in text


# -- files it must not touch ------------------------------------------------------------------


def test_an_invalid_file_is_reported_like_validate_and_left_alone(
    runner: CliRunner, started: Path
) -> None:
    started.write_text(STARTED + "  bas-01: maybe\n  nope-01: yes\n", encoding="utf-8")
    before = started.read_bytes()
    result = audit(runner, started, ["y"])
    assert result.exit_code == 1, result.output
    validate = runner.invoke(app, ["validate", str(started), "--checklist", str(MINI)])
    assert validate.stderr.splitlines()[:-1] == result.stderr.splitlines()  # the same lines
    assert f"{started}:12:11: 'maybe' is not an answer to bas-01" in result.stderr
    assert started.read_bytes() == before
    assert "[bas-01]" not in result.stdout


def test_a_checklist_given_by_path_must_be_given_again(runner: CliRunner, started: Path) -> None:
    result = runner.invoke(app, ["audit", str(started)], input="y\n")
    assert result.exit_code == 1, result.output
    assert f"{started}:3:17: no checklist with id 'mini'" in result.stderr
    assert "name it again with --checklist PATH" in result.stderr


# -- the main built-in checklist, once --------------------------------------------------------


@pytest.mark.slow
def test_the_main_checklist_can_be_completed_by_piping_answers(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Every profile question and item of `uksic-online-safety`, typed as a person would."""
    main = load_checklist("uksic-online-safety")
    audit_date = dt.date(2026, 1, 10)
    # in_trust is not asked: --trust has named the trust
    lines = ["y" if f.type != "text" else "" for f in main.profile if f.id != "in_trust"]
    given: dict[str, object] = {}
    school = {"phase": "secondary", **{f.id: "yes" for f in main.profile if f.type == "yesno"}}
    item = first_item(main, answers(given, school=school), Scope())
    while item is not None:
        typed = {"level": "3", "choice": "1", "number": "100", "text": "Acme"}.get(item.type, "y")
        typed = "2025-12-01" if item.type == "date" else typed
        lines.append(typed)
        reply = read_key(item, typed, audit_date)
        assert isinstance(reply, Reply), reply
        given[item.id] = reply.value
        item = next_item(main, answers(given, school=school), Scope(), item)
    path = tmp_path / "main.yaml"
    options = [*PROFILE_OPTIONS[:2], "--phase", "secondary", *PROFILE_OPTIONS[4:]]
    result = runner.invoke(
        app, ["audit", str(path), *options], input="".join(f"{line}\n" for line in lines)
    )
    assert result.exit_code == 0, result.output
    assert "Complete:" in result.stdout
    saved_answers = load_answers(str(path), main)
    assert {k: a.value for k, a in saved_answers.answers.items()} == given
    report = runner.invoke(app, ["report", str(path)])
    assert report.exit_code == 0, report.output


def test_resume_asks_a_missing_profile_answer_instead_of_warning(
    runner: CliRunner, started: Path
) -> None:
    started.write_text(STARTED.replace('  boarding: "no"\n', ""), encoding="utf-8")
    result = audit(runner, started, ["y", "q"])
    assert "Does the school have boarding pupils?" in result.stdout
    assert "school.boarding is not answered" not in result.stderr
    assert "warning: unknown key 'reviewed_by'" in result.stderr  # other warnings still show
    assert saved(started).school["boarding"] == "yes"
    assert "[bas-01]  1/8" in result.stdout  # boarding: the boarders' item now applies


def test_a_stop_during_the_profile_after_the_file_exists_says_it_was_saved(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "new.yaml"
    result = audit(runner, path, [], "--school", "Test School", "--phase", "primary")
    assert result.exit_code == 1, result.output
    assert "Nothing was saved" not in result.output
    assert f"Saved {path}." in result.output
    assert load_answers(str(path), load_checklist(str(MINI))).school["name"] == "Test School"


def test_q_at_a_profile_question_stops_and_keeps_what_is_saved(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "new.yaml"
    result = audit(runner, path, ["q"], "--school", "Test School", "--phase", "primary")
    assert result.exit_code == 1, result.output
    assert f"Saved {path}." in result.output
    assert "!" not in result.output  # taken as a command, not refused as a URN
    saved = load_answers(str(path), load_checklist(str(MINI)))
    assert "q" not in saved.school.values()
    nothing = audit(runner, tmp_path / "other.yaml", ["q"])
    assert nothing.exit_code == 1, nothing.output
    assert "Phase" not in nothing.output  # not taken as the school's name
    assert "Nothing was saved" in nothing.output
    assert not (tmp_path / "other.yaml").exists()


# -- resuming a profile that was never finished -----------------------------------------------


def test_resume_after_a_stop_during_the_profile_asks_what_was_never_reached(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Input ended after the phase: URN, trust, the provider and who answers were never asked."""
    path = tmp_path / "r2.yaml"
    audit(runner, path, ["R2 School", "2"])
    result = audit(runner, path, ["100000", "", "n", "Acme", "A. Person, DSL", "q"])
    assert result.exit_code == 1, result.output
    out = result.stdout
    asked = ["URN (6 digits", "Trust (Enter if none)", "boarding pupils?", "filtering?"]
    asked += ["Completed by (name, role)", "[bas-01]"]
    assert [out.index(text) for text in asked] == sorted(out.index(text) for text in asked), out
    assert "School name" not in out and "Phase" not in out and "Audit date" not in out
    answers = saved(path)
    assert answers.completed_by == "A. Person, DSL"
    assert dict(answers.school) == {
        "name": "R2 School",
        "phase": "primary",
        "urn": "100000",
        "boarding": "no",
        "provider": "Acme",
    }
    again = audit(runner, path, ["q"])  # finished now: trust was left out on purpose
    assert "Trust" not in again.stdout and "Completed by" not in again.stdout
    assert again.stdout.startswith("Basics ─"), again.stdout  # straight to the items


def test_resume_without_completed_by_asks_it_and_only_the_blank_optional_questions(
    runner: CliRunner, started: Path
) -> None:
    started.write_text(
        STARTED.replace("completed_by: A. Person, DSL\n", "").replace(
            "  phase: primary\n", "  phase: primary\n  urn: '123456'\n"
        ),
        encoding="utf-8",
    )
    result = audit(runner, started, ["Oak Trust", "", "B. Person, head", "q"])
    assert result.exit_code == 1, result.output
    out = result.stdout
    assert "URN" not in out and "boarding pupils?" not in out  # answered: not asked again
    assert out.index("Trust") < out.index("filtering?") < out.index("Completed by")
    answers = saved(started)
    assert answers.completed_by == "B. Person, head"
    assert (answers.school["urn"], answers.school["trust"]) == ("123456", "Oak Trust")
    assert "provider" not in answers.school  # left out with Enter


def test_resume_of_a_finished_profile_does_not_ask_optional_answers_left_out(
    runner: CliRunner, started: Path
) -> None:
    """STARTED has no URN, trust or provider, but says who answered: the profile was done."""
    result = audit(runner, started, ["q"])
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith("Basics ─"), result.stdout  # straight to the items


def test_q_at_the_note_or_evidence_prompt_quits_and_keeps_what_was_typed(
    runner: CliRunner, started: Path
) -> None:
    result = audit(runner, started, ["n+", "q"])
    assert result.exit_code == 1, result.output
    assert "Saved" in result.output
    answer = load_answers(str(started), load_checklist(str(MINI))).answers["bas-01"]
    assert (answer.value, answer.note, answer.evidence) == ("no", None, None)
    audit(runner, started, ["n+", "Minutes not signed", "q"], "--review")
    answer = load_answers(str(started), load_checklist(str(MINI))).answers["bas-01"]
    assert (answer.value, answer.note, answer.evidence) == ("no", "Minutes not signed", None)


def test_date_option_is_read_day_first(runner: CliRunner, tmp_path: Path) -> None:
    """`--date 05/09/2025` is 5 September 2025, as a UK school writes it; the file holds ISO."""
    path = tmp_path / "new.yaml"
    options = [*PROFILE_OPTIONS[:-1], "05/09/2025"]
    result = audit(runner, path, [*PROFILE_LINES, "q"], *options)
    assert result.exit_code == 1, result.output  # q: items are left
    assert saved(path).date == dt.date(2025, 9, 5)
    assert "date: 2025-09-05" in path.read_text(encoding="utf-8")
