"""Checklist versions: the archive, replaces:, the notice on old files, migrate, audit, stale.

`tests/data/versions` is a --checklist-dir holding `tiny` 2026.1 (current) and
`archive/tiny-2024.1.yaml`. Between them: gov-04 and flt-03 added, gov-02
retired, gov-03 renamed gov-05 (`replaces: [gov-03]`), flt-01's weight 1 → 3.
`tests/data/history` holds audits of two schools made on both versions.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from typer.testing import CliRunner

from schoolaudit.assess import assess
from schoolaudit.catalog import Catalog, version_key
from schoolaudit.changes import compare_checklists
from schoolaudit.cli import app
from schoolaudit.migrate import migrate_file
from schoolaudit.problems import ProblemsError
from schoolaudit.yamlsource import load_yaml
from tests.conftest import TESTS

VERSIONS = TESTS / "data" / "versions"
HISTORY = TESTS / "data" / "history"
DIR = ["--checklist-dir", str(VERSIONS)]


@pytest.fixture
def catalog() -> Catalog:
    return Catalog([VERSIONS])


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    """Oakfield's 2025 audit, on tiny 2024.1, in a folder of its own."""
    path = tmp_path / "oakfield.yaml"
    shutil.copy(HISTORY / "oakfield-2025.yaml", path)
    return path


# -- the catalog -------------------------------------------------------------------------------


def test_an_id_and_version_finds_the_archived_version(catalog: Catalog) -> None:
    assert catalog.get("tiny").version == "2026.1"
    old = catalog.get("tiny", "2024.1")
    assert old.version == "2024.1"
    assert "gov-02" in old.item_by_id
    assert [e.version for e in catalog.versions("tiny")] == ["2026.1", "2024.1"]


def test_a_version_that_exists_nowhere_names_the_versions_there_are(catalog: Catalog) -> None:
    with pytest.raises(ProblemsError) as caught:
        catalog.get("tiny", "2019.1")
    (problem,) = caught.value.problems
    assert problem.code == "catalog/unknown-version"
    assert str(problem) == (
        "tiny: there is no version 2019.1 of checklist 'tiny' "
        "(versions there are: 2026.1 (current), 2024.1)"
    )


def test_an_answers_file_naming_an_unknown_version_is_located_there(
    runner: CliRunner, old_file: Path
) -> None:
    old_file.write_text(old_file.read_text().replace('"2024.1"', '"2019.1"'))
    result = runner.invoke(app, ["validate", str(old_file), *DIR])
    assert result.exit_code == 1, result.output
    assert (
        f"{old_file}:3:32: there is no version 2019.1 of checklist 'tiny' "
        "(versions there are: 2026.1 (current), 2024.1)"
    ) in result.stderr


def test_versions_sort_as_numbers() -> None:
    assert sorted(["2026.10", "2026.2", "2025.1"], key=version_key) == [
        "2025.1",
        "2026.2",
        "2026.10",
    ]


def test_checklists_all_lists_older_versions(runner: CliRunner) -> None:
    plain = runner.invoke(app, ["checklists", *DIR])
    every = runner.invoke(app, ["checklists", "--all", *DIR])
    assert plain.exit_code == every.exit_code == 0, plain.output + every.output
    assert "2024.1" not in plain.stdout
    older = next(line for line in every.stdout.splitlines() if "2024.1" in line)
    assert older.rstrip().endswith("(older version)"), every.stdout
    assert every.stdout.index("2026.1") < every.stdout.index("2024.1")


