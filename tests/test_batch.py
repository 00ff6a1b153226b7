"""`schoolaudit batch`: a trust's folder of good, bad, duplicated and hostile files.

One batch over a mixed folder is run once per module (`--jobs 2`, every output)
and read back: the trust workbook with openpyxl, the JSON against its schema,
the CSV with the csv module. A second run with `--jobs 1` must give the same.
"""

from __future__ import annotations

import csv
import gc
import io
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from typer.testing import CliRunner

from schoolaudit.catalog import Catalog
from schoolaudit.cli import app
from schoolaudit.resources import load_schema
from tests.conftest import MINI, REPO, TESTS

INVALID = TESTS / "cases" / "answers" / "invalid"
MAIN = Catalog().get()  # the main built-in checklist, whichever version it is at
BAD_KINDS = (
    "alias-bomb",
    "binary",
    "duplicate-key",
    "empty",
    "latin1",
    "report-workbook",
    "syntax-error",
    "unknown-item",
    "ynp-maybe",
)
HOSTILE_NAMES = ("=1+1", "../x", "Bell\x07 and \x1b[31mred", "L" * 300, "@SUM(A1)")


def mini_school(name: str, urn: str | None, answer: str) -> dict[str, Any]:
    school: dict[str, Any] = {"name": name, "phase": "secondary", "boarding": "no"}
    if urn:
        school["urn"] = urn
    return {
        "schoolaudit": 1,
        "checklist": {"id": "mini", "version": "1.0"},
        "school": school,
        "date": "2026-11-20",
        "answers": {
            "bas-01": answer,
            "bas-02": "partial",
            "sec-01": {"answer": "no", "note": "-2+3 blocked"},
        },
    }


def make_trust_folder(root: Path) -> Path:
    """Three schools on the main checklist, six on mini (one given twice), and bad files."""
    folder = root / "returns"
    (folder / "bad").mkdir(parents=True)
    (folder / "mini").mkdir()
    for example in sorted((REPO / "examples").glob("*.yaml")):
        data = yaml.safe_load(example.read_text("utf-8"))
        data["school"]["urn"] = str(100001 + len(list(folder.glob("*.yaml"))))
        data["date"] = str(data["date"])
        (folder / example.name).write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    for n, name in enumerate(HOSTILE_NAMES):
        data = mini_school(name, f"20000{n}", "yes" if n % 2 else "no")
        (folder / "mini" / f"school-{n}.yaml").write_text(yaml.safe_dump(data), "utf-8")
    twice = mini_school("Duplicate Academy", "200000", "yes")  # same URN as school-0
    (folder / "mini" / "z-duplicate.yml").write_text(yaml.safe_dump(twice), "utf-8")
    for kind in BAD_KINDS:
        shutil.copy(INVALID / f"{kind}.yaml", folder / "bad" / f"{kind}.yaml")
    (folder / "bad" / "a-report.xlsx").write_bytes((INVALID / "report-workbook.yaml").read_bytes())
    (folder / ".hidden.yaml").write_text("not: an answers file\n", "utf-8")
    (folder / "~$lock.xlsx").write_bytes(b"owner")
    (folder / "notes.txt").write_text("not searched\n", "utf-8")
    return folder


@dataclass
class Run:
    folder: Path
    out: Path
    exit_code: int
    stderr: str

    def path(self, name: str) -> Path:
        return self.out / name


def run_batch(root: Path, folder: Path, jobs: int, checklist_dir: Path = MINI.parent) -> Run:
    out = root / f"out-{jobs}"
    out.mkdir()
    runner = CliRunner()
    result = runner.invoke(
        app,
        [
            "batch",
            str(folder),
            "--xlsx",
            str(out / "trust.xlsx"),
            "--json",
            str(out / "trust.json"),
            "--csv",
            str(out / "items.csv"),
            "--reports-dir",
            str(out / "reports"),
            "--checklist-dir",
            str(checklist_dir),
            "--jobs",
            str(jobs),
        ],
    )
    assert "Traceback" not in result.output, result.output
    return Run(folder, out, result.exit_code, result.stderr)


