"""The interview's pure core: what is asked, in what order, and what a typed key means."""

from __future__ import annotations

import datetime as dt

import pytest

from schoolaudit.interview.flow import (
    Command,
    Invalid,
    Reply,
    Scope,
    first_item,
    is_complete,
    keys_for,
    left_items,
    next_item,
    note_may_not_fit,
    previous_item,
    progress,
    read_key,
    returning_item,
)
from schoolaudit.interview.profile import (
    BUILTIN_QUESTIONS,
    ProfileError,
    Question,
    Told,
    parse_profile,
    profile_finished,
    profile_questions,
    questions_to_ask,
    settle,
)
from schoolaudit.model import Answer, Answers, Checklist, Item, ProfileField
from tests.builders import AUDIT_DATE, answers, checklist, choice_options, item

ALL = Scope()


@pytest.fixture
def walk() -> Checklist:
    """gate-01 decides gate-02; txt-01 is text; sec-01 is for secondaries only."""
    return checklist(
        (
            "gate",
            [
                item("gate-01"),
                item("gate-02", applies_if={"gate-01": ["yes", "partial"]}),
                item("gate-03", allow_na=True),
            ],
        ),
        (
            "other",
            [
                item("txt-01", type="text"),
                item("sec-01", applies_if={"school.phase": ["secondary"]}),
                item("lvl-01", type="level", levels=((1, "None"), (5, "All"))),
            ],
        ),
    )


def ids(items: list[Item]) -> list[str]:
    return [i.id for i in items]


def at(walk: Checklist, item_id: str) -> Item:
    return walk.item_by_id[item_id]


# -- where the interview goes -----------------------------------------------------------------


def test_it_starts_at_the_first_unanswered_applicable_item(walk: Checklist) -> None:
    assert first_item(walk, answers(), ALL) == at(walk, "gate-01")
    assert first_item(walk, answers({"gate-01": "no"}), ALL) == at(walk, "gate-03")
    assert first_item(walk, answers({"gate-01": "no"}), Scope(review=True)) == at(walk, "gate-01")
    assert first_item(walk, answers({"gate-01": "no"}), Scope(section="other")) == at(
        walk, "txt-01"
    )


def test_next_follows_the_answers_just_given(walk: Checklist) -> None:
    now = at(walk, "gate-01")
    assert next_item(walk, answers({"gate-01": "yes"}), ALL, now) == at(walk, "gate-02")
    assert next_item(walk, answers({"gate-01": "no"}), ALL, now) == at(walk, "gate-03")


def test_next_skips_what_was_skipped_and_wraps_to_what_is_left(walk: Checklist) -> None:
    given = answers({"gate-01": "no", "txt-01": "x", "lvl-01": 2})
    last = at(walk, "lvl-01")
    assert next_item(walk, given, ALL, last) == at(walk, "gate-03")  # wraps round
    assert next_item(walk, given, ALL, last, frozenset({"gate-03"})) is None


def test_next_goes_to_the_first_unanswered_after_the_current(walk: Checklist) -> None:
    given = answers({"gate-01": "no", "gate-03": "yes"})
    assert next_item(walk, given, ALL, at(walk, "gate-01")) == at(walk, "txt-01")


def test_returning_from_b_walks_in_order_up_to_where_b_was_typed(walk: Checklist) -> None:
    given = answers({"gate-01": "yes", "gate-02": "no", "gate-03": "yes"})
    back_from = at(walk, "txt-01")
    returning = [at(walk, "gate-01")]
    while (ahead := returning_item(walk, given, ALL, returning[-1], back_from)) is not None:
        returning.append(ahead)
    assert ids(returning) == ["gate-01", "gate-02", "gate-03", "txt-01"]  # answered or not
    assert returning_item(walk, given, ALL, back_from, back_from) is None  # there: walk as before


def test_returning_from_b_passes_an_item_that_stopped_applying(walk: Checklist) -> None:
    given = answers({"gate-01": "no"})  # changed on the way back: gate-02 no longer applies
    assert returning_item(walk, given, ALL, at(walk, "gate-01"), at(walk, "gate-02")) is None
    back_from = at(walk, "gate-03")
    assert returning_item(walk, given, ALL, at(walk, "gate-01"), back_from) == back_from


def test_review_visits_every_applicable_item_once(walk: Checklist) -> None:
    given = answers({"gate-01": "no", "gate-03": "yes", "txt-01": "x", "lvl-01": 3})
    review = Scope(review=True)
    seen = [first_item(walk, given, review)]
    while (following := next_item(walk, given, review, seen[-1])) is not None:
        seen.append(following)
    assert ids(seen) == ["gate-01", "gate-03", "txt-01", "lvl-01"]  # not gate-02, not sec-01


