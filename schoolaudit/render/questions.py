"""The questions a school sends its filtering or monitoring provider (`checklist questions`).

Some items only the provider can answer (`ask: provider`): how its filter treats encrypted
traffic, whether the illegal-content lists are locked, what its self-certification says. The
school pastes this list into an email, so it is plain text (or Markdown for a document), opens
with one line saying why it is asked, and numbers each question with its item id so the reply
can be copied back into the answers file. The items' own evidence lines are left out: they
name the school's records (a limits register, a console setting), which mean nothing to the
provider; the opening line asks for whatever shows each answer instead.
"""

from __future__ import annotations

from schoolaudit.model import Checklist, Item
from schoolaudit.render.markdown_report import text as markdown_text

OPENING = (
    "We are reviewing our school's online safety, filtering and monitoring, and these "
    "questions can only be answered by you as our provider. Please answer each one by its "
    "number, and attach or link anything that shows the answer."
)


def questions_for(checklist: Checklist, audience: str) -> tuple[Item, ...]:
    """The items of `checklist` that only `audience` can answer, in checklist order."""
    return tuple(item for item in checklist.items if item.ask == audience)


def _title(checklist: Checklist) -> str:
    return f"Questions for our provider: {checklist.title} (version {checklist.version})"


def render_questions_text(checklist: Checklist, items: tuple[Item, ...]) -> str:
    """Plain text ready to paste into an email: title, opening line, numbered questions."""
    lines = [_title(checklist), "", OPENING, ""]
    lines += [f"{number}. [{item.id}] {item.text}" for number, item in enumerate(items, start=1)]
    return "\n".join(lines) + "\n"


def render_questions_markdown(checklist: Checklist, items: tuple[Item, ...]) -> str:
    """The same list as Markdown, file text escaped so none of it becomes HTML."""
    lines = [f"# {markdown_text(_title(checklist))}", "", OPENING, ""]
    lines += [
        f"{number}. **{item.id}** {markdown_text(item.text)}"
        for number, item in enumerate(items, start=1)
    ]
    return "\n".join(lines) + "\n"