@pytest.fixture(scope="module")
def trust(tmp_path_factory: pytest.TempPathFactory) -> Run:
    root = tmp_path_factory.mktemp("trust")
    return run_batch(root, make_trust_folder(root), jobs=2)


def sheet_rows(path: Path, title: str) -> list[tuple[Any, ...]]:
    workbook = openpyxl.load_workbook(path)
    return [tuple(row) for row in workbook[title].iter_rows(values_only=True)]


def test_exit_status_is_1_when_files_were_rejected_and_every_output_is_written(
    trust: Run,
) -> None:
    assert trust.exit_code == 1, trust.stderr
    assert "8 schools scored, 11 files rejected" in trust.stderr
    for name in ("trust.xlsx", "trust.json", "items.csv"):
        assert trust.path(name).stat().st_size > 0
    assert not [p for p in trust.out.rglob("*") if p.name.endswith(".tmp")]


def test_workbook_has_every_sheet_with_the_counts(trust: Run) -> None:
    workbook = openpyxl.load_workbook(trust.path("trust.xlsx"))
    assert workbook.sheetnames == ["Summary", "Schools", "Heatmap", "Common gaps", "Errors"]
    summary = {row[0]: row[1] for row in sheet_rows(trust.path("trust.xlsx"), "Summary") if row}
    assert summary["Files read"] == 19  # hidden files, lock files and .txt are not searched
    assert summary["Schools scored"] == 8
    assert summary["Files rejected (see Errors)"] == 11
    assert summary["of which: schools given twice (same URN and year)"] == 1
    assert sum(summary[word] for word in ("GREEN", "AMBER", "RED", "UNRATED")) == 8
    assert len(workbook["Summary"]._charts) == 1


def test_schools_are_grouped_by_checklist_and_sorted_worst_first(trust: Run) -> None:
    rows = sheet_rows(trust.path("trust.xlsx"), "Schools")
    titles = [row[0] for row in rows if row[0] and "schools" in str(row[0]) and "(" in row[0]]
    assert titles == [
        "Mini test checklist (mini v1.0): 5 schools",
        f"Online safety, filtering and monitoring (uksic-online-safety v{MAIN.version}): 3 schools",
    ]
    mini_header = rows.index(next(r for r in rows if r[0] == "School"))
    mini_rows = rows[mini_header + 1 : mini_header + 6]
    scores = [row[4] for row in mini_rows]
    assert scores == sorted(scores)
    assert {row[0] for row in mini_rows} == {
        "=1+1",
        "../x",
        "Bell\ufffd and \ufffd[31mred",
        "L" * 300,
        "@SUM(A1)",
    }
    assert "Duplicate Academy" not in {row[0] for row in rows}
    header = rows[mini_header]
    assert header[:6] == ("School", "URN", "Phase", "Audit date", "Overall", "Rating")
    assert header[6:9] == ("Basics", "People", "Secondary only")


def test_no_cell_from_a_school_is_a_formula(trust: Run) -> None:
    workbook = openpyxl.load_workbook(trust.path("trust.xlsx"))
    for sheet in workbook:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate}: {cell.value}"
    schools = workbook["Schools"]
    formula_like = [
        c for row in schools.iter_rows() for c in row if c.value in ("=1+1", "@SUM(A1)")
    ]
    assert len(formula_like) == 2 and all(c.quotePrefix for c in formula_like)


def test_heatmap_writes_the_score_in_every_coloured_cell(trust: Run) -> None:
    workbook = openpyxl.load_workbook(trust.path("trust.xlsx"))
    heatmap = workbook["Heatmap"]
    ranges = [str(rng.sqref) for rng in heatmap.conditional_formatting]
    assert len(ranges) == 2  # one colour scale per checklist block
    for sqref in ranges:
        for row in heatmap[sqref]:
            for cell in row[:1]:  # the overall score of each school is a number
                assert isinstance(cell.value, int | float)


