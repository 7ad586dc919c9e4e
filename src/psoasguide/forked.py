"""Per-page work on every core, for stages whose inputs are already in memory (lint, render).

`map_pages(step, count, jobs)` yields `step(0), ..., step(count - 1)`, in order. With more
than one job, enough pages, `fork` available and no other thread running, the calls run in
this process and `jobs - 1` forked ones: they inherit the stage's inputs (the graph, the
templates) instead of receiving them pickled, and only each result travels back.
Otherwise they run here, one by one.

`share(pool, run, tasks)` is how the work is split (the parse stage's pool uses it too): the
workers take tasks from the front, this process from the back, so the cores stay busy with
one process fewer. Each forked process copies whatever of the parent's memory it writes to
(a reference count, a garbage collector's mark), so one fewer is up to a parent's worth of
memory less. Objects made before a fork are moved out of the collector's sight (`frozen`) so
that a worker's collections do not copy the pages holding them.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # the pool's modules are imported only by a build that forks (some 25 ms)
    from concurrent.futures import Executor, Future

T = TypeVar("T")
R = TypeVar("R")
#: Below this many pages a pool costs more than it saves.
MIN_PAGES = 64
#: Tasks per job in each round: small enough that the workers and this process finish
#: together.
TASKS_PER_JOB = 4
#: Pools forked one after another over a stage's tasks: the memory a worker copied goes when
#: it exits, so a stage holds about a round's worth of copies at a time, not the whole stage's.
ROUNDS = 4
#: Below this many pages one round: a small site's copies are small, and forking costs time.
ROUNDS_FROM = 1000

_step: Callable[[int], Any] | None = None  # what the forked workers run


def _run(span: tuple[int, int]) -> list[Any]:
    assert _step is not None
    return [_step(i) for i in range(*span)]


@contextmanager
def frozen() -> Iterator[None]:
    """Objects made so far are left out of garbage collections until the block ends: a forked
    worker's collections then do not write to (and so copy) the memory it shares."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def share(pool: Executor, run: Callable[[T], R], tasks: Sequence[T],
          local: Callable[[T], R] | None = None,
          meanwhile: Callable[[], None] | None = None) -> Iterator[R]:
    """`run(task)` for every task, in order: submitted to `pool`, of which this process runs
    those at the back that no worker has started yet (with `local`, the same work and a
    progress count, if given). The workers' results are passed on as they come in, between
    this process's tasks. `meanwhile`: other work this process does first, once the tasks are
    submitted (the workers take more of them meanwhile)."""
    local = local or run
    futures: list[Future[R]] = [pool.submit(run, task) for task in tasks]
    if meanwhile is not None:
        meanwhile()
    here: dict[int, R] = {}
    front = 0
    for index in reversed(range(len(tasks))):
        while front < index and futures[front].done():
            yield futures[front].result()
            front += 1
        if not futures[index].cancel():
            break
        here[index] = local(tasks[index])
    for index in range(front, len(tasks)):
        yield here.pop(index) if index in here else futures[index].result()


def in_rounds(pool: Callable[[], Executor], run: Callable[[T], R], tasks: Sequence[T],
              rounds: int = ROUNDS) -> Iterator[R]:
    """`share` over `rounds` successive pools made by `pool`, each for its part of `tasks`."""
    size = max(1, -(-len(tasks) // rounds))
    for start in range(0, len(tasks), size):
        with frozen(), pool() as executor:
            yield from share(executor, run, tasks[start:start + size])


def spans(count: int, jobs: int, rounds: int = ROUNDS) -> list[tuple[int, int]]:
    """`range(count)` cut into about `TASKS_PER_JOB` spans per job and round, as (start,
    stop)."""
    size = max(1, count // (jobs * TASKS_PER_JOB * rounds))
    return [(start, min(start + size, count)) for start in range(0, count, size)]


def map_pages(step: Callable[[int], T], count: int, jobs: int) -> Iterator[T]:
    """`step(i)` for every i below `count`, in order, here and on up to `jobs - 1` forked
    processes."""
    global _step
    if jobs <= 1 or count < MIN_PAGES or threading.active_count() > 1:
        yield from map(step, range(count))
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if "fork" not in multiprocessing.get_all_start_methods():
        yield from map(step, range(count))
        return
    _step = step
    try:
        pool = partial(ProcessPoolExecutor, jobs - 1,
                       mp_context=multiprocessing.get_context("fork"))
        rounds = ROUNDS if count >= ROUNDS_FROM else 1
        for part in in_rounds(pool, _run, spans(count, jobs, rounds), rounds):
            yield from part
    finally:
        _step = None
