"""Per-page work on every core, for stages whose inputs are already in memory.

`map_pages(step, count, jobs)` yields `step(0), ..., step(count - 1)`, in order. With more
than one job, enough pages, `fork` available and no other thread running, the calls run in
this process and `jobs - 1` forked ones: they inherit the stage's inputs (the graph, the
templates) instead of receiving them pickled, and only each result travels back.
Otherwise they run here, one by one.

How the work is split (`_Spans`): each process takes a span of pages as it becomes free, the
workers from the front, this process from the back, large spans first and single pages where
they meet. So the processes finish within about a page of each other, a worker never waits for
this process to hand it work, and each touches (and copies) mostly the memory of its own end.
A worker writes each span's results to a pipe of its own; this process reads what has come
between its own pages, so a worker is not held up writing while this one is busy (and no
thread here competes with it for the interpreter).

Each forked process copies whatever of the parent's memory it writes to (a reference count, a
garbage collector's mark). Objects made before a fork are moved out of the collector's sight
(`frozen`) so that collections do not copy the pages holding them, and a large stage is done
in `ROUNDS` rounds of fresh workers: a worker's copies go when it exits.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import struct
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")
#: Below this many pages forking costs more than it saves.
MIN_PAGES = 64
#: Each span is this share of the pages not yet handed out, divided among the jobs: the first
#: spans are large (fewer messages), the last one page (the processes end together).
SPAN_SHARE = 4
#: Most pages in a span: what a worker sends at once is held twice (pickled and whole) until
#: this process has read it.
MAX_SPAN = 32
#: Rounds of fresh workers over a stage's pages: the memory a worker copied goes when it
#: exits, so a stage holds about a round's worth of copies at a time, not the whole stage's.
ROUNDS = 4
#: Below this many pages one round: the copies are small (a cold build of 1,000 articles
#: peaks near 120 MiB in all), while each round costs a fork and copies again what its
#: worker touches of the shared pages (the graph, the templates).
ROUNDS_FROM = 2000
#: How much a worker's result pipe may hold (Linux; bytes), so it seldom waits for a read.
PIPE_BYTES = 1 << 20

_ENDS = struct.Struct("<QQ")
_SIZE = struct.Struct("<Q")


@contextmanager
def frozen() -> Iterator[None]:
    """Objects made so far are left out of garbage collections until the block ends: a forked
    worker's collections then do not write to (and so copy) the memory it shares."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def forkable(jobs: int) -> bool:
    """Whether this process may fork workers for `jobs` jobs: no other thread runs (a fork
    would copy its locks in whatever state they are)."""
    return jobs > 1 and threading.active_count() == 1 and hasattr(os, "fork")


