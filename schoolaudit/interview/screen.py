"""What the interview shows: an item, its help, the end-of-sitting summary.

Each function returns a rich renderable and prints nothing, so the same
screens serve a terminal, a pipe and the tests. Everything fits 80 columns
(rich wraps the text) and no meaning rests on colour alone: ids, severities,
positions and ratings are written out; styles only add emphasis.
"""

from __future__ import annotations

from rich.columns import Columns
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.text import Text

from schoolaudit.answer_types import kind_of
from schoolaudit.catalog import DEFAULT_CHECKLIST
from schoolaudit.glossary import item_terms
from schoolaudit.interview.flow import Progress, keys_for
from schoolaudit.interview.profile import Question, Told
from schoolaudit.model import NO, YES, Answer, Checklist, Item, Section
from schoolaudit.render.words import rating_word, references_text, score_text
from schoolaudit.scoring import Result

COMMANDS_LINE = "? help · b back · s skip · q save and quit · add + for a note (p+)"
REMOVE_KEY = "-"
"""Typed at the note or evidence prompt: remove the one written."""
SEVERITY_STYLE = {"statutory": "bold red", "expected": "yellow", "recommended": "cyan"}


def section_rule(section: Section) -> Rule:
    return Rule(Text(section.title, style="bold"), align="left", characters="─")


def item_screen(item: Item, where: Progress, answer: Answer | None) -> RenderableType:
    """The item: `[id]`, position, severity, the question, the keys, and any current answer."""
    head = Text()
    head.append(f"[{item.id}]", style="bold")
    head.append(f"  {where.position}/{where.total}")
    head.append(f" · {where.left} left · ")
    if item.scored:
        head.append(item.severity, style=SEVERITY_STYLE[item.severity])
        head.append(f" · weight {item.weight:g}")
    else:  # its severity and weight never count: say so rather than show them
        head.append("information, optional, not scored")
    if item.ask == "provider":  # the DSL may not know: send it with `checklist questions`
        head.append(" · ask your provider", style="italic")
    parts: list[RenderableType] = [head, Text(item.text, style="bold")]
    parts.append(_keys(item))
    parts.append(Text("  " + COMMANDS_LINE, style="dim"))
    if answer is not None and (answer.value is not None or answer.note or answer.evidence):
        parts.append(Text("  " + current_text(item, answer), style="italic"))
    return Group(*parts)


def _keys(item: Item) -> Text:
    pairs = keys_for(item)
    if kind_of(item).keys_on_lines:
        return Text("\n".join(f"  {key:>2}  {meaning}" for key, meaning in pairs))
    return Text("  " + " · ".join(f"{key} {meaning}".strip() for key, meaning in pairs))


def current_text(item: Item, answer: Answer) -> str:
    """`now: partial · note: … (Enter keeps it)`."""
    value = answer.value
    shown = "not answered" if value is None else kind_of(item).prompt_label(item, value)
    text = f"now: {shown}"
    if answer.note:
        text += f" · note: {answer.note}"
    if answer.evidence:
        text += f" · evidence: {answer.evidence}"
    return text + (" (Enter keeps it)" if value is not None else "")


def note_prompt(label: str, now: str | None) -> Text:
    """The prompt for a note or evidence, showing the one already written.

    Shown in full, so that a changed answer is not left under a note that was
    written for the old one without the person seeing it.
    """
    if not now:
        return Text(f"{label} (Enter to skip)", style="dim")
    choices = f"Enter keeps it, {REMOVE_KEY} removes it, or type a new one"
    text = Text(f"{label} ({choices})", style="dim")
    text.append(f"\n  now: {now}", style="italic")
    return text


def help_screen(checklist: Checklist, item: Item) -> RenderableType:
    """`?`: how to check the item, what proves it, where it comes from, what to do if not met,
    and what the less familiar words in all that mean (the checklist's glossary)."""
    lines = Text()
    for label, text in (
        ("How to check", item.guidance),
        ("Evidence", item.evidence),
        ("References", references_text(checklist, item.references) or "none"),
        ("If not met", item.remediation),
        *_who_answers(checklist, item),
    ):
        lines.append(f"{label}: ", style="bold")
        lines.append(text + "\n")
    answers = Text("Answers: " + item.describe_allowed() + ".")
    terms = item_terms(checklist, item)
    if not terms:
        lines.append_text(answers)
        return lines
    lines.append("Words used here:", style="bold")
    meanings = [
        Padding(Text.assemble((term, "bold"), ": ", meaning), (0, 0, 0, 2), expand=False)
        for term, meaning in terms
    ]
    return Group(lines, *meanings, answers)


def _who_answers(checklist: Checklist, item: Item) -> list[tuple[str, str]]:
    """Who answers: the owner role, or for `ask: provider` items the provider (and the owner
    then follows the answer up at school)."""
    if item.ask != "provider":
        return [("Usually answered by", item.owner)]
    command = "schoolaudit checklist questions --for provider"
    if checklist.id != DEFAULT_CHECKLIST:
        command += f" --checklist {checklist.id if checklist.builtin else 'FILE'}"
    only = "only the filtering or monitoring provider can answer this"
    return [
        ("Ask your provider", f"{only};\n  send them the list of such questions:\n    {command}"),
        ("Followed up at school by", item.owner),
    ]


def question_screen(question: Question, default: str | None) -> RenderableType:
    """A profile question, with its choices numbered (or `y`/`n`), one column per choice."""
    text = Text(question.text, style="bold")
    if default:
        text.append(f" [{default}]")
    if not question.choices:
        return text
    values = [value for value, _ in question.choices]
    if values == [YES, NO]:
        return Group(text, Text("  y yes · n no"))
    numbered = [f"{n} {label}" for n, (_, label) in enumerate(question.choices, start=1)]
    return Group(text, Columns(numbered, padding=(0, 3)))


def told_screen(question: Question, told: Told) -> Text:
    """A profile question the other answers settle, shown with its answer and why."""
    text = Text(question.text, style="bold")
    text.append(f" {told.value} ({told.why})")
    return text


def nothing_to_ask(section: Section | None, review: bool) -> Text:
    """Why a sitting asks nothing: all answered (and how to change them), or nothing applies."""
    where = f" in {section.title}" if section else ""
    if review:
        return Text(f"No item applies{where} to this school.")
    return Text(
        f"Every item that applies{where} is answered. "
        "To change an answer, run this again with --review."
    )


def summary_screen(lead: str, result: Result, left: int) -> Text:
    """The end of a sitting: answered, left, and the score so far.

    `left` counts scored items only, which a complete audit needs; the items
    left over all (the count the item header shows) include the information
    items, which are optional, and say how many of them there are.
    """
    counts = result.counts
    text = Text(lead + "\n")
    done = f"{counts.answered} of {counts.applicable} applicable items answered"
    optional = counts.unanswered - left  # unanswered text items: information, never required
    if left:
        done += f", {counts.unanswered} left" + (f" ({optional} optional)" if optional else "")
        text.append(f"{done}.", style="bold")
        text.append(f"\nScore so far: {score_text(result.score)} ({rating_word(result.rating)})")
        text.append(" — unanswered items count as 0.")
    else:
        if optional > 0:
            done += f" ({optional} optional left blank)"
        text.append(f"Complete: {done}.", style="bold")
        text.append(f"\nScore: {score_text(result.score)} ({rating_word(result.rating)}).")
    return text


def commands_screen(commands: list[tuple[str, str]]) -> Text:
    """`Carry on: schoolaudit audit …` lines, labels aligned."""
    return Text("\n".join(f"{label:<10}{command}" for label, command in commands))
