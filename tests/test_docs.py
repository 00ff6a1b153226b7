"""docs/checklists.md lists every built-in item with its sources, and stays in step.

It is generated from the checklists themselves; refresh it on purpose with
`SCHOOLAUDIT_UPDATE_GOLDEN=1 python -m pytest tests/test_docs.py` after editing a checklist.
"""

from __future__ import annotations

import os

from schoolaudit.catalog import Catalog
from schoolaudit.render.checklist_doc import checklist_markdown
from tests.conftest import REPO

DOC = REPO / "docs" / "checklists.md"

HEADER = """\
# The built-in checklists

Generated from `checklists/*.yaml` (do not edit by hand; see `tests/test_docs.py`). The same
tables print in a terminal with `schoolaudit checklist show ID --format markdown`, and
`schoolaudit checklist show ID --detail` adds the guidance and evidence for each item.

Severity: **statutory** — law or statutory guidance says "must" (a shortfall holds the rating
at amber at most, and is a high-priority action); **expected** — DfE standards and statutory
"should" (medium priority); **recommended** — good practice (low priority). A reference marked
"(check source)" names a section or paragraph that has not been confirmed against the source's
current text.
"""


def render_doc() -> str:
    catalog = Catalog()
    parts = [HEADER]
    for entry in catalog.entries():
        parts.append(checklist_markdown(catalog.get(entry.path)))
    return "\n".join(parts)


def test_checklists_doc_is_up_to_date() -> None:
    text = render_doc()
    if os.environ.get("SCHOOLAUDIT_UPDATE_GOLDEN"):
        DOC.write_text(text, encoding="utf-8")
    assert DOC.read_text(encoding="utf-8") == text, (
        "docs/checklists.md is out of date: SCHOOLAUDIT_UPDATE_GOLDEN=1 python -m pytest "
        "tests/test_docs.py"
    )
