"""Content rules for every built-in checklist, checked mechanically.

`checklist lint` checks that a checklist makes sense; these rules check that a built-in one is
fit to ship: every item complete enough to act on, sources declared and cited, paragraph numbers
only where the research supports them (flagged "check source" where it does not settle them),
a sane share of statutory items, and ids that never disappear, because answers files depend on
them. The frozen id lists live in `tests/data/checklist-ids/<checklist-id>.txt`; after adding
items, append their ids on purpose with
`SCHOOLAUDIT_UPDATE_GOLDEN=1 python -m pytest tests/test_checklist_content.py`.

Each rule is a function from a checklist (and its raw YAML data, where the model has already
filled in a default) to a list of complaints; the last tests break a copy of a built-in
checklist on purpose to show that each rule notices.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from schoolaudit.applicability import applicability
from schoolaudit.catalog import DEFAULT_CHECKLIST, Catalog, Entry
from schoolaudit.checklist import build_checklist, lint_file
from schoolaudit.glossary import terms_in
from schoolaudit.model import Checklist
from schoolaudit.values import json_keys
from schoolaudit.yamlsource import load_yaml
from tests.builders import answers
from tests.conftest import TESTS, builtin_checklist

FROZEN_IDS = TESTS / "data" / "checklist-ids"
UPDATE_HINT = "SCHOOLAUDIT_UPDATE_GOLDEN=1 python -m pytest tests/test_checklist_content.py"

ITEM_COUNTS = {"uksic-online-safety": (150, 240), "dfe-filtering-monitoring": (15, 60)}
"""How many items each built-in checklist may hold: enough for its scope, few enough to answer.

