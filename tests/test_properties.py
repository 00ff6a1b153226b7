"""Property tests: the scoring and loading rules hold for many generated inputs."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from schoolaudit.answers import check_answers, parse_answer
from schoolaudit.catalog import load_checklist
from schoolaudit.model import Item
from schoolaudit.problems import ProblemsError
from schoolaudit.scoring import item_credit, score
from schoolaudit.yamlsource import parse_yaml
from tests.builders import AUDIT_DATE, answers, checklist, choice_options, item
from tests.conftest import MINI

SEVERITIES = st.sampled_from(["statutory", "expected", "recommended"])
WEIGHTS = st.sampled_from([0.5, 1.0, 2.0, 3.0, 5.0])


@st.composite
def items_with_values(draw: st.DrawFn, prefix: str) -> list[tuple[Item, Any]]:
    """A section's items, each with an answer its type allows (or none)."""
    count = draw(st.integers(min_value=1, max_value=6))
    pairs: list[tuple[Item, Any]] = []
    for n in range(count):
        item_id = f"{prefix}-{n:02d}"
        kind = draw(st.sampled_from(["yesno", "ynp", "level", "choice", "number", "date", "text"]))
        common = {
            "type": kind,
            "weight": draw(WEIGHTS),
            "severity": draw(SEVERITIES),
            "allow_na": draw(st.booleans()),
            "applies_if": draw(conditions([i for i, _ in pairs])),
        }
        extra: dict[str, Any] = {
            "choice": {"options": choice_options()},
            "number": {"min": 10.0, "target": 90.0, "max": 100.0},
            "date": {"max_age_days": 365},
        }.get(kind, {})
        built = item(item_id, **common, **extra)
        words = {
            "yesno": ["yes", "no"],
            "ynp": ["yes", "partial", "no"],
            "level": [1, 2, 3, 4, 5],
            "choice": ["physical", "web", "active"],
            "text": ["Acme"],
        }
        if kind == "number":
            value_strategy = st.integers(min_value=0, max_value=100)
        elif kind == "date":
            value_strategy = st.dates(dt.date(2020, 1, 1), AUDIT_DATE)
        else:
            value_strategy = st.sampled_from(words[kind])
        special = ["unsure", None] + (["na"] if built.allow_na else [])
        value = draw(st.one_of(value_strategy, st.sampled_from(special)))
        pairs.append((built, value))
    return pairs


@st.composite
def conditions(draw: st.DrawFn, earlier: list[Item]) -> dict[str, list[str]]:
    """An `applies_if`, as a checklist may write it: on the school's phase or an earlier answer."""
    answerable = [i for i in earlier if i.type in ("yesno", "ynp")]
    on = draw(st.sampled_from([None, "school.phase", *answerable]))
    if on is None:
        return {}
    if on == "school.phase":
        words = ["primary", "secondary"]
        return {on: draw(st.lists(st.sampled_from(words), min_size=1, max_size=2))}
    assert isinstance(on, Item)
    words = ["yes", "no"] if on.type == "yesno" else ["yes", "partial", "no"]
    return {on.id: draw(st.lists(st.sampled_from(words), min_size=1, max_size=2))}


@st.composite
def audits(draw: st.DrawFn) -> tuple[Any, dict[str, Any]]:
    sections = []
    values: dict[str, Any] = {}
    for s in range(draw(st.integers(min_value=1, max_value=4))):
        pairs = draw(items_with_values(f"s{s}"))
        sections.append((f"s{s}", [i for i, _ in pairs], draw(WEIGHTS)))
        values.update({i.id: v for i, v in pairs if v is not None})
    return checklist(*sections), values


@given(audits())
def test_scores_stay_within_0_and_100(audit: tuple[Any, dict[str, Any]]) -> None:
    c, values = audit
    result = score(c, answers(values))
    for section in result.sections:
        assert section.score is None or 0 <= section.score <= 100
    assert result.score is None or 0 <= result.score <= 100
    for r in result.items:
        assert r.credit is None or 0 <= r.credit <= 1


@given(audits())
def test_each_items_credit_is_what_item_credit_says(audit: tuple[Any, dict[str, Any]]) -> None:
    """`score` works each item's credit out inline, from tables made once per checklist (a
    batch scores thousands of schools); `item_credit` is the rule written out plainly. They
    must agree for every type and answer, unsure, na and no answer included."""
    c, values = audit
    result = score(c, answers(values))
    for r in result.items:
        if r.applies:
            assert r.credit == item_credit(r.item, r.value, result.answers.date), r.item.id


@given(audits(), st.data())
def test_answering_a_gap_yes_never_lowers_the_score(
    audit: tuple[Any, dict[str, Any]], data: st.DataObject
) -> None:
    c, values = audit
    before = score(c, answers(values))
    depended_on = {condition.key for i in c.items for condition in i.conditions}
    # An item others depend on can bring them into scope, unanswered: that may lower the score.
    fixable = [
        g for g in before.gaps if g.item.type in ("yesno", "ynp") and g.item.id not in depended_on
    ]
    assume(fixable)
    gap = data.draw(st.sampled_from(fixable))
    after = score(c, answers({**values, gap.item.id: "yes"}))
    assert after.score is not None and before.score is not None
    assert after.score >= before.score - 1e-9


@given(audits())
def test_a_statutory_gap_caps_the_rating(audit: tuple[Any, dict[str, Any]]) -> None:
    c, values = audit
    result = score(c, answers(values))
    if any(g.item.severity == "statutory" for g in result.gaps):
        assert result.rating != "green"
    assert result.counts.statutory_gaps == len(result.capped_by)


