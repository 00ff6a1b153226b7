"""The glossary: which terms an item uses, the `?` screen and the outputs that carry them.

Matching is whole-word; lower-case terms match in any case, terms with capitals only as
written (so `Prevent` the duty is not `prevent` the verb, `SEND` is not `send`); a bracketed
abbreviation is a second spelling. The built-in glossary must find each of its own terms.
"""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from typer.testing import CliRunner

from schoolaudit import load_checklist
from schoolaudit.catalog import DEFAULT_CHECKLIST, Catalog
from schoolaudit.cli import app
from schoolaudit.glossary import item_terms, spellings, terms_in
from schoolaudit.interview.screen import help_screen
from schoolaudit.render.checklist_doc import checklist_markdown
from tests.conftest import MINI
from tests.test_interview_cli import PROFILE_LINES, PROFILE_OPTIONS

GLOSSARY = (
    ("designated safeguarding lead (DSL)", "The safeguarding lead."),
    ("Prevent", "The duty to stop people being drawn into terrorism."),
    ("SEND", "Special educational needs and disabilities."),
    ("nudify", "Apps that make fake nudes."),
    ("real-time content filter", "Reads pages as they load."),
    ("agent", "Software on the device."),
)


def found(*texts: str) -> list[str]:
    return [term for term, _ in terms_in(GLOSSARY, texts)]


def test_an_abbreviation_in_brackets_is_a_second_spelling() -> None:
    assert spellings("data protection impact assessment (DPIA)") == (
        "data protection impact assessment",
        "DPIA",
    )
    assert spellings("VLAN") == ("VLAN",)
    assert found("Tell the DSL.") == found("Tell the designated safeguarding lead.")
    assert found("Ask the Designated Safeguarding Lead") == found("DSL")  # any case
    assert found("Ask the dsl") == []  # an abbreviation only as written


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("Referrals under the Prevent duty", ["Prevent"]),
        ("Does the filter prevent harm?", []),
        ("Pupils with SEND", ["SEND"]),
        ("Does the tool send alerts?", []),
        ("Nudify apps are blocked", ["nudify"]),
        ("The DSL's role; deputy DSLs", ["designated safeguarding lead (DSL)"]),
        ("agents on every laptop", ["agent"]),
        ("a reagent, agent-based, agentic", []),
        ("Real time content filters", ["real-time content filter"]),
        ("the DSL and Prevent", ["designated safeguarding lead (DSL)", "Prevent"]),
    ],
)
def test_terms_are_whole_words_with_case_only_where_it_matters(text: str, terms: list[str]) -> None:
    assert found(text) == terms


def test_terms_come_in_glossary_order_once_each() -> None:
    assert found("Prevent", "DSL", "the DSL again", "designated safeguarding lead") == [
        "designated safeguarding lead (DSL)",
        "Prevent",
    ]


MAIN = Catalog().get(DEFAULT_CHECKLIST)


@pytest.mark.parametrize("term", [term for term, _ in MAIN.glossary])
def test_every_builtin_term_finds_itself(term: str) -> None:
    """A term written as a key must be found when an item writes it that way."""
    for spelling in spellings(term):
        assert term in [t for t, _ in terms_in(MAIN.glossary, [f"Ask about {spelling} here."])]


def test_the_main_checklist_explains_the_words_a_primary_dsl_may_not_know() -> None:
    expected = {
        "UKSIC", "VLAN", "LADO", "RACI", "CVSS", "DPIA", "DfE", "KCSIE", "UKCIS", "CEOP",
        "IWF", "RSHE", "MFA", "agent", "MDM", "real-time content filter", "SSL inspection",
        "safe search", "RPA", "Prevent", "DSL", "deputy DSL", "nudify", "sextortion", "4 Cs",
        "BYOD",
    }  # fmt: skip
    known = {spelling for term, _ in MAIN.glossary for spelling in spellings(term)}
    assert expected <= known, sorted(expected - known)
    assert len(MAIN.glossary) >= 50


