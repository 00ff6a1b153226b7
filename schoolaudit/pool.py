"""Running one function over many inputs in worker processes, bounded and in order.

A batch over thousands of files from many hands must survive any one of them:
a file whose check runs away (a parser stuck in C code, a document that eats
memory) must become one reported failure, never a stalled or sunk batch. So:

* each worker handles one input at a time and answers for each one;
* in the worker, a timer interrupts an input that runs past its time, and an
  address-space limit turns runaway memory into a `MemoryError` (both become
  the input's own failure, decided by the caller's `on_failure`);
* the parent watches each worker: one that dies, or stays silent well past
  the time limit (stuck where the timer cannot reach), is killed and replaced,
  its current input reported through `on_failure`, and the rest of its share
  handed to the new worker;
* results come back in input order, one at a time, as soon as they can be
  (a result waits only for those before it), so the caller can stream them.

Workers are forked: the checklists already loaded and the modules already
imported come with them at no cost. Where there is no fork (Windows), inputs
are worked through one by one in the process itself.

This is plain process management; it knows nothing about schools.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import selectors
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

GRACE_SECONDS = 10.0
"""How long past its time limit a silent worker is given before it is killed."""


class TimeLimit(Exception):
    """An input ran past its time limit (raised inside the worker by the timer)."""


@dataclass(frozen=True)
class Bounds:
    """How much time and memory one input may take in a worker."""

    seconds: float = 60.0
    memory_bytes: int | None = 1024 * 1024 * 1024  # added to what the worker starts with


@dataclass
class _Worker:
    process: BaseProcess
    connection: Connection
    share: deque[tuple[int, Any]] = field(default_factory=deque)
    last_heard: float = 0.0


def run_in_order(
    work: Callable[[T], R],
    inputs: Sequence[T],
    on_failure: Callable[[T, str], R],
    *,
    jobs: int,
    bounds: Bounds | None = None,
    chunk: int | None = None,
    prepare: Callable[[list[T]], None] | None = None,
) -> Iterator[R]:
    """Yield `work(input)` for every input, in input order, from `jobs` worker processes.

    `work` runs in a worker; an exception it raises (or the time limit, or the
    worker dying) becomes `on_failure(input, reason)`, computed in the parent
    where the worker could not. Closing the iterator (or an interrupt in the
    parent) stops every worker. `prepare`, in the parent, is given each share
    of inputs one share before a worker takes it (to read files ahead, say).
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        yield from _in_process(work, inputs, on_failure)  # Windows: no fork to share state
        return
    pool = _Pool(work, bounds or Bounds(), max(1, min(jobs, len(inputs) or 1)), prepare)
    try:
        yield from pool.results(list(inputs), on_failure, chunk)
    finally:
        pool.close()


def bug_reason(error: Exception) -> str:
    """Why an input has no result when the work itself failed: a bug, said as one."""
    return f"internal error ({type(error).__name__}: {error}); this is a bug"


def _in_process(
    work: Callable[[T], R], inputs: Sequence[T], on_failure: Callable[[T, str], R]
) -> Iterator[R]:
    """One input after another in this process, where workers cannot be forked.

    The work's state (a loaded catalog) is not made to cross to spawned
    processes; a bug on one input is still that input's failure, but the time
    and memory bounds need a worker and do not apply here.
    """
    for item in inputs:
        try:
            yield work(item)
        except Exception as error:
            yield on_failure(item, bug_reason(error))