@given(audits(), st.data())
def test_na_equals_removing_the_item(
    audit: tuple[Any, dict[str, Any]], data: st.DataObject
) -> None:
    c, values = audit
    na_items = [i for i in c.items if i.allow_na]
    assume(na_items)
    chosen = data.draw(st.sampled_from(na_items))
    with_na = score(c, answers({**values, chosen.id: "na"}))
    kept = [
        (s.id, [i for i in s.items if i.id != chosen.id], s.weight)
        for s in c.sections
        if [i for i in s.items if i.id != chosen.id]
    ]
    without = score(checklist(*kept), answers({k: v for k, v in values.items() if k != chosen.id}))
    assert with_na.score == without.score


@given(audits())
def test_gaps_are_in_the_order_product_md_gives(audit: tuple[Any, dict[str, Any]]) -> None:
    """PRODUCT.md: statutory → high, expected → medium, recommended → low; within a priority,
    larger weight × (1 − credit) first, then checklist order. Checked pair by pair."""
    c, values = audit
    gaps = score(c, answers(values)).gaps
    rank = {"statutory": 0, "expected": 1, "recommended": 2}
    order = [i.id for i in c.items]
    for first, then in itertools.pairwise(gaps):
        a, b = first.result, then.result
        assert rank[a.item.severity] <= rank[b.item.severity]
        if a.item.severity != b.item.severity:
            continue
        lost_a = a.item.weight * (1 - (a.credit or 0.0))
        lost_b = b.item.weight * (1 - (b.credit or 0.0))
        assert lost_a >= lost_b - 1e-12
        if abs(lost_a - lost_b) < 1e-12:
            assert order.index(a.item.id) < order.index(b.item.id)
    assert {g.item.id for g in gaps} == {
        r.item.id for r in score(c, answers(values)).items if r.credit is not None and r.credit < 1
    }


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=150)
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "schoolaudit": st.one_of(st.just(1), JSONISH),
            "checklist": st.one_of(st.just({"id": "mini"}), JSONISH),
            "school": st.one_of(st.just({"name": "X", "phase": "primary"}), JSONISH),
            "date": st.one_of(st.just("2026-11-20"), JSONISH),
            "answers": st.one_of(
                st.dictionaries(
                    st.sampled_from(
                        ["bas-01", "bas-02", "ppl-01", "ppl-02", "ppl-03", "ppl-04", "nope"]
                    ),
                    JSONISH,
                ),
                JSONISH,
            ),
        },
    )
)
def test_loading_any_answers_data_gives_answers_or_located_problems(data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data)
    try:
        document = parse_yaml(text, "generated.yaml")
    except ProblemsError as error:  # an infinite number, say: refused where it is
        assert all(str(p).startswith("generated.yaml:") for p in error.problems)
        return
    result, problems = check_answers(
        document.data,
        document,
        "generated.yaml",
        load_checklist(str(MINI)),
        today=dt.date(2026, 11, 25),
    )
    if result is None:
        assert any(p.severity == "error" for p in problems)
    for problem in problems:
        assert str(problem).startswith("generated.yaml:")


@given(st.text(max_size=300))
def test_parsing_any_text_returns_data_or_problems(text: str) -> None:
    try:
        parse_yaml(text, "any.yaml")
    except ProblemsError as error:
        assert error.problems
        assert all(str(p).startswith("any.yaml") for p in error.problems)


@given(st.one_of(JSONISH, st.dates()))
def test_parse_answer_accepts_or_explains(raw: Any) -> None:
    c = load_checklist(str(MINI))
    for it in c.items:
        try:
            parse_answer(it, raw, AUDIT_DATE)
        except ValueError as error:
            assert str(error) == "" or str(error).startswith(": ")


def _typed(item: Item) -> st.SearchStrategy[Any]:
    """Answers as people type them: the item's words, in other cases and spacing, and others."""
    words = [*item.answer_words(), "n/a", "no", "yes", "never", "3", ""]
    return st.one_of(
        st.sampled_from(words),
        st.builds(
            lambda w, pad: pad + w.upper() + pad, st.sampled_from(words), st.sampled_from(["", " "])
        ),
        st.text(max_size=8),
        st.integers(0, 6),
        st.booleans(),
    )


@given(st.data())
def test_an_answer_in_a_file_means_what_parse_answer_says(data: st.DataObject) -> None:
    """Answers typed as an item's own words are looked up, not parsed: the same meaning."""
    c = load_checklist(str(MINI))
    typed: dict[str, Any] = {}
    expected: dict[str, Any] = {}
    for it in c.items:
        raw = data.draw(_typed(it), label=it.id)
        try:
            expected[it.id] = parse_answer(it, raw, AUDIT_DATE)
        except ValueError:
            continue  # a wrong answer: the corpus and the test above cover those
        typed[it.id] = raw
    text = yaml.safe_dump(
        {
            "schoolaudit": 1,
            "checklist": {"id": c.id},
            "school": {"name": "X", "phase": "primary"},
            "date": AUDIT_DATE.isoformat(),
            "answers": typed,
        }
    )
    document = parse_yaml(text, "typed.yaml")
    result, problems = check_answers(document.data, document, "typed.yaml", c, today=AUDIT_DATE)
    assert result is not None, problems
    got = {item_id: result.value(item_id) for item_id in typed}
    assert got == expected
    assert [type(v) for v in got.values()] == [type(v) for v in expected.values()]
