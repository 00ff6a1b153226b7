"""The fast paths under `batch` decide nothing the slow, careful paths would decide differently.

Loading takes a quick construction of the YAML data and a compiled schema check
first; both hand anything unusual (or invalid) to the careful code. These tests
hold them to that over every YAML file the project has and some awkward ones.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from schoolaudit.values import json_keys
from schoolaudit.yamlsource import _Loader, construct
from tests.conftest import REPO, TESTS

AWKWARD = [
    "a: &x [1, 2]\nb: *x\n",
    "base: &b {x: 1}\nderived: {<<: *b, y: 2}\n",
    "? [complex, key]\n: 1\n",
    "a: !!set {x, y}\n",
    "a: 0o17\nb: 017\nc: 0x1F\nd: 1_000\ne: 1:30\nf: .inf\ng: ~\nh: Yes\ni: 2026-11-20\n",
    "= : equals\n",
    "a: &r [*r]\n",
    "x: 1\nx: 2\ny: {z: 1, z: 2}\n",
    "1: a\n0x1: b\nyes: c\non: d\n",
    "- !custom thing\n",
]


def _yaml_files() -> list[Path]:
    folders = [TESTS / "cases", REPO / "examples", REPO / "checklists", TESTS / "data"]
    return sorted(p for folder in folders for p in folder.rglob("*.y*ml"))


def _both(text: str) -> tuple[object, object, list[object], list[object]]:
    quick_loader, slow_loader = _Loader(text), _Loader(text)
    quick_root, slow_root = quick_loader.get_single_node(), slow_loader.get_single_node()
    if quick_root is None or slow_root is None:  # an empty document: nothing to construct
        return None, None, [], []
    quick = construct(quick_loader, quick_root)
    slow = json_keys(slow_loader.construct_document(slow_root))  # every reader's shape
    quick_dups = [(a.value, b.value) for a, b in quick_loader.duplicate_keys]
    slow_dups = [(a.value, b.value) for a, b in slow_loader.duplicate_keys]
    return quick, slow, quick_dups, slow_dups


@pytest.mark.parametrize("text", AWKWARD)
def test_quick_construction_gives_what_pyyaml_gives(text: str) -> None:
    try:
        quick, slow, quick_dups, slow_dups = _both(text)
    except (yaml.YAMLError, RecursionError) as error:  # a recursive alias has no JSON shape
        with pytest.raises(type(error)):
            construct(_Loader(text), _Loader(text).get_single_node())
        return
    assert quick_dups == slow_dups
    if not quick_dups:  # a file with duplicate keys is refused, whatever its data holds
        assert repr(quick) == repr(slow)


def test_quick_construction_matches_on_every_yaml_file_in_the_project() -> None:
    checked = 0
    for path in _yaml_files():
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
            quick, slow, quick_dups, slow_dups = _both(text)
        except (UnicodeDecodeError, yaml.YAMLError, RecursionError, ValueError):
            continue
        try:
            same = quick_dups or repr(quick) == repr(slow)  # repr tells True from 1
        except RecursionError:  # a hostile case nested past what repr walks
            continue
        assert same, path
        assert quick_dups == slow_dups, path
        checked += 1
    assert checked > 50


@pytest.mark.parametrize("kind", ["answers", "checklists"])
def test_compiled_schema_check_is_never_more_lenient_than_jsonschema(kind: str) -> None:
    """The fast path (fastjsonschema, and `answers_fit`) may only say 'valid' where
    jsonschema agrees."""
    from schoolaudit.schemas import fast_check, passes_fast_check, validator
    from schoolaudit.yamlsource import load_yaml

    name = "answers" if kind == "answers" else "checklist"
    checked = 0
    for case in sorted((TESTS / "cases" / kind).rglob("*.yaml")):
        try:
            data = load_yaml(str(case)).data
        except Exception:  # unreadable YAML never reaches the schema
            continue
        assert passes_fast_check(name, data) == _compiled_passes(fast_check(name), data), case
        if passes_fast_check(name, data):
            assert validator(name).is_valid(data), case
            checked += 1
    assert checked


def _compiled_passes(check: Callable[[Any], Any], data: Any) -> bool:
    try:
        check(data)
    except Exception:
        return False
    return True


def test_answers_fit_is_written_for_the_schema_as_it_is() -> None:
    """`answers_fit` is the answers mapping's schema written out: a change to that part
    of answers.schema.json must change it too (this test then says so)."""
    from schoolaudit.resources import load_schema

    def bare(node: Any) -> Any:  # the schema without its words for people
        if isinstance(node, dict):
            return {k: bare(v) for k, v in node.items() if k not in ("title", "description")}
        return node

    kinds = ["string", "number", "boolean", "null"]
    assert bare(load_schema("answers")["properties"]["answers"]) == {
        "type": ["object", "null"],
        "propertyNames": {"pattern": "^[a-z][a-z0-9]*(-[a-z0-9]+)*$"},
        "additionalProperties": {
            "type": [*kinds, "object"],
            "additionalProperties": False,
            "properties": {
                "answer": {"type": kinds},
                "note": {"type": ["string", "null"]},
                "evidence": {"type": ["string", "null"]},
            },
        },
    }


KEYS = ["gov-01", "a1-b2", "x", "Gov-01", "a--b", "1a", "", "gov-01\n"]
ENTRY = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=5),
    st.lists(st.none(), max_size=1),
    st.dictionaries(
        st.sampled_from(["answer", "note", "evidence", "other"]),
        st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=3), st.just([])),
        max_size=3,
    ),
)


@given(
    st.one_of(
        st.dictionaries(
            st.one_of(
                st.sampled_from(["gov-01", "a1-b2", "x", "Gov-01", "a--b", "1a", ""]),
                st.text(max_size=6),
            ),
            ENTRY,
            max_size=5,
        ),
        ENTRY,
    )
)
def test_answers_fit_says_what_jsonschema_says(answers: Any) -> None:
    _agree(answers)


@settings(max_examples=300)
@given(st.sampled_from(KEYS), ENTRY)
def test_answers_fit_says_what_jsonschema_says_of_one_answer(key: str, entry: Any) -> None:
    _agree({key: entry})


def _agree(answers: Any) -> None:
    from schoolaudit.schemas import answers_fit, validator

    document = {
        "schoolaudit": 1,
        "checklist": {"id": "mini"},
        "school": {"name": "X", "phase": "primary"},
        "date": "2026-11-20",
        "answers": answers,
    }
    assert answers_fit(answers) == validator("answers").is_valid(document)
