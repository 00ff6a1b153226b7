"""Every scoring rule of PRODUCT.md's "Scoring" section, one at a time."""

from __future__ import annotations

import datetime as dt

import pytest

from schoolaudit.answers import AnswerError, parse_answer
from schoolaudit.model import Rating
from schoolaudit.scoring import item_credit, rate, score
from tests.builders import AUDIT_DATE, answers, checklist, choice_options, item


@pytest.mark.parametrize(
    ("kind", "value", "credit"),
    [
        ("yesno", "yes", 1.0),
        ("yesno", "no", 0.0),
        ("ynp", "yes", 1.0),
        ("ynp", "partial", 0.5),
        ("ynp", "no", 0.0),
        ("ynp", "unsure", 0.0),
        ("ynp", None, 0.0),
        ("level", 1, 0.0),
        ("level", 2, 0.25),
        ("level", 3, 0.5),
        ("level", 5, 1.0),
    ],
)
def test_credit_by_type(kind: str, value: object, credit: float) -> None:
    assert item_credit(item("a-01", type=kind), value, AUDIT_DATE) == credit  # type: ignore[arg-type]


def test_choice_credit_is_the_option_score() -> None:
    choice = item("a-01", type="choice", options=choice_options())
    assert item_credit(choice, "physical", AUDIT_DATE) == 0.25
    assert item_credit(choice, "web", AUDIT_DATE) == 0.75
    assert item_credit(choice, "active", AUDIT_DATE) == 1.0


@pytest.mark.parametrize(
    ("answered", "credit"),
    [
        (AUDIT_DATE, 1.0),
        (AUDIT_DATE - dt.timedelta(days=365), 1.0),
        (AUDIT_DATE - dt.timedelta(days=366), 0.0),
        (dt.date(2020, 1, 1), 0.0),
    ],
)
def test_date_credit_is_one_within_max_age(answered: dt.date, credit: float) -> None:
    review = item("a-01", type="date", max_age_days=365)
    assert item_credit(review, answered, AUDIT_DATE) == credit


@pytest.mark.parametrize("typed", ["never", "Never", "no", False])
def test_a_date_item_answered_never_is_a_gap_with_no_credit(typed: object) -> None:
    review = item("a-01", type="date", max_age_days=365)
    value = parse_answer(review, typed, AUDIT_DATE)
    assert value == "never"
    assert item_credit(review, value, AUDIT_DATE) == 0.0
    result = score(checklist(("a", [review])), answers({"a-01": value}))
    assert [gap.item.id for gap in result.gaps] == ["a-01"]
    assert result.counts.answered == 1 and result.counts.unanswered == 0


def test_never_is_only_an_answer_to_date_items() -> None:
    with pytest.raises(AnswerError):
        parse_answer(item("a-01", type="ynp"), "never", AUDIT_DATE)


@pytest.mark.parametrize(
    ("value", "credit"), [(0, 0.0), (49, 0.0), (50, 0.0), (70, 0.5), (90, 1.0), (100, 1.0)]
)
def test_number_credit_is_linear_between_min_and_target(value: float, credit: float) -> None:
    share = item("a-01", type="number", min=50.0, target=90.0, max=100.0)
    assert item_credit(share, value, AUDIT_DATE) == pytest.approx(credit)


def test_number_without_target_is_full_credit_at_min() -> None:
    count = item("a-01", type="number", min=2.0)
    assert item_credit(count, 1, AUDIT_DATE) == 0.0
    assert item_credit(count, 2, AUDIT_DATE) == 1.0


def test_text_and_na_are_not_scored() -> None:
    assert item_credit(item("a-01", type="text"), "Acme", AUDIT_DATE) is None
    assert item_credit(item("a-02", allow_na=True), "na", AUDIT_DATE) is None


def test_section_score_is_weighted_mean_of_credits() -> None:
    c = checklist(("a", [item("a-01", weight=2), item("a-02", weight=3), item("a-03")]))
    result = score(c, answers({"a-01": "yes", "a-02": "partial", "a-03": "no"}))
    assert result.sections[0].score == pytest.approx(100 * (2 * 1 + 3 * 0.5 + 0) / 6)


def test_overall_score_is_section_weighted_mean_of_scored_sections() -> None:
    c = checklist(
        ("a", [item("a-01")], 2),
        ("b", [item("b-01")], 1),
        ("c", [item("c-01", applies_if={"school.phase": "secondary"})], 5),
    )
    result = score(c, answers({"a-01": "yes", "b-01": "partial"}))
    assert result.sections[2].score is None
    assert result.score == pytest.approx((2 * 100 + 1 * 50) / 3)


