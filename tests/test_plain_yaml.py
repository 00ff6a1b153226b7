"""The quick reader of plain YAML (`plainyaml`) reads a file only when it gives exactly what
PyYAML gives: the same data, of the same types, in the same order, and every key and value
at the same line and column. Anything else it declines, and PyYAML reads (and words the
errors of) the file as before.
"""

from __future__ import annotations

import datetime as dt
import signal
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from schoolaudit.answers_file import AnswersFile
from schoolaudit.catalog import Catalog
from schoolaudit.problems import ProblemsError
from schoolaudit.yamlsource import load_yaml, parse_with_pyyaml, read_plain_yaml
from tests.conftest import REPO, TESTS


def _paths(data: Any, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*prefix, key)
            yield from _paths(value, (*prefix, key))


def same_as_pyyaml(text: str) -> bool | None:
    """Whether the quick reader read `text` (None: PyYAML refuses it, and so did the quick
    reader); when it did, that it agrees with PyYAML in data and in every position."""
    quick = read_plain_yaml(text, "school.yaml")
    try:
        careful = parse_with_pyyaml(text, "school.yaml")
    except ProblemsError:
        assert quick is None, "read a file PyYAML refuses"
        return None
    if quick is None:
        return False
    assert repr(quick.data) == repr(careful.data)  # repr: True is not "yes", 1 is not 1.0
    places: list[Sequence[str]] = [[], ["missing"], *_paths(careful.data)]
    for path in places:
        for further in ([], ["missing"], ["missing", "more"]):
            for key in (False, True):
                where = [*path, *further]
                assert quick.at(where, key=key) == careful.at(where, key=key), (where, key)
    return True


# --- real files --------------------------------------------------------------------------


def _utf8_texts() -> dict[str, str]:
    """Every YAML file in the project that is UTF-8 (the others are refused before any YAML
    is read), by its path in the repository."""
    folders = [TESTS / "cases", REPO / "examples", REPO / "checklists", TESTS / "data"]
    texts = {}
    for path in sorted(p for folder in folders for p in folder.rglob("*.y*ml")):
        try:
            texts[str(path.relative_to(REPO))] = (
                path.read_bytes().removeprefix(b"\xef\xbb\xbf").decode("utf-8")
            )
        except UnicodeDecodeError:
            continue
    return texts


PROJECT_YAML = _utf8_texts()


@pytest.mark.parametrize("text", PROJECT_YAML.values(), ids=PROJECT_YAML.keys())
def test_every_yaml_file_in_the_project_reads_as_pyyaml_reads_it(text: str) -> None:
    same_as_pyyaml(text)


NOTES = [
    "Checked with the IT lead: all fine.",
    "Provider says 'yes' - see the email of 3/11",
    "#hashtag first",
    "50% done, [see] {the plan}",
    "Ends with a colon:",
    "Line one\nline two",
    "tab\there",
    "- starts with a dash",
    "yes",
    "10:30",
    "Café naïve ✓ 😀",
    'a "quoted" word',
    "back\\slash",
    "https://testfiltering.com/results#pupil",
    "NEL\x85 and LS\u2028 kept",
    "  leading and trailing spaces  ",
]


def test_files_the_interview_writes_are_read_quickly_and_the_same(tmp_path: Path) -> None:
    checklist = Catalog([]).latest("uksic-online-safety")
    assert checklist is not None
    path = tmp_path / "school.yaml"
    school = {"name": "St Mary's C of E Primary: Junior site", "urn": "123456", "phase": "primary"}
    written = AnswersFile.new(str(path), checklist, school, dt.date(2026, 11, 20), "J. Smith #1")
    choices = [item for item in checklist.items if item.type in ("yesno", "ynp")][:40]
    for index, item in enumerate(choices):
        note = NOTES[index % len(NOTES)] if index % 3 else None
        evidence = NOTES[(index * 7) % len(NOTES)] if index % 2 else None
        written.set_answer(item.id, "yes" if index % 4 else "no", note=note, evidence=evidence)
    written.save()
    assert same_as_pyyaml(path.read_text("utf-8")) is True
    assert load_yaml(str(path)).root is None  # read by the quick reader


HAND_WRITTEN = """\
# A school's answers, typed in by hand from the example
schoolaudit: 1
checklist: {id: uksic-online-safety, version: "2026.2"}
school:
  name: Oakfield Primary School   # the full name
  urn: "100000"
  phase: primary
  early_years: yes
completed_by: 'A. Person, DSL'
date: 2026-11-20
answers:

  # Governance
  gov-01: yes
  gov-02: {answer: no, note: "Not yet reassigned.", evidence: 'minutes, 3 May'}
  gov-03: {answer: partial}
  gov-04:
      answer: unsure
      note: "Ask the clerk \\"today\\": caf\\u00e9 \\x41\\N"
  mon-05: 3
  flt-02: Westvale Grid for Learning web filter (LA traded service)
  flt-03: -1
  flt-04: 0x1F
  flt-05: 1.5
  flt-06: ~
  flt-07: {}
"""


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_a_hand_written_file_is_read_quickly_and_the_same(newline: str) -> None:
    assert same_as_pyyaml(HAND_WRITTEN.replace("\n", newline)) is True


