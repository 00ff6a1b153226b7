"""The answers-file editor: what a person wrote survives, and no save ever loses an answer."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from schoolaudit import load_answers, load_checklist
from schoolaudit.answers_file import AnswersFile, ChangedOnDisk
from schoolaudit.model import Answers, AnswerValue, Checklist
from schoolaudit.problems import ProblemsError
from tests.conftest import MINI

HAND_WRITTEN = """\
# Oakfield's audit. Ask the DSL before changing anything.
schoolaudit: 1
checklist: {id: mini, version: "1.0"}
school:
  name: Oakfield Primary   # as governors know it
  phase: primary
  boarding: no
date: 2026-01-10
reviewed_by: The governors   # not a schoolaudit key: kept
answers:
  # The policy was re-approved in December.
  bas-01: yes   # see the minutes
  ppl-02: {answer: web, note: "Smoothwall", evidence: Contract}
  ppl-03: 70
"""


@pytest.fixture
def checklist() -> Checklist:
    return load_checklist(str(MINI))


@pytest.fixture
def hand_written(tmp_path: Path) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    return path


def test_comments_order_and_unknown_keys_survive_edits(
    hand_written: Path, checklist: Checklist
) -> None:
    file = AnswersFile.open(str(hand_written), checklist)
    file.set_answer("bas-01", "no")
    file.set_answer("bas-02", "partial")  # new: goes between bas-01 and ppl-02
    file.set_answer("ppl-02", "active")  # long form: keeps its note and evidence
    file.set_answer("ppl-04", dt.date(2025, 12, 1))  # new: after ppl-03
    file.save()
    assert hand_written.read_text(encoding="utf-8") == HAND_WRITTEN.replace(
        "  bas-01: yes   # see the minutes\n",
        "  bas-01: no    # see the minutes\n  bas-02: partial\n",
    ).replace("{answer: web,", "{answer: active,").replace(
        "  ppl-03: 70\n", "  ppl-03: 70\n  ppl-04: 2025-12-01\n"
    )


def test_a_note_or_evidence_makes_the_long_form(hand_written: Path, checklist: Checklist) -> None:
    file = AnswersFile.open(str(hand_written), checklist)
    file.set_answer("bas-02", "no", note="Waiting for the new firewall", evidence="Ticket 42")
    answers = file.save()
    assert "  bas-02:\n    answer: no\n    note: Waiting for the new firewall\n" in (
        hand_written.read_text(encoding="utf-8")
    )
    answer = answers.answers["bas-02"]
    assert (answer.value, answer.note, answer.evidence) == (
        "no",
        "Waiting for the new firewall",
        "Ticket 42",
    )


def test_an_empty_note_removes_the_one_written(hand_written: Path, checklist: Checklist) -> None:
    file = AnswersFile.open(str(hand_written), checklist)
    file.set_answer("ppl-02", "web", note="")
    file.set_answer("bas-02", "no", note="", evidence="")  # nothing to remove: the short form
    answers = file.save()
    kept = answers.answers["ppl-02"]
    assert (kept.value, kept.note, kept.evidence) == ("web", None, "Contract")  # only the note goes
    assert "  bas-02: no\n" in hand_written.read_text(encoding="utf-8")
    file.set_answer("ppl-02", "web", evidence="")  # the answer alone: the short form again
    file.save()
    assert "  ppl-02: web\n" in hand_written.read_text(encoding="utf-8")


def test_a_short_answer_that_gains_a_note_keeps_its_comments_in_place(
    hand_written: Path, checklist: Checklist
) -> None:
    """The comment after `bas-01: yes` and the line below it stay between bas-01 and ppl-02."""
    hand_written.write_text(
        HAND_WRITTEN.replace("  ppl-02:", "  # TODO ask Jo about ppl-02\n  ppl-02:"),
        encoding="utf-8",
    )
    file = AnswersFile.open(str(hand_written), checklist)
    file.set_answer("bas-01", "no", note="Minutes not signed")
    file.save()
    assert (
        "  bas-01:\n"
        "    answer: no\n"
        "    note: Minutes not signed # see the minutes\n"
        "  # TODO ask Jo about ppl-02\n"
        "  ppl-02: {answer: web,"
    ) in hand_written.read_text(encoding="utf-8")


@pytest.mark.parametrize("text", ["10:30", "no", "off", "yes", "1_000", "0o17", "~", "null", "3"])
def test_text_that_yaml_11_would_misread_is_quoted(
    hand_written: Path, checklist: Checklist, text: str
) -> None:
    file = AnswersFile.open(str(hand_written), checklist)
    file.set_answer("ppl-05", text, note=text, evidence=text)
    file.set_school("name", text)
    file.save()
    answers = load_answers(str(hand_written), checklist)  # PyYAML, as every other command reads
    answer = answers.answers["ppl-05"]
    assert (answer.value, answer.note, answer.evidence) == (text, text, text)
    assert answers.school["name"] == text


def test_saving_returns_and_keeps_what_the_file_now_says(
    hand_written: Path, checklist: Checklist
) -> None:
    file = AnswersFile.open(str(hand_written), checklist)
    file.set_answer("ppl-01", 4)
    answers = file.save()
    assert answers == file.answers
    assert answers.answers == load_answers(str(hand_written), checklist).answers


def test_an_edit_that_would_make_the_file_invalid_is_not_written(
    hand_written: Path, checklist: Checklist
) -> None:
    file = AnswersFile.open(str(hand_written), checklist)
    file.set_answer("bas-02", "maybe")
    with pytest.raises(ProblemsError) as raised:
        file.save()
    assert "'maybe' is not an answer to bas-02" in str(raised.value)
    assert hand_written.read_text(encoding="utf-8") == HAND_WRITTEN


def test_an_interrupted_write_leaves_the_old_file_intact(
    hand_written: Path, checklist: Checklist, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = AnswersFile.open(str(hand_written), checklist)
    file.set_answer("bas-02", "yes")

    def power_cut(descriptor: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", power_cut)  # the new text is written but never made durable
    with pytest.raises(ProblemsError) as raised:
        file.save()
    assert str(raised.value) == (
        f"{hand_written}: cannot save the file: Input/output error "
        "(the last answer was not saved; the file holds every one before it)"
    )
    assert hand_written.read_text(encoding="utf-8") == HAND_WRITTEN
    assert sorted(p.name for p in hand_written.parent.iterdir()) == ["answers.yaml"]  # no temp
    assert "bas-02" not in file.answers.answers  # the model still says what the file says


def test_a_kill_before_the_rename_leaves_the_old_file_intact(
    hand_written: Path, checklist: Checklist, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = AnswersFile.open(str(hand_written), checklist)
    file.set_answer("bas-02", "yes")

    def killed(source: str, target: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        file.save()
    assert hand_written.read_text(encoding="utf-8") == HAND_WRITTEN
    assert sorted(p.name for p in hand_written.parent.iterdir()) == ["answers.yaml"]


def _two_sittings(
    path: Path, checklist: Checklist, theirs: dict[str, AnswerValue], mine: dict[str, AnswerValue]
) -> tuple[AnswersFile, Answers]:
    """Two sittings open one file; the other saves `theirs`, then this one saves `mine`."""
    this = AnswersFile.open(str(path), checklist)
    other = AnswersFile.open(str(path), checklist)
    for item_id, value in theirs.items():
        other.set_answer(item_id, value)
    other.save()
    for item_id, value in mine.items():
        this.set_answer(item_id, value)
    return this, this.save()


def test_a_save_after_another_sittings_save_merges_both(
    hand_written: Path, checklist: Checklist
) -> None:
    mine, merged = _two_sittings(hand_written, checklist, {"bas-02": "yes"}, {"ppl-01": 2})
    assert merged.answers["bas-02"].value == "yes"  # theirs is kept
    assert merged.answers["ppl-01"].value == 2  # and so is mine
    assert mine.replaced == []
    assert load_answers(str(hand_written), checklist) == merged
    assert "# see the minutes" in hand_written.read_text(encoding="utf-8")  # comments too


def test_a_merge_says_which_of_another_sittings_answers_it_replaced(
    hand_written: Path, checklist: Checklist
) -> None:
    theirs: dict[str, AnswerValue] = {"bas-02": "no", "ppl-01": 4}
    mine, merged = _two_sittings(hand_written, checklist, theirs, {"bas-02": "yes"})
    assert mine.replaced == ["bas-02"]  # the same item, another answer: the later save keeps it
    assert merged.answers["bas-02"].value == "yes" and merged.answers["ppl-01"].value == 4
    mine.set_answer("bas-03", "yes")
    mine.save()
    assert mine.replaced == []


def test_a_file_edited_into_an_invalid_one_stops_the_save(
    hand_written: Path, checklist: Checklist
) -> None:
    mine = AnswersFile.open(str(hand_written), checklist)
    hand_written.write_text("answers: [\n", encoding="utf-8")
    after_theirs = hand_written.read_bytes()
    mine.set_answer("ppl-01", 2)
    with pytest.raises(ChangedOnDisk) as raised:
        mine.save()
    assert after_theirs == hand_written.read_bytes()  # their edit is not lost
    message = str(raised.value)
    assert message.startswith(f"{hand_written}: the file was changed by another program")
    assert "the last answer was not saved" in message


def test_a_deleted_file_is_not_silently_recreated(hand_written: Path, checklist: Checklist) -> None:
    file = AnswersFile.open(str(hand_written), checklist)
    hand_written.unlink()
    file.set_answer("bas-02", "yes")
    with pytest.raises(ChangedOnDisk, match="was moved or deleted"):
        file.save()
    assert not hand_written.exists()


def test_a_new_file_is_created_once_and_never_replaces_another(
    tmp_path: Path, checklist: Checklist
) -> None:
    path = tmp_path / "new.yaml"
    school = {"name": "Test School", "phase": "primary", "urn": "123456"}
    file = AnswersFile.new(str(path), checklist, school, dt.date(2026, 1, 10), "A. Person")
    assert not file.exists and not path.exists()
    path.write_text("someone else's\n", encoding="utf-8")
    with pytest.raises(ChangedOnDisk, match="was created by someone else"):
        file.save()
    path.unlink()
    answers = file.save()
    assert answers == load_answers(str(path), checklist)
    assert answers.school["urn"] == "123456" and answers.completed_by == "A. Person"
    assert path.read_text(encoding="utf-8").startswith("# Answers to Mini test checklist")


def test_opening_an_invalid_file_reports_every_problem(
    tmp_path: Path, checklist: Checklist
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(HAND_WRITTEN + "  bas-02: maybe\n  zzz-01: yes\n", encoding="utf-8")
    with pytest.raises(ProblemsError) as raised:
        AnswersFile.open(str(path), checklist)
    errors = [p for p in raised.value.problems if p.severity == "error"]
    assert [p.code for p in errors] == ["answers/bad-answer", "answers/unknown-item"]


def test_a_bom_and_crlf_file_opens_and_saves(tmp_path: Path, checklist: Checklist) -> None:
    path = tmp_path / "windows.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + HAND_WRITTEN.replace("\n", "\r\n").encode("utf-8"))
    file = AnswersFile.open(str(path), checklist)
    file.set_answer("bas-02", "yes")
    file.save()
    assert load_answers(str(path), checklist).value("bas-02") == "yes"
    assert "# see the minutes" in path.read_text(encoding="utf-8")


_TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",),  # lone surrogates cannot be written as UTF-8 at all
        blacklist_characters="".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r"),
    ),
    min_size=1,
    max_size=40,
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_TEXT)
def test_any_note_or_text_answer_comes_back_unchanged_after_a_save(
    tmp_path: Path, checklist: Checklist, text: str
) -> None:
    """ruamel.yaml writes, PyYAML reads: NEL, U+2028, CR, tabs and spaces survive the trip."""
    # The interview strips what is typed (Python's strip: NEL and U+2028 included); a BOM is
    # not text.
    assume(text == text.strip() and text and "\ufeff" not in text)
    assume(text.lower() not in ("unsure", "na", "n/a"))  # answer words, not free text
    path = tmp_path / "answers.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    file = AnswersFile.open(str(path), checklist)
    file.set_answer("ppl-05", text, note=text, evidence=text)  # ppl-05 takes a text answer
    file.save()
    answer = load_answers(str(path), checklist).answers["ppl-05"]
    assert (answer.value, answer.note, answer.evidence) == (text, text, text)