def map_pages(step: Callable[[int], T], count: int, jobs: int, *,
              least: int | None = None, rounds: int | None = None,
              send: Callable[[T], Any] | None = None,
              meanwhile: Callable[[], None] | None = None,
              done: Callable[[int], None] | None = None) -> Iterator[T]:
    """`step(i)` for every i below `count`, in order, here and on up to `jobs - 1` forked
    processes, when there are at least `least` pages (`MIN_PAGES`; see the module's notes).
    `rounds`: of fresh workers (`ROUNDS` from `ROUNDS_FROM` pages). `send`: what a worker sends
    back instead of a result (the caller makes a whole one again). `meanwhile`: other work this
    process does first, once the workers are forked, if they are. `done(n)`: called here as n
    more pages are done."""
    if count < (MIN_PAGES if least is None else least) or not forkable(jobs):
        for index in range(count):
            yield step(index)
            if done is not None:
                done(1)
        return
    if rounds is None:
        rounds = ROUNDS if count >= ROUNDS_FROM else 1
    size = -(-count // rounds)
    ended: list[int] = []  # workers whose pipe closed, reaped at the end (see `_work`)
    try:
        for start in range(0, count, size):
            done_here = _spread(step, (start, min(count, start + size)), jobs, send,
                                meanwhile, done or _nothing, ended)
            for first in sorted(done_here):
                yield from done_here.pop(first)
            meanwhile = None
    finally:
        statuses = [os.waitpid(pid, 0)[1] for pid in ended]
    if any(statuses):
        raise RuntimeError(f"a forked worker ended with status {max(statuses)}")


def _nothing(_count: int) -> None:
    pass


class _Spans:
    """The pages of a round not yet taken, shared by this process and its forked workers: a
    span is taken from the front (a worker) or the back (this process), each
    `1 / (SPAN_SHARE * jobs)` of what is left, at least one page and at most `MAX_SPAN`. The
    two ends are kept in a small file, under a lock the system lets go if its holder dies."""

    def __init__(self, start: int, stop: int, jobs: int) -> None:
        import tempfile

        self.jobs = jobs
        with tempfile.TemporaryFile() as file:
            self.fd = os.dup(file.fileno())
        os.pwrite(self.fd, _ENDS.pack(start, stop), 0)

    def take(self, back: bool) -> tuple[int, int] | None:
        """The next span from the front or the `back`, or None when every page is taken."""
        import fcntl

        fcntl.lockf(self.fd, fcntl.LOCK_EX)
        try:
            start, stop = _ENDS.unpack(os.pread(self.fd, _ENDS.size, 0))
            if start >= stop:
                return None
            size = min(MAX_SPAN, max(1, (stop - start) // (SPAN_SHARE * self.jobs)))
            span = (stop - size, stop) if back else (start, start + size)
            os.pwrite(self.fd, _ENDS.pack(*((start, stop - size) if back
                                            else (start + size, stop))), 0)
            return span
        finally:
            fcntl.lockf(self.fd, fcntl.LOCK_UN)


@dataclass
class _Worker:
    """A forked worker as this process sees it: its id and the bytes read from its pipe."""

    pid: int
    data: bytearray = field(default_factory=bytearray)


def _spread(step: Callable[[int], T], pages: tuple[int, int], jobs: int,
            send: Callable[[T], Any] | None, meanwhile: Callable[[], None] | None,
            done: Callable[[int], None], ended: list[int]) -> dict[int, list[Any]]:
    """The results of `range(*pages)` by span (first page: its results), worked out here
    (from the back) and on `jobs - 1` forked processes (from the front), whose ids are added
    to `ended` as they finish."""
    spans = _Spans(*pages, jobs)
    results: dict[int, list[Any]] = {}
    running: dict[int, _Worker] = {}
    try:
        with frozen():
            for _ in range(jobs - 1):
                fd, pid = _fork(step, spans, send)
                running[fd] = _Worker(pid)
            if meanwhile is not None:
                meanwhile()
            while (span := spans.take(back=True)) is not None:
                here = []
                for index in range(*span):
                    here.append(step(index))
                    if running:
                        _collect(running, results, done, ended, wait=False)
                results[span[0]] = here
                done(len(here))
            while running:
                _collect(running, results, done, ended, wait=True)
    finally:
        os.close(spans.fd)
        ended += (worker.pid for worker in running.values())
        _stop(running)
    if sum(map(len, results.values())) != pages[1] - pages[0]:
        raise RuntimeError("a forked worker ended before sending all its pages")
    return results


def _fork(step: Callable[[int], Any], spans: _Spans, send: Callable[[Any], Any] | None
          ) -> tuple[int, int]:
    """A worker forked: the read end of its result pipe and its process id."""
    fd, out = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: never returns
        os.close(fd)
        _work(step, spans, out, send)
    os.close(out)
    try:
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):  # not Linux, or a lower system limit
        pass
    os.set_blocking(fd, False)
    return fd, pid


def _work(step: Callable[[int], Any], spans: _Spans, out: int,
          send: Callable[[Any], Any] | None) -> None:
    """A worker's life: spans taken and their results written to `out` until none is left,
    then exit (with 1 after sending what went wrong). `out` is closed first: the system ends a
    process's use of memory before its files, so this process reads the end of the results
    without waiting for that, and reaps the worker later."""
    code = 0
    try:
        while (span := spans.take(back=False)) is not None:
            results = [step(index) for index in range(*span)]
            _write(out, (span[0], [send(r) for r in results] if send else results))
    except BaseException as exc:  # sent to this process's parent, which raises it
        code = 1
        try:
            _write(out, (-1, exc))
        except BaseException:  # an exception that does not pickle: its text, then
            _write(out, (-1, RuntimeError(f"a forked worker failed: {exc!r}")))
    finally:
        try:
            os.close(out)
        finally:
            os._exit(code)


def _write(out: int, message: object) -> None:
    data = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
    view = memoryview(_SIZE.pack(len(data)) + data)
    while view:
        view = view[os.write(out, view):]


def _collect(running: dict[int, _Worker], results: dict[int, list[Any]],
             done: Callable[[int], None], ended: list[int], wait: bool) -> None:
    """Read what the workers have sent (waiting for some if `wait`): a worker that failed
    raises its exception here; one that has finished is dropped from `running`."""
    ready, _, _ = select.select(list(running), [], [], None if wait else 0)
    for fd in ready:
        worker = running[fd]
        try:
            chunk = os.read(fd, PIPE_BYTES)
        except BlockingIOError:
            continue
        worker.data += chunk
        for first, payload in _messages(worker.data):
            if first < 0:
                raise payload
            results[first] = payload
            done(len(payload))
        if not chunk:
            del running[fd]
            os.close(fd)
            ended.append(worker.pid)


def _messages(data: bytearray) -> Iterator[tuple[int, Any]]:
    """The whole messages at the start of `data`, taken out of it."""
    while len(data) >= _SIZE.size:
        (size,) = _SIZE.unpack_from(data)
        end = _SIZE.size + size
        if len(data) < end:
            return
        with memoryview(data) as view, view[_SIZE.size:end] as body:
            message = pickle.loads(body)
        del data[:end]
        yield message


def _stop(running: dict[int, _Worker]) -> None:
    """Workers still running when this process stops early (an error, an interrupt): ended
    (and reaped with the others)."""
    import signal

    for fd, worker in running.items():
        os.close(fd)
        try:
            os.kill(worker.pid, signal.SIGKILL)
        except OSError:
            continue