def test_an_item_shows_the_terms_its_guidance_uses() -> None:
    item = MAIN.item_by_id["gov-13"]  # a DPIA for the monitoring system
    terms = [term for term, _ in item_terms(MAIN, item)]
    assert "data protection impact assessment (DPIA)" in terms


def _render(renderable: object) -> str:
    console = Console(record=True, width=100, color_system=None)
    console.print(renderable)
    return console.export_text()


def test_the_help_screen_lists_the_words_used_here() -> None:
    text = _render(help_screen(MAIN, MAIN.item_by_id["gov-13"]))
    assert "Words used here:" in text
    assert "data protection impact assessment (DPIA): A written check" in text


def test_the_help_screen_has_no_glossary_part_when_no_term_is_used() -> None:
    mini = load_checklist(str(MINI))
    assert "Words used here" not in _render(help_screen(mini, mini.items[0]))


@pytest.fixture
def mini_with_glossary(tmp_path: Path) -> Path:
    path = tmp_path / "mini-glossary.yaml"
    text = MINI.read_text(encoding="utf-8").replace(
        "\nsections:\n",
        "\nglossary:\n  VPN: A service that can get round a school filter.\nsections:\n",
    )
    path.write_text(text, encoding="utf-8")
    return path


def test_question_mark_in_the_interview_explains_the_item_s_terms(
    runner: CliRunner, tmp_path: Path, mini_with_glossary: Path
) -> None:
    answers = tmp_path / "answers.yaml"
    lines = [*PROFILE_LINES, "y", "y", "?", "q"]  # bas-01, bas-02, then help at bas-03
    result = runner.invoke(
        app,
        ["audit", str(answers), "--checklist", str(mini_with_glossary), *PROFILE_OPTIONS],
        input="".join(line + "\n" for line in lines),
    )
    assert "[bas-03]" in result.stdout, result.output
    assert "VPN: A service that can get round a school filter." in result.stdout, result.output


def test_show_detail_markdown_and_json_carry_the_glossary(
    runner: CliRunner, mini_with_glossary: Path
) -> None:
    detail = runner.invoke(app, ["checklist", "show", str(mini_with_glossary), "--detail"])
    assert detail.exit_code == 0, detail.output
    assert "Glossary" in detail.stdout and "A service that can get round" in detail.stdout
    plain = runner.invoke(app, ["checklist", "show", str(mini_with_glossary)])
    assert "Glossary" not in plain.stdout
    checklist = load_checklist(str(mini_with_glossary))
    assert "- **VPN**: A service that can get round a school filter." in (
        checklist_markdown(checklist)
    )
    data = json.loads(
        runner.invoke(app, ["checklist", "show", str(mini_with_glossary), "-f", "json"]).stdout
    )
    assert data["glossary"] == {"VPN": "A service that can get round a school filter."}


SPELLINGS = [(term, spelling) for term, _ in MAIN.glossary for spelling in spellings(term)]
WORDS = st.lists(st.text(alphabet=string.ascii_letters, min_size=1, max_size=8), max_size=6)


@given(pair=st.sampled_from(SPELLINGS), before=WORDS, after=WORDS, upper=st.booleans())
def test_a_term_is_found_wherever_it_stands_between_words(
    pair: tuple[str, str], before: list[str], after: list[str], upper: bool
) -> None:
    """Whatever words surround it, a term is found; a lower-case term in capitals too."""
    term, spelling = pair
    written = spelling.upper() if upper and spelling == spelling.lower() else spelling
    text = " ".join([*before, written + ",", *after])
    assert term in [t for t, _ in terms_in(MAIN.glossary, [text])]


@given(word=st.text(alphabet=string.ascii_letters, min_size=1, max_size=6))
def test_a_term_glued_to_other_letters_is_not_found(word: str) -> None:
    """`agent` is not in `reagent` or `agentxyz` (a trailing s or es is a plural, though)."""
    glued = [f"{word}agent", f"agent{word}"]
    found_terms = [t for t, _ in terms_in(GLOSSARY, glued)]
    assert found_terms == [] or word.lower() in ("s", "es")
