"""Problem codes are one catalogue: registered, kebab-case, documented, and really raised.

A code is the contract tools filter on, so a code raised somewhere but missing
from schoolaudit/codes.py, or listed there but undocumented in
docs/problems.md, fails here.
"""

from __future__ import annotations

import re

import pytest

from schoolaudit.codes import CODES, SCHEMA_KEYWORD_CODES
from tests.conftest import REPO

DOC = (REPO / "docs" / "problems.md").read_text(encoding="utf-8")
CALL = re.compile(r"""Problem\(\s*["']([A-Za-z]+/[A-Za-z-]+)["']""")  # Problem("family/name", …)


def _literal(families: set[str]) -> re.Pattern[str]:
    """Any string literal naming a code of these families (a helper's argument, a comparison)."""
    return re.compile(r"""["']((?:""" + "|".join(sorted(families)) + r""")/[A-Za-z-]+)["']""")


def _documented() -> dict[str, str]:
    """Each `### \\`code\\`` heading in docs/problems.md, with its example line."""
    found = re.findall(r"^### `([^`]+)`\n.*?```\n(.*?)\n```", DOC, flags=re.M | re.S)
    return dict(found)


def _corpus_lines() -> dict[str, set[str]]:
    lines: dict[str, set[str]] = {}
    for expected in (REPO / "tests" / "cases").glob("*/invalid/*.expected"):
        for line in expected.read_text(encoding="utf-8").splitlines():
            if match := re.match(r"\[([^\]]+)\] (.*)", line):
                lines.setdefault(match[1], set()).add(match[2])
    return lines


@pytest.mark.parametrize("code", list(CODES))
def test_every_code_is_kebab_case_and_documented_with_an_example(code: str) -> None:
    assert re.fullmatch(r"[a-z]+/[a-z]+(-[a-z]+)*", code), code
    documented = _documented()
    assert code in documented, f"document {code} in docs/problems.md"
    assert re.match(r"\S+:( |\d+:)", documented[code]), documented[code]


def test_docs_list_no_code_that_does_not_exist() -> None:
    assert set(_documented()) <= set(CODES)


def test_an_example_from_the_corpus_is_what_the_tool_prints() -> None:
    corpus = _corpus_lines()
    for code, example in _documented().items():
        marked = re.search(rf"### `{re.escape(code)}`\n\n[^\n]*from the test corpus", DOC)
        if marked:
            assert example in corpus.get(code, set()), (code, example)


def test_every_code_the_source_raises_is_registered() -> None:
    sources = [path.read_text(encoding="utf-8") for path in (REPO / "schoolaudit").rglob("*.py")]
    called = {code for text in sources for code in CALL.findall(text)}
    families = {code.split("/")[0] for code in {*CODES, *called}}
    raised = called | {code for text in sources for code in _literal(families).findall(text)}
    raised |= set(SCHEMA_KEYWORD_CODES.values()) | {"schema/invalid"}
    assert raised, "the scan found no codes: has the pattern gone stale?"
    assert raised <= set(CODES), sorted(raised - set(CODES))


def test_the_corpus_raises_only_registered_codes() -> None:
    assert set(_corpus_lines()) <= set(CODES)


def test_every_code_has_a_corpus_case_or_a_reason() -> None:
    """Codes the corpus cannot show (a file that vanishes mid-interview) are tested elsewhere."""
    elsewhere = {
        "file/not-found",
        "file/is-directory",
        "file/unreadable",
        "file/too-large",
        "file/unwritable",
        "yaml/too-deep",  # where it is found depends on the YAML library's build (libyaml or not)
        "schema/invalid",
        "answers/changed-on-disk",
        "catalog/unknown",
        "interview/refused-line",
        "file/not-regular",  # a FIFO cannot live in git: tests/test_hostile.py makes one
        "answers/older-version",  # needs two versions of a checklist: tests/test_versions.py
        "catalog/unknown-version",
        "catalog/duplicate-id",
        "catalog/misnamed",
        "diff/different-schools",  # two files compared: tests/test_diff.py
        "diff/different-checklists",
        "migrate/onto-view",  # a real view's older version: tests/test_versions.py
        "answers/not-mapping",  # only if ruamel reads a top level PyYAML read as a mapping
        "batch/duplicate-urn",  # across files of a batch: tests/test_batch.py
        "batch/not-checked",
    }
    assert set(CODES) - set(_corpus_lines()) <= elsewhere
