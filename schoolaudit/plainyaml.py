"""Reading the plain YAML answers files are written in, quickly, or declining to.

A batch reads tens of thousands of answers files, and composing each one
through PyYAML (a Python object and two position marks for every key and
value) is half the time a file takes. Answers files, whether written by the
interview or by hand from the examples, are nearly always the same small
part of YAML: mappings in block style, one key per line, each value a
one-line plain, single- or double-quoted scalar, or a one-line flow mapping
of such scalars (`gov-03: {answer: unsure, note: "..."}`), with comments and
blank lines between.

`read_plain` reads exactly that part, one regular-expression match a line,
and returns None for anything else: a list, an anchor, a tag, a multi-line
or block scalar, a tab, an empty value, a duplicate key, a line it cannot
place. The caller then reads the file with PyYAML as before, so PyYAML stays
the authority: it words every syntax error, and a file read here must give
exactly the data, and the positions, PyYAML would give (tests/test_plain_yaml.py
holds it to that over every YAML file the project has and generated ones).
What a plain scalar means (`yes` is true, `0x1F` a number, `2026-11-20` text)
is not decided here either: the caller's `values` mapping decides it with
PyYAML's own YAML 1.1 resolver, and raises `NotPlain` for what it leaves to PyYAML.

Positions are kept as an index beside the data (`Place`), so a problem found
later in a file read here is located as precisely as in one PyYAML read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from yaml.scanner import Scanner


class NotPlain(Exception):
    """The text is not in the part of YAML read here: read it with PyYAML."""


Place = tuple[int, int, int, int, "dict[str, Place] | None"]
"""Where a mapping's key and its value begin, as (key line, key column, value line, value
column) 0-based as PyYAML's marks, and the places inside the value when it is a mapping.
A plain tuple: a file has hundreds, and a named tuple takes seven times as long to make."""


class Root(NamedTuple):
    """Where the document's top mapping begins, and the places of its keys."""

    line: int
    column: int
    keys: dict[str, Place]


MAX_DEPTH = 16
"""Deepest mapping read here; deeper documents go to PyYAML, which has a depth limit
of its own and reports it at a place (an answers file is three deep)."""

_KEY = r"([A-Za-z0-9_][A-Za-z0-9_.\-]{0,199})"  # plain keys only: `gov-01`, `note`
_DOUBLE = r'"([^"\\\n]*(?:\\[^\n][^"\\\n]*)*)"'  # unrolled: linear, greedy is faster here
_SINGLE = r"'([^'\n]*+(?:''[^'\n]*+)*+)'"
_FLOW = r"\{([^\n{}\[\]]*+)\}"
# A plain scalar may not begin with an indicator or a space (`-5` and `-x` may begin with
# `-`); it ends before `: `, a final `:` and ` #`. Trailing spaces are taken and stripped.
_FIRST = r"[^\-?:,\[\]{}#&*!|>'\"%@`\n ]|-[0-9A-Za-z.]"
_PLAIN = rf"((?:{_FIRST})(?:[^:#\n]++|:(?! |$)|(?<! )#)*+)"
_END = r" *+(?:(?<= )#.*+)?$"  # spaces, and a comment after a space
# A line: nothing or a comment, or a key and its value, or a key alone (its value is the
# mapping below). A double-quoted value, the long one (a note), is matched only to its
# opening quote: its end is found with `str.find`, not a character at a time.
_LINE = re.compile(
    rf"( *+#.*+$| *+$)| *+{_KEY}:(?: ++(?:(\")|(?:{_SINGLE}|{_FLOW}|{_PLAIN}){_END})|{_END})"
)
"""Groups: 1 a blank or comment line, 2 the key, then the value: 3 a double quote,
4 single-quoted text, 5 a flow mapping's inside, 6 plain text (`lastindex` says which)."""
_DOUBLE_TO_END = re.compile(_DOUBLE + _END)
# Inside a flow mapping a plain scalar also ends before `,`, `[`, `]`, `{` and `}`, and may
# not hold a `:` (PyYAML's own scanner refuses some that libyaml takes).
_FLOW_PLAIN = rf"((?:{_FIRST})(?:[^:#,\[\]{{}}\n]++|(?<! )#)*+)"
_PAIR = re.compile(rf" *+{_KEY}: ++(?:{_DOUBLE}|{_SINGLE}|{_FLOW_PLAIN}) *+(,|$)")

