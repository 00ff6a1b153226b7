"""Where things are in the fillable template: written by `render.template`, read by `xlsx_reader`.

One definition for both sides, so the writer and the reader cannot drift
apart. The reader finds columns by their header text, not their position, so
a school that inserts a column of its own, or moves one, still imports; the
header names here are the contract (PRODUCT.md names `id`, `section`,
`question`, `answer`, `note` and `evidence`).
"""

from __future__ import annotations

INSTRUCTIONS_SHEET = "Instructions"
SCHOOL_SHEET = "School"
ANSWERS_SHEET = "Answers"
MARKER_SHEET = "schoolaudit"
"""A hidden sheet saying what the workbook is: which checklist, which version, which items."""

MARKER_KIND = "schoolaudit fillable template"
TEMPLATE_FORMAT = 1

# Marker sheet: column A holds a key, column B its value; one `item` row per item.
KIND, FORMAT, CHECKLIST, VERSION, ITEM = "kind", "format", "checklist", "version", "item"

SCHOOL_COLUMNS = ("field", "question", "value")
"""The School sheet: read the question, type the value beside it; `field` names the key."""
FIELD, VALUE = SCHOOL_COLUMNS[0], SCHOOL_COLUMNS[2]
ANSWER_COLUMNS = (
    "id",
    "section",
    "question",
    "answer",
    "note",
    "evidence",
    "what to answer",
    "guidance",
    "applies only when",
)
ANSWER_FIELDS = ("answer", "note", "evidence")
"""The Answers columns a school fills in, in the order they appear."""

WHO_AND_WHEN = ("completed_by", "date")
"""School-sheet fields that sit at the top of an answers file, not under `school:`."""
