"""Writing files so that a crash never leaves a half-written one behind.

The new content goes to a temporary file in the same folder, is flushed to
disk, and is then renamed over the target in one step. Until that rename the
old file is untouched; after it, the new one is complete.

A symbolic link is written through: the new file replaces the link's target,
beside the target, and the link stays a link (an answers file linked into a
synced folder must not split into two files). Only a regular file (or
nothing) is ever replaced: a device, a FIFO or a folder given as an output is
refused, never turned into a regular file. Temporary files a killed writer
left behind (`.name.*.tmp`, hidden) are removed by the next write to that name.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

STALE_SECONDS = 15 * 60
"""A temporary file this old is left over from a killed writer: no write takes minutes."""


class NotARegularFile(OSError):
    """The output path names a device, FIFO, socket or folder, which are never replaced."""


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace `path` (or, for a link, the file it points to) with `data`, all or nothing."""
    with open_atomic(path) as handle:
        handle.write(data)


@contextlib.contextmanager
def open_atomic(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary file to write `path` through, put in place only when the block ends well.

    For outputs too big to hold in memory (a batch's JSON or CSV over thousands
    of schools): they are streamed to the temporary file. If the block raises
    (Ctrl-C included), the temporary file is removed and `path` is untouched.
    """
    import tempfile  # ~20 ms: only when a file is written, not at every start-up

    target = writable_target(path)
    folder = target.parent if str(target.parent) else Path(".")
    _remove_stale(folder, target.name)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(folder)


def writable_target(path: str | os.PathLike[str]) -> Path:
    """The file a write to `path` replaces: a link's target; refused if not a regular file.

    Raises `NotARegularFile` (an `OSError`, so callers' "cannot write" handling
    applies) for a device, FIFO, socket or folder.
    """
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return target
    if not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "a device, pipe or socket"
        raise NotARegularFile(errno.EINVAL, f"it is {kind}, not a file", str(path))
    return target


def _remove_stale(folder: Path, name: str) -> None:
    """Remove this name's temporary files left by a writer killed before its rename."""
    cutoff = time.time() - STALE_SECONDS
    with contextlib.suppress(OSError):
        for leftover in folder.glob(f".{_glob_escape(name)}.*.tmp"):
            with contextlib.suppress(OSError):
                if leftover.is_file() and leftover.stat().st_mtime < cutoff:
                    leftover.unlink()


def _glob_escape(name: str) -> str:
    return "".join(f"[{char}]" if char in "*?[" else char for char in name)


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; give a new one the usual umask-based mode."""
    if target.exists():
        return target.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