def test_previous_is_the_applicable_item_before(walk: Checklist) -> None:
    given = answers({"gate-01": "no"})
    assert previous_item(walk, given, ALL, at(walk, "gate-03")) == at(walk, "gate-01")
    assert previous_item(walk, given, ALL, at(walk, "gate-01")) is None
    in_section = Scope(section="other")
    assert previous_item(walk, given, in_section, at(walk, "txt-01")) is None


def test_progress_follows_live_conditions(walk: Checklist) -> None:
    gate_03 = at(walk, "gate-03")
    before = progress(walk, answers({"gate-01": "no"}), ALL, gate_03)
    after = progress(walk, answers({"gate-01": "yes"}), ALL, gate_03)
    assert (before.position, before.total, before.left) == (2, 4, 3)
    assert (after.position, after.total, after.left) == (3, 5, 4)


def test_position_and_left_count_the_same_items(walk: Checklist) -> None:
    """Answering in order, `position/total · left` agree at every item, the text item included.

    "1/194 · 192 left" counted the information items in the position but not in
    what was left, so the two never added up.
    """
    given: dict[str, object] = {}
    item_now = first_item(walk, answers(given), ALL)
    seen = []
    while item_now is not None:
        where = progress(walk, answers(given), ALL, item_now)
        assert where.position + where.left == where.total + 1, (item_now.id, where)
        seen.append((item_now.id, where.left))
        given[item_now.id] = "hello" if item_now.type == "text" else "no"
        item_now = next_item(walk, answers(given), ALL, item_now)
    assert seen == [("gate-01", 4), ("gate-03", 3), ("txt-01", 2), ("lvl-01", 1)]


def test_left_counts_the_section_walked(walk: Checklist) -> None:
    where = progress(walk, answers({}), Scope(section="other"), at(walk, "txt-01"))
    assert (where.position, where.total, where.left) == (1, 2, 2)


def test_progress_of_an_item_that_stopped_applying(walk: Checklist) -> None:
    where = progress(walk, answers({"gate-01": "no"}), ALL, at(walk, "gate-02"))
    assert (where.position, where.total) == (2, 4)


def test_complete_means_every_applicable_scored_item_answered(walk: Checklist) -> None:
    given = answers({"gate-01": "no", "gate-03": "unsure"})
    assert ids(left_items(walk, given)) == ["lvl-01"]
    assert not is_complete(walk, given)
    done = answers({"gate-01": "no", "gate-03": "unsure", "lvl-01": 1})
    assert is_complete(walk, done)  # the text item and the secondary-only item do not count
    assert not is_complete(walk, answers({**_values(done), "sec-01": None}, school=_secondary()))


def _values(given: Answers) -> dict[str, object]:
    return {key: answer.value for key, answer in given.answers.items()}


def _secondary() -> dict[str, str]:
    return {"phase": "secondary"}


# -- what a key means -------------------------------------------------------------------------

YNP = item("ynp-01", allow_na=True)
YESNO = item("yn-01", type="yesno")
LEVEL = item("lvl-01", type="level")
CHOICE = item("cho-01", type="choice", options=choice_options())
NUMBER = item("num-01", type="number", min=50, target=90, max=100, unit="%")
DATE = item("dat-01", type="date", max_age_days=365)
TEXT = item("txt-01", type="text")


@pytest.mark.parametrize(
    ("question", "typed", "expected"),
    [
        (YNP, "y", Reply("yes")),
        (YNP, " P ", Reply("partial")),
        (YNP, "n", Reply("no")),
        (YNP, "u", Reply("unsure")),
        (YNP, "na", Reply("na")),
        (YNP, "N/A", Reply("na")),
        (YNP, "partial", Reply("partial")),
        (YNP, "p+", Reply("partial", with_note=True)),
        (YNP, "y +", Reply("yes", with_note=True)),
        (YESNO, "Yes", Reply("yes")),
        (LEVEL, "3", Reply(3)),
        (LEVEL, "5+", Reply(5, with_note=True)),
        (CHOICE, "2", Reply("web")),
        (CHOICE, "active", Reply("active")),
        (NUMBER, "70", Reply(70)),
        (NUMBER, "72.5%", Reply(72.5)),  # with its unit, as the report writes it
        (NUMBER, "85 %", Reply(85)),
        (NUMBER, "85 %+", Reply(85, with_note=True)),
        (DATE, "2026-01-31", Reply(dt.date(2026, 1, 31))),
        (DATE, "n", Reply("never")),  # it has never happened: a gap, not unsure
        (DATE, "Never", Reply("never")),
        (TEXT, "Acme filter", Reply("Acme filter")),
        (TEXT, "y", Reply("y")),  # text is taken as typed...
        (TEXT, "u", Reply("unsure")),  # ...but unsure is still unsure
        (YNP, "?", Command("help")),
        (YNP, "b", Command("back")),
        (YNP, "S", Command("skip")),
        (YNP, "q", Command("quit")),
        (YNP, "+", Command("note")),
        (YNP, "  ", Command("keep")),
    ],
)
def test_read_key(question: Item, typed: str, expected: object) -> None:
    assert read_key(question, typed, AUDIT_DATE) == expected