def test_a_checklist_dir_reusing_a_built_in_id_is_refused_naming_both(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Issue 9: it was listed twice and the built-in silently won."""
    builtin = Catalog().versions("uksic-online-safety")[0].path
    mine = tmp_path / "ours.yaml"
    shutil.copy(VERSIONS / "tiny.yaml", mine)
    mine.write_text(mine.read_text().replace("id: tiny", "id: uksic-online-safety"))
    result = runner.invoke(app, ["checklists", "--checklist-dir", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        f"{mine}: checklist id 'uksic-online-safety' is already used by the built-in {builtin} "
        "(give your checklist its own id; a built-in id cannot be replaced)"
    ]


def test_one_version_twice_in_a_folder_is_refused(tmp_path: Path) -> None:
    shutil.copytree(VERSIONS, tmp_path, dirs_exist_ok=True)
    shutil.copy(VERSIONS / "tiny.yaml", tmp_path / "archive" / "tiny-2026.1.yaml")
    with pytest.raises(ProblemsError) as caught:
        Catalog([tmp_path]).get("tiny")
    assert [p.code for p in caught.value.problems] == ["catalog/duplicate-id"]


def test_an_archived_file_must_hold_the_version_its_name_says(tmp_path: Path) -> None:
    shutil.copytree(VERSIONS, tmp_path, dirs_exist_ok=True)
    (tmp_path / "archive" / "tiny-2024.1.yaml").rename(tmp_path / "archive" / "tiny-2023.1.yaml")
    with pytest.raises(ProblemsError) as caught:
        Catalog([tmp_path]).get("tiny", "2023.1")
    assert [p.code for p in caught.value.problems] == ["catalog/misnamed"]


# -- what changed between versions -------------------------------------------------------------


def test_compare_checklists_finds_added_retired_renamed_and_reweighted(catalog: Catalog) -> None:
    changes = compare_checklists(catalog.get("tiny", "2024.1"), catalog.get("tiny"))
    assert [item.id for item in changes.added] == ["gov-04", "flt-03"]
    assert [item.id for item in changes.retired] == ["gov-02"]
    assert changes.renamed == (("gov-03", "gov-05"),)
    assert {c.new.id: c.what for c in changes.changed} == {
        "gov-05": ("renamed from gov-03", "question reworded"),
        "flt-01": ("weight 1 → 3",),
    }


def test_compare_backwards_follows_replaces_the_other_way(catalog: Catalog) -> None:
    changes = compare_checklists(catalog.get("tiny"), catalog.get("tiny", "2024.1"))
    assert changes.renamed == (("gov-05", "gov-03"),)
    assert [item.id for item in changes.added] == ["gov-02"]
    assert [item.id for item in changes.retired] == ["gov-04", "flt-03"]


# -- an old file reports as it did, with a notice ----------------------------------------------


def test_an_old_file_is_scored_against_its_own_version(catalog: Catalog, old_file: Path) -> None:
    outcome = assess(str(old_file), catalog, today=dt.date(2026, 1, 5))
    assert outcome.result is not None
    assert outcome.result.checklist.version == "2024.1"
    assert round(outcome.result.score or 0, 1) == 75.0  # as it reported in 2025
    (notice,) = [p for p in outcome.problems if p.code == "answers/older-version"]
    assert notice.severity == "warning"
    assert notice.message == (
        "answered against version 2024.1 of tiny and scored against it; version 2026.1 is "
        "current: 2 new (gov-04, flt-03); 2 changed (gov-05: renamed from gov-03, question "
        "reworded; flt-01: weight 1 → 3); 1 retired (gov-02)"
    )


def test_without_warnings_an_old_file_scores_the_same_with_no_notice(
    catalog: Catalog, old_file: Path
) -> None:
    """A batch asks for no warnings: the notice (a comparison of two versions) is not made."""
    full = assess(str(old_file), catalog, today=dt.date(2026, 1, 5))
    quick = assess(str(old_file), catalog, today=dt.date(2026, 1, 5), warnings=False)
    assert full.problems and quick.problems == ()
    assert quick.result == full.result


def test_report_on_an_old_file_says_what_is_new(runner: CliRunner, old_file: Path) -> None:
    result = runner.invoke(app, ["report", str(old_file), *DIR])
    assert result.exit_code == 0, result.output
    assert "version 2026.1 is current: 2 new (gov-04, flt-03)" in result.stderr
    assert f"schoolaudit migrate {old_file}" in result.stderr


# -- migrate -----------------------------------------------------------------------------------


def test_migrate_keeps_every_answer_renames_and_comments_out_the_retired(
    runner: CliRunner, old_file: Path
) -> None:
    result = runner.invoke(app, ["migrate", str(old_file), *DIR])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Moved {old_file} from tiny 2024.1 to 2026.1.",
        "  kept: 2 answers",
        "  renamed: 1 (gov-03 → gov-05)",
        "  set aside: 1, kept as comments above answers: in the file",
        "    gov-02: yes  (gov-02 is retired in version 2026.1)",
        "  changed since, worth re-checking:",
        "    gov-05: renamed from gov-03, question reworded",
        "    flt-01: weight 1 → 3",
        f"  new items to answer: 2 (gov-04, flt-03): run `schoolaudit audit {old_file}`",
    ]
    text = old_file.read_text()
    assert 'checklist: {id: tiny, version: "2026.1"}' in text
    assert "# Oakfield's second audit" in text  # the file's own comments are kept
    assert "gov-01: partial   # policy being rewritten" in text
    assert 'gov-05: {answer: no, note: "Not yet on the agenda"}' in text
    assert "#   gov-02: yes  (gov-02 is retired in version 2026.1)" in text
    data = load_yaml(str(old_file)).data
    assert list(data["answers"]) == ["gov-01", "gov-05", "flt-01"]
    validated = runner.invoke(app, ["validate", str(old_file), *DIR])
    assert validated.exit_code == 0, validated.output


def test_migrate_back_to_the_older_version_restores_the_answers(
    catalog: Catalog, old_file: Path
) -> None:
    before = assess(str(old_file), catalog).result
    migrate_file(str(old_file), catalog)
    back = migrate_file(str(old_file), catalog, "2024.1")
    assert back.renamed == (("gov-05", "gov-03"),)
    after = assess(str(old_file), catalog).result
    assert before is not None and after is not None
    assert after.checklist.version == "2024.1"
    # gov-02's answer was set aside as a comment, so it is unanswered now; the rest came back
    assert {k: v for k, v in before.answers.answers.items() if k != "gov-02"} == dict(
        after.answers.answers
    )


def test_moving_back_says_a_newer_item_was_added_after_not_retired(
    catalog: Catalog, tmp_path: Path
) -> None:
    """`migrate --to` an older version called gov-04 (new in 2026.1) "retired in 2024.1"."""
    path = tmp_path / "oakfield.yaml"
    shutil.copy(HISTORY / "oakfield-2026.yaml", path)
    back = migrate_file(str(path), catalog, "2024.1")
    why = {aside.item_id: aside.why for aside in back.set_aside}
    assert why["gov-04"] == "gov-04 was added after version 2024.1"


def test_migrate_never_reads_a_checklist_id_as_a_path(runner: CliRunner, old_file: Path) -> None:
    """The id comes from the file: naming a checklist file there must not load it."""
    target = VERSIONS / "tiny.yaml"
    old_file.write_text(old_file.read_text().replace("id: tiny", f"id: {target}"))
    result = runner.invoke(app, ["migrate", str(old_file)])
    assert result.exit_code == 1, result.output
    assert "never a path" in result.stderr


def test_migrate_dry_run_writes_nothing(runner: CliRunner, old_file: Path) -> None:
    original = old_file.read_bytes()
    result = runner.invoke(app, ["migrate", str(old_file), "--dry-run", *DIR])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Would move (dry run, nothing written)")
    assert old_file.read_bytes() == original


def test_migrate_to_a_version_that_exists_nowhere(runner: CliRunner, old_file: Path) -> None:
    result = runner.invoke(app, ["migrate", str(old_file), "--to", "2030.1", *DIR])
    assert result.exit_code == 1, result.output
    assert "there is no version 2030.1 of checklist 'tiny'" in result.stderr


def test_migrate_on_the_current_version_changes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    shutil.copy(HISTORY / "oakfield-2026.yaml", path)
    result = runner.invoke(app, ["migrate", str(path), *DIR])
    assert result.exit_code == 0, result.output
    assert "already on tiny version 2026.1: nothing to move" in result.stdout


def test_an_answer_the_new_item_no_longer_accepts_is_set_aside(
    tmp_path: Path, old_file: Path
) -> None:
    """flt-01 becomes a yes/no item: 'partial' cannot move, so it is kept as a comment."""
    folder = tmp_path / "lists"
    shutil.copytree(VERSIONS, folder)
    current = folder / "tiny.yaml"
    text = current.read_text()
    at = text.index("id: flt-01")
    current.write_text(text[:at] + text[at:].replace("type: ynp", "type: yesno", 1))
    old_file.write_text(old_file.read_text().replace("flt-01: yes", "flt-01: partial"))
    migration = migrate_file(str(old_file), Catalog([folder]))
    assert [a.item_id for a in migration.set_aside] == ["gov-02", "flt-01"]
    assert "#   flt-01: partial  (flt-01 no longer accepts this answer" in old_file.read_text()


def test_the_heading_audit_wrote_names_the_new_version(catalog: Catalog, old_file: Path) -> None:
    heading = "# Answers to Tiny versioned checklist (tiny v{}).\n"
    old_file.write_text(heading.format("2024.1") + old_file.read_text())
    migrate_file(str(old_file), catalog)
    assert old_file.read_text().startswith(heading.format("2026.1"))


def test_a_set_aside_answer_keeps_its_own_comment(catalog: Catalog, old_file: Path) -> None:
    old_file.write_text(old_file.read_text().replace("gov-02: yes", "gov-02: yes  # on paper"))
    migrate_file(str(old_file), catalog)
    assert "#   gov-02: yes  (gov-02 is retired in version 2026.1)  # on paper" in (
        old_file.read_text()
    )


def test_a_set_aside_note_on_several_lines_stays_one_comment(
    catalog: Catalog, old_file: Path
) -> None:
    old_file.write_text(
        old_file.read_text().replace("gov-02: yes", 'gov-02: {answer: yes, note: "a\\nb\\u2028c"}')
    )
    migrate_file(str(old_file), catalog)
    assert "#   gov-02: yes; note: a b c  (gov-02 is retired" in old_file.read_text()
    assert assess(str(old_file), catalog).ok


@pytest.fixture
def dfe_2026_1(tmp_path: Path) -> Path:
    """An answers file made with dfe-filtering-monitoring 2026.1, before 2026.2 became a view."""
    path = tmp_path / "dfe.yaml"
    path.write_text(
        "schoolaudit: 1\n"
        'checklist: {id: dfe-filtering-monitoring, version: "2026.1"}\n'
        "school: {name: Elm School, phase: primary, personal_devices: 'no', pupil_ai: 'no'}\n"
        "date: 2026-10-01\n"
        "answers: {dfe-rol-01: 'yes'}\n"
    )
    return path


def test_no_file_is_moved_onto_a_view(runner: CliRunner, dfe_2026_1: Path) -> None:
    """dfe-filtering-monitoring 2026.2 is scored from uksic-online-safety answers."""
    assert Catalog().get("dfe-filtering-monitoring").view_of == "uksic-online-safety"
    original = dfe_2026_1.read_bytes()
    moved = runner.invoke(app, ["migrate", str(dfe_2026_1)])
    assert moved.exit_code == 1, moved.output
    assert "is a view of uksic-online-safety: it is scored from answers" in moved.stderr
    assert dfe_2026_1.read_bytes() == original
    reported = runner.invoke(app, ["report", str(dfe_2026_1)])
    assert reported.exit_code == 0, reported.output
    assert "warning: version 2026.2 of dfe-filtering-monitoring is a view" in reported.stderr
    assert "migrate" not in reported.stderr
    asked = runner.invoke(app, ["audit", str(dfe_2026_1)], input="q\n")
    assert "so this audit moved" not in asked.stdout
    assert dfe_2026_1.read_bytes() == original


# -- audit on an old file asks only the new items ----------------------------------------------


def test_audit_on_an_old_file_moves_it_and_asks_only_the_new_items(
    runner: CliRunner, old_file: Path
) -> None:
    result = runner.invoke(app, ["audit", str(old_file), *DIR], input="y\nn\n")
    assert result.exit_code == 0, result.output
    assert "tiny 2026.1 is current, so this audit moved" in result.stdout
    asked = [line.split()[0] for line in result.stdout.splitlines() if line.startswith("[")]
    assert asked == ["[gov-04]", "[flt-03]"]
    data = load_yaml(str(old_file)).data
    assert data["checklist"]["version"] == "2026.1"
    assert data["answers"]["gov-04"] is True and data["answers"]["flt-03"] is False


def test_audit_with_the_checklist_named_by_id_reads_the_old_file_as_made(
    runner: CliRunner, old_file: Path
) -> None:
    """gov-02 and gov-03 are not items of the current version: read against it, they were errors."""
    result = runner.invoke(
        app, ["audit", str(old_file), "--checklist", "tiny", *DIR], input="y\nn\n"
    )
    assert result.exit_code == 0, result.output
    assert "tiny 2026.1 is current, so this audit moved" in result.stdout
    assert load_yaml(str(old_file)).data["checklist"]["version"] == "2026.1"


# -- a stale audit -----------------------------------------------------------------------------


def test_a_report_on_an_audit_over_a_year_old_says_so_everywhere(
    runner: CliRunner, old_file: Path, tmp_path: Path
) -> None:
    old_file.write_text(old_file.read_text().replace("2025-10-01", "2020-10-01"))
    out = tmp_path / "r"
    result = runner.invoke(
        app,
        [
            "report",
            str(old_file),
            *DIR,
            "--xlsx",
            f"{out}.xlsx",
            "--markdown",
            f"{out}.md",
            "--pdf",
            f"{out}.pdf",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "OUT OF DATE: this audit is dated 2020-10-01" in result.stdout
    assert "OUT OF DATE: this audit is dated 2020-10-01" in Path(f"{out}.md").read_text()
    summary = load_workbook(f"{out}.xlsx")["Summary"]
    values = [str(cell.value) for row in summary.iter_rows() for cell in row if cell.value]
    assert any(v.startswith("OUT OF DATE: this audit is dated 2020-10-01") for v in values)
    first_page = " ".join(PdfReader(f"{out}.pdf").pages[0].extract_text().split())
    assert "OUT OF DATE: this audit is dated 2020-10-01" in first_page
    data = json.loads(runner.invoke(app, ["report", str(old_file), *DIR, "--json", "-"]).stdout)
    assert data["overall"]["stale"] is True
    assert data["overall"]["age_days"] == (dt.date.today() - dt.date(2020, 10, 1)).days


def test_stale_means_more_than_a_year(catalog: Catalog, old_file: Path) -> None:
    """A year to the day is due, not yet overdue; a day more is."""
    for today, stale in ((dt.date(2026, 10, 1), False), (dt.date(2026, 10, 2), True)):
        result = assess(str(old_file), catalog, today=today).result
        assert result is not None and result.stale is stale
