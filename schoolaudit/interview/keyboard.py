"""Where the interview's input comes from, and how a stop arrives.

A `Keyboard` is a person at a terminal (line editing through readline) or a
pipe (one answer per line, echoed so the output reads as a transcript). A
line that is not UTF-8 text raises `NotText` rather than reaching the answers
file (where it could not be written) or ending as an internal error.
`SignalGuard` turns Ctrl-C, a closed terminal (SIGHUP) and SIGTERM into one
exception, `Stopped`, and holds any that arrives during a save until the file
is in place: a stop never costs an answer already given.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    from rich.console import Console


class NotText(ValueError):
    """A typed line that is not UTF-8 text (a Latin-1 terminal, a file saved in Windows-1252)."""


MAX_LINE_BYTES = 100_000
"""Longest piped line read: far past any answer or note (a note can name a document).
A longer one is refused, not read: a 50 MB line once took minutes to echo and save."""


class LineTooLong(NotText):
    """A piped line longer than `MAX_LINE_BYTES`: refused, and the rest of it skipped."""


class Keyboard(Protocol):
    """Where typed lines come from. `read` raises EOFError when input ends, `NotText` for bytes.

    `lines_read` counts the lines read so far, so a line refused from a pipe can be named.
    """

    interactive: bool
    lines_read: int

    def read(self, prompt: str) -> str: ...


class TerminalKeyboard:
    """A person at a terminal: `input()` with line editing where readline exists."""

    interactive = True

    def __init__(self) -> None:
        self.lines_read = 0
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401  (imported for its side effect: line editing)

    def read(self, prompt: str) -> str:
        try:
            typed = input(prompt)
            self.lines_read += 1
            return _text(typed)
        except UnicodeDecodeError:  # stdin decodes strictly under most UTF-8 locales
            raise NotText(prompt) from None


class PipedKeyboard:
    """Lines from a pipe or file, echoed after the prompt so the output reads as a transcript."""

    interactive = False

    def __init__(self, console: Console, stream: TextIO | None = None) -> None:
        self.console = console
        self.stream = stream
        self.lines_read = 0

    def read(self, prompt: str) -> str:
        """One line, decoded here as UTF-8 (a BOM is dropped), whatever the locale says."""
        data = self._readline(MAX_LINE_BYTES + 1)
        if not data:
            raise EOFError
        self.lines_read += 1
        if len(data) > MAX_LINE_BYTES:
            while data and not data.endswith(b"\n"):  # skip the rest of it, unread
                data = self._readline(1 << 16)
            raise LineTooLong(prompt)
        line = data.decode("utf-8", "replace").removeprefix("\ufeff").rstrip("\r\n")
        from rich.text import Text  # rich loads when the interview runs, not at start-up

        self.console.print(Text(prompt + line))
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            raise NotText(line) from None
        return line

    def _readline(self, limit: int) -> bytes:
        stream = self.stream or sys.stdin
        raw = getattr(stream, "buffer", None)
        if raw is not None:
            return bytes(raw.readline(limit))
        return stream.readline(limit).encode("utf-8", "surrogateescape")


def _text(typed: str) -> str:
    """`typed`, unless it holds bytes that are not UTF-8 (kept as surrogates by some locales)."""
    if any("\udc80" <= char <= "\udcff" for char in typed):
        raise NotText(typed)
    return typed


class Stopped(KeyboardInterrupt):
    """A signal that ends the interview: Ctrl-C (SIGINT), a closed terminal (SIGHUP), SIGTERM."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class SignalGuard:
    """Turns stop signals into `Stopped`, but never in the middle of a save.

    A signal that arrives while `saving()` is active is held and raised once
    the file has been renamed into place, so the answer just given is kept.
    """

    SIGNALS = tuple(
        getattr(signal, name) for name in ("SIGINT", "SIGHUP", "SIGTERM") if hasattr(signal, name)
    )

    def __init__(self) -> None:
        self._saving = False
        self._held: int | None = None
        self._previous: dict[int, object] = {}

    def __enter__(self) -> SignalGuard:
        if threading.current_thread() is threading.main_thread():
            for signum in self.SIGNALS:
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self._saving:
            self._held = signum
            return
        raise Stopped(signum)

    @contextlib.contextmanager
    def saving(self) -> Iterator[None]:
        self._saving = True
        try:
            yield
        finally:
            self._saving = False
        if self._held is not None:
            signum, self._held = self._held, None
            raise Stopped(signum)