@pytest.mark.parametrize(
    ("question", "typed", "message"),
    [
        (YNP, "maybe", "'maybe' is not an answer to ynp-01"),
        (YESNO, "p", "'p' is not an answer to yn-01"),
        (YESNO, "na", "'na' is not an answer to yn-01: it cannot be not applicable"),
        (LEVEL, "6", "'6' is not an answer to lvl-01: a level is 1 to 5"),
        (LEVEL, "y", "'y' is not an answer to lvl-01: a level is 1 to 5"),
        (CHOICE, "4", "'4' is not an answer to cho-01"),
        (CHOICE, "0", "'0' is not an answer to cho-01"),
        (NUMBER, "101", "'101' is not an answer to num-01: the most it can be is 100"),
        (NUMBER, "-1", "'-1' is not an answer to num-01: it cannot be negative"),
        (NUMBER, "many", "'many' is not an answer to num-01: write a number"),
        (DATE, "2026-11-21", "'2026-11-21' is not an answer to dat-01: it is after the audit"),
        (DATE, "31/02/2026", "'31/02/2026' is not an answer to dat-01: write a real date"),
        (YNP, "+p", "'+p' is not an answer to ynp-01"),
    ],
)
def test_read_key_refuses_with_a_reason(question: Item, typed: str, message: str) -> None:
    action = read_key(question, typed, AUDIT_DATE)
    assert isinstance(action, Invalid)
    assert action.message.startswith(message)


def test_gaps_ask_for_a_note_and_plus_asks_for_one_anywhere() -> None:
    gaps = ("no", "partial", "unsure", "never")
    assert [Reply(word).asks_for_note for word in gaps] == [True] * 4
    assert not Reply("yes").asks_for_note and not Reply(3).asks_for_note
    assert Reply("yes", with_note=True).asks_for_note


def test_a_note_may_not_fit_once_the_answer_it_was_written_for_changes() -> None:
    noted = Answer("partial", note="provider role not defined")
    assert note_may_not_fit(noted, "yes")
    assert note_may_not_fit(Answer("partial", evidence="Contract"), "no")
    assert not note_may_not_fit(noted, "partial")  # the same answer: the note still fits
    assert not note_may_not_fit(Answer("partial"), "yes")  # nothing written to contradict
    assert not note_may_not_fit(Answer(None, note="ask IT"), "yes")  # a note before any answer
    assert not note_may_not_fit(None, "yes")


def test_keys_for_each_type() -> None:
    assert keys_for(YNP) == [
        ("y", "yes"),
        ("p", "partial"),
        ("n", "no"),
        ("u", "unsure"),
        ("na", "not applicable"),
    ]
    assert keys_for(CHOICE)[:3] == [
        ("1", "Physical supervision"),
        ("2", "Web monitoring"),
        ("3", "Active monitoring"),
    ]
    assert keys_for(item("l", type="level", levels=((1, "None"),)))[:2] == [
        ("1", "None"),
        ("2", "level 2"),
    ]
    assert keys_for(NUMBER)[0] == ("", "a number from 0 to 100 (%)")
    assert keys_for(DATE) == [("", "a date as DD/MM/YYYY"), ("n", "never"), ("u", "unsure")]


# -- the profile ------------------------------------------------------------------------------

TODAY = dt.date(2026, 11, 20)
PHASE = BUILTIN_QUESTIONS["phase"]


def test_profile_questions_add_the_checklists_own() -> None:
    own = (
        ProfileField("boarding", "Boarders?"),
        ProfileField("provider", "Provider?", type="text"),
    )
    keys = [q.key for q in profile_questions(checklist(("a", [item("a-01")]), profile=own))]
    assert keys == ["name", "phase", "urn", "trust", "boarding", "provider", "completed_by", "date"]


