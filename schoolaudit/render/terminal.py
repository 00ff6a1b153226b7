"""The terminal report, drawn with rich.

Colour is never the only signal: ratings are always written as words, and
rich drops colour by itself where NO_COLOR is set or output is not a terminal.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from schoolaudit.model import Checklist
from schoolaudit.render.visible import visible
from schoolaudit.render.words import (
    NO_GAPS_TEXT,
    RATING_MEANING,
    SECTION_NOT_SCORED_TEXT,
    answer_text,
    arithmetic_text,
    cap_text,
    counts_text,
    overall_arithmetic_text,
    provisional_text,
    rating_rule_text,
    rating_word,
    references_text,
    score_text,
    section_cap_text,
    stale_text,
)
from schoolaudit.scoring import Result, SectionResult

RATING_STYLE = {"green": "bold green", "amber": "bold yellow", "red": "bold red", None: "bold"}
PRIORITY_STYLE = {"high": "red", "medium": "yellow", "low": "cyan"}
HELD_NOTE = "* held at amber by a statutory item not fully met (see --explain)"


def rating_text(rating: str | None) -> Text:
    return Text(rating_word(rating), style=RATING_STYLE.get(rating, "bold"))  # type: ignore[arg-type]


def render_terminal_report(
    result: Result, *, top: int = 10, explain: bool = False
) -> RenderableType:
    """The scored report: headline, section table, top gaps (and the arithmetic)."""
    parts: list[RenderableType] = [_headline(result), _sections_table(result)]
    if result.gaps and top > 0:
        parts.append(_gaps_table(result, top))
    elif result.gaps:  # --top 0: the count, not an empty table headed "Top 0 gaps"
        count = len(result.gaps)
        parts.append(Text(f"{count} gap{'' if count == 1 else 's'} (not listed: --top 0)"))
    else:
        parts.append(Text(NO_GAPS_TEXT, style="green"))
    if explain:
        parts.append(render_explanation(result))
    return Group(*parts)


def _headline(result: Result) -> Panel:
    answers = result.answers
    school = answers.school
    lines = Text()
    lines.append(f"{school.get('name', '')}", style="bold")
    details = [school[k] for k in ("urn", "phase", "trust") if school.get(k)]
    if details:
        lines.append("  (" + ", ".join(details) + ")")
    lines.append(f"\n{result.checklist.title} v{result.checklist.version}")
    if answers.scored_from is not None:
        base_id, base_version = answers.scored_from
        lines.append(f" · scored from the {base_id} {base_version or ''} answers".rstrip())
    lines.append(f" · audit date {answers.date.isoformat()}")
    if answers.completed_by:
        lines.append(f" · completed by {answers.completed_by}")
    if stale := stale_text(result):
        lines.append("\n" + stale, style="bold red")
    lines.append("\n\nOverall score ")
    lines.append(score_text(result.score), style="bold")
    lines.append("  Rating ")
    lines.append_text(rating_text(result.rating))
    lines.append("\n" + counts_text(result.counts))
    provisional = provisional_text(result)
    if provisional:
        lines.append("\n" + provisional, style="bold yellow")
    lines.append("\n" + RATING_MEANING[result.rating])
    cap = cap_text(result)
    if cap:
        lines.append("\n" + cap, style="yellow")
    return Panel(lines, title="schoolaudit report", expand=True)


def _sections_table(result: Result) -> RenderableType:
    table = Table(title="Sections", title_justify="left", expand=False)
    table.add_column("Section")
    table.add_column("Score", justify="right")
    table.add_column("Rating")
    table.add_column("Gaps", justify="right")
    held = False
    for section in result.sections:
        rating = rating_text(section.rating) if section.score is not None else Text("not scored")
        if section_cap_text(section, result.checklist.rating):
            rating.append("*")
            held = True
        table.add_row(section.title, score_text(section.score), rating, str(section.gap_count))
    if held:
        return Group(table, Text(HELD_NOTE))
    return table


def _gaps_table(result: Result, top: int) -> Table:
    shown = result.gaps[:top]
    more = len(result.gaps) - len(shown)
    title = f"Top {len(shown)} gaps" + (f" (of {len(result.gaps)})" if more else "")
    table = Table(title=title, title_justify="left", expand=True, show_lines=True)
    table.add_column("Priority", no_wrap=True)
    table.add_column("Item", no_wrap=True)
    table.add_column("Requirement and action", ratio=1)
    table.add_column("Answer", no_wrap=False)
    for gap in shown:
        text = Text(gap.item.text, style="bold")
        text.append("\n→ " + gap.item.remediation)
        table.add_row(
            Text(gap.priority, style=PRIORITY_STYLE[gap.priority]),
            gap.item.id,
            text,
            answer_text(gap.result),
        )
    return table


def render_explanation(result: Result) -> RenderableType:
    """How every number was reached, section by section, in words."""
    parts: list[RenderableType] = [Text("\nHow the score was reached", style="bold underline")]
    for section in result.sections:
        parts.append(_section_explanation(result, section))
    overall = Text("\nOverall: ", style="bold")
    overall.append(overall_arithmetic_text(result))
    overall.append(" (Σ section weight × section score / Σ section weight)")
    parts.append(overall)
    cap = cap_text(result)
    rating = Text("Rating: ")
    rating.append_text(rating_text(result.rating))
    rating.append(f" ({rating_rule_text(result.checklist)})")
    parts.append(rating)
    if cap:
        parts.append(Text(cap))
        for capped in result.capped_by:
            parts.append(
                Text(f"  {capped.item.id}: {capped.item.text} — answer: {answer_text(capped)}")
            )
    return Group(*parts)


def _section_explanation(result: Result, section: SectionResult) -> RenderableType:
    heading = Text(f"\n{section.title}", style="bold")
    if section.score is None:
        heading.append("  " + SECTION_NOT_SCORED_TEXT)
    else:
        heading.append(f"  score {score_text(section.score)}  ")
        heading.append_text(rating_text(section.rating))
        held = section_cap_text(section, result.checklist.rating)
        if held:
            heading.append(f" ({held})")
    arithmetic = Text("  " + arithmetic_text(result, section.id))
    table = Table(show_header=True, box=None, padding=(0, 1), expand=False)
    for name in ("Item", "Answer", "Weight", "Credit", "Counted"):
        table.add_column(name, justify="right" if name in ("Weight", "Credit") else "left")
    for r in section.items:
        counted = "yes" if r.credit is not None else (r.reason or "no")
        table.add_row(
            r.item.id,
            answer_text(r),
            f"{r.item.weight:g}",
            "–" if r.credit is None else f"{r.credit:g}",
            counted,
        )
    return Group(heading, arithmetic, table)


def render_checklist(checklist: Checklist, *, detail: bool = False) -> RenderableType:
    """A checklist's sections and items for `checklist show`."""
    parts: list[RenderableType] = []
    header = Text(f"{checklist.title}", style="bold")
    header.append(f"\nid {checklist.id} · version {checklist.version}")
    if checklist.published:
        header.append(f" · published {checklist.published}")
    header.append(f" · {len(checklist.items)} items in {len(checklist.sections)} sections")
    if checklist.description:
        header.append("\n" + checklist.description)
    parts.append(header)
    for section in checklist.sections:
        table = Table(
            title=f"{section.title} ({section.id}, weight {section.weight:g})",
            title_justify="left",
            expand=True,
            show_lines=detail,
        )
        table.add_column("Id", no_wrap=True)
        table.add_column("Question", ratio=1)
        table.add_column("Type", no_wrap=True)
        table.add_column("Severity", no_wrap=True)
        table.add_column("Weight", justify="right")
        for item in section.items:
            question = Text(item.text)
            if item.conditions:
                condition = "; ".join(
                    f"{c.key} is {' or '.join(str(v) for v in c.values)}" for c in item.conditions
                )
                question.append(f"\n(only when {condition})", style="dim")
            if detail:
                question.append("\nHow to check: " + item.guidance, style="dim")
                question.append("\nEvidence: " + item.evidence, style="dim")
                question.append("\nIf not met: " + item.remediation, style="dim")
                question.append("\nOwner: " + item.owner, style="dim")
                if item.ask == "provider":
                    question.append("\nAsk: the filtering or monitoring provider", style="dim")
                question.append(
                    "\nSources: " + references_text(checklist, item.references), style="dim"
                )
            table.add_row(item.id, question, item.type, item.severity, f"{item.weight:g}")
        parts.append(table)
    if detail and checklist.glossary:
        parts.append(_glossary_table(checklist))
    return Group(*parts)


def _glossary_table(checklist: Checklist) -> Table:
    table = Table(title="Glossary", title_justify="left", expand=True)
    table.add_column("Term", ratio=1)
    table.add_column("Meaning", ratio=3)
    for term, meaning in checklist.glossary:
        table.add_row(Text(term, style="bold"), Text(meaning))
    return table


class SafeConsole(Console):
    """A console on which text from files is only ever text.

    Markup and emoji codes are off, so `[/bold]` or `[link=…]` in a note is
    printed as typed; and every text segment passes through `visible()` on its
    way out, so a control sequence in a school's name is shown, not obeyed.
    """

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        return super()._render_buffer(
            segment if segment.control else Segment(visible(segment.text), segment.style)
            for segment in buffer
        )


def make_console(*, stderr: bool = False, width: int | None = None) -> Console:
    """A console for reports; rich honours NO_COLOR and non-terminals by itself."""
    return SafeConsole(
        stderr=stderr, width=width, highlight=False, soft_wrap=False, markup=False, emoji=False
    )