The main checklist is a whole-school self-review since 2026.2; conditions (phase, boarding,
personal devices, pupils' AI use, answers to earlier items) keep a primary's run to what applies.
"""

MAX_STATUTORY_SHARE = 0.3
"""Statutory means law or a "must" in statutory guidance; most of what schools are asked is less."""

ANNUAL_WORDS = re.compile(
    r"\b(review|reviewed|annual|annually|yearly|every year|each year)\b", re.I
)
ONE_YEAR_DAYS = 366

KCSIE_PARAGRAPHS: dict[str, frozenset[int]] = {
    "2022": frozenset({140}),
    "2023": frozenset({103, 124, 138, 141, 142}),
    "2024": frozenset({103, 124, 138}),
    "2025": frozenset({135, 142, 143, 144, 145, 146}),
    "2026": frozenset({23, 34, 74, 78, 150, 151, 159, 160, 165, 193, 218}),
}
"""KCSIE paragraph numbers the domain research found, per edition (domain.md, domain-2026.md).

A number outside this list was invented or comes from a source nobody has recorded: find it in
the research (or the primary text) first, then add it here.
"""

UNSETTLED_KCSIE_EDITIONS = frozenset({"2024", "2025", "2026"})
"""Editions whose paragraph numbers the research could not confirm: always `verified: false`."""

PARAGRAPH = re.compile(r"\bpara(?:graph)?s?\b\.?\s*((?:\d+\s*(?:,|–|-|and|to)?\s*)+)", re.I)
ITEM_ID = re.compile(r"^(?P<prefix>[a-z]+(?:-[a-z]+)*)-\d{2}$")

Rule = Callable[[Checklist, dict[str, Any]], list[str]]


def _builtins() -> list[Entry]:
    return [entry for entry in Catalog().entries() if entry.builtin]


BUILTINS = _builtins()


def _raw(path: str) -> dict[str, Any]:
    data: dict[str, Any] = json_keys(load_yaml(path).data)
    return data


def _load(entry: Entry) -> tuple[Checklist, dict[str, Any]]:
    return builtin_checklist(entry.path), _raw(entry.path)


# --- the rules -------------------------------------------------------------------------------


def incomplete_items(checklist: Checklist, raw: dict[str, Any]) -> list[str]:
    """Every item can be acted on: a question, guidance, an action, evidence, an owner, a source."""
    complaints = []
    for item in checklist.items:
        for name in ("text", "guidance", "remediation", "evidence", "owner"):
            if not getattr(item, name).strip():
                complaints.append(f"{item.id}: empty {name}")
        if not item.text.rstrip().endswith("?"):
            complaints.append(f"{item.id}: text is not a question: {item.text!r}")
        if not item.references:
            complaints.append(f"{item.id}: cites no source")
        if item.weight not in (1, 2, 3):
            complaints.append(f"{item.id}: weight {item.weight:g} is not 1, 2 or 3")
    return complaints


MAX_QUESTION_LENGTH = 160
"""A question a busy DSL takes in at one reading fits two lines of a wide terminal."""


def long_questions(checklist: Checklist, raw: dict[str, Any]) -> list[str]:
    return [
        f"{item.id}: the question is {len(item.text)} characters; keep it to "
        f"{MAX_QUESTION_LENGTH} and move detail to the guidance"
        for item in checklist.items
        if len(item.text) > MAX_QUESTION_LENGTH
    ]


def item_count_out_of_range(checklist: Checklist, raw: dict[str, Any]) -> list[str]:
    if checklist.id not in ITEM_COUNTS:
        return [f"no item-count range for {checklist.id}: add one to ITEM_COUNTS"]
    low, high = ITEM_COUNTS[checklist.id]
    count = len(checklist.items)
    return [] if low <= count <= high else [f"{count} items; expected {low} to {high}"]


def badly_formed_ids(checklist: Checklist, raw: dict[str, Any]) -> list[str]:
    """Ids unique across sections and items; each section's items share one prefix of its own."""
    complaints = []
    ids = [section.id for section in checklist.sections] + [i.id for i in checklist.items]
    complaints += [
        f"id {i} is used more than once" for i in sorted({i for i in ids if ids.count(i) > 1})
    ]
    owner_of_prefix: dict[str, str] = {}
    for section in checklist.sections:
        prefixes = set()
        for item in section.items:
            match = ITEM_ID.match(item.id)
            if match is None:
                complaints.append(f"{item.id}: not a section prefix and two digits (flt-03)")
                continue
            prefixes.add(match["prefix"])
        if len(prefixes) > 1:
            complaints.append(f"section {section.id} mixes prefixes {sorted(prefixes)}")
        for prefix in prefixes:
            other = owner_of_prefix.setdefault(prefix, section.id)
            if other != section.id:
                complaints.append(f"prefix {prefix} is used by sections {other} and {section.id}")
    return complaints


def stale_dates(checklist: Checklist, raw: dict[str, Any]) -> list[str]:
    """A date item about a review or yearly event gives no credit to a date over a year old."""
    complaints = []
    for item in checklist.items:
        if item.type != "date":
            continue
        if item.max_age_days is None:
            complaints.append(f"{item.id}: date item without max_age_days")
        elif ANNUAL_WORDS.search(f"{item.text} {item.guidance}") and (
            item.max_age_days > ONE_YEAR_DAYS
        ):
            complaints.append(
                f"{item.id}: a yearly review, but max_age_days is {item.max_age_days}"
            )
    return complaints


NEVER_HINT = re.compile(r"\banswer never\b", re.I)


def date_never_unexplained(checklist: Checklist, raw: dict[str, Any]) -> list[str]:
    """A date item's guidance says what to answer when it never happened.

    A date item takes a date, `never`, `unsure` or `na`; saying so where the question asks
    "when" keeps a DSL whose school has never held the review from typing a guess.
    """
    return [
        f"{item.id}: guidance does not say to answer never when it has never happened"
        for item in checklist.items
        if item.type == "date" and not NEVER_HINT.search(item.guidance)
    ]


def source_problems(checklist: Checklist, raw: dict[str, Any]) -> list[str]:
    """Every declared source is cited and every cited source declared; each names its edition."""
    cited = {ref.source for item in checklist.items for ref in item.references}
    declared = set(checklist.sources)
    complaints = [f"source {s} is cited but not declared" for s in sorted(cited - declared)]
    complaints += [f"source {s} is declared but never cited" for s in sorted(declared - cited)]
    for source in checklist.sources.values():
        if not source.publisher or not source.edition:
            complaints.append(f"source {source.id} needs a publisher and an edition")
    return complaints


def _raw_references(raw: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (item["id"], reference)
        for section in raw["sections"]
        for item in section["items"]
        for reference in item.get("references", [])
    ]


def _kcsie_edition(source: dict[str, Any], source_id: str) -> str | None:
    """The edition of a KCSIE source, or None if the source is not KCSIE."""
    title = str(source.get("title", ""))
    if not (source_id.startswith("kcsie") or "keeping children safe" in title.lower()):
        return None
    if source.get("edition"):
        return str(source["edition"])
    year = re.search(r"\b(20\d\d)\b", title)
    return year[1] if year else ""


def paragraph_problems(checklist: Checklist, raw: dict[str, Any]) -> list[str]:
    """A paragraph number says whether it is settled, and KCSIE numbers come from the research.

    This checks form, not truth: that `verified` is written out wherever `where` names a
    paragraph, that a KCSIE number is one the research found for that edition, and that numbers
    of editions the research could not confirm are marked `verified: false`.
    """
    complaints = []
    sources = raw.get("sources") or {}
    for item_id, reference in _raw_references(raw):
        numbers = [
            int(n)
            for group in PARAGRAPH.findall(reference.get("where", ""))
            for n in re.findall(r"\d+", group)
        ]
        if not numbers:
            continue
        where = f"{item_id}: {reference['source']} {reference['where']!r}"
        if "verified" not in reference:
            complaints.append(f"{where} names a paragraph: say verified: true or false")
        edition = _kcsie_edition(sources.get(reference["source"], {}), reference["source"])
        if edition is None:
            continue
        supported = KCSIE_PARAGRAPHS.get(edition)
        if supported is None:
            complaints.append(f"{where}: no paragraph numbers are known for KCSIE {edition!r}")
            continue
        for number in numbers:
            if number not in supported:
                complaints.append(
                    f"{where}: para {number} of KCSIE {edition} is not in the research "
                    f"(known: {sorted(supported)})"
                )
        if edition in UNSETTLED_KCSIE_EDITIONS and reference.get("verified") is not False:
            complaints.append(f"{where}: KCSIE {edition} numbers are unconfirmed: verified: false")
    return complaints


def too_many_statutory(checklist: Checklist, raw: dict[str, Any]) -> list[str]:
    statutory = [item.id for item in checklist.items if item.severity == "statutory"]
    share = len(statutory) / len(checklist.items)
    if share <= MAX_STATUTORY_SHARE:
        return []
    return [
        f"{len(statutory)} of {len(checklist.items)} items are statutory ({share:.0%}); "
        f"keep statutory for law and statutory 'must' (at most {MAX_STATUTORY_SHARE:.0%})"
    ]


def incomplete_types(checklist: Checklist, raw: dict[str, Any]) -> list[str]:
    """Level items say what each level means; number items say what they count and up to what."""
    complaints = []
    for item in checklist.items:
        if item.type == "level" and len(item.levels) != 5:
            complaints.append(f"{item.id}: label all five levels")
        if item.type == "number" and (not item.unit or item.max is None):
            complaints.append(f"{item.id}: a number item needs a unit and a max")
    return complaints


def unused_profile_fields(checklist: Checklist, raw: dict[str, Any]) -> list[str]:
    """A profile question that no condition uses makes every school answer it for nothing."""
    used = {c.school_field for item in checklist.items for c in item.conditions}
    return [
        f"profile field {field.id} is asked but no applies_if uses it"
        for field in checklist.profile
        if field.id not in used
    ]


def unexplained_unverified(checklist: Checklist, raw: dict[str, Any]) -> list[str]:
    """The maintainer notes name each source (or each item) whose references need re-checking."""
    notes = " ".join(checklist.notes).lower()
    items_by_source: dict[str, list[str]] = {}
    for item in checklist.items:
        for ref in item.references:
            if not ref.verified:
                items_by_source.setdefault(ref.source, []).append(item.id)
    complaints = []
    for source_id, item_ids in items_by_source.items():
        source = checklist.sources.get(source_id)
        names = {source_id, source_id.replace("-", " ")} | (
            {source.title.lower()} if source else set()
        )
        if not any(name in notes for name in names) and not all(i in notes for i in item_ids):
            complaints.append(
                f"references to {source_id} are unverified ({', '.join(item_ids)}) but the "
                "notes do not say so: name the source or the items in notes"
            )
    return complaints


def unquoted_verified(checklist: Checklist, raw: dict[str, Any]) -> list[str]:
    """A verified reference to a part of a source keeps the source's wording, to re-check it.

    `verified` defaults to true, so a `where` with neither `verified: false` nor a `quote` claims
    a reading nobody can re-check: mark it unverified or quote the sentence that supports it.
    """
    return [
        f"{item.id}: {ref.source} {ref.where!r} is verified but has no quote: add the source's "
        "one-sentence wording, or say verified: false"
        for item in checklist.items
        for ref in item.references
        if ref.where and ref.verified and not ref.quote
    ]


UNSAFE_TESTS = [
    re.compile(pattern, re.I)
    for pattern in (
        r"\b(visit|try|browse|open|load|go to|search for)\b[^.;]{0,60}"
        r"\b(nudify|nudification|undress|porn\w*|adult|explicit|sexual|self-harm|suicide|"
        r"extremis\w*|terroris\w*|child (sexual )?abuse|indecent|gambling|drugs?)\b"
        r"[^.;]{0,30}\b(sites?|pages?|services?|apps?|material|content|images?|terms?)\b",
        r"\b(try|visit|browse|load|open)\b[^.;]{0,60}\b(on|from) a pupil('s)? "
        r"(device|account|login)\b",
        r"\b(harmful|test) prompts?\b(?![^.]*\bnot\b)",
    )
]
"""Instructions that would send someone to harmful content to check a block, or act as a pupil.

Checks go through the provider's category lookup, its test pages and Test Filtering, never a
visit to the real thing: that exposes the tester to sexual or illegal images and puts alerts
against a pupil's account. A sentence that says "never" or "do not" before the words is a
warning, not an instruction, and is allowed.
"""

WARNING = re.compile(r"\b(never|not|don't|no)\b", re.I)


def unsafe_test_instructions(checklist: Checklist, raw: dict[str, Any]) -> list[str]:
    complaints = []
    for item in checklist.items:
        for name in ("text", "guidance", "remediation", "evidence"):
            for sentence in re.split(r"(?<=[.;?])\s+", getattr(item, name)):
                found = next((p.search(sentence) for p in UNSAFE_TESTS if p.search(sentence)), None)
                if found and not WARNING.search(sentence[: found.start()]):
                    complaints.append(f"{item.id}: {name} tells someone to {found[0]!r}")
    return complaints


LAW = re.compile(r"\b(Act|Regulations?)\b")


def statutory_without_law(checklist: Checklist, raw: dict[str, Any]) -> list[str]:
    """A statutory item cites the Act or Regulations that bind the school, by its title."""
    return [
        f"{item.id}: statutory, but no reference names an Act or Regulations"
        for item in checklist.items
        if item.severity == "statutory"
        and not any(
            ref.source in checklist.sources and LAW.search(checklist.sources[ref.source].title)
            for ref in item.references
        )
    ]


MAX_QUOTE = 300
PROVIDER_TYPES = frozenset({"yesno", "ynp", "choice", "text"})
"""A provider answers what its product does; dates, counts and maturity levels are the school's."""


def ask_and_quote_problems(checklist: Checklist, raw: dict[str, Any]) -> list[str]:
    """A quote is one short sentence from a named part; `ask: provider` fits its question."""
    complaints = []
    for item in checklist.items:
        for ref in item.references:
            if ref.quote is None:
                continue
            if not ref.where:
                complaints.append(f"{item.id}: {ref.source} quotes without saying where")
            if len(ref.quote) > MAX_QUOTE or re.search(r"[.!?]\s+\S", ref.quote):
                complaints.append(f"{item.id}: {ref.source} quote is not one short sentence")
        if item.ask == "provider" and item.type not in PROVIDER_TYPES:
            complaints.append(f"{item.id}: a provider cannot answer a {item.type} item")
    return complaints


EVERYDAY_ABBREVIATIONS = frozenset({"AI", "IT", "UK", "IP"})
"""Abbreviations every reader knows (IP only ever appears as "IP address", a glossary term)."""

ABBREVIATION = re.compile(r"\b[0-9]*[A-Z][a-z]?[A-Z][A-Za-z0-9]*\b")


def unexplained_abbreviations(checklist: Checklist, raw: dict[str, Any]) -> list[str]:
    """A checklist with a glossary explains every abbreviation its items use (DPIA, LADO, …).

    The interview's `?` shows an item's glossary terms; an abbreviation missing from the
    glossary is one a primary DSL meets with no explanation.
    """
    if not checklist.glossary:
        return []
    missing: dict[str, str] = {}
    for item in checklist.items:
        words = " ".join((item.text, item.guidance, item.evidence, item.remediation))
        for word in ABBREVIATION.findall(words):
            word = word.removesuffix("s") if word.endswith("s") and word[:-1].isupper() else word
            if word not in EVERYDAY_ABBREVIATIONS and not terms_in(checklist.glossary, [word]):
                missing.setdefault(word, item.id)
    return [f"{item_id}: {word} is not in the glossary" for word, item_id in missing.items()]


RULES: list[Rule] = [
    incomplete_items,
    long_questions,
    item_count_out_of_range,
    badly_formed_ids,
    stale_dates,
    date_never_unexplained,
    source_problems,
    paragraph_problems,
    too_many_statutory,
    incomplete_types,
    unused_profile_fields,
    unexplained_unverified,
    unquoted_verified,
    unsafe_test_instructions,
    statutory_without_law,
    ask_and_quote_problems,
    unexplained_abbreviations,
]


# --- every built-in checklist ------------------------------------------------------------------


def test_both_builtin_checklists_are_found() -> None:
    assert {entry.id for entry in BUILTINS} >= set(ITEM_COUNTS), [e.id for e in BUILTINS]


@pytest.mark.parametrize("entry", BUILTINS, ids=lambda e: e.id)
def test_lints_clean(entry: Entry) -> None:
    problems = lint_file(entry.path)
    assert problems == [], "\n".join(str(problem) for problem in problems)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.__name__)