def test_nothing_scored_means_no_score_and_no_rating() -> None:
    c = checklist(("a", [item("a-01", type="text")]))
    result = score(c, answers())
    assert result.score is None
    assert result.rating is None


def test_na_equals_leaving_the_item_out() -> None:
    with_na = checklist(("a", [item("a-01"), item("a-02", allow_na=True, weight=4)]))
    without = checklist(("a", [item("a-01")]))
    result = score(with_na, answers({"a-01": "partial", "a-02": "na"}))
    assert result.score == score(without, answers({"a-01": "partial"})).score
    assert result.items[1].status == "na"
    assert result.counts.not_applicable == 1


def test_unsure_and_unanswered_are_gaps_with_zero_credit() -> None:
    c = checklist(("a", [item("a-01"), item("a-02")]))
    result = score(c, answers({"a-01": "unsure"}))
    assert [g.item.id for g in result.gaps] == ["a-01", "a-02"]
    assert result.score == 0.0
    assert result.counts.answered == 1
    assert result.counts.unanswered == 1
    assert result.counts.unsure == 1


def test_every_count_adds_up_whatever_the_items_status() -> None:
    """Text items answered unsure count as unsure too; na and not applicable are one count."""
    c = checklist(
        (
            "a",
            [
                item("a-01", type="text"),
                item("a-02", type="text"),
                item("a-03", allow_na=True),
                item("a-04", applies_if={"school.boarding": "yes"}),
                item("a-05", severity="statutory"),
                item("a-06"),
            ],
        )
    )
    given = {"a-01": "unsure", "a-03": "na", "a-04": "yes", "a-05": "partial", "a-06": "unsure"}
    n = score(c, answers(given, school={"boarding": "no"})).counts
    assert (n.items, n.applicable, n.answered, n.unanswered) == (6, 4, 3, 1)
    assert (n.not_applicable, n.unsure, n.gaps, n.statutory_gaps) == (2, 2, 2, 1)


def test_school_condition_leaves_item_out_with_reason() -> None:
    c = checklist(("a", [item("a-01"), item("a-02", applies_if={"school.boarding": "yes"})]))
    result = score(c, answers({"a-01": "yes"}, school={"boarding": "no"}))
    left_out = result.items[1]
    assert left_out.status == "not_applicable"
    assert left_out.reason == "applies only when school.boarding is yes (it is no)"
    assert result.score == 100.0
    assert result.gaps == ()


def test_missing_profile_answer_leaves_dependent_items_out() -> None:
    c = checklist(("a", [item("a-01", applies_if={"school.boarding": "yes"})]))
    result = score(c, answers())
    assert result.items[0].reason == "applies only when school.boarding is yes (not answered)"


def test_item_condition_follows_the_earlier_answer() -> None:
    c = checklist(("a", [item("a-01"), item("a-02", applies_if={"a-01": ["yes", "partial"]})]))
    assert score(c, answers({"a-01": "no"})).items[1].status == "not_applicable"
    assert score(c, answers({"a-01": "partial"})).items[1].status == "unanswered"


def test_dependants_of_an_item_that_does_not_apply_do_not_apply() -> None:
    c = checklist(
        (
            "a",
            [
                item("a-01", applies_if={"school.phase": "secondary"}),
                item("a-02", applies_if={"a-01": "yes"}),
                item("a-03", applies_if={"a-02": "yes"}),
            ],
        )
    )
    result = score(c, answers({"a-01": "yes", "a-02": "yes", "a-03": "no"}))
    assert [r.status for r in result.items] == ["not_applicable"] * 3
    assert result.items[1].reason == "depends on a-01, which does not apply"
    assert result.items[2].reason == "depends on a-02, which does not apply"
    assert [r.item.id for r in result.ignored] == ["a-01", "a-02", "a-03"]


def test_all_conditions_must_hold() -> None:
    both = {"school.phase": ["secondary", "all-through"], "school.boarding": "yes"}
    c = checklist(("a", [item("a-01", applies_if=both)]))
    assert score(c, answers(school={"phase": "secondary", "boarding": "yes"})).items[0].applies
    assert not score(c, answers(school={"phase": "secondary", "boarding": "no"})).items[0].applies
    assert not score(c, answers(school={"phase": "primary", "boarding": "yes"})).items[0].applies


