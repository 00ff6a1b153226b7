"""The commands, end to end through Typer's CliRunner (no install needed)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from schoolaudit import __version__, load_checklist
from schoolaudit.assess import assess
from schoolaudit.catalog import Catalog
from schoolaudit.cli import app
from schoolaudit.render.checklist_doc import checklist_dict
from schoolaudit.render.json_report import render_json_report
from schoolaudit.resources import load_schema
from tests.conftest import MINI, TESTS, app_commands

ANSWERS = """\
schoolaudit: 1
checklist: {id: mini, version: "1.0"}
school: {name: Test School, urn: "123456", phase: secondary, boarding: "yes"}
completed_by: A. Person, DSL
date: 2026-11-20
answers:
  bas-01: "yes"
  bas-02: {answer: partial, note: "=SUM(A1:A3)", evidence: Filter test 2026-11-02}
  bas-03: "no"
  ppl-01: 3
  ppl-02: web
  ppl-03: 70
  ppl-04: 2026-01-01
  ppl-05: Acme Filter
  ppl-06: "no"
  sec-01: "yes"
"""


@pytest.fixture
def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(ANSWERS, encoding="utf-8")
    return path


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"schoolaudit {__version__}\n"


@pytest.mark.parametrize("command", app_commands(), ids=" ".join)
def test_every_command_has_help_with_an_example(runner: CliRunner, command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example: schoolaudit " + " ".join(command) in " ".join(result.stdout.split())


DEVELOPER_WORDS = re.compile(
    r"<(?:str|int|float|bool|file|directory|path|Path|[a-z]+(?:\|[a-z]+)+)>"
    r"|\{[A-Z]|list\[|x[<>]=|<=x|Value error|Input should"
)


@pytest.mark.parametrize("command", [[], *app_commands()], ids=lambda c: " ".join(c) or "app")
def test_help_is_in_words_not_developer_types(runner: CliRunner, command: list[str]) -> None:
    """No `<str>`, `<list[Path]>`, `{ANSWERS}` or `[x>=0]`: metavars and ranges in words."""
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert not DEVELOPER_WORDS.search(result.stdout), result.stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["validate", "ANSWERS", "--format", "html"], "'html' is not one of 'text', 'json'."),
        (
            ["report", "ANSWERS", "--top", "x"],
            "Invalid value for '--top': should be a whole number",
        ),
        (["report", "ANSWERS", "--top", "-1"], "Invalid value for '--top': should be 0 or more"),
        (["report", "ANSWERS", "--fail-under", "200"], "'--fail-under': should be 100 or less"),
        (["report", "ANSWERS", "--fail-under", "abc"], "'--fail-under': should be a number"),
    ],
)
def test_usage_errors_are_in_words(
    runner: CliRunner, answers_file: Path, args: list[str], says: str
) -> None:
    result = runner.invoke(app, [str(answers_file) if a == "ANSWERS" else a for a in args])
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[-1].endswith(says), result.stderr
    assert not DEVELOPER_WORDS.search(result.stderr), result.stderr


def test_report_json_to_stdout_equals_the_library_result(
    runner: CliRunner, answers_file: Path
) -> None:
    result = runner.invoke(app, ["report", str(answers_file), "-c", str(MINI), "--json", "-"])
    assert result.exit_code == 0, result.output
    checklist = load_checklist(str(MINI))
    outcome = assess(str(answers_file), Catalog(), checklist)
    assert outcome.result is not None
    expected = render_json_report(outcome.result)
    assert json.loads(result.stdout) == json.loads(json.dumps(expected))


def test_json_report_validates_against_report_schema(
    runner: CliRunner, answers_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["report", str(answers_file), "-c", str(MINI), "--json", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    Draft202012Validator(load_schema("report")).validate(data)
    age = data["overall"].pop("age_days")  # the audit's age on the day the test runs
    assert data["overall"].pop("stale") is (age > 366) or 365 <= age <= 366
    assert data["overall"] == {
        "score": 67.7,
        "rating": "amber",
        "uncapped_rating": "amber",
        "capped_by": ["ppl-06"],
        "provisional": False,
        "thresholds": {"green": 80.0, "amber": 50.0},
    }
    assert [gap["id"] for gap in data["gaps"]] == [
        "ppl-06",
        "bas-02",
        "ppl-01",
        "ppl-02",
        "bas-03",
        "ppl-03",
    ]
    assert data["counts"] == {
        "items": 10,
        "applicable": 10,
        "answered": 10,
        "unanswered": 0,
        "not_applicable": 0,
        "unsure": 0,
        "gaps": 6,
        "statutory_gaps": 1,
    }
    # the terminal report is still shown when the JSON goes to a file
    assert "Overall score 67.7" in " ".join(result.stdout.split())


def test_report_top_0_gives_the_count_not_an_empty_table(
    runner: CliRunner, answers_file: Path
) -> None:
    result = runner.invoke(app, ["report", str(answers_file), "-c", str(MINI), "--top", "0"])
    assert result.exit_code == 0, result.output
    assert "Top 0 gaps" not in result.stdout
    assert "6 gaps (not listed: --top 0)" in result.stdout, result.stdout


def test_report_terminal_shows_score_sections_and_top_gaps(
    runner: CliRunner, answers_file: Path
) -> None:
    result = runner.invoke(app, ["report", str(answers_file), "-c", str(MINI)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Test School" in out
    assert "Overall score 67.7  Rating AMBER" in out
    assert re.search(r"Basics\s+│\s+58\.3 │ AMBER", out), out
    assert "Top 6 gaps" in out
    assert "→ Arrange supervision." in out


def test_report_explain_shows_the_arithmetic_and_the_cap(
    runner: CliRunner, answers_file: Path
) -> None:
    result = runner.invoke(app, ["report", str(answers_file), "-c", str(MINI), "--explain"])
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "100 × (2×1 + 3×0.5 + 1×0) / (2 + 3 + 1) = 100 × 3.5 / 6 = 58.3" in out
    assert "ppl-05 Acme Filter 1 – text items are information, never scored" in out
    assert "Statutory items not fully met (ppl-06)" in out


def test_report_explain_names_items_left_out_and_why(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "primary.yaml"
    path.write_text(ANSWERS.replace("phase: secondary", "phase: primary"), encoding="utf-8")
    result = runner.invoke(app, ["report", str(path), "-c", str(MINI), "--explain"])
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "applies only when school.phase is secondary or all-through (it is primary)" in out
    assert "sec-01 does not apply to this school" in result.stderr


@pytest.mark.parametrize(("threshold", "status"), [(67.7, 0), (67.8, 1), (90, 1)])
def test_fail_under(runner: CliRunner, answers_file: Path, threshold: float, status: int) -> None:
    result = runner.invoke(
        app, ["report", str(answers_file), "-c", str(MINI), "--fail-under", str(threshold)]
    )
    assert result.exit_code == status, result.output
    if status:
        assert f"Score 67.7 is below --fail-under {threshold:g}." in result.stderr


def test_report_on_invalid_answers_exits_1_with_located_problems(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(ANSWERS.replace('bas-03: "no"', "bas-03: maybe"), encoding="utf-8")
    result = runner.invoke(app, ["report", str(path), "-c", str(MINI)])
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"{path}:9:11: 'maybe' is not an answer to bas-03 (allowed: yes, partial, no, unsure)\n"
    )
    assert result.stdout == ""


def test_missing_file_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["report", "does-not-exist.yaml"])
    assert result.exit_code == 2, result.output
    assert "does not exist" in result.stderr


def test_unknown_flag_is_a_usage_error(runner: CliRunner, answers_file: Path) -> None:
    result = runner.invoke(app, ["report", str(answers_file), "--colour"])
    assert result.exit_code == 2, result.output


@pytest.mark.parametrize(
    "command",
    [["report", "ANSWERS"], ["validate", "ANSWERS"], ["audit", "new.yaml"], ["checklist", "show"]],
    ids=lambda words: words[0] if words[0] != "checklist" else "checklist show",
)
def test_an_unknown_checklist_named_on_the_command_line_is_a_usage_error(
    runner: CliRunner, answers_file: Path, command: list[str]
) -> None:
    """Like a missing file: exit 2, with the ids that do exist; nothing is written."""
    words = [str(answers_file) if word == "ANSWERS" else word for word in command]
    chosen = ["minni"] if command == ["checklist", "show"] else ["-c", "minni"]
    result = runner.invoke(app, [*words, *chosen], input="")
    assert result.exit_code == 2, result.output
    error = result.stderr.splitlines()[-1]
    assert error.startswith("Error: Invalid value for "), result.stderr
    assert ": no checklist with id 'minni' (available: dfe-filtering-monitoring, " in error
    assert not Path("new.yaml").exists()


def test_a_broken_checklist_named_on_the_command_line_is_invalid_input(
    runner: CliRunner, answers_file: Path
) -> None:
    broken = TESTS / "cases" / "checklists" / "invalid" / "duplicate-item-id.yaml"
    result = runner.invoke(app, ["report", str(answers_file), "-c", str(broken)])
    assert result.exit_code == 1, result.output
    assert "item id 'one-01' is used twice" in result.stderr


def test_answers_naming_an_unknown_checklist(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(ANSWERS.replace("id: mini,", "id: no-such-list,"), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[0].startswith(f"{path}:2:17: no checklist with id")


def test_checklist_dir_makes_a_trusts_checklist_available(
    runner: CliRunner, answers_file: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "trust"
    folder.mkdir()
    (folder / "mini.yaml").write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    listed = runner.invoke(app, ["checklists", "--checklist-dir", str(folder)])
    assert listed.exit_code == 0, listed.output
    assert re.search(r"^mini +1\.0 +10 +\S", listed.stdout, re.MULTILINE), listed.stdout
    result = runner.invoke(app, ["validate", str(answers_file), "--checklist-dir", str(folder)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{answers_file}: ok (mini v1.0; 10 of 10 applicable items answered)\n"


def test_checklists_never_cuts_an_id_in_a_narrow_terminal() -> None:
    narrow = CliRunner(env={"COLUMNS": "60", "NO_COLOR": "1"})
    result = narrow.invoke(app, ["checklists"])
    assert result.exit_code == 0, result.output
    for checklist_id in ("dfe-filtering-monitoring", "uksic-online-safety"):
        assert re.search(f"^{checklist_id} ", result.stdout, re.MULTILINE), result.stdout


def test_checklists_all_reads_at_80_columns() -> None:
    """The QA pass: in a boxed table at 80 columns every title took four lines.

    Each version is a row of its own, its checklist's id and title given once;
    the title comes last, with the room borders took, so it wraps at most once.
    """
    result = CliRunner(env={"COLUMNS": "80", "NO_COLOR": "1"}).invoke(app, ["checklists", "--all"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    rows = [line for line in lines[3:] if re.match(r"^\S* +\d", line)]
    older = [line for line in rows if line.startswith(" ")]
    assert older and all(line.rstrip().endswith("built-in  (older version)") for line in older)
    for checklist_id in ("dfe-filtering-monitoring", "uksic-online-safety"):
        assert sum(line.startswith(f"{checklist_id} ") for line in rows) == 1, result.stdout
    assert len(lines) <= 3 + 2 * len(rows), result.stdout  # a title, a header, a rule
    assert max(len(line) for line in lines) <= 80


def test_checklists_names_a_broken_checklist_and_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "trust"
    folder.mkdir()
    broken = TESTS / "cases" / "checklists" / "invalid" / "duplicate-item-id.yaml"
    (folder / "broken.yaml").write_text(broken.read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["checklists", "--checklist-dir", str(folder)])
    assert result.exit_code == 1, result.output
    assert "item id 'one-01' is used twice" in result.stderr


def test_validate_json_format(runner: CliRunner, answers_file: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(ANSWERS.replace("ppl-01: 3", "ppl-01: 9"), encoding="utf-8")
    result = runner.invoke(
        app, ["validate", str(answers_file), str(bad), "-c", str(MINI), "--format", "json"]
    )
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert [d["valid"] for d in data] == [True, False]
    assert data[1]["problems"][0]["code"] == "answers/bad-answer"
    assert data[1]["problems"][0]["line"] == 10
    assert data[0]["counts"] == {"applicable": 10, "answered": 10, "unanswered": 0}


def test_checklist_show_json_round_trips_the_ids(runner: CliRunner) -> None:
    result = runner.invoke(app, ["checklist", "show", str(MINI), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    ids = [item["id"] for section in data["sections"] for item in section["items"]]
    assert ids == [item.id for item in load_checklist(str(MINI)).items]
    assert data["sections"][0]["items"][2]["applies_if"] == {"bas-02": ["yes", "partial"]}


@pytest.mark.parametrize("output_format", ["json", "yaml"])
@pytest.mark.parametrize("checklist_id", [*(e.id for e in Catalog().entries()), str(MINI)])
def test_checklist_show_as_json_or_yaml_saves_as_a_checklist_that_lints_clean(
    runner: CliRunner, tmp_path: Path, checklist_id: str, output_format: str
) -> None:
    """A trust starting its own checklist from a built-in one gets a valid file, not nulls."""
    shown = runner.invoke(app, ["checklist", "show", checklist_id, "--format", output_format])
    assert shown.exit_code == 0, shown.output
    saved = tmp_path / f"copy.{output_format}"
    saved.write_text(shown.stdout, encoding="utf-8")
    linted = runner.invoke(app, ["checklist", "lint", str(saved)])
    assert linted.exit_code == 0, linted.output
    assert linted.stderr == "", linted.stderr
    assert checklist_dict(load_checklist(str(saved))) == checklist_dict(
        load_checklist(checklist_id)
    )


def test_checklist_show_text_and_markdown(runner: CliRunner) -> None:
    text = runner.invoke(app, ["checklist", "show", str(MINI), "--detail"])
    assert text.exit_code == 0, text.output
    assert "(only when school.boarding is yes)" in text.stdout
    for line in ("How to check: Look for it.", "Evidence: The policy.", "If not met: Write one."):
        assert line in text.stdout
    assert "Owner: IT lead" in text.stdout
    markdown = runner.invoke(app, ["checklist", "show", str(MINI), "--format", "markdown"])
    assert markdown.exit_code == 0, markdown.output
    assert (
        "| `bas-02` | Is the filter set up? | ynp | expected | 3 | IT lead | always | "
        "Document A, para 2 (check source) |" in markdown.stdout
    )


def test_checklist_show_markdown_never_turns_checklist_text_into_html_or_markup(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A trust's own checklist is text: its `<`, links and pipes cannot reach the docs as markup."""
    hostile = "<img src=x onerror=alert(1)> [click](http://x) `code` *bold* a | b"
    text = MINI.read_text(encoding="utf-8")
    text = text.replace("title: Mini test checklist", f"title: '{hostile}'")
    text = text.replace("text: Is there a policy?", f"text: '{hostile}'")
    text = text.replace("  - Test data; not guidance.", f"  - '# {hostile}'")
    own = tmp_path / "own.yaml"
    own.write_text(text, encoding="utf-8")
    shown = runner.invoke(app, ["checklist", "show", str(own), "--format", "markdown"])
    assert shown.exit_code == 0, shown.output
    assert "<img" not in shown.stdout
    assert shown.stdout.count("](http") == shown.stdout.count("\\](http")
    escaped = r"&lt;img src=x onerror=alert(1)&gt; \[click\](http://x) \`code\` \*bold\* a \| b"
    assert f"## {escaped}" in shown.stdout
    assert f"| `bas-01` | {escaped} | yesno |" in shown.stdout
    assert f"- \\# {escaped}" in shown.stdout


