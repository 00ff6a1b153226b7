"""The fast paths under `batch` decide nothing the slow, careful paths would decide differently.

Loading takes a quick construction of the YAML data and a compiled schema check
first; both hand anything unusual (or invalid) to the careful code. These tests
hold them to that over every YAML file the project has and some awkward ones.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

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
    """The fastjsonschema fast path may only say 'valid' where jsonschema agrees."""
    from schoolaudit.schemas import fast_check, validator
    from schoolaudit.yamlsource import load_yaml

    name = "answers" if kind == "answers" else "checklist"
    checked = 0
    for case in sorted((TESTS / "cases" / kind).rglob("*.yaml")):
        try:
            data = load_yaml(str(case)).data
        except Exception:  # unreadable YAML never reaches the schema
            continue
        try:
            fast_check(name)(data)
        except Exception:
            continue
        assert validator(name).is_valid(data), case
        checked += 1
    assert checked
