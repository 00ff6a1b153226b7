"""The answer-type table: every type the checklist format allows has its behaviour in one place."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from schoolaudit.answer_types import ANSWER_KINDS, TemplateRule, kind_of
from schoolaudit.catalog import Catalog
from schoolaudit.model import Checklist
from tests.conftest import MINI, REPO


@pytest.fixture(scope="module")
def mini() -> Checklist:
    return Catalog().get(str(MINI))


def _schema_types() -> set[str]:
    schema = json.loads((REPO / "schemas" / "checklist.schema.json").read_text(encoding="utf-8"))
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "yesno" in node.get("enum", []) and "ynp" in node.get("enum", []):
                found.update(node["enum"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return found


def test_every_type_the_format_allows_has_a_kind() -> None:
    assert _schema_types() == set(ANSWER_KINDS)


@pytest.mark.parametrize(
    ("item_id", "rule"),
    [
        ("bas-01", TemplateRule("list", ("yes", "no", "unsure"))),
        ("bas-02", TemplateRule("list", ("yes", "partial", "no", "unsure"))),
        ("ppl-01", TemplateRule("list", ("1", "2", "3", "4", "5", "unsure"))),
        ("ppl-02", TemplateRule("list", ("physical", "web", "active", "unsure"))),
    ],
)
def test_a_template_offers_a_dropdown_of_the_words_an_item_takes(
    mini: Checklist, item_id: str, rule: TemplateRule
) -> None:
    assert kind_of(mini.item_by_id[item_id]).template(mini.item_by_id[item_id]) == rule


def test_numbers_dates_and_text_get_a_validation_not_a_dropdown(mini: Checklist) -> None:
    rules = {item.type: kind_of(item).template(item) for item in mini.items}
    assert rules["number"].kind == "number" and "unsure" in rules["number"].values
    assert rules["date"].kind == "date" and rules["date"].values[0] == "never"
    assert rules["text"] == TemplateRule("text")


def test_every_scored_kind_turns_each_word_it_takes_into_credit_in_0_to_1(mini: Checklist) -> None:
    for item in mini.items:
        kind = kind_of(item)
        if not kind.scored:
            continue
        for word in kind.words(item):
            value = kind.parse(item, word, word, dt.date(2026, 11, 20))
            assert 0.0 <= kind.credit(item, value, dt.date(2026, 11, 20)) <= 1.0, (item.id, word)