_UNUSUAL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
"""A character read here never: a tab, a lone carriage return, NEL and the Unicode line
and paragraph separators (line breaks to YAML 1.1), a byte-order mark, and everything
YAML does not allow in a file at all (control characters, which PyYAML reports)."""
_ASCII_USUAL = bytes(range(0x20, 0x7F)) + b"\n"


_ESCAPE = re.compile(r"\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_ESCAPES: Mapping[str, str] = Scanner.ESCAPE_REPLACEMENTS
"""YAML's double-quoted escapes, as PyYAML's own scanner reads them (a backslash before a
tab is among them, but a file holding a tab is never read here); any other goes to PyYAML."""


def read_plain(
    text: str, values: Mapping[str, Any], text_keys: Mapping[str, bool]
) -> tuple[dict[str, Any], Root] | None:
    """The data and positions of `text`, or None when it is not plain YAML as above.

    `values` gives each plain scalar's value (raising `NotPlain` for one left to
    PyYAML); `text_keys` says whether a plain key is text (`yes:` and `1:` are not).
    Both are mappings so that the caller can remember answers (a dict's `__missing__`)
    and each line looks them up at a dictionary's speed.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if _has_unusual(text):
        return None
    try:
        return _read(text, values, text_keys)
    except NotPlain:
        return None


def _has_unusual(text: str) -> bool:
    """Whether `text` holds a character read here never; ASCII text (nearly every file) is
    checked by deleting every usual byte, several times faster than the expression."""
    if text.isascii():
        return bool(text.encode("ascii").translate(None, _ASCII_USUAL))
    return _UNUSUAL.search(text) is not None


def _read(
    text: str, values: Mapping[str, Any], text_keys: Mapping[str, bool]
) -> tuple[dict[str, Any], Root]:
    """One pass over the lines, with a stack of the mappings still open.

    Runs for every file of a batch, so the common line (a key at the current
    indentation with a value on the line) takes the fewest steps.
    """
    root: dict[str, Any] = {}
    root_keys: dict[str, Place] = {}
    mappings, places, indents = [root], [root_keys], [-1]
    current, keys, indent = root, root_keys, -1
    root_place: tuple[int, int] | None = None
    pending: tuple[str, int] | None = None  # a key whose value is the mapping below it
    match = _LINE.match
    for number, line in enumerate(text.split("\n")):
        found = match(line)
        if found is None:
            raise NotPlain
        last = found.lastindex  # which part of the line came last: see _LINE's groups
        if last is None or last == 1:  # a blank or comment line
            continue
        key = found[2]
        column = found.start(2)
        if column != indent or pending is not None:
            if pending is not None:  # the first key of a mapping that is a value
                if column <= indent or len(mappings) > MAX_DEPTH:
                    raise NotPlain  # an empty value, or too deep to read here
                child: dict[str, Any] = {}
                child_keys: dict[str, Place] = {}
                name, key_line = pending
                current[name] = child
                keys[name] = (key_line, indent, number, column, child_keys)
                mappings.append(child)
                places.append(child_keys)
                indents.append(column)
                current, keys, indent, pending = child, child_keys, column, None
            elif root_place is None:  # the document's first key
                root_place = (number, column)
                indents[0] = indent = column
            else:  # back out to an enclosing mapping
                while column < indent and len(indents) > 1:
                    mappings.pop()
                    places.pop()
                    indents.pop()
                    indent = indents[-1]
                if column != indent:
                    raise NotPlain
                current, keys = mappings[-1], places[-1]
        if key in current or not text_keys[key]:
            raise NotPlain
        if last == 2:  # the key alone
            pending = (key, number)
            continue
        value_column = found.start(last)
        inner = None
        if last == 3:  # a double-quoted scalar (only its opening quote matched)
            end = line.find('"', value_column + 1)
            if end < 0 or line.find("\\", value_column, end) >= 0 or end + 1 < len(line):
                value: Any = _double(line, value_column)  # escapes, or more after it
            else:
                value = line[value_column + 1 : end]
        elif last == 6:
            value = values[found[6].rstrip(" ")]
        elif last == 4:
            value = found[4].replace("''", "'")
            value_column -= 1  # the opening quote
        else:
            value_column -= 1  # the opening brace
            value, inner = _flow_mapping(found[5], number, value_column + 1, values, text_keys)
        current[key] = value
        keys[key] = (number, column, number, value_column, inner)
    if pending is not None or root_place is None:
        raise NotPlain  # an empty value at the end, or no mapping at all
    return root, Root(root_place[0], root_place[1], root_keys)


def _double(line: str, quote: int) -> str:
    """The double-quoted scalar that opens at column `quote` and ends the line (but for
    spaces and a comment), read by the expression: one with escapes, or more after it."""
    found = _DOUBLE_TO_END.match(line, quote)
    if found is None:
        raise NotPlain
    return _unescape(found[1]) if "\\" in found[1] else found[1]


def _flow_mapping(
    text: str,
    line: int,
    start: int,
    values: Mapping[str, Any],
    text_keys: Mapping[str, bool],
) -> tuple[dict[str, Any], dict[str, Place]]:
    """A one-line flow mapping's pairs (`text` is what lies between its braces, which
    begin at column `start`)."""
    data: dict[str, Any] = {}
    places: dict[str, Place] = {}
    if not text.strip(" "):
        return data, places
    position, end = 0, len(text)
    while position < end:
        found = _PAIR.match(text, position)
        if found is None:
            raise NotPlain
        key, double, single, plain, comma = found.groups()
        if key in data or not text_keys[key]:
            raise NotPlain
        if double is not None:
            value: Any = _unescape(double) if "\\" in double else double
            value_start = found.start(2) - 1
        elif single is not None:
            value = single.replace("''", "'")
            value_start = found.start(3) - 1
        else:
            value = values[plain.rstrip(" ")]
            value_start = found.start(4)
        data[key] = value
        places[key] = (line, start + found.start(1), line, start + value_start, None)
        position = found.end()
        if comma and position >= end:
            raise NotPlain  # a trailing comma: left to PyYAML
    return data, places


def _unescape(text: str) -> str:
    """A double-quoted scalar's escapes replaced, as YAML reads them."""
    return _ESCAPE.sub(_escaped, text)


def _escaped(found: re.Match[str]) -> str:
    code = found.group(1) or found.group(2) or found.group(3)
    if code is None:
        replacement = _ESCAPES.get(found.group(4))
        if replacement is None:
            raise NotPlain
        return replacement
    number = int(code, 16)
    if 0xD800 <= number <= 0xDFFF or number > 0x10FFFF:
        raise NotPlain  # not a character: PyYAML says so
    return chr(number)


def locate(root: Root, path: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
    """The 0-based line and column of the value at `path` (its key with `key=True`), found
    as `YamlDocument.at` finds it in PyYAML's nodes: a path that runs past the document
    stops at the deepest part that exists."""
    line, column = root.line, root.column
    keys: dict[str, Place] | None = root.keys
    key_place: tuple[int, int] | None = None
    for part in path:
        place = keys.get(str(part)) if keys is not None else None
        if place is None:
            break
        key_line, key_column, line, column, keys = place
        key_place = (key_line, key_column)
    if key and key_place is not None:
        return key_place
    return line, column
