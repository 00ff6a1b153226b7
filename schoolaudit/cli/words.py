"""Help and usage errors in words, for every command on the app.

Typer describes parameters in a programmer's terms: `ID <str>`,
`FILE... <list[Path]>`, `{ANSWERS}` on the usage line, `[0<=x<=100]`, and
pydantic's "Value error, …" or "Input should be a valid integer, unable to
parse string as an integer". A school's DSL reads none of that. The app's
group puts every parameter of every command (new ones included) into the
classes below, and rewords each usage error on its way out.
"""

from __future__ import annotations

import re
from typing import Any

from typer.core import TyperArgument, TyperOption

_TYPE_WORDS = {"str": "TEXT", "int": "N", "float": "NUMBER", "Path": "PATH", "file": "FILE"}

_MESSAGE_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), words)
    for pattern, words in (
        (r"^Value error, ", ""),
        (r"Input should be a valid integer.*", "should be a whole number"),
        (r"Input should be a valid number.*", "should be a number"),
        (r"Input should be greater than or equal to (\S+)", r"should be \1 or more"),
        (r"Input should be less than or equal to (\S+)", r"should be \1 or less"),
        (r"Input should be greater than (\S+)", r"should be more than \1"),
        (r"Input should be less than (\S+)", r"should be less than \1"),
    )
)

_RANGE_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), words)
    for pattern, words in (
        (r"(-?[\d.]+)<=x<=(-?[\d.]+)", r"\1 to \2"),
        (r"x>=(-?[\d.]+)", r"\1 or more"),
        (r"x<=(-?[\d.]+)", r"\1 or less"),
    )
)


def in_words(message: str) -> str:
    """A usage error's message without pydantic's and Typer's jargon."""
    for pattern, words in _MESSAGE_WORDS:
        message = pattern.sub(words, message)
    return message


def _ranges_in_words(help_text: str) -> str:
    for pattern, words in _RANGE_WORDS:
        help_text = pattern.sub(words, help_text)
    return help_text


class WordsArgument(TyperArgument):
    """An argument shown by its metavar alone (`ID`, `FILE...`), as Click shows it."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None if self.metavar else _type_word(super().display_type_rich(ctx))

    def _usage_display_name(self) -> str:
        name = self.display_name_raw
        if self.nargs != 1 and not name.endswith("..."):
            name += "..."
        return name if self.required else f"[{name}]"


class WordsOption(TyperOption):
    """An option shown by its metavar (or a word for its type), ranges in words."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return self.metavar or _type_word(super().display_type_rich(ctx))

    def get_help_record(self, ctx: Any) -> tuple[str, str] | None:
        record = super().get_help_record(ctx)
        return None if record is None else (record[0], _ranges_in_words(record[1]))


def _type_word(shown: str | None) -> str | None:
    """`<int>` as `N`, `<text|json>` as `text|json`."""
    if shown is None:
        return None
    bare = shown.strip("<>")
    return _TYPE_WORDS.get(bare, bare)


def use_words(command: Any) -> None:
    """Give every parameter of `command` and its subcommands the classes above."""
    for param in getattr(command, "params", []):
        if type(param) is TyperArgument:
            param.__class__ = WordsArgument
        elif type(param) is TyperOption:
            param.__class__ = WordsOption
    for sub in getattr(command, "commands", {}).values():
        use_words(sub)