def test_common_gaps_count_and_share_per_checklist(trust: Run) -> None:
    rows = sheet_rows(trust.path("trust.xlsx"), "Common gaps")
    by_id = {row[0]: row for row in rows if row[0] in ("bas-01", "sec-01", "bas-02")}
    # mini: 5 schools counted; bas-01 is 'no' at school-0, -2 and -4; everyone is partial
    # on bas-02 and 'no' on sec-01.
    assert by_id["bas-01"][4:6] == (3, 0.6)
    assert by_id["bas-02"][4:6] == (5, 1.0)
    assert by_id["sec-01"][4:6] == (5, 1.0)
    assert by_id["bas-01"][6] == "Write one."


def test_errors_sheet_names_every_rejected_file_and_problem(trust: Run) -> None:
    rows = sheet_rows(trust.path("trust.xlsx"), "Errors")
    assert rows[0] == ("File", "Where", "Problem", "Hint", "Code")
    files = {Path(row[0]).name for row in rows[1:]}
    assert files == {f"{kind}.yaml" for kind in BAD_KINDS} | {"a-report.xlsx", "z-duplicate.yml"}
    codes = {row[4] for row in rows[1:]}
    assert {"yaml/alias-bomb", "yaml/duplicate-key", "batch/duplicate-urn"} <= codes
    duplicate = next(row for row in rows if row[4] == "batch/duplicate-urn")
    assert "URN 200000" in duplicate[2] and "school-0.yaml" in duplicate[2]
    located = next(row for row in rows if row[4] == "yaml/duplicate-key")
    assert located[1] and ":" in located[1]


def test_common_gaps_and_errors_wrap_long_text_at_the_top_of_tall_enough_rows(
    trust: Run,
) -> None:
    """Both tables are written as XML rows (`TableRows`): each cell must still be styled as
    the openpyxl cells were, and each row as tall as its wrapped text."""
    workbook = openpyxl.load_workbook(trust.path("trust.xlsx"))
    gaps = workbook["Common gaps"]
    header = next(r for r in gaps.iter_rows() if r[0].value == "Item")
    assert all(cell.fill.fgColor.rgb.endswith("1F4E79") for cell in header)
    body = [r for r in gaps.iter_rows(min_row=header[0].row + 1) if isinstance(r[4].value, int)]
    assert len(body) >= 3  # the gaps of both checklists
    for item, section, requirement, severity, count, share, action in body:
        assert section.alignment.wrap_text and requirement.alignment.wrap_text
        assert action.alignment.wrap_text
        assert {c.alignment.vertical for c in (item, severity, count, share, action)} == {"top"}
        assert share.number_format == "0%" and isinstance(count.value, int)
    errors = workbook["Errors"]
    long_rows = [r for r in errors.iter_rows(min_row=2) if len(str(r[2].value or "")) > 90]
    assert long_rows, "the fixture has a problem long enough to wrap"
    for row in long_rows:
        assert row[2].alignment.wrap_text
        assert (errors.row_dimensions[row[0].row].height or 0) > 15


def test_json_matches_its_schema_and_the_workbook(trust: Run) -> None:
    data = json.loads(trust.path("trust.json").read_text("utf-8"))
    report = load_schema("report")
    registry = Registry().with_resource(report["$id"], Resource.from_contents(report))
    Draft202012Validator(load_schema("batch"), registry=registry).validate(data)
    assert len(data["schools"]) == 8
    assert len(data["errors"]) == 11
    gap = next(g for g in data["common_gaps"] if g["id"] == "bas-01")
    assert (gap["count"], gap["share"]) == (3, 0.6)
    assert data["summary"]["ratings"] == {
        word: sum(1 for s in data["schools"] if (s["overall"]["rating"] or "none") == word)
        for word in ("green", "amber", "red", "none")
    }


