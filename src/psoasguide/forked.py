"""Per-page work on every core, for stages whose inputs are already in memory.

`map_pages(step, count, jobs)` yields `step(0), ..., step(count - 1)`, in order. With more
than one job, enough pages, `fork` available and no other thread running, the calls run in
this process and `jobs - 1` forked ones: they inherit the stage's inputs (the graph, the
templates) instead of receiving them pickled, and only each result travels back.
Otherwise they run here, one by one.

How the work is split: the pages are cut into spans, large first and down to one page last
(`spans`), and every process, this one included, takes the next span as it becomes free, from
a pipe holding the spans' numbers. So the processes finish within about a page of each other,
and a worker never waits for this process to hand it work. A worker writes each span's results
to a pipe of its own; this process reads what has come between its own pages, so a worker is
not held up writing while this one is busy (no thread here competes for the interpreter).

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
from typing import Any, TypeVar, cast

T = TypeVar("T")
#: Below this many pages forking costs more than it saves.
MIN_PAGES = 64
#: Each span is this share of the pages not yet handed out, divided among the jobs: the first
#: spans are large (fewer messages), the last one page (the processes end together).
SPAN_SHARE = 4
#: Rounds of fresh workers over a stage's pages: the memory a worker copied goes when it
#: exits, so a stage holds about a round's worth of copies at a time, not the whole stage's.
ROUNDS = 4
#: Below this many pages one round: a small site's copies are small, and forking costs time.
ROUNDS_FROM = 1000
#: How much a worker's result pipe may hold (Linux; bytes), so it seldom waits for a read.
PIPE_BYTES = 1 << 20

_TOKEN = struct.Struct("<I")
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


def spans(start: int, stop: int, jobs: int) -> list[tuple[int, int]]:
    """`range(start, stop)` cut into (start, stop) spans, each `1 / (SPAN_SHARE * jobs)` of
    what is left, at least one page."""
    out: list[tuple[int, int]] = []
    while start < stop:
        size = max(1, (stop - start) // (SPAN_SHARE * jobs))
        out.append((start, start + size))
        start += size
    return out


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
    for start in range(0, count, size):
        parts = spans(start, min(count, start + size), jobs)
        for part in _spread(step, parts, jobs - 1, send, meanwhile, done or _nothing):
            yield from part
        meanwhile = None


def _nothing(_count: int) -> None:
    pass


@dataclass
class _Worker:
    """A forked worker as this process sees it: its id and the bytes read from its pipe."""

    pid: int
    data: bytearray = field(default_factory=bytearray)


def _spread(step: Callable[[int], T], parts: list[tuple[int, int]], workers: int,
            send: Callable[[T], Any] | None, meanwhile: Callable[[], None] | None,
            done: Callable[[int], None]) -> list[list[Any]]:
    """Each span's results, in order, worked out here and on `workers` forked processes."""
    tokens, feed = os.pipe()
    os.write(feed, b"".join(_TOKEN.pack(k) for k in range(len(parts))))
    os.close(feed)
    results: list[list[Any] | None] = [None] * len(parts)
    running: dict[int, _Worker] = {}
    try:
        with frozen():
            for _ in range(workers):
                fd, pid = _fork(step, parts, tokens, send)
                running[fd] = _Worker(pid)
            if meanwhile is not None:
                meanwhile()
            while (k := _take(tokens)) is not None:
                start, stop = parts[k]
                here = []
                for index in range(start, stop):
                    here.append(step(index))
                    if running:
                        _collect(running, results, done, wait=False)
                results[k] = here
                done(stop - start)
            while running:
                _collect(running, results, done, wait=True)
    finally:
        os.close(tokens)
        _stop(running)
    return cast(list[list[Any]], results)  # every span is done once no worker runs


def _fork(step: Callable[[int], Any], parts: list[tuple[int, int]], tokens: int,
          send: Callable[[Any], Any] | None) -> tuple[int, int]:
    """A worker forked: the read end of its result pipe and its process id."""
    fd, out = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: never returns
        os.close(fd)
        _work(step, parts, tokens, out, send)
    os.close(out)
    try:
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):  # not Linux, or a lower system limit
        pass
    os.set_blocking(fd, False)
    return fd, pid


def _work(step: Callable[[int], Any], parts: list[tuple[int, int]], tokens: int, out: int,
          send: Callable[[Any], Any] | None) -> None:
    """A worker's life: spans taken and their results written to `out` until none is left,
    then exit (with 1 after sending what went wrong)."""
    code = 0
    try:
        while (k := _take(tokens)) is not None:
            start, stop = parts[k]
            results = [step(index) for index in range(start, stop)]
            _write(out, (k, [send(r) for r in results] if send else results))
    except BaseException as exc:  # sent to this process's parent, which raises it
        code = 1
        try:
            _write(out, (-1, exc))
        except BaseException:  # an exception that does not pickle: its text, then
            _write(out, (-1, RuntimeError(f"a forked worker failed: {exc!r}")))
    finally:
        os._exit(code)


def _take(tokens: int) -> int | None:
    """The number of the next span not yet taken, or None when all are (one read of a few
    bytes from a pipe is never split between processes)."""
    data = os.read(tokens, _TOKEN.size)
    return _TOKEN.unpack(data)[0] if data else None


def _write(out: int, message: object) -> None:
    data = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
    view = memoryview(_SIZE.pack(len(data)) + data)
    while view:
        view = view[os.write(out, view):]


def _collect(running: dict[int, _Worker], results: list[list[Any] | None],
             done: Callable[[int], None], wait: bool) -> None:
    """Read what the workers have sent (waiting for some if `wait`); a finished worker is
    reaped, and one that failed raises its exception here."""
    ready, _, _ = select.select(list(running), [], [], None if wait else 0)
    for fd in ready:
        worker = running[fd]
        try:
            chunk = os.read(fd, PIPE_BYTES)
        except BlockingIOError:
            continue
        worker.data += chunk
        for k, payload in _messages(worker.data):
            if k < 0:
                raise payload
            results[k] = payload
            done(len(payload))
        if not chunk:
            del running[fd]
            os.close(fd)
            _, status = os.waitpid(worker.pid, 0)
            if status or worker.data:
                raise RuntimeError(f"a forked worker ended with status {status}")


def _messages(data: bytearray) -> Iterator[tuple[int, Any]]:
    """The whole messages at the start of `data`, taken out of it."""
    while len(data) >= _SIZE.size:
        (size,) = _SIZE.unpack_from(data)
        end = _SIZE.size + size
        if len(data) < end:
            return
        message = pickle.loads(bytes(data[_SIZE.size:end]))
        del data[:end]
        yield message


def _stop(running: dict[int, _Worker]) -> None:
    """Workers still running when this process stops early (an error, an interrupt): ended."""
    import signal

    for fd, worker in running.items():
        os.close(fd)
        try:
            os.kill(worker.pid, signal.SIGKILL)
            os.waitpid(worker.pid, 0)
        except OSError:
            continue
