"""Outcomes cross a process boundary (`batch --jobs`) whole, and stay read-only."""

from __future__ import annotations

import pickle
from pathlib import Path
from types import MappingProxyType

import pytest

from schoolaudit.assess import assess
from schoolaudit.catalog import Catalog
from schoolaudit.render.json_report import render_json_report
from tests.conftest import REPO

EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_an_outcome_pickles_and_gives_the_same_report(example: Path) -> None:
    outcome = assess(str(example), Catalog())
    assert outcome.result is not None
    copy = pickle.loads(pickle.dumps(outcome))
    assert copy == outcome
    assert copy.result is not None
    assert render_json_report(copy.result) == render_json_report(outcome.result)


def test_an_unpickled_checklist_and_answers_are_still_read_only() -> None:
    outcome = assess(str(EXAMPLES[0]), Catalog())
    assert outcome.result is not None
    copy = pickle.loads(pickle.dumps(outcome.result))
    for mapping in (copy.checklist.sources, copy.checklist.item_by_id, copy.answers.answers):
        assert isinstance(mapping, MappingProxyType)
        with pytest.raises(TypeError):
            mapping["x"] = None  # type: ignore[index]
