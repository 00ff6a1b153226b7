"""How long a filled template takes to read and check, against the same answers as YAML.

A trust collects hundreds of filled templates and runs `batch` over them, so
reading one must stay close to reading the YAML it imports to. This makes a
template of the main built-in checklist, fills every item the way a school
would (answers typed in mixed case, a note on every other item, the date typed
day first), imports it to YAML, then times `assess` on each over many files
and prints the median per file, files per second and the ratio (xlsx / YAML).
It also times making the template itself.

    python benchmarks/template_read.py [--files 40] [--checklist ID|PATH]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from openpyxl import load_workbook  # noqa: E402

from schoolaudit.answers import load_answers  # noqa: E402
from schoolaudit.answers_file import AnswersFile  # noqa: E402
from schoolaudit.assess import assess  # noqa: E402
from schoolaudit.catalog import Catalog  # noqa: E402
from schoolaudit.model import Checklist, Item  # noqa: E402
from schoolaudit.render.template import render_template  # noqa: E402


def typed(item: Item) -> str | int:
    """An answer as a person picks or types it."""
    if item.type == "level":
        return 3
    if item.type == "number":
        return "85"
    if item.type == "date":
        return "01/09/2026"
    if item.type == "text":
        return "Acme Filtering Ltd"
    if item.type == "choice":
        return item.options[-1].value
    return "Yes" if item.type == "yesno" else "Partial "


def filled_template(checklist: Checklist) -> bytes:
    workbook = load_workbook(io.BytesIO(render_template(checklist)))
    school = workbook["School"]
    values = {"name": "Oakfield Primary", "phase": "primary", "date": "05/09/2026"}
    for row in range(2, school.max_row + 1):
        key = school.cell(row=row, column=1).value
        profile = checklist.profile_field(str(key))
        value = values.get(str(key)) or (
            profile.answer_words()[0] if profile and profile.type != "text" else None
        )
        school.cell(row=row, column=3).value = value
    answers = workbook["Answers"]
    for row in range(2, answers.max_row + 1):
        item = checklist.item_by_id[str(answers.cell(row=row, column=1).value)]
        answers.cell(row=row, column=4).value = typed(item)
        if row % 2:
            answers.cell(
                row=row, column=5
            ).value = "Checked with the provider; renewal due in March."
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def timed(paths: list[Path], catalog: Catalog, checklist: Checklist) -> list[float]:
    times = []
    for path in paths:
        start = time.perf_counter()
        outcome = assess(str(path), catalog, checklist)
        times.append(time.perf_counter() - start)
        assert outcome.ok, [str(p) for p in outcome.errors]
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--checklist", default=None)
    options = parser.parse_args()
    catalog = Catalog()
    checklist = catalog.get(options.checklist)
    start = time.perf_counter()
    render_template(checklist)
    made = time.perf_counter() - start
    data = filled_template(checklist)
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        first = base / "school-0.xlsx"
        first.write_bytes(data)
        answers = load_answers(str(first), checklist)
        yaml_text = AnswersFile.from_answers(
            str(base / "x.yaml"), checklist, answers, origin="bench", replace=False
        )
        yaml_text.save()
        xlsx = [first] + [base / f"school-{n}.xlsx" for n in range(1, options.files)]
        yamls = [base / f"school-{n}.yaml" for n in range(options.files)]
        for path in xlsx[1:]:
            path.write_bytes(data)
        for path in yamls:
            path.write_bytes((base / "x.yaml").read_bytes())
        timed(xlsx[:2], catalog, checklist)  # warm caches: schema, imports
        xlsx_times = timed(xlsx, catalog, checklist)
        yaml_times = timed(yamls, catalog, checklist)
    per_xlsx, per_yaml = statistics.median(xlsx_times), statistics.median(yaml_times)
    print(f"checklist {checklist.id} v{checklist.version}: {len(checklist.items)} items")
    print(f"make the template:        {made * 1000:7.1f} ms")
    print(f"template size:            {len(data) / 1024:7.1f} KB")
    print(f"read+check+score xlsx:    {per_xlsx * 1000:7.1f} ms per file ({1 / per_xlsx:5.0f}/s)")
    print(f"read+check+score YAML:    {per_yaml * 1000:7.1f} ms per file ({1 / per_yaml:5.0f}/s)")
    print(f"ratio xlsx / YAML:        {per_xlsx / per_yaml:7.2f}")


if __name__ == "__main__":
    main()