def test_csv_is_one_row_per_school_and_item_and_formula_safe(trust: Run) -> None:
    raw = trust.path("items.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == [
        "urn",
        "school",
        "checklist",
        "checklist_version",
        "section",
        "item",
        "severity",
        "applies",
        "answer",
        "credit",
        "weight",
    ]
    mini_rows = [r for r in rows if r["checklist"] == "mini"]
    assert len(mini_rows) == 5 * 10  # five schools × mini's ten items
    names = {r["school"] for r in mini_rows}
    assert "'=1+1" in names and "'@SUM(A1)" in names
    assert not any(v.startswith(("=", "+", "-", "@")) for r in rows for v in r.values())


def test_reports_dir_has_one_safe_workbook_per_school(trust: Run) -> None:
    reports = sorted(p.name for p in trust.path("reports").iterdir())
    assert len(reports) == 8
    assert all(name.startswith(("1000", "2000")) for name in reports)  # URN first
    assert all(len(name) <= 85 and not set(name) & set('<>:"/\\|?*') for name in reports)
    assert "200001-..-x.xlsx" in reports
    workbook = openpyxl.load_workbook(trust.path("reports") / "200000-=1+1.xlsx")
    assert workbook.sheetnames[0] == "Summary"


def test_jobs_1_gives_exactly_what_jobs_2_gives(trust: Run, tmp_path: Path) -> None:
    one = run_batch(tmp_path, trust.folder, jobs=1)
    assert one.exit_code == trust.exit_code
    for name in ("trust.json", "items.csv"):
        assert one.path(name).read_bytes() == trust.path(name).read_bytes(), name
    for title in ("Summary", "Schools", "Heatmap", "Common gaps", "Errors"):
        assert sheet_rows(one.path("trust.xlsx"), title) == sheet_rows(
            trust.path("trust.xlsx"), title
        )
    assert sorted(p.name for p in one.path("reports").iterdir()) == sorted(
        p.name for p in trust.path("reports").iterdir()
    )


def test_exit_0_and_json_to_stdout_when_every_file_is_good(tmp_path: Path) -> None:
    good = tmp_path / "good"
    good.mkdir()
    for example in (REPO / "examples").glob("*.yaml"):
        shutil.copy(example, good / example.name)
    result = CliRunner().invoke(
        app, ["batch", str(good), "--xlsx", str(tmp_path / "t.xlsx"), "--json", "-"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["schools"]) == 3 and data["errors"] == []
    assert "3 schools scored, 0 files rejected" in result.stderr


# --- the parts underneath ------------------------------------------------------------------


def test_find_files_searches_folders_and_leaves_out_hidden_and_lock_files(tmp_path: Path) -> None:
    from schoolaudit.batch import find_files

    for name in ("b.yaml", "a.yml", "c.xlsx", "~$c.xlsx", ".hidden.yaml", "notes.txt"):
        (tmp_path / name).write_text("x", "utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.yaml").write_text("x", "utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.YAML").write_text("x", "utf-8")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "100000-School.xlsx").write_text("x", "utf-8")
    named = tmp_path / "notes.txt"  # a file named on the command line is taken as it is
    outputs = [tmp_path / "reports", tmp_path / "c.xlsx"]  # a batch's own outputs
    found = find_files([tmp_path, named, tmp_path / "a.yml"], exclude=outputs)
    assert [Path(f).relative_to(tmp_path).as_posix() for f in found] == [
        "a.yml",
        "b.yaml",
        "sub/d.YAML",
        "notes.txt",
    ]