def test_a_finished_profile_is_asked_only_what_is_required_and_missing() -> None:
    own = (ProfileField("boarding", "Boarders?"), ProfileField("wifi", "Wi-fi?", type="text"))
    questions = profile_questions(checklist(("a", [item("a-01")]), profile=own))
    have = {"name": "X", "phase": "primary", "date": TODAY, "completed_by": "A. Person"}
    assert [q.key for q in questions_to_ask(questions, have, finished=True)] == ["boarding"]
    new = [q.key for q in questions_to_ask(questions, {"name": "X"}, finished=False)]
    assert new == ["phase", "urn", "trust", "boarding", "wifi", "completed_by", "date"]


IN_TRUST = (ProfileField("boarding", "Boarders?"), ProfileField("in_trust", "In a trust?"))


def test_whether_the_school_is_in_a_trust_is_asked_before_the_trusts_name() -> None:
    keys = [q.key for q in profile_questions(checklist(("a", [item("a-01")]), profile=IN_TRUST))]
    assert keys[2:6] == ["urn", "in_trust", "trust", "boarding"]


def test_the_trusts_name_and_in_trust_settle_each_other() -> None:
    """Neither is asked when the other answers it, whichever came first (file, option or prompt)."""
    questions = profile_questions(checklist(("a", [item("a-01")]), profile=IN_TRUST))
    flag = next(q for q in questions if q.key == "in_trust")
    trust = next(q for q in questions if q.key == "trust")
    assert settle(flag, {"trust": "Oak Trust"}) == Told("yes", "the trust is named: Oak Trust")
    assert settle(flag, {"trust": ""}) == flag  # left out is not "none": still asked
    assert settle(trust, {"in_trust": "no"}) is None
    named = settle(trust, {"in_trust": "yes"})
    assert isinstance(named, Question) and named.text == "The trust's name (Enter to leave out)"
    assert settle(trust, {}) == trust


def test_a_profile_is_finished_once_it_says_who_answered() -> None:
    assert profile_finished("A. Person, DSL")
    assert not profile_finished(None) and not profile_finished("")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("2", "primary"), ("secondary", "secondary"), ("Sec", "secondary"), ("post", "post-16")],
)
def test_phase_by_number_word_or_unique_prefix(typed: str, expected: str) -> None:
    assert parse_profile(PHASE, typed, TODAY) == expected


@pytest.mark.parametrize(
    ("key", "typed", "message"),
    [
        ("phase", "p", "'p' is not a phase"),  # primary or post-16: ambiguous
        ("phase", "9", "'9' is not a phase"),
        ("urn", "1234567", "'1234567' is not a URN"),
        ("urn", "abcdef", "'abcdef' is not a URN"),
        ("name", "  ", "name is needed"),
        ("date", "2026-11-21", "2026-11-21 is in the future"),
        ("date", "2026-02-30", "'2026-02-30' is not a real date"),
        ("date", "20261120", "'20261120' is not a date"),
    ],
)
def test_profile_values_are_checked(key: str, typed: str, message: str) -> None:
    with pytest.raises(ProfileError) as raised:
        parse_profile(BUILTIN_QUESTIONS[key], typed, TODAY)
    assert str(raised.value).startswith(message)


def test_optional_profile_answers_may_be_left_out() -> None:
    assert parse_profile(BUILTIN_QUESTIONS["urn"], "", TODAY) is None
    assert parse_profile(BUILTIN_QUESTIONS["trust"], "", TODAY) is None
    assert parse_profile(BUILTIN_QUESTIONS["date"], "2026-11-20", TODAY) == TODAY


def test_a_checklists_own_question_is_refused_in_words_not_by_its_id() -> None:
    own = (ProfileField("early_years", "Early years pupils?"),)
    question = profile_questions(checklist(("a", [item("a-01")]), profile=own))[4]
    with pytest.raises(ProfileError) as raised:
        parse_profile(question, "maybe", TODAY)
    assert str(raised.value) == "'maybe' is not an answer to this question (allowed: yes, no)"


def test_yes_no_profile_questions_take_y_and_n() -> None:
    own = (ProfileField("boarding", "Boarders?"),)
    boarding = profile_questions(checklist(("a", [item("a-01")]), profile=own))[4]
    assert [parse_profile(boarding, t, TODAY) for t in ("y", "N", "yes", "1")] == [
        "yes",
        "no",
        "yes",
        "yes",
    ]


def test_a_digit_that_is_not_a_decimal_digit_is_refused_not_a_crash() -> None:
    """`'²'.isdigit()` is true but `int('²')` fails: found by hypothesis."""
    monitoring = item("ppl-02", type="choice", options=choice_options())
    assert isinstance(read_key(monitoring, "²", AUDIT_DATE), Invalid)
    with pytest.raises(ProfileError):
        parse_profile(BUILTIN_QUESTIONS["phase"], "²", AUDIT_DATE)
