"""Once through the real thing: a built wheel, installed in a fresh virtual
environment and run from outside the repository, and the console script in a
subprocess. These are the checks that catch packaging mistakes (data files
left out of the wheel, an entry point that does not import)."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import MINI, REPO
from tests.templates import SCHOOL, fill
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
    for font in (REPO / "schoolaudit" / "render" / "fonts").iterdir():  # the pack's and the
        assert f"schoolaudit/render/fonts/{font.name}" in names  # workbook's metrics
    assert not any(name.startswith("tests/") for name in names)


@pytest.mark.slow
def test_installed_wheel_runs_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    python = fresh_venv_seeing_our_packages(env_dir)
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
    pack = _run(script, "report", answers, "-c", MINI, "--pdf", "pack.pdf", cwd=elsewhere)
    assert pack.returncode == 0, pack.stderr  # the bundled font is found in the install
    assert (elsewhere / "pack.pdf").read_bytes().startswith(b"%PDF-")

    answers.write_text(ANSWERS.replace("ppl-01: 3", "ppl-01: 7"), encoding="utf-8")
    invalid = _run(script, "validate", answers, "-c", MINI, cwd=elsewhere)
    assert invalid.returncode == 1
    assert invalid.stderr.splitlines()[0] == (
        f"{answers}:10:11: '7' is not an answer to ppl-01: a level is 1 to 5 "
        "(allowed: 1, 2, 3, 4, 5, unsure)"
    )

    template = elsewhere / "template.xlsx"
    made = _run(script, "template", "-c", MINI, "--xlsx", template, cwd=elsewhere)
    assert made.returncode == 0, made.stderr
    fill(template, SCHOOL, {"bas-01": "Yes", "ppl-04": "01/09/2026"})
    imported = _run(script, "import", template, "-o", "back.yaml", "-c", MINI, cwd=elsewhere)
    assert imported.returncode == 0, imported.stderr
    assert "ppl-04: 2026-09-01" in (elsewhere / "back.yaml").read_text(encoding="utf-8")


def fresh_venv_seeing_our_packages(env_dir: Path) -> Path:
    """A new venv whose own site-packages come first, then the test run's (typer, rich, …).

    `system_site_packages=True` would add the *base* interpreter's packages:
    run from a venv (the README's way), that base lacks typer, and the wheel
    could not import. A `.pth` file naming the running interpreter's
    site-packages works from a venv, activated or not, and from CI's base
    interpreter alike; `.pth` files there (an editable install of this
    repository) are not processed, so the wheel is what gets imported.
    """
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    ours = dict.fromkeys(sysconfig.get_paths()[key] for key in ("purelib", "platlib"))
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(site) / "test-run-packages.pth").write_text("\n".join(ours) + "\n", encoding="utf-8")
    return python


def test_console_script_and_module_run_in_a_subprocess(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "schoolaudit"  # beside this python: venv or not
    assert script.exists(), "install the package first: python -m pip install -e '.[test]'"
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    for command in ([script], [sys.executable, "-m", "schoolaudit"]):
        result = _run(*command, "report", answers, "-c", MINI, "--fail-under", "90", cwd=tmp_path)
        assert result.returncode == 1, result.stderr
        assert "Overall score 67.7  Rating AMBER" in result.stdout
        assert result.stderr.strip() == "Score 67.7 is below --fail-under 90."
