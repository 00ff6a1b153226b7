"""The one door between text from a file and a terminal.

A school name, a note or a checklist title may hold bytes a terminal obeys
rather than shows: ESC sequences that clear the screen, retitle the window or
draw text anywhere; C1 controls (U+0080–U+009F) that some terminals read as
ESC; a carriage return that overwrites the line; bidi overrides (U+202E) that
make text read backwards. Every piece of file text on its way to a terminal
passes through `visible()`, which writes each such character as a visible
escape (`\\x1b`, `\\u202e`) and leaves all other text alone. The console the
renderers print to applies it to every segment it writes (`make_console`), and
the problem lines printed with `typer.echo` pass through it too.
"""

from __future__ import annotations

import re

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_LINE_BREAKS = "\u2028\u2029"
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}{_LINE_BREAKS}]")
_UNSAFE_ONE_LINE = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f{_BIDI}{_LINE_BREAKS}]")


def json_safe(text: str) -> str:
    """JSON text with the same characters written as `\\uXXXX` escapes.

    `json.dumps(ensure_ascii=False)` escapes C0 controls but leaves C1 controls
    and bidi overrides raw; `\\u0085` means the same to a JSON reader and
    nothing to a terminal. (Valid only on JSON, where these characters can
    occur only inside strings.)
    """
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, one_line: bool = False) -> str:
    """`text` with terminal controls and bidi overrides shown as escapes, never obeyed.

    Newlines and tabs are kept, unless `one_line`: a problem is one line, and a
    newline inside a value could forge another (`maybe\\nf.yaml: ok`).
    """
    pattern = _UNSAFE_ONE_LINE if one_line else _UNSAFE
    return pattern.sub(_escape, text)