def test_find_files_follows_linked_folders_once_and_never_loops(tmp_path: Path) -> None:
    """A trust gathering its schools' folders by links gets them all; a link back up is no loop."""
    from schoolaudit.batch import find_files

    (tmp_path / "trust").mkdir()
    (tmp_path / "elsewhere" / "oakfield").mkdir(parents=True)
    (tmp_path / "elsewhere" / "oakfield" / "answers.yaml").write_text("x", "utf-8")
    (tmp_path / "trust" / "oakfield").symlink_to(tmp_path / "elsewhere" / "oakfield")
    (tmp_path / "trust" / "again").symlink_to(tmp_path / "elsewhere" / "oakfield")
    (tmp_path / "elsewhere" / "oakfield" / "up").symlink_to(tmp_path / "trust")
    found = find_files([tmp_path / "trust"])
    assert [Path(f).relative_to(tmp_path / "trust").as_posix() for f in found] == [
        "again/answers.yaml"
    ]


def _work(item: str) -> str:
    import os
    import time

    if item == "crash":
        os._exit(9)
    if item == "hang":
        time.sleep(30)
    if item == "bug":
        raise ValueError("boom")
    return item.upper()


def test_pool_turns_a_crash_a_hang_and_a_bug_into_failures_and_keeps_order() -> None:
    from schoolaudit.pool import Bounds, run_in_order

    inputs = ["a", "crash", "b", "hang", "c", "bug", "d", "e", "f"]
    results = list(
        run_in_order(
            _work,
            inputs,
            lambda item, reason: f"failed {item}: {reason}",
            jobs=2,
            bounds=Bounds(seconds=1.0),
            chunk=2,
        )
    )
    assert results[0::2] == ["A", "B", "C", "D", "F"]
    assert results[1].startswith("failed crash: the process checking it stopped (exit status 9)")
    assert results[3] == "failed hang: its check took longer than 1 seconds"
    assert results[5].startswith("failed bug: internal error (ValueError: boom)")
    assert results[7] == "E"


def test_pool_prepares_every_share_once_and_before_a_worker_takes_it() -> None:
    """`prepare` (a batch reads files ahead with it) sees each input once, share by share,
    never after the input's result is back."""
    from schoolaudit.pool import run_in_order

    inputs = [f"file{n}" for n in range(50)]
    prepared: list[str] = []

    def results() -> list[str]:
        out = []
        for result in run_in_order(
            _work, inputs, lambda item, reason: reason, jobs=2, chunk=3, prepare=prepared.extend
        ):
            assert result.lower() in prepared  # prepared before its result came back
            out.append(result)
        return out

    assert results() == [item.upper() for item in inputs]
    assert prepared == inputs  # once each, in order


def test_read_ahead_is_only_a_hint(tmp_path: Path) -> None:
    """Reading ahead never blocks on a pipe and never fails on what cannot be read."""
    from schoolaudit.yamlsource import read_ahead

    (tmp_path / "school.yaml").write_text("x: 1\n", "utf-8")
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "folder.yaml").mkdir()
    names = ["school.yaml", "pipe.yaml", "folder.yaml", "missing.yaml"]
    read_ahead([str(tmp_path / name) for name in names])  # returns at once, raises nothing


def test_report_names_are_safe_and_unique() -> None:
    from schoolaudit.batch import NAME_LIMIT, ReportNames, School

    names = ReportNames()

    def school(name: str, urn: str | None = None, path: str = "x/answers.yaml") -> School:
        return School(path, name, urn, None, "2026-11-20", ("c", "1"), None, None, (), 0, ())

    given = [
        names.name_for(school("CON")),
        names.name_for(school("con")),
        names.name_for(school("../../etc/passwd", "100000")),
        names.name_for(school("a\x00b\nc:d*e?", "100001")),
        names.name_for(school("", None, "dir/Old File.yaml")),
        names.name_for(school("É" * 300, "100002")),
        names.name_for(school("É" * 300, "100002")),
        names.name_for(school(" . ")),
    ]
    assert given[:5] == [
        "_CON.xlsx",
        "_con-2.xlsx",
        "100000-..-..-etc-passwd.xlsx",
        "100001-a-b-c-d-e-.xlsx",
        "Old File.xlsx",
    ]
    assert given[7] == "answers.xlsx"
    assert given[5] != given[6] and given[6].endswith("-2.xlsx")
    assert all(len(name) <= NAME_LIMIT + len(".xlsx") for name in given)
    assert len({name.casefold() for name in given}) == len(given)


