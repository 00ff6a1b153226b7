"""A piece of a workbook written by a forked child while the parent writes the rest.

At national scale the Schools sheet's 24,000 rows take about half of the time
the trust workbook takes, and by then the batch's workers have ended: one core
would sit idle. A child forked with the parent's memory (the tally, the
styles, an open temporary file) writes those rows while the parent lays out
the sheet and writes the others. It shares nothing else: it ends with
`os._exit`, so nothing of the parent's (atexit handlers, open outputs) runs
twice. Where there is no fork (Windows), or the child fails, the parent writes
the rows itself: the child can only ever make the workbook sooner.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any


@dataclass
class Child:
    """A forked child at work; `succeeded` waits for it, `end` makes sure it is gone."""

    pid: int
    exit_code: int | None = None  # once waited for

    def succeeded(self) -> bool:
        """Whether the child ended having done all its work (waits for it)."""
        if self.exit_code is None:
            try:
                _, status = os.waitpid(self.pid, 0)
                self.exit_code = os.waitstatus_to_exitcode(status)
            except ChildProcessError:
                self.exit_code = -1
        return self.exit_code == 0

    def end(self) -> None:
        """Stop the child if it is still at work (the parent is leaving early) and reap it."""
        if self.exit_code is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self.succeeded()


def in_child(work: Callable[[], object], *outputs: IO[Any]) -> Child | None:
    """Run `work` in a forked child; None where it cannot be forked (then do it yourself).

    `work` writes to `outputs`, files the parent already has open; the child
    flushes them before it ends, and the parent reads them after `succeeded`.
    """
    if not hasattr(os, "fork"):
        return None
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        pid = os.fork()
    except OSError:  # no memory or processes to spare: the parent does it
        return None
    if pid:
        return Child(pid)
    code = 1
    try:
        work()
        for output in outputs:
            output.flush()
        code = 0
    finally:
        os._exit(code)
