"""Start-up stays cheap: no command pays for a library it does not use.

jsonschema, openpyxl and ruamel.yaml take longer to import than `--help` takes
to run; they load where they are used (checking, the workbook, the interview's
file editor). A new command that imports one at module level fails here, not
in benchmarks/startup.py weeks later.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("jsonschema", "openpyxl", "ruamel", "fpdf", "PIL", "fontTools")


def _loaded_after(code: str) -> list[str]:
    probe = (
        f"import sys\n{code}\n"
        f"print(*(m for m in {HEAVY!r} if any(n.split('.')[0] == m for n in sys.modules)),"
        " file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stderr.split()  # --help writes to stdout


@pytest.mark.parametrize(
    "code",
    [
        "import schoolaudit.cli",
        "import schoolaudit",
        "from schoolaudit.cli import app\n"
        "try:\n    app(['--help'], prog_name='schoolaudit')\nexcept SystemExit:\n    pass",
    ],
    ids=["import schoolaudit.cli", "import schoolaudit", "schoolaudit --help"],
)
def test_start_up_loads_no_heavy_library(code: str) -> None:
    assert _loaded_after(code) == []