def test_ctrl_c_exits_130_and_leaves_no_output_or_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from schoolaudit import batch

    real = batch.assess_all

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        outcomes = real(*args, **kwargs)
        yield next(outcomes)
        raise KeyboardInterrupt

    monkeypatch.setattr(batch, "assess_all", interrupted)
    good = tmp_path / "in"
    good.mkdir()
    for example in (REPO / "examples").glob("*.yaml"):
        shutil.copy(example, good / example.name)
    out = tmp_path / "out"
    out.mkdir()
    outputs = ["--xlsx", str(out / "t.xlsx"), "--json", str(out / "t.json")]
    result = CliRunner().invoke(
        app, ["batch", str(good), *outputs, "--csv", str(out / "t.csv"), "--jobs", "1"]
    )
    assert result.exit_code == 130, result.output
    assert list(out.iterdir()) == []


def test_redact_leaves_notes_out_of_the_json(trust: Run) -> None:
    assert "-2+3 blocked" in trust.path("trust.json").read_text("utf-8")
    mini = trust.folder / "mini"
    options = ["--json", "-", "--redact", "--checklist-dir", str(MINI.parent)]
    result = CliRunner().invoke(
        app, ["batch", str(mini), "--xlsx", str(trust.out / "r.xlsx"), *options]
    )
    assert result.exit_code == 1, result.output  # the duplicate URN
    assert "-2+3 blocked" not in result.stdout
    assert len(json.loads(result.stdout)["schools"]) == 5


def test_without_fork_the_pool_works_in_process_and_a_bug_is_that_files_failure(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import multiprocessing

    from schoolaudit.pool import run_in_order

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    results = list(run_in_order(_work, ["a", "bug", "b"], lambda i, r: f"failed {i}", jobs=2))
    assert results == ["A", "failed bug", "B"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ([], "Missing option '--xlsx'"),
        (["--xlsx", "trust.xls"], "must end in .xlsx"),
        (["--xlsx", "t.xlsx", "--csv", "-"], "the CSV cannot go to standard output"),
        (["--xlsx", "t.xlsx", "--jobs", "0"], "--jobs"),
        (["--xlsx", "t.xlsx", "--json", "t.xlsx"], "also the --xlsx output"),
    ],
)
def test_usage_errors_exit_2(options: list[str], message: str, tmp_path: Path) -> None:
    shutil.copy(REPO / "examples" / "oakfield-primary.yaml", tmp_path / "a.yaml")
    result = CliRunner().invoke(app, ["batch", str(tmp_path), *options])
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.output.split())


def test_a_pipe_in_the_folder_is_one_rejected_file_not_a_stalled_batch(tmp_path: Path) -> None:
    import os

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(REPO / "examples" / "oakfield-primary.yaml", folder / "a.yaml")
    os.mkfifo(folder / "b.yaml")  # nothing ever writes to it: reading it would wait for ever
    result = CliRunner().invoke(
        app, ["batch", str(folder), "--xlsx", str(tmp_path / "t.xlsx"), "--json", "-"]
    )
    assert result.exit_code == 1, result.output
    errors = json.loads(result.stdout)["errors"]
    assert [Path(e["file"]).name for e in errors] == ["b.yaml"]
    assert errors[0]["details"][0]["code"] == "file/not-regular"


def test_two_batches_in_one_process_each_describe_their_checklists(tmp_path: Path) -> None:
    """Workers forked for a second run must not assume the first run's parent knows
    the checklists (the in-process path shares this process's memory with the next run)."""
    from schoolaudit.batch import Plan, Tally, check_file

    example = str(REPO / "examples" / "oakfield-primary.yaml")
    for _ in range(2):
        tally = Tally()
        plan = Plan(Catalog())
        assert tally.add(check_file(example, plan)) is not None
        assert tally.schools == 1