class _Pool(Generic[T, R]):
    def __init__(
        self,
        work: Callable[[T], R],
        bounds: Bounds,
        size: int,
        prepare: Callable[[list[T]], None] | None = None,
    ) -> None:
        self.work = work
        self.bounds = bounds
        self.prepare = prepare
        self.context: Any = multiprocessing.get_context("fork")
        # one selector for the pool's life: `multiprocessing.connection.wait` (and
        # `Connection.poll`) build one per call, three times a file at national scale
        poll: type[selectors.BaseSelector] = getattr(
            selectors, "PollSelector", selectors.SelectSelector
        )  # one system call a wait, as `wait` itself prefers
        self.selector = poll()
        gc.collect()
        gc.freeze()  # objects made so far stay put: forked workers share their pages
        self.workers = [self._start() for _ in range(size)]

    def _start(self) -> _Worker:
        parent_end, child_end = self.context.Pipe()
        process = self.context.Process(
            target=_serve, args=(child_end, self.work, self.bounds, os.getpid()), daemon=True
        )
        process.start()
        child_end.close()
        worker = _Worker(process, parent_end, last_heard=time.monotonic())
        self.selector.register(parent_end, selectors.EVENT_READ)
        self.selector.register(process.sentinel, selectors.EVENT_READ)
        return worker

    def _forget(self, worker: _Worker) -> None:
        """Stop watching a worker that is being stopped or has ended."""
        for watched in (worker.connection, worker.process.sentinel):
            with contextlib.suppress(KeyError, ValueError):
                self.selector.unregister(watched)

    def results(
        self, inputs: list[T], on_failure: Callable[[T, str], R], chunk: int | None
    ) -> Iterator[R]:
        size = chunk or max(1, min(32, len(inputs) // (len(self.workers) * 8) or 1))
        numbered = list(enumerate(inputs))
        queue = deque(numbered[start : start + size] for start in range(0, len(numbered), size))
        done: dict[int, R] = {}
        next_index = 0
        if self.prepare is not None:
            for share in list(queue)[: self._ahead]:
                self.prepare([item for _, item in share])
        for worker in self.workers:
            self._hand_out(worker, queue)
        while next_index < len(inputs):
            for index, value in self._collect(on_failure, queue):
                done[index] = value
            while next_index in done:
                yield done.pop(next_index)
                next_index += 1

    @property
    def _ahead(self) -> int:
        """How many shares `prepare` has seen beyond those handed out: two a worker."""
        return 2 * len(self.workers)

    def _hand_out(self, worker: _Worker, queue: deque[list[tuple[int, T]]]) -> None:
        if worker.share or not queue:
            return
        share = queue.popleft()
        worker.share.extend(share)
        worker.last_heard = time.monotonic()
        worker.connection.send(share)
        if self.prepare and len(queue) >= self._ahead:  # each share prepared once, in time
            self.prepare([item for _, item in queue[self._ahead - 1]])

    def _collect(
        self, on_failure: Callable[[T, str], R], queue: deque[list[tuple[int, T]]]
    ) -> Iterator[tuple[int, R]]:
        ready = {key.fileobj for key, _ in self.selector.select(1.0)}
        now = time.monotonic()
        for worker in [w for w in self.workers if not w.share]:
            if worker.process.sentinel in ready:  # ended while idle: nothing of its is lost
                self._forget(worker)
        for worker in [w for w in self.workers if w.share]:
            if worker.connection in ready:
                try:  # one message: the selector says again at once if another is waiting
                    index, value = worker.connection.recv()
                    _, item = worker.share.popleft()
                    worker.last_heard = now
                    failed = isinstance(value, _Failed)
                    yield index, on_failure(item, value.reason) if failed else value
                except (EOFError, OSError):
                    pass  # it died: handled below, as its sentinel is ready too
            # its sentinel says when it has ended: asking each time cost a system call a file
            dead = worker.process.sentinel in ready and not worker.process.is_alive()
            silent = now - worker.last_heard > self.bounds.seconds + GRACE_SECONDS
            if worker.share and (dead or silent):
                reason = (
                    f"its check was stopped after {self.bounds.seconds + GRACE_SECONDS:g} seconds"
                    if silent and not dead
                    else f"the process checking it stopped ({_exit_reason(worker.process)})"
                )
                index, failed = worker.share.popleft()
                yield index, on_failure(failed, reason)
                self._replace(worker)
            self._hand_out(worker, queue)

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker and start another in its place with the rest of its share."""
        self._forget(worker)
        _stop(worker)
        fresh = self._start()  # watched from the start
        worker.process, worker.connection = fresh.process, fresh.connection
        worker.last_heard = time.monotonic()
        if worker.share:
            worker.connection.send(list(worker.share))

    def close(self) -> None:
        for worker in self.workers:
            with contextlib.suppress(OSError, ValueError):
                worker.connection.send(None)
        deadline = time.monotonic() + 2.0
        for worker in self.workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            self._forget(worker)
            _stop(worker)
        self.selector.close()
        gc.unfreeze()


def _stop(worker: _Worker) -> None:
    if worker.process.is_alive():
        worker.process.kill()
    worker.process.join(5.0)
    with contextlib.suppress(OSError):
        worker.connection.close()


def _exit_reason(process: BaseProcess) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        with contextlib.suppress(ValueError):
            name = signal.Signals(-code).name
            return f"killed by {name}" + (", perhaps out of memory" if name == "SIGKILL" else "")
    return f"exit status {code}"


# --- the worker side ---------------------------------------------------------------------


def _serve(connection: Connection, work: Callable[[Any], Any], bounds: Bounds, parent: int) -> None:
    """A worker's life: take shares of inputs, answer for each, until told to stop."""
    _die_with(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _limit_memory(bounds.memory_bytes)
    signal.signal(signal.SIGALRM, _time_is_up)
    gc.set_threshold(50_000, 50, 100)  # many small, short-lived objects per file
    while True:
        try:
            share = connection.recv()
        except (EOFError, OSError):
            return
        if share is None:
            return
        for index, item in share:
            connection.send((index, _bounded(work, item, bounds)))


PARENT_CHECK_SECONDS = 0.5


def _die_with(parent: int) -> None:
    """End this worker soon after the batch that started it has gone.

    A batch killed with SIGKILL (the out-of-memory killer, a closed session)
    cannot stop its workers, and a worker blocked sending to a parent that is
    gone, or waiting on a pipe a sibling still holds open, would wait for ever:
    found by fuzz/crash_batch.py, which left two workers behind per kill.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _bounded(work: Callable[[Any], Any], item: Any, bounds: Bounds) -> Any:
    """`work(item)`, or a `_Failed` saying why there is no result."""
    try:
        signal.setitimer(signal.ITIMER_REAL, bounds.seconds)
        try:
            return work(item)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except TimeLimit:
        return _Failed(f"its check took longer than {bounds.seconds:g} seconds")
    except MemoryError:
        return _Failed("its check needed more memory than a file is allowed")
    except RecursionError:
        return _Failed("it is nested too deeply to check")
    except Exception as error:  # a bug in schoolaudit: reported against this file, batch goes on
        return _Failed(bug_reason(error))


@dataclass(frozen=True)
class _Failed:
    """A worker's word that it could not produce a result, and why."""

    reason: str


def _time_is_up(signum: int, frame: object) -> None:
    raise TimeLimit


def _limit_memory(extra: int | None) -> None:
    """Cap the worker's address space at what it has now plus `extra` bytes."""
    if extra is None:
        return
    try:
        import resource

        with open(f"/proc/{os.getpid()}/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[0])
        limit = pages * os.sysconf("SC_PAGE_SIZE") + extra
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, OSError, ValueError):  # not Linux: the parent's watch still holds
        return
