"""Once through the real thing: a built wheel, installed in a fresh virtual
environment and run from outside the repository, and the console script in a
subprocess. These are the checks that catch packaging mistakes (data files
left out of the wheel, an entry point that does not import)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import MINI, REPO
from tests.test_cli import ANSWERS


def _run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "HOME": str(cwd), "COLUMNS": "160", "NO_COLOR": "1"},
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(dist),
            str(REPO),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = dist.glob("schoolaudit-*.whl")
    return built


def test_wheel_ships_the_checklists_and_schemas(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for schema in ("checklist", "answers", "report", "diff"):
        assert f"schoolaudit/schemas/{schema}.schema.json" in names
    for checklist in (REPO / "checklists").rglob("*.yaml"):  # archive/ too: old files report
        relative = checklist.relative_to(REPO / "checklists").as_posix()
        assert f"schoolaudit/checklists/{relative}" in names
    assert not any(name.startswith("tests/") for name in names)


@pytest.mark.slow
def test_installed_wheel_runs_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    installed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            "--quiet",
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert installed.returncode == 0, installed.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    where = _run(
        python, "-c", "import schoolaudit.resources as r; print(r.schemas_dir())", cwd=elsewhere
    )
    assert where.stdout.strip().startswith(str(env_dir)), where.stdout + where.stderr

    script = env_dir / "bin" / "schoolaudit"
    listed = _run(script, "checklists", cwd=elsewhere)
    assert listed.returncode == 0, listed.stderr
    for checklist in (REPO / "checklists").glob("*.yaml"):
        assert checklist.stem in listed.stdout

    answers = elsewhere / "answers.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    report = _run(script, "report", answers, "-c", MINI, "--json", "-", cwd=elsewhere)
    assert report.returncode == 0, report.stderr
    assert json.loads(report.stdout)["overall"]["score"] == 67.7

    answers.write_text(ANSWERS.replace("ppl-01: 3", "ppl-01: 7"), encoding="utf-8")
    invalid = _run(script, "validate", answers, "-c", MINI, cwd=elsewhere)
    assert invalid.returncode == 1
    assert invalid.stderr.splitlines()[0] == (
        f"{answers}:10:11: '7' is not an answer to ppl-01: a level is 1 to 5 "
        "(allowed: 1, 2, 3, 4, 5, unsure)"
    )


def test_console_script_and_module_run_in_a_subprocess(tmp_path: Path) -> None:
    script = shutil.which("schoolaudit")
    assert script, "install the package first: python -m pip install -e '.[test]'"
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    for command in ([script], [sys.executable, "-m", "schoolaudit"]):
        result = _run(*command, "report", answers, "-c", MINI, "--fail-under", "90", cwd=tmp_path)
        assert result.returncode == 1, result.stderr
        assert "Overall score 67.7  Rating AMBER" in result.stdout
        assert result.stderr.strip() == "Score 67.7 is below --fail-under 90."
