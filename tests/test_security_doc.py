"""SECURITY.md names a test for each threat: every test it names exists, so the page stays true."""

from __future__ import annotations

import re

from tests.conftest import REPO

NAMED = re.compile(r"`(tests/[\w/]+\.py)?::(\w+)`|`(tests/[\w/]+\.py)`")


def test_every_test_security_md_names_exists() -> None:
    text = (REPO / "SECURITY.md").read_text(encoding="utf-8")
    current = None
    named = []
    for match in NAMED.finditer(text):
        current = match.group(1) or match.group(3) or current
        if match.group(2):
            assert current is not None, match.group(0)
            named.append((current, match.group(2)))
    assert len(named) > 20
    for path, name in named:
        source = (REPO / path).read_text(encoding="utf-8")
        assert re.search(rf"^def {name}\b|^    def {name}\b|^def {name}\(", source, re.M), (
            f"SECURITY.md names {path}::{name}, which does not exist"
        )


def test_every_corpus_case_security_md_names_exists() -> None:
    text = (REPO / "SECURITY.md").read_text(encoding="utf-8")
    cases = {p.stem for p in (REPO / "tests" / "cases").rglob("*.yaml")}
    checked = 0
    for row in text.splitlines():
        if "corpus" in row:
            for stem in re.findall(r"`([a-z0-9-]+)(?:\*)?(?:\.yaml)?`", row.split("corpus", 1)[1]):
                if "-" in stem and not stem.startswith("tests"):
                    assert any(case.startswith(stem) for case in cases), stem
                    checked += 1
    assert checked > 10