READ_QUICKLY = {
    "wide characters before a later pair": 'a: {note: "😀é", answer: yes}\n',
    "wide characters in a plain flow value": "a: {note: 😀é, answer: yes}\n",
    "a comment after a quoted value": 'a: "😀"  # c\nb: 1\n',
    "Windows line ends": 'a: b\r\nc: "d"\r\n',
    "an escaped quote and backslash": 'a: "say \\"hi\\" \\\\ bye"\n',
    "a URL and a hash in a plain value": "a: https://example.org/x#y\n",
    "an indented document": "  a: 1\n  b:\n    c: 2\n",
}


@pytest.mark.parametrize("text", READ_QUICKLY.values(), ids=READ_QUICKLY.keys())
def test_small_documents_are_read_quickly_and_the_same(text: str) -> None:
    assert same_as_pyyaml(text) is True


# --- what it leaves to PyYAML --------------------------------------------------------------

DECLINED = {
    "a list": "a:\n  - 1\n",
    "a flow list": "a: [1, 2]\n",
    "an anchor": "a: &x 1\nb: *x\n",
    "a tag": "a: !!str 1\n",
    "a folded scalar": "a: >-\n  some\n  text\n",
    "a literal scalar": "a: |\n  text\n",
    "a plain scalar over two lines": "a: some\n  text\n",
    "a double-quoted scalar over two lines": 'a: "some\n  text"\n',
    "a tab": "a:\tx\n",
    "an empty value": "a:\nb: 1\n",
    "an empty value at the end": "a: 1\nb:\n",
    "a duplicate key": "a: 1\na: 2\n",
    "a duplicate key in a flow mapping": "a: {x: 1, x: 2}\n",
    "a key YAML reads as true": "yes: 1\n",
    "a key YAML reads as a number": "1: a\n",
    "a quoted key": '"a": 1\n',
    "a merge key": "a: {x: 1}\n<<: 2\n",
    "not a number": "a: .nan\n",
    "a 5,000-digit number": "a: " + "9" * 5000 + "\n",
    "a lone carriage return": "a: 1\rb: 2\n",
    "NEL as a line break": "a: x\x85b\n",
    "a line separator": "a: x\u2028b\n",
    "a byte-order mark inside": "a: \ufeffx\n",
    "a control character": "a: x\x07\n",
    "a document marker": "---\na: 1\n",
    "a directive": "%YAML 1.1\n---\na: 1\n",
    "a mapping value inside a plain scalar": "a: b: c\n",
    "a colon ending a plain scalar": "a: b:\n",
    "a comment with no space before it": 'a: "x"#c\n',
    "a bad indentation": "a:\n    b: 1\n  c: 2\n",
    "an indented root then less": "  a: 1\nb: 2\n",
    "a nested flow mapping": "a: {x: {y: 1}}\n",
    "a trailing comma": "a: {x: 1,}\n",
    "a colon in a flow plain scalar": "a: {x: 10:30}\n",
    "an unknown escape": 'a: "\\q"\n',
    "a surrogate escape": 'a: "\\ud800"\n',
    "a short hex escape": 'a: "\\x4"\n',
    "a bare scalar": "just text\n",
    "nothing": "",
    "only a comment": "# nothing else\n",
    "too deep": "".join(f"{'  ' * depth}k{depth}:\n" for depth in range(20)) + "  " * 20 + "x: 1\n",
}


@pytest.mark.parametrize("text", DECLINED.values(), ids=DECLINED.keys())
def test_what_the_quick_reader_leaves_to_pyyaml(text: str) -> None:
    assert read_plain_yaml(text, "school.yaml") is None
    assert not same_as_pyyaml(text)


@pytest.mark.skipif(not hasattr(signal, "SIGALRM"), reason="needs SIGALRM")
@pytest.mark.parametrize(
    "text",
    [
        "a: x" + " " * 200_000 + ": b\n",
        "a: x" + " x" * 100_000 + "\t\n",
        'a: "' + "\\a" * 100_000 + "\n",
        "a: {" + "x: 1, " * 50_000 + "\n",
        "a: x" + "#" * 200_000 + " :\n",
    ],
    ids=["spaces-then-colon", "words-then-tab", "escapes-unclosed", "flow-unclosed", "hashes"],
)
def test_a_long_hostile_line_is_read_in_linear_time(text: str) -> None:
    """Each expression is linear (possessive quantifiers): a line built to make a regular
    expression backtrack is answered in milliseconds, not the hours a quadratic one takes."""

    def too_slow(*_: object) -> None:
        raise TimeoutError("the quick reader backtracked")

    previous = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(10)
    try:
        read_plain_yaml(text, "school.yaml")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# --- generated documents -----------------------------------------------------------------

