"""The YAML loader's defences and the atomic writer, beyond the file corpus."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from schoolaudit.answers import AnswerError, parse_answer, read_answers
from schoolaudit.atomic import write_bytes_atomic
from schoolaudit.catalog import load_checklist
from schoolaudit.problems import ProblemsError
from schoolaudit.text import did_you_mean
from schoolaudit.yamlsource import MAX_FILE_BYTES, load_yaml, parse_yaml
from tests import builders
from tests.conftest import MINI, TESTS


def _problems(path: Path) -> list[str]:
    with pytest.raises(ProblemsError) as caught:
        load_yaml(str(path))
    return [str(p) for p in caught.value.problems]


def test_oversize_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as handle:
        handle.seek(MAX_FILE_BYTES + 10)
        handle.write(b"\n")
    start = time.perf_counter()
    assert _problems(path) == [
        f"{path}: file is too large ({MAX_FILE_BYTES + 11:,} bytes; the limit is "
        f"{MAX_FILE_BYTES:,}) (is this the right file?)"
    ]
    assert time.perf_counter() - start < 1


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfname: Caf\xc3\xa9\n")
    assert load_yaml(str(path)).data == {"name": "Café"}


def test_deep_nesting_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    valid = TESTS / "cases" / "answers" / "valid" / "unanswered-and-na.yaml"
    path = tmp_path / "deep.yaml"
    path.write_text(
        valid.read_text(encoding="utf-8") + "extra: " + "[" * 5000 + "]" * 5000 + "\n",
        encoding="utf-8",
    )
    answers, problems = read_answers(str(path), load_checklist(str(MINI)))
    assert answers is None
    # Located at the document (when Python's recursion limit stops it) or at the bracket
    # where libyaml's own nesting limit does (PyYAML 6.0.4 and later): either way, one line.
    assert len(problems) == 1
    assert problems[0].code == "yaml/too-deep"
    assert re.fullmatch(
        re.escape(str(path)) + r":(3:1|12:\d+): the document is nested too deeply to check "
        r"\(is this the right file\?\)",
        str(problems[0]),
    )


def test_modest_aliases_are_allowed_and_expanded() -> None:
    text = "base: &b {source: doc-a}\nrefs: [*b, *b]\n"
    assert parse_yaml(text, "ok.yaml").data["refs"] == [{"source": "doc-a"}] * 2


def test_dates_stay_text_and_booleans_follow_yaml_1_1() -> None:
    data = parse_yaml("d: 2026-11-20\ny: yes\nn: no\nq: 'yes'\n", "x.yaml").data
    assert data == {"d": "2026-11-20", "y": True, "n": False, "q": "yes"}


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert _problems(tmp_path / "nope.yaml") == [f"{tmp_path / 'nope.yaml'}: file not found"]
    assert _problems(tmp_path) == [f"{tmp_path}: is a folder, not a file"]


def test_problem_positions_point_at_keys_and_values() -> None:
    document = parse_yaml("answers:\n  flt-01: maybe\n", "a.yaml")
    assert str(document.at(["answers", "flt-01"])) == "a.yaml:2:11"
    assert str(document.at(["answers", "flt-01"], key=True)) == "a.yaml:2:3"
    assert str(document.at(["answers", "missing"])) == "a.yaml:2:3"


def test_atomic_write_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    write_bytes_atomic(target, b"new")
    assert target.read_text(encoding="utf-8") == "new"
    assert sorted(os.listdir(tmp_path)) == ["out.txt"]


def test_interrupted_write_leaves_the_old_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "answers.yaml"
    target.write_text("answers: {gov-01: 'yes'}\n", encoding="utf-8")

    def killed(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        write_bytes_atomic(target, b"answers: {gov-01: 'no'")
    assert target.read_text(encoding="utf-8") == "answers: {gov-01: 'yes'}\n"
    assert sorted(os.listdir(tmp_path)) == ["answers.yaml"]


def test_new_files_get_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    write_bytes_atomic(target, b"{}")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_an_id_missing_its_leading_zero_is_matched_to_the_padded_id() -> None:
    assert did_you_mean("flt-6", ["flt-06", "flt-16", "flt-60"]) == "did you mean 'flt-06'?"
    assert did_you_mean("flt-61", ["flt-06", "flt-16"]) == "did you mean 'flt-16'?"


@pytest.mark.parametrize("typed", ["85%", " 85 %", 85, "85"])
def test_a_number_answer_may_carry_its_unit(typed: object) -> None:
    share = load_checklist(str(MINI)).item_by_id["ppl-03"]
    assert parse_answer(share, typed) == 85
    with pytest.raises(AnswerError):
        parse_answer(share, "85 people")


def test_a_unit_is_matched_whatever_its_case() -> None:
    days = builders.item("a-01", type="number", unit=" days")
    assert parse_answer(days, "30 Days") == 30