@pytest.mark.parametrize(
    ("value", "rating"),
    [(80, "green"), (79.95, "green"), (79.94, "amber"), (50, "amber"), (49.9, "red"), (0, "red")],
)
def test_rating_thresholds_apply_to_the_shown_score(value: float, rating: str) -> None:
    assert rate(value, Rating()) == rating


def test_custom_thresholds() -> None:
    assert rate(70, Rating(green=70, amber=40)) == "green"
    assert rate(39, Rating(green=70, amber=40)) == "red"


def test_statutory_shortfall_caps_the_rating_at_amber() -> None:
    items = [
        item("a-01", severity="statutory"),
        *(item(f"a-{n:02d}", weight=5) for n in range(2, 6)),
    ]
    c = checklist(("a", items))
    values = {f"a-{n:02d}": "yes" for n in range(2, 6)}
    capped = score(c, answers({**values, "a-01": "partial"}))
    assert capped.score is not None and capped.score > 80
    assert capped.uncapped_rating == "green"
    assert capped.rating == "amber"
    assert [r.item.id for r in capped.capped_by] == ["a-01"]
    assert capped.sections[0].rating == "amber"
    assert score(c, answers({**values, "a-01": "yes"})).rating == "green"


def test_statutory_cap_never_raises_a_red_rating() -> None:
    c = checklist(("a", [item("a-01", severity="statutory")]))
    assert score(c, answers({"a-01": "no"})).rating == "red"


def test_statutory_item_that_does_not_apply_does_not_cap() -> None:
    c = checklist(
        (
            "a",
            [
                item("a-01"),
                item("a-02", severity="statutory", applies_if={"school.phase": "secondary"}),
            ],
        )
    )
    result = score(c, answers({"a-01": "yes"}))
    assert result.rating == "green"
    assert result.capped_by == ()


def test_gap_order_priority_then_shortfall_then_checklist_order() -> None:
    c = checklist(
        (
            "a",
            [
                item("a-01", severity="recommended", weight=5),
                item("a-02", severity="expected", weight=1),
                item("a-03", severity="expected", weight=3),
                item("a-04", severity="statutory", weight=1),
                item("a-05", severity="expected", weight=1),
                item("a-06", severity="expected", weight=4),
            ],
        )
    )
    result = score(
        c,
        answers(
            {
                "a-01": "no",
                "a-02": "no",
                "a-03": "partial",
                "a-04": "partial",
                "a-05": "no",
                "a-06": "partial",
            }
        ),
    )
    # a-04 high; then medium by weight × (1 − credit): a-06 2.0, a-03 1.5, a-02 1.0, a-05 1.0
    assert [g.item.id for g in result.gaps] == ["a-04", "a-06", "a-03", "a-02", "a-05", "a-01"]
    assert [g.priority for g in result.gaps] == ["high"] + ["medium"] * 4 + ["low"]


def test_counts_add_up() -> None:
    c = checklist(
        (
            "a",
            [
                item("a-01"),
                item("a-02", allow_na=True),
                item("a-03", applies_if={"school.phase": "secondary"}),
                item("a-04"),
                item("a-05", type="text"),
            ],
        )
    )
    counts = score(c, answers({"a-01": "yes", "a-02": "na", "a-05": "Acme"})).counts
    assert counts.items == 5
    assert counts.not_applicable == 2
    assert counts.applicable == 3
    assert counts.answered == 2
    assert counts.unanswered == 1
    assert counts.applicable + counts.not_applicable == counts.items
    assert counts.answered + counts.unanswered == counts.applicable


def test_applicability_gives_its_reason_as_data() -> None:
    """The failed condition and what the file holds, so renderers need not work them out again."""
    from schoolaudit.applicability import applicability

    c = checklist(
        (
            "a",
            [
                item("a-01", applies_if={"school.boarding": "yes"}),
                item("a-02", applies_if={"a-01": "yes"}),
            ],
        )
    )
    decided = applicability(c, answers(school={"boarding": "no"}))
    first, second = decided["a-01"], decided["a-02"]
    assert first.condition is not None and first.condition.key == "school.boarding"
    assert (first.applies, first.actual, first.blocked_by) == (False, "no", None)
    assert (second.applies, second.blocked_by) == (False, "a-01")
    assert score(c, answers(school={"boarding": "no"})).items[1].applicability == second