SAFE_KEYS = st.sampled_from(["a", "b", "gov-01", "note", "answer", "x_y", "k.1", "1e3", "Na"])
ODD_KEYS = st.sampled_from(["yes", "on", "1", "0x1", "~", "null", "<<", "=", "é", "a b", "-a"])
WORDS = st.text(alphabet="abz ABZ019.,'()/+-_%é😀\xa0", min_size=1, max_size=12)
TEXT = st.text(alphabet="ab yYesnNo019.:#-'\"\\,[]{}&*!|>%@`?~+_ \xa0é😀", max_size=10)
GOOD_ESCAPES = ['\\"', "\\\\", "\\n", "\\t", "\\x41", "\\u00e9", "\\U0001F600", "\\N", "\\_"]
GOOD_ESCAPES += ["\\L", "\\P", "\\/", "\\ ", "\\0", "\\e"]
BAD_ESCAPES = ["\\q", "\\ud800", "\\x4", '"', "\\"]
WORDS_PLAIN = WORDS.filter(lambda text: text.strip() == text and text[0] not in "-'")
ODD_PLAIN = st.sampled_from(
    [
        *["yes", "No", "on", "~", "-5", "+1", ".5", "0o17", "017", "1_000", "1:30"],
        *["2026-11-20", "3", "1.0", "x#y", "a:b", "http://x/y#z", "a,b", "a [b]"],
    ]
)


def scalars(clean: bool) -> st.SearchStrategy[str]:
    """Scalars as they would be written: in a clean document every one is valid YAML."""
    escapes = st.sampled_from(GOOD_ESCAPES if clean else GOOD_ESCAPES + BAD_ESCAPES)
    double = st.lists(st.one_of(WORDS, escapes), max_size=5).map(lambda p: '"' + "".join(p) + '"')
    single = (WORDS if clean else st.one_of(WORDS, TEXT)).map(
        lambda t: "'" + t.replace("'", "''") + "'"
    )
    plain = st.one_of(WORDS_PLAIN, ODD_PLAIN)
    if not clean:
        plain = st.one_of(plain, TEXT, st.sampled_from([".inf", "'a'b'", "a: b"]))
    return st.one_of(plain, double, single)


def trees(clean: bool) -> st.SearchStrategy[dict[str, Any]]:
    keys = SAFE_KEYS if clean else st.one_of(SAFE_KEYS, SAFE_KEYS, ODD_KEYS)
    nested = st.recursive(
        scalars(clean),
        lambda inner: st.dictionaries(keys, inner, min_size=int(clean), max_size=4),
        max_leaves=10,
    )
    return st.dictionaries(keys, nested, min_size=1, max_size=5)


ODD_LINES = st.sampled_from(["", "# c", "   # c", "  ", "- item", "---", "? k", "\t", "key", "..."])


@st.composite
def documents(draw: st.DrawFn) -> str:
    """Answers-like YAML: nested mappings in random styles; in half of them now and then a
    line that does not belong, an odd key or scalar, or an indentation off by one."""
    clean = draw(st.booleans())
    unit = draw(st.sampled_from([1, 2, 4]))
    lines: list[str] = []

    def emit(mapping: dict[str, Any], depth: int) -> None:
        pad = " " * (unit * depth)
        for key, value in mapping.items():
            if not isinstance(value, dict):
                gap = draw(st.sampled_from([" ", "  "]))
                after = draw(st.sampled_from(["", " ", "  # note"] + ([] if clean else ["#x"])))
                lines.append(f"{pad}{key}:{gap}{value}{after}")
            elif value and all(isinstance(v, str) for v in value.values()) and draw(st.booleans()):
                pairs = ", ".join(f"{k}: {v}" for k, v in value.items())
                lines.append(f"{pad}{key}: {{{pairs}}}" + draw(st.sampled_from(["", "  # c"])))
            else:
                lines.append(f"{pad}{key}:" + draw(st.sampled_from(["", " ", "  # c"])))
                emit(value, depth + 1)
            if draw(st.integers(0, 9)) == 0:
                lines.append(
                    draw(st.sampled_from(["", "# c", "   # c", "  "]) if clean else ODD_LINES)
                )

    emit(draw(trees(clean)), draw(st.sampled_from([0, 0, 1, 2])))
    if not clean and lines and draw(st.booleans()):  # one line's indentation off by one
        index = draw(st.integers(0, len(lines) - 1))
        line = lines[index]
        lines[index] = line[1:] if line.startswith(" ") and draw(st.booleans()) else " " + line
    newline = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    return newline.join(lines) + draw(st.sampled_from(["", newline]))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_documents_read_as_pyyaml_reads_them(text: str) -> None:
    outcome = same_as_pyyaml(text)
    event({True: "read quickly", False: "left to PyYAML", None: "refused by PyYAML"}[outcome])
