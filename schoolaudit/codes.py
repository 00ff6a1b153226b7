"""Every problem code schoolaudit can report, in one place: the stable contract.

A `Problem`'s code is what trusts' tools and tests filter on; its wording may
improve, its code does not change. Codes are `family/kebab-case-name`. Each is
documented, with an example line, in docs/problems.md; tests/test_codes.py
checks that every code raised anywhere is listed here and every code listed
here is documented.
"""

from __future__ import annotations

CODES: dict[str, str] = {
    # Reading the file
    "file/not-found": "the file named does not exist",
    "file/is-directory": "a folder was named where a file was expected",
    "file/unreadable": "the system refused to read the file",
    "file/too-large": "the file is larger than any real checklist or answers file",
    "file/empty": "the file holds nothing",
    "file/binary": "the file is not text",
    "file/encoding": "the file is text, but not UTF-8",
    "file/spreadsheet": "a spreadsheet (or other zipped document) was given as a YAML file",
    "file/unwritable": "the interview could not create or save the answers file",
    "file/not-regular": "a pipe, device or socket was named where a file was expected",
    "file/old-excel": "an old-style .xls workbook (or one with a password), not .xlsx",
    "file/ods": "an OpenDocument (.ods) spreadsheet where .xlsx was expected",
    "file/not-workbook": "a zipped document that is not an Excel workbook (a Word file)",
    "file/corrupt": "a workbook that cannot be read: damaged, or not really .xlsx",
    "file/zip-bomb": "a workbook that would unpack to far more than any real one",
    "file/hostile-xml": "a workbook whose XML declares a DTD or entities (entity expansion)",
    "file/report-workbook": "a report workbook given where a filled template was expected",
    "file/not-template": "a spreadsheet not made by `schoolaudit template`",
    # YAML
    "yaml/syntax": "the file is not valid YAML",
    "yaml/duplicate-key": "a key appears twice in one mapping",
    "yaml/character": "a control character YAML does not allow",
    "yaml/alias-bomb": "aliases that would expand past any real file's size",
    "yaml/too-deep": "data nested deeper than any real file",
    "yaml/self-alias": "an alias inside the value it refers to, which would never end",
    "yaml/bad-number": "a number YAML cannot read, one too long to be a real answer, or .nan/.inf",
    "yaml/bad-boolean": "a value tagged !!bool that is not yes or no",
    # The JSON Schema (a checklist's or an answers file's shape)
    "schema/unknown-key": "a key the format does not have",
    "schema/missing-key": "a required key is missing",
    "schema/type": "a value of the wrong kind (text for a number, a list for a mapping)",
    "schema/not-allowed": "a value that is not one of those allowed",
    "schema/bad-key": "a key that is not a valid id",
    "schema/pattern": "a value not in the required form (an id, a URN)",
    "schema/min-length": "text that must not be empty",
    "schema/min-items": "a list with too few entries",
    "schema/minimum": "a number below the smallest allowed",
    "schema/maximum": "a number above the largest allowed",
    "schema/exclusive-minimum": "a number that must be more than a bound",
    "schema/invalid": "any other breach of the schema (the message gives jsonschema's words)",
    # Answers files
    "answers/bad-answer": "an answer that is not one the item takes",
    "answers/unknown-item": "an answer to an item the checklist does not have",
    "answers/unknown-key": "a top-level key schoolaudit does not use (warning)",
    "answers/bad-date": "the audit date is not a real date",
    "answers/future-date": "the audit date is after today",
    "answers/bad-profile": "a school-profile answer the question does not take",
    "answers/missing-profile": "a profile question items depend on is unanswered (warning)",
    "answers/unknown-profile-field": "a school key the checklist does not ask (warning)",
    "answers/not-applicable": "an answer to an item that does not apply to the school (warning)",
    "answers/checklist-version": "answered against another version of the checklist (warning)",
    "answers/wrong-checklist": "the file names a different checklist from the one given",
    "answers/is-checklist": "a checklist was given where an answers file was expected",
    "answers/changed-on-disk": "the interview's file was changed by someone else: not overwritten",
    # Filled templates (.xlsx)
    "template/newer-format": "a template made by a newer schoolaudit",
    "template/missing-sheet": "the School or Answers sheet was renamed or deleted",
    "template/missing-header": "a sheet's header row was deleted",
    "template/missing-column": "a column the reader needs was renamed or deleted",
    "template/empty": "the school's name, phase or audit date is not filled in",
    "template/bad-date": "the audit date typed is not a real date",
    "template/duplicate-row": "one item in two rows with different answers",
    "template/checklist-changed": "made for another version: items added or gone (warning)",
    # Checklists (`checklist lint`)
    "checklist/missing-key": "an item or section lacks a key it needs",
    "checklist/misplaced-key": "a key on an item of a type that does not use it",
    "checklist/duplicate-id": "two sections, items, options, sources or glossary terms share an id",
    "checklist/unknown-source": "a reference to a source the checklist does not declare",
    "checklist/unused-source": "a declared source no item cites (warning)",
    "checklist/no-references": "an item that cites no source (warning)",
    "checklist/bad-condition": "an applies_if value the item or field can never take",
    "checklist/unknown-item": "an applies_if naming an item that is not earlier in the checklist",
    "checklist/unknown-field": "an applies_if naming a school field the checklist does not ask",
    "checklist/cycle": "an applies_if naming the item itself or a later one",
    "checklist/thresholds": "numbers out of order (amber above green, target below min)",
    "checklist/levels": "a level item labelling some but not all five levels",
    "checklist/reserved-word": "a choice option named like an answer word (unsure, na)",
    "checklist/unreachable": "a choice item no option of which earns full credit (warning)",
    "checklist/blank-glossary": "a glossary term, or its meaning, that is blank",
    # Views: a checklist scored from another's answers (`view_of`, `answered_by`)
    "view/unknown-base": "the checklist a view is of cannot be loaded",
    "view/of-itself": "a checklist that names itself as its base",
    "view/base-is-view": "a view of a checklist that is itself a view",
    "view/not-a-view": "an item names items that answer it, but the checklist is not a view",
    "view/combine-alone": "an item says how to combine credits but names no items",
    "view/unmapped-item": "an item of a view that no base item answers",
    "view/unknown-item": "an item answered by an id the base checklist does not have",
    "view/incompatible-types": "an item answered by a base item whose answers it cannot take",
    # Versions and re-audits
    "answers/older-version": "answered against an older version of the checklist",
    "answers/not-mapping": "a file the interview cannot edit: its top level is not a mapping",
    "checklist/replaces-existing": "replaces: names an id that is still an item",
    "checklist/replaced-twice": "two items both say they replace one old id",
    "diff/different-schools": "two audits of different schools (URNs) compared",
    "diff/different-checklists": "two audits answering different checklists compared",
    "migrate/onto-view": "migrate asked to move a file onto a view, which nobody answers itself",
    # Finding checklists
    "catalog/unknown": "no checklist has the id given",
    "catalog/unknown-version": "the checklist exists, but not in the version named",
    "catalog/duplicate-id": "a folder's checklist reuses an id (or id and version) already found",
    "catalog/misnamed": "an archived checklist whose file name names another version",
    # The interview, reading piped answers
    "batch/duplicate-urn": "a second file for a school already counted (same URN, same checklist)",
    "batch/not-checked": "a file whose check ran past its time or memory, or whose checker died",
    "interview/refused-line": "a piped line that is not an answer: the sitting stops there",
}
"""Each code, and what it means in a few words (docs/problems.md says more)."""

SCHEMA_KEYWORD_CODES: dict[str, str] = {
    "pattern": "schema/pattern",
    "minLength": "schema/min-length",
    "minItems": "schema/min-items",
    "minimum": "schema/minimum",
    "maximum": "schema/maximum",
    "exclusiveMinimum": "schema/exclusive-minimum",
}
"""jsonschema's camelCase keywords, as our kebab-case codes; any other is `schema/invalid`."""


def schema_code(keyword: str) -> str:
    """The code for a breach of one JSON Schema keyword."""
    return SCHEMA_KEYWORD_CODES.get(keyword, "schema/invalid")