# the workbook abandoned half-written below: openpyxl's write-only sheets complain when collected
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_schools_rows_written_by_a_child_are_what_the_parent_would_write(
    trust: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Schools rows come from a forked child; without fork, or when the child fails,
    the parent writes them itself, and the sheet is the same byte for byte."""
    import zipfile

    from schoolaudit.batch import Plan, Tally, assess_all, find_files
    from schoolaudit.render import trust_workbook
    from schoolaudit.render.trust_workbook.child import Child

    tally = Tally()
    for outcome in assess_all(find_files([trust.folder]), Plan(Catalog([MINI.parent])), jobs=1):
        tally.add(outcome)

    def schools_sheet(name: str) -> bytes:
        path = tmp_path / f"{name}.xlsx"
        trust_workbook.write_trust_workbook(tally, path)
        with zipfile.ZipFile(path) as workbook:
            return workbook.read("xl/worksheets/sheet2.xml")

    by_child = schools_sheet("child")
    assert b"<row " in by_child and b"School number" not in by_child  # filled, mini schools
    with monkeypatch.context() as patch:
        patch.setattr(trust_workbook, "in_child", lambda work, *outputs: None)
        assert schools_sheet("no-fork") == by_child
    with monkeypatch.context() as patch:
        failed = lambda self: bool(os.waitpid(self.pid, 0)) and setattr(self, "exit_code", 1)  # noqa: E731
        patch.setattr(Child, "succeeded", failed)
        assert schools_sheet("child-failed") == by_child
    started: list[Child] = []
    with monkeypatch.context() as patch:  # the parent fails while the child works
        real = trust_workbook.in_child
        patch.setattr(trust_workbook, "in_child", lambda *a: started.append(real(*a)) or started[0])
        patch.setattr(trust_workbook, "build_heatmap", lambda *a: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            schools_sheet("parent-failed")
    with pytest.raises(ProcessLookupError):  # stopped and reaped, not left running
        os.kill(started[0].pid, 0)
    gc.collect()  # the abandoned workbook's complaints, here and not in the next test


def test_a_filled_template_is_read_like_yaml(tmp_path: Path) -> None:
    from schoolaudit.answers import load_answers
    from schoolaudit.render.template import render_template
    from tests.templates import fill

    folder = tmp_path / "in"
    folder.mkdir()
    sample = REPO / "examples" / "oakfield-primary.yaml"
    answers = load_answers(str(sample))
    filled = folder / "oakfield.xlsx"
    filled.write_bytes(render_template(Catalog().get(answers.checklist_id), answers))
    fill(filled, {"date": "18/11/2026"})
    shutil.copy(REPO / "examples" / "riverside-academy.yaml", folder / "riverside.yaml")
    result = CliRunner().invoke(
        app, ["batch", str(folder), "--xlsx", str(tmp_path / "t.xlsx"), "--json", "-"]
    )
    assert result.exit_code == 0, result.output
    files = sorted(Path(s["source_file"]).name for s in json.loads(result.stdout)["schools"])
    assert files == ["oakfield.xlsx", "riverside.yaml"]


@pytest.mark.slow
def test_ctrl_c_in_a_real_run_stops_every_process_and_writes_nothing(tmp_path: Path) -> None:
    """As at a terminal: SIGINT to the whole process group, workers included."""
    import os
    import signal
    import subprocess
    import sys
    import time

    folder = tmp_path / "in"
    folder.mkdir()
    sample = (REPO / "examples" / "oakfield-primary.yaml").read_bytes()
    for n in range(6000):  # seconds of work even on a fast, idle machine
        (folder / f"school-{n:04d}.yaml").write_bytes(sample)
    out = tmp_path / "out"
    out.mkdir()
    command = [sys.executable, "-m", "schoolaudit", "batch", str(folder)]
    command += ["--xlsx", str(out / "t.xlsx"), "--csv", str(out / "t.csv"), "--jobs", "2"]
    process = subprocess.Popen(
        command,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    time.sleep(1.5)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Interrupted." in stderr and "Traceback" not in stderr
    assert list(out.iterdir()) == []
    time.sleep(0.5)
    with pytest.raises(ProcessLookupError):
        os.killpg(process.pid, 0)  # no worker left behind


@pytest.mark.slow
def test_a_batch_killed_with_sigkill_leaves_no_worker_behind(tmp_path: Path) -> None:
    """SIGKILL cannot be caught: the workers notice their batch is gone and end themselves.

    fuzz/crash_batch.py found two workers left behind, for ever, per killed batch.
    """
    import os
    import signal
    import subprocess
    import sys
    import time

    folder = tmp_path / "in"
    folder.mkdir()
    sample = (REPO / "examples" / "oakfield-primary.yaml").read_bytes()
    for n in range(3000):  # still working when it is killed
        (folder / f"school-{n:04d}.yaml").write_bytes(sample)
    command = [sys.executable, "-m", "schoolaudit", "batch", str(folder)]
    command += ["--xlsx", str(tmp_path / "t.xlsx"), "--jobs", "2"]
    process = subprocess.Popen(
        command,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    time.sleep(2.0)
    assert process.poll() is None, "the batch ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)  # the parent only: nothing can clean up
    process.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            return  # every worker has gone
        time.sleep(0.2)
    os.killpg(process.pid, signal.SIGKILL)  # tidy up before failing
    pytest.fail("workers outlived the killed batch")


def test_the_workbook_writer_loads_while_the_workers_run_and_closing_stops_them() -> None:
    """`_then` does its work once the first outcome is in (not before, not twice), and
    closing it closes the outcomes it wraps: that is what stops the pool's workers."""
    from schoolaudit.cli.batch_cmd import _then

    done: list[str] = []
    closed: list[bool] = []

    def outcomes() -> Iterator[int]:
        try:
            for number in range(3):
                done.append(f"outcome {number}")
                yield number
        finally:
            closed.append(True)

    wrapped = _then(outcomes(), lambda: done.append("work"))
    assert next(wrapped) == 0 and done == ["outcome 0"]
    assert next(wrapped) == 1 and done == ["outcome 0", "work", "outcome 1"]
    wrapped.close()
    assert closed == [True]
    assert list(_then(iter([7]), lambda: done.append("once"))) == [7]
    assert done.count("once") == 1
    assert list(_then(iter([]), lambda: done.append("never"))) == []  # nothing to write
    assert "never" not in done


def test_every_code_and_place_fits_its_column_of_the_errors_sheet_on_one_line() -> None:
    """A code wider than its column ran on past the print area, and LibreOffice printed its
    tail ("eader", "olumn") on a page of its own; a template's cell (`schoolaudit!B12`) was
    cut to `schoolaudit!`, losing the very cell to look at."""
    from schoolaudit.codes import CODES
    from schoolaudit.render.trust_workbook.lists import ERROR_COLUMNS, ERROR_WIDTHS
    from schoolaudit.render.xlsx import wrapped_lines
    from schoolaudit.template_layout import ANSWERS_SHEET, MARKER_SHEET, SCHOOL_SHEET

    code_width = ERROR_WIDTHS[ERROR_COLUMNS.index("Code")]
    assert [code for code in CODES if wrapped_lines(code, code_width) > 1] == []
    where_width = ERROR_WIDTHS[ERROR_COLUMNS.index("Where")]
    places = [f"{sheet}!D1234" for sheet in (ANSWERS_SHEET, MARKER_SHEET, SCHOOL_SHEET)]
    assert [p for p in [*places, "12345:123"] if wrapped_lines(p, where_width) > 1] == []
    assert sum(ERROR_WIDTHS) <= 143  # still one page wide at 100 %
