"""Per-page work on every core, for stages whose inputs are already in memory (lint, render).

`map_pages(step, count, jobs)` returns `[step(0), ..., step(count - 1)]`, in order. With more
than one job, enough pages, `fork` available and no other thread running, the calls run in a
pool of forked processes: they inherit the stage's inputs (the graph, the templates) instead of
receiving them pickled, and only each result travels back. Otherwise they run here, one by one.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
#: Below this many pages a pool costs more than it saves.
MIN_PAGES = 64

_step: Callable[[int], Any] | None = None  # what the forked workers run


def _run(span: tuple[int, int]) -> list[Any]:
    assert _step is not None
    return [_step(i) for i in range(*span)]


def map_pages(step: Callable[[int], T], count: int, jobs: int) -> list[T]:
    """`step(i)` for every i below `count`, in order, on up to `jobs` forked processes."""
    global _step
    if (jobs <= 1 or count < MIN_PAGES or threading.active_count() > 1
            or "fork" not in multiprocessing.get_all_start_methods()):
        return [step(i) for i in range(count)]
    size = max(1, count // (jobs * 4))
    spans = [(start, min(start + size, count)) for start in range(0, count, size)]
    _step = step
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            return [result for part in pool.map(_run, spans) for result in part]
    finally:
        _step = None