@pytest.mark.parametrize("entry", BUILTINS, ids=lambda e: e.id)
def test_content_rule(entry: Entry, rule: Rule) -> None:
    checklist, raw = _load(entry)
    complaints = rule(checklist, raw)
    assert complaints == [], f"{entry.path}:\n" + "\n".join(complaints)


# --- ids never disappear ----------------------------------------------------------------------


def checklist_ids(checklist: Checklist) -> list[str]:
    """Section and item ids in checklist order: the ids answers files may depend on."""
    ids = []
    for section in checklist.sections:
        ids.append(section.id)
        ids.extend(item.id for item in section.items)
    return ids


def read_frozen(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def id_drift(current: list[str], frozen: list[str]) -> tuple[list[str], list[str]]:
    """(frozen ids the checklist lost, checklist ids not yet frozen), each in its own order."""
    current_set, frozen_set = set(current), set(frozen)
    return [i for i in frozen if i not in current_set], [i for i in current if i not in frozen_set]


@pytest.mark.parametrize("entry", BUILTINS, ids=lambda e: e.id)
def test_ids_are_stable(entry: Entry) -> None:
    checklist = builtin_checklist(entry.path)
    path = FROZEN_IDS / f"{checklist.id}.txt"
    frozen = read_frozen(path)
    missing, new = id_drift(checklist_ids(checklist), frozen)
    assert not missing, (
        f"{checklist.id} lost ids that answers files may use: {', '.join(missing)}. Ids are a "
        "contract: restore them (reword the item if you must, but keep its id); never rename "
        f"or remove an id listed in {path}"
    )
    if new and os.environ.get("SCHOOLAUDIT_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(f"{i}\n" for i in [*frozen, *new]), encoding="utf-8")
        return
    assert not new, (
        f"{checklist.id} has ids that are not frozen yet: {', '.join(new)}. If they are meant, "
        f"append them to {path} with: {UPDATE_HINT}"
    )


def test_frozen_lists_name_builtin_checklists() -> None:
    """A frozen list without its checklist means a checklist was renamed or dropped."""
    known = {entry.id for entry in BUILTINS}
    orphans = sorted(p.stem for p in FROZEN_IDS.glob("*.txt") if p.stem not in known)
    assert orphans == [], f"frozen id lists for checklists that no longer exist: {orphans}"


# --- the rules notice real defects --------------------------------------------------------------

DFE = next((e for e in BUILTINS if e.id == "dfe-filtering-monitoring"), None)


@pytest.fixture
def dfe_raw() -> dict[str, Any]:
    """A fresh copy of the DfE checklist's data, to break on purpose."""
    assert DFE is not None, "the DfE checklist is built in"
    return copy.deepcopy(_raw(DFE.path))


def _item(raw: dict[str, Any], item_id: str) -> dict[str, Any]:
    return next(i for s in raw["sections"] for i in s["items"] if i["id"] == item_id)


def _complaints(rule: Rule, raw: dict[str, Any]) -> list[str]:
    return rule(build_checklist(raw, path=None, builtin=True), raw)


def _break_item(raw: dict[str, Any]) -> None:
    item = _item(raw, "dfe-rol-02")
    item["guidance"] = "  "
    item["text"] = "The SLT lead is named."
    item["weight"] = 5


def _break_length(raw: dict[str, Any]) -> None:
    _item(raw, "dfe-rol-02")["text"] = "Is one named senior leader responsible, " * 5 + "?"


def _break_count(raw: dict[str, Any]) -> None:
    raw["sections"] = raw["sections"][:1]


def _break_ids(raw: dict[str, Any]) -> None:
    _item(raw, "dfe-rol-02")["id"] = "dfe-flt-99"


def _break_date(raw: dict[str, Any]) -> None:
    _item(raw, "dfe-rev-01")["max_age_days"] = 730


def _break_never(raw: dict[str, Any]) -> None:
    _item(raw, "dfe-rev-01")["guidance"] = "Give the date of the last full review."


def _break_sources(raw: dict[str, Any]) -> None:
    raw["sources"]["ukcis-nudes"] = {"title": "Sharing nudes and semi-nudes"}


def _break_paragraph(raw: dict[str, Any]) -> None:
    _item(raw, "dfe-rol-01")["references"] = [
        {"source": "kcsie-2026", "where": "para 172"},
        {"source": "kcsie-2023", "where": "paras 141-142"},
    ]


def _break_statutory(raw: dict[str, Any]) -> None:
    for section in raw["sections"]:
        for item in section["items"]:
            item["severity"] = "statutory"


def _break_types(raw: dict[str, Any]) -> None:
    _item(raw, "dfe-rol-07").update({"type": "number", "min": 50, "max": 100})


def _break_profile(raw: dict[str, Any]) -> None:
    raw["profile"].append({"id": "boarding", "text": "Does the school have boarders?"})


def _break_notes(raw: dict[str, Any]) -> None:
    raw["notes"] = ["Nothing to re-check."]


@pytest.mark.parametrize(
    ("rule", "breakage", "expected"),
    [
        (incomplete_items, _break_item, "dfe-rol-02: empty guidance"),
        (incomplete_items, _break_item, "dfe-rol-02: text is not a question"),
        (incomplete_items, _break_item, "dfe-rol-02: weight 5 is not 1, 2 or 3"),
        (long_questions, _break_length, "dfe-rol-02: the question is 201 characters"),
        (item_count_out_of_range, _break_count, "7 items; expected 15 to 60"),
        (badly_formed_ids, _break_ids, "section roles mixes prefixes"),
        (badly_formed_ids, _break_ids, "prefix dfe-flt is used by sections roles and filtering"),
        (stale_dates, _break_date, "dfe-rev-01: a yearly review, but max_age_days is 730"),
        (date_never_unexplained, _break_never, "dfe-rev-01: guidance does not say to answer never"),
        (source_problems, _break_sources, "source ukcis-nudes is declared but never cited"),
        (source_problems, _break_sources, "source ukcis-nudes needs a publisher and an edition"),
        (paragraph_problems, _break_paragraph, "'para 172' names a paragraph: say verified"),
        (paragraph_problems, _break_paragraph, "para 172 of KCSIE 2026 is not in the research"),
        (paragraph_problems, _break_paragraph, "KCSIE 2026 numbers are unconfirmed"),
        (paragraph_problems, _break_paragraph, "'paras 141-142' names a paragraph: say verified"),
        (too_many_statutory, _break_statutory, "44 of 44 items are statutory"),
        (incomplete_types, _break_types, "dfe-rol-07: a number item needs a unit and a max"),
        (unused_profile_fields, _break_profile, "profile field boarding is asked but no"),
        (unexplained_unverified, _break_notes, "references to dfe-fm-2026 are unverified"),
    ],
    ids=lambda value: getattr(value, "__name__", None) or str(value)[:40],
)
def test_rule_notices_a_defect(
    dfe_raw: dict[str, Any], rule: Rule, breakage: Callable[[dict[str, Any]], None], expected: str
) -> None:
    assert rule(build_checklist(dfe_raw, path=None, builtin=True), dfe_raw) == []
    breakage(dfe_raw)
    complaints = _complaints(rule, dfe_raw)
    assert any(expected in complaint for complaint in complaints), complaints


MAIN = next(e for e in BUILTINS if e.id == DEFAULT_CHECKLIST)


@pytest.fixture
def main_raw() -> dict[str, Any]:
    """A fresh copy of the main checklist's data, to break on purpose."""
    return copy.deepcopy(_raw(MAIN.path))


def _break_quote(raw: dict[str, Any]) -> None:
    reference = _item(raw, "gov-06")["references"][1]
    del reference["verified"], reference["quote"]


def _break_unsafe_visit(raw: dict[str, Any]) -> None:
    _item(raw, "flt-16")["guidance"] = (
        "Check the categories and try a few known nudify sites from a pupil device."
    )


def _break_unsafe_pupil_device(raw: dict[str, Any]) -> None:
    _item(raw, "flt-07")["remediation"] = "Turn it on, then visit a couple on a pupil device."


def _break_unsafe_prompts(raw: dict[str, Any]) -> None:
    _item(raw, "gai-07")["guidance"] = "Ask for the supplier's statement and try some test prompts."


def _break_law(raw: dict[str, Any]) -> None:
    _item(raw, "gov-05")["severity"] = "statutory"


def _break_ask_quote(raw: dict[str, Any]) -> None:
    _item(raw, "rev-01")["ask"] = "provider"
    reference = _item(raw, "trn-01")["references"][1]
    reference["quote"] = "The first sentence. A second sentence."
    _item(raw, "gov-01")["references"][0]["quote"] = "Wording with nowhere to find it."


@pytest.mark.parametrize(
    ("rule", "breakage", "expected"),
    [
        (unquoted_verified, _break_quote, "gov-06: kcsie-2023 'para 103' is verified but has no"),
        (unsafe_test_instructions, _break_unsafe_visit, "flt-16: guidance tells someone to 'try"),
        (unsafe_test_instructions, _break_unsafe_pupil_device, "flt-07: remediation tells"),
        (unsafe_test_instructions, _break_unsafe_prompts, "gai-07: guidance tells someone to"),
        (statutory_without_law, _break_law, "gov-05: statutory, but no reference names an Act"),
        (ask_and_quote_problems, _break_ask_quote, "rev-01: a provider cannot answer a date item"),
        (ask_and_quote_problems, _break_ask_quote, "trn-01: kcsie-2023 quote is not one short"),
        (ask_and_quote_problems, _break_ask_quote, "gov-01: kcsie-2026 quotes without saying"),
    ],
    ids=lambda value: getattr(value, "__name__", None) or str(value)[:40],
)
def test_issue_13_rule_notices_a_defect(
    main_raw: dict[str, Any], rule: Rule, breakage: Callable[[dict[str, Any]], None], expected: str
) -> None:
    assert rule(build_checklist(main_raw, path=None, builtin=True), main_raw) == []
    breakage(main_raw)
    complaints = _complaints(rule, main_raw)
    assert any(expected in complaint for complaint in complaints), complaints


def test_a_warning_is_not_an_unsafe_instruction(main_raw: dict[str, Any]) -> None:
    """Saying what not to do names the harmful thing too; only instructions are refused."""
    _item(main_raw, "flt-16")["guidance"] = (
        "Use the provider's category lookup. Never visit or try nudify sites to test them."
    )
    assert _complaints(unsafe_test_instructions, main_raw) == []


def test_a_settled_kcsie_paragraph_may_be_verified(dfe_raw: dict[str, Any]) -> None:
    """KCSIE 2023's numbers agree across sources, so `verified: true` is allowed there."""
    _item(dfe_raw, "dfe-rol-01")["references"] = [
        {"source": "kcsie-2023", "where": "para 141", "verified": True}
    ]
    assert _complaints(paragraph_problems, dfe_raw) == []


def test_id_drift_reports_lost_and_new_ids() -> None:
    assert id_drift(["roles", "r-01", "r-03"], ["roles", "r-01", "r-02"]) == (["r-02"], ["r-03"])
    assert id_drift(["roles", "r-01"], ["roles", "r-01"]) == ([], [])


# --- what the content must say, beyond its form ----------------------------------------------

STATUTORY: dict[str, dict[str, str]] = {
    "uksic-online-safety": {
        "gov-13": "UK GDPR Article 35: a DPIA for high-risk processing such as monitoring children",
        "inc-16": "Counter-Terrorism and Security Act 2015 s.26: the Prevent duty",
    },
    "dfe-filtering-monitoring": {},
}
"""The items graded statutory, each with the law it rests on (domain.md section 10 grades S).

A statutory shortfall holds a school's rating at amber, so the list is pinned: an item that
checks staff knowledge, a procedure or a plan is expected even when the act behind it is a crime
or a legal duty (domain.md grades the first-response rules 'E-D, underlying law S'), items
resting on the same offences are graded alike (inc-03, inc-13, inc-14, inc-17), and KCSIE's
'should' duties are expected until the KCSIE 2026 text is read. RSHE teaching (edu-02, edu-03)
is expected until the checklist cites the Act and Regulations that make it compulsory: the
research names none (see the checklist's notes).
"""


@pytest.mark.parametrize("entry", BUILTINS, ids=lambda e: e.id)
def test_statutory_only_where_the_law_says_must(entry: Entry) -> None:
    checklist = builtin_checklist(entry.path)
    statutory = {item.id for item in checklist.items if item.severity == "statutory"}
    expected = set(STATUTORY.get(checklist.id, {}))
    assert statutory == expected, (
        f"{checklist.id}: statutory items {sorted(statutory)}, expected {sorted(expected)}. "
        "Grade from domain.md section 10 and name the law in STATUTORY before changing this"
    )


def _question_key(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", text.lower()).strip()


def test_the_same_question_is_graded_the_same_in_every_checklist() -> None:
    """A DSL who answers both built-in checklists must not see one gap graded two ways."""
    graded: dict[str, list[tuple[str, str]]] = {}
    for entry in BUILTINS:
        for item in builtin_checklist(entry.path).items:
            graded.setdefault(_question_key(item.text), []).append((item.id, item.severity))
    shared = {key: found for key, found in graded.items() if len(found) > 1}
    assert len(shared) >= 3, "the checklists share fewer questions than expected"
    clashes = [found for found in shared.values() if len({s for _, s in found}) > 1]
    assert clashes == [], clashes


CHANGES_2025_26: dict[str, str] = {
    "UKSIC 2024-26: illegal-content lists nobody can switch off": r"nobody .* switch them off",
    "UKSIC 2026: real-time content filters, AI-generated text": r"real time, including AI",
    "UKSIC 2026: how encrypted traffic is filtered": r"encrypted",
    "UKSIC 2026: filtering inside apps and cloud services": r"inside the apps and cloud",
    "UKSIC 2024: hate speech as its own category": r"hate speech",
    "UKSIC 2025: intimate image abuse": r"intimate image abuse",
    "UKSIC 2025: mis- and disinformation in filtering scope": r"filter cover .*disinformation",
    "UKSIC 2026: the provider's current self-certification": r"self-certification",
    "UKSIC 2025: monitoring identifies users and devices": r"identify each user and device",
    "DfE June 2026: AI-generated content in filtering": r"AI-generated content in the apps",
    "DfE June 2026: new AI tools risk-assessed": r"AI tool risk-assessed",
    "DfE June 2026: a new AI tool triggers an extra review": r"new AI tool trigger",
    "KCSIE 2026: filtering and monitoring reviewed each year": r"review the effectiveness",
    "KCSIE 2026: AI apps that simulate harmful contact": r"AI chatbots .*harmful contact",
    "KCSIE 2026: explicit images, including AI-made": r"AI-generated or altered sexual",
    "KCSIE 2026: deepfakes in preventative education": r"deepfakes",
    "KCSIE 2026: pornography and misogynistic influencers": r"misogynistic influencers",
    "KCSIE 2026: decisions recorded with reasons": r"decisions taken and the reasons",
    "DfE January 2026: a phone-free school day": r"mobile phones handled",
    "Ofsted from April 2026: phone policy checked at inspection": r"Ofsted",
    "Early Warning Working Group May 2026: published pupil photos": r"pupil photos",
    "NCA and IWF July 2026: parents limit public photos": r"limit the photos",
    "UKCIS 2024: sextortion with real or AI-made images": r"sextortion",
    "UKCIS 2024: Report Remove, IWF and CEOP": r"Report Remove",
    "Crime and Policing Act 2026: AI child abuse image tools": r"AI tool made to create sexual",
    "Crime and Policing Act 2026: readiness for the reporting duty": r"Crime and Policing Act",
}
"""Each 2025-26 change in domain-2026.md, and a phrase a question of the main checklist asks it by.

A school audited in November 2026 must be asked about each: in a question, not only in the
guidance behind one, because the question is what the DSL answers.
"""


@pytest.mark.parametrize("pattern", CHANGES_2025_26.values(), ids=list(CHANGES_2025_26))
def test_every_2025_26_change_is_asked(pattern: str) -> None:
    questions = [item.text for item in builtin_checklist(DEFAULT_CHECKLIST).items]
    assert any(re.search(pattern, text, re.I) for text in questions), pattern


ALL_PROFILE_FIELDS_YES = {
    "early_years": "yes",
    "boarding": "yes",
    "personal_devices": "yes",
    "pupil_ai": "yes",
    "in_trust": "yes",
    "rpa": "yes",
}


def _applying(phase: str) -> set[str]:
    checklist = builtin_checklist(DEFAULT_CHECKLIST)
    school = answers(school={"phase": phase, **ALL_PROFILE_FIELDS_YES})
    return {i for i, decided in applicability(checklist, school).items() if decided.applies}


def test_a_nursery_is_not_asked_what_its_pupils_are_taught() -> None:
    """Three-year-olds have no RSHE, no phones and no Report Remove lessons to score."""
    applying = _applying("nursery")
    asked = sorted(i for i in applying if i.startswith("edu-"))
    assert asked == [], asked
    assert not applying & {"aup-06", "aup-07", "par-02"}
    assert {"inc-03", "trn-01", "flt-09"} <= applying


def test_a_college_is_not_asked_about_school_phone_rules_or_rshe() -> None:
    """The DfE phone guidance and the RSHE guidance are for schools, not post-16 colleges."""
    applying = _applying("post-16")
    assert not applying & {"aup-06", "aup-07", "par-02", "edu-02", "edu-03"}
    assert {"edu-04", "edu-09", "edu-10", "dev-08"} <= applying


def test_a_primary_is_asked_the_primary_teaching_items_only() -> None:
    applying = _applying("primary")
    assert {"edu-01", "edu-03", "edu-09", "aup-06", "par-02"} <= applying
    assert not applying & {"edu-02", "edu-04", "edu-10", "dev-08"}


ARCHIVED_2026_1 = str(Path(MAIN.path).parent / "archive" / "uksic-online-safety-2026.1.yaml")


def test_the_first_editions_unsafe_guidance_is_caught() -> None:
    """The rule finds what issue 13 found in 2026.1: nudify sites tried from a pupil device."""
    raw = _raw(ARCHIVED_2026_1)
    complaints = unsafe_test_instructions(build_checklist(raw, path=None, builtin=True), raw)
    assert any(c.startswith("flt-16: guidance") for c in complaints), complaints
    assert any(c.startswith("gai-07: guidance") for c in complaints), complaints


CHARGED_ONCE = {
    "rev-06": "rev-05",
    "aup-12": "aup-06",
    "aup-13": "aup-06",
    "aup-14": "aup-06",
    "aup-15": "aup-06",
    "aup-16": "aup-06",
}
"""Items asked only when an earlier answer leaves them meaningful, so one gap is charged once."""


def test_dependent_items_wait_for_the_item_they_depend_on() -> None:
    checklist = Catalog().get(DEFAULT_CHECKLIST)
    depends = {item.id: {c.key for c in item.conditions} for item in checklist.items}
    missing = {i: on for i, on in CHARGED_ONCE.items() if on not in depends[i]}
    assert missing == {}, missing
