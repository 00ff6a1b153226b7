"""How long the interview takes from a keypress to the next prompt being ready.

Answers the whole main built-in checklist (or the test checklist where it is
missing) through the interview's own step, `Sitting.handle`, then draws the next
item as the terminal would (to a throwaway console). Each step includes
everything a person waits for: reading the key, editing the round-trip YAML
document, dumping it, reading it back with the same checks as `validate`,
checking the file was not changed by someone else, the atomic write (temporary
file, fsync, rename), recomputing which items apply, and drawing the prompt.

It prints the median, 95th percentile and worst step, a breakdown of one
step's parts, and the ratio against a baseline: a plain atomic save of the same
text with no checks and no applicability recompute. It should feel instant:
under 50 ms per step.

A save rewrites the whole file, so a step costs more as notes pile up.
`--note-chars N` measures that: every item starts answered with a note and
evidence of N characters each, and the rounds re-answer them (`--review`).

    python benchmarks/interview_latency.py [--rounds 3] [--checklist ID|PATH] [--note-chars N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.load_validate_score import pick_checklist  # noqa: E402
from schoolaudit.answers_file import AnswersFile  # noqa: E402
from schoolaudit.atomic import write_bytes_atomic  # noqa: E402
from schoolaudit.catalog import Catalog  # noqa: E402
from schoolaudit.interview.flow import (  # noqa: E402
    Reply,
    Scope,
    first_item,
    next_item,
    progress,
    read_key,
)
from schoolaudit.interview.keyboard import PipedKeyboard  # noqa: E402
from schoolaudit.interview.screen import item_screen  # noqa: E402
from schoolaudit.interview.session import Request, Sitting  # noqa: E402
from schoolaudit.model import Checklist, Item  # noqa: E402

AUDIT_DATE = dt.date.today() - dt.timedelta(days=1)


def typed_answer(item: Item) -> str:
    """What a person would type: mostly yes, so that conditional items apply too."""
    if item.type == "level":
        return "3"
    if item.type == "choice":
        return "1"
    if item.type == "number":
        return f"{item.target or item.min or 1:g}"
    if item.type == "date":
        return (AUDIT_DATE - dt.timedelta(days=30)).isoformat()
    if item.type == "text":
        return "Acme Filtering Ltd"
    return "y"


def new_sitting(checklist: Checklist, folder: str, name: str, note_chars: int = 0) -> Sitting:
    """An interview over a new file whose profile says yes to every profile question.

    With `note_chars`, every item is already answered with a note and evidence
    that long, and the interview walks them again as `--review` does.
    """
    path = str(Path(folder) / name)
    school: dict[str, object] = {"name": "Benchmark School", "phase": "secondary"}
    school.update({field.id: "yes" for field in checklist.profile if field.type == "yesno"})
    file = AnswersFile.new(path, checklist, school, AUDIT_DATE, "Benchmark, DSL")
    if note_chars:
        words = "Checked with the IT provider; the next step is planned for next term. " * 50
        for item in checklist.items:
            reply = read_key(item, typed_answer(item), AUDIT_DATE)
            assert isinstance(reply, Reply), reply
            note = words[:note_chars]
            file.set_answer(item.id, reply.value, note=note, evidence=note)
    file.save()
    console = Console(file=io.StringIO(), width=80)
    request = Request(path, checklist.path, {}, Scope(review=note_chars > 0))
    sitting = Sitting(request, Catalog(), console, PipedKeyboard(console, io.StringIO()))
    sitting.file = file
    return sitting


def one_round(checklist: Checklist, folder: str, name: str, note_chars: int) -> list[float]:
    """Seconds from each key to the next prompt, over the whole checklist."""
    sitting = new_sitting(checklist, folder, name, note_chars)
    assert sitting.file is not None
    steps = []
    item = first_item(checklist, sitting.file.answers, sitting.request.scope)
    while item is not None:
        typed = typed_answer(item)
        started = time.perf_counter()
        step = sitting.handle(item, typed)
        if isinstance(step, Item):
            sitting.show(step)
        steps.append(time.perf_counter() - started)
        item = step if isinstance(step, Item) else None
    return steps


def timed(action: Callable[[], object], repeat: int = 30) -> float:
    """Median seconds of `action`."""
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def breakdown(checklist: Checklist, folder: str, note_chars: int) -> dict[str, float]:
    """One step's parts, on a file with every item answered (the largest it gets)."""
    sitting = new_sitting(checklist, folder, "parts.yaml", note_chars)
    assert sitting.file is not None
    file = sitting.file
    for item in checklist.items:
        sitting.handle(item, typed_answer(item))
    text = file._dump()
    last = checklist.items[-1]
    console = Console(file=io.StringIO(), width=80)
    return {
        "edit + dump the round-trip YAML": timed(
            lambda: (file.set_answer(last.id, "Acme"), file._dump())
        ),
        "read back and check (as validate)": timed(lambda: file._checked(text)),
        "atomic write (temp, fsync, rename)": timed(
            lambda: write_bytes_atomic(Path(folder) / "plain.yaml", text)
        ),
        "applicability: next item + position": timed(
            lambda: (
                next_item(checklist, file.answers, Scope(), checklist.items[0]),
                progress(checklist, file.answers, Scope(), last),
            )
        ),
        "draw the prompt": timed(
            lambda: console.print(
                item_screen(last, progress(checklist, file.answers, Scope(), last), None)
            )
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--checklist", default=None)
    parser.add_argument("--note-chars", type=int, default=0, help="note and evidence per item")
    args = parser.parse_args()
    checklist = pick_checklist(args.checklist)
    with tempfile.TemporaryDirectory() as folder:
        steps = [
            seconds
            for n in range(args.rounds)
            for seconds in one_round(checklist, folder, f"round-{n}.yaml", args.note_chars)
        ]
        parts = breakdown(checklist, folder, args.note_chars)
        text = (Path(folder) / "round-0.yaml").read_bytes()
        baseline = timed(lambda: write_bytes_atomic(Path(folder) / "baseline.yaml", text))
    ms = sorted(s * 1000 for s in steps)
    median = statistics.median(ms)
    p95 = ms[int(0.95 * (len(ms) - 1))]
    print(f"checklist {checklist.id} v{checklist.version}: {len(checklist.items)} items")
    print(f"{len(ms)} steps over {args.rounds} rounds (keypress → next prompt ready)")
    if args.note_chars:
        chars = args.note_chars
        print(f"  re-answering (--review) a {len(text):,}-byte file: {chars}-character notes")
    print(f"  median {median:6.2f} ms   p95 {p95:6.2f} ms   worst {ms[-1]:6.2f} ms")
    print("one step's parts, full file (median):")
    for label, seconds in parts.items():
        print(f"  {label:<40}{seconds * 1000:6.2f} ms")
    print(f"baseline: plain atomic save, no checks, no recompute: {baseline * 1000:.2f} ms")
    print(f"ratio: a full step takes {median / (baseline * 1000):.1f}× the plain save")
    verdict = "under" if p95 < 50 else "OVER"
    print(f"p95 is {verdict} the 50 ms budget")


if __name__ == "__main__":
    main()