def test_lint_accepts_a_good_checklist(runner: CliRunner) -> None:
    result = runner.invoke(app, ["checklist", "lint", str(MINI)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{MINI}: ok\n"


def test_an_internal_error_is_reported_as_a_bug_with_status_3(
    runner: CliRunner, answers_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("schoolaudit.assess.score", broken)
    result = runner.invoke(app, ["report", str(answers_file), "-c", str(MINI)])
    assert result.exit_code == 3, result.output
    assert "internal error: RuntimeError: boom" in result.stderr
    assert "This is a bug in schoolaudit" in result.stderr
    assert "Traceback" not in result.output


def test_ctrl_c_exits_130(
    runner: CliRunner, answers_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("schoolaudit.assess.score", interrupted)
    result = runner.invoke(app, ["report", str(answers_file), "-c", str(MINI)])
    assert result.exit_code == 130, result.output


def test_existing_json_output_is_kept_when_the_report_fails(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "report.json"
    out.write_text("previous report\n", encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(ANSWERS.replace("ppl-01: 3", "ppl-01: 9"), encoding="utf-8")
    result = runner.invoke(app, ["report", str(bad), "-c", str(MINI), "--json", str(out)])
    assert result.exit_code == 1, result.output
    assert out.read_text(encoding="utf-8") == "previous report\n"
