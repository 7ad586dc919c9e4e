"""The parse stage on every core, each article's conversion within a time limit.

`parse_document` is the pure per-article step (`Document -> ParsedDocument`); a cache or a pool
can wrap it. `parse_documents` runs it over the site: in this process for `jobs=1` or a few
articles, else on forked processes (`forked.map_pages`; a fork server's pool where this process
may not fork), results in input order, so the output is byte-identical whatever the number of
jobs; this process converts its share too, so there is one worker fewer than `jobs`.
Python-Markdown is super-linear on some input (thousands of unmatched `[` or `*`), so each
conversion gets `limit` CPU seconds plus `SECONDS_PER_MB` for each megabyte of its body
(ordinary text converts at about 1.3 CPU seconds a megabyte, 20,000 unmatched `[` in 60 KB take
minutes); past that the article is an error `markdown-timeout` at its first line and the build
goes on with the others.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from types import FrameType
from typing import TYPE_CHECKING, TypeVar

from ..diagnostics import Diagnostic, error
from ..forked import forkable, frozen, map_pages
from ..model import Document, ParsedDocument
from ..themeids import ThemeIds
from .convert import Converter

if TYPE_CHECKING:  # the pool's modules are imported only by a build that uses it (some 25 ms)
    import multiprocessing
    from concurrent.futures import Executor, Future

T = TypeVar("T")
R = TypeVar("R")
#: Below this many articles a pool costs more than it saves.
MIN_POOL_ARTICLES = 16
#: One article's result: its page (None if it could not be converted) and its problems.
Parsed = tuple[ParsedDocument | None, list[Diagnostic]]
#: Progress callback: (articles converted, articles in all).
Progress = Callable[[int, int], None]

_converter: Converter | None = None  # one per process, reused article after article


class _Timeout(Exception):
    pass


def _expire(_signum: int, _frame: FrameType | None) -> None:
    raise _Timeout


#: CPU seconds each megabyte of a body adds to its conversion's limit.
SECONDS_PER_MB = 3.0


def _parse_chunk(documents: Sequence[Document], limit: float | None, ids: ThemeIds | None
                 ) -> list[Parsed]:
    """`parse_document` over a chunk, in a pool worker (a fork server's), each page
    `_detached`."""
    return [_detached(parse_document(document, limit, ids)) for document in documents]


def _detached(result: Parsed) -> Parsed:
    """A worker's result as it travels: the page without its document, which the caller
    already holds, and with its masked body "" when that equals the body (second copies of
    them would cost time and memory); `_attached` makes it whole again."""
    page, found = result
    if page is None or page.document is None:
        return result
    return dataclasses.replace(page, document=None, masked=(
        "" if page.masked == page.document.body else page.masked)), found


def share(pool: Executor, run: Callable[[T], R], tasks: Sequence[T],
          local: Callable[[T], R], meanwhile: Callable[[], None] | None = None
          ) -> Iterator[R]:
    """`run(task)` for every task, in order, on a pool that cannot fork (a fork server's):
    submitted to `pool`, of which this process runs with `local` those at the back that no
    worker has started yet. `meanwhile`: other work this process does first, once the tasks
    are submitted."""
    futures: list[Future[R]] = [pool.submit(run, task) for task in tasks]
    if meanwhile is not None:
        meanwhile()
    here: dict[int, R] = {}
    for index in reversed(range(len(tasks))):
        if not futures[index].cancel():
            break
        here[index] = local(tasks[index])
    for index in range(len(tasks)):
        yield here.pop(index) if index in here else futures[index].result()


def budget(document: Document, limit: float) -> float:
    """The CPU seconds `document`'s conversion may take: `limit`, more for a longer body."""
    return limit + SECONDS_PER_MB * len(document.body) / 1_000_000


def _timeout(document: Document, limit: float) -> Diagnostic:
    return error(document.path, 1, 1, "markdown-timeout",
                 f"converting this article's Markdown took more than {limit:.2f} CPU seconds, "
                 "the limit for an article of its length",
                 "Python-Markdown slows down badly on some input, such as thousands of "
                 "unmatched '[' or '*': escape them (\\[, \\*) or split the article")


def _converter_here() -> Converter:
    """This process's converter, made on first use: making one takes some 40 ms (the Markdown
    extensions compile their patterns), which a forked worker inherits instead."""
    global _converter
    _converter = _converter or Converter()
    return _converter


def parse_document(document: Document, limit: float | None = None, ids: ThemeIds | None = None
                   ) -> tuple[ParsedDocument | None, list[Diagnostic]]:
    """Convert one article in this process; None and a `markdown-timeout` error when it takes
    more than its `budget` (checked only on the main thread, where signals arrive)."""
    global _converter
    converter = _converter_here()
    if not limit or threading.current_thread() is not threading.main_thread():
        return converter.parse(document, ids)
    limit = budget(document, limit)
    previous = signal.signal(signal.SIGPROF, _expire)
    signal.setitimer(signal.ITIMER_PROF, limit)
    try:
        return converter.parse(document, ids)
    except _Timeout:
        _converter = None  # stopped half-way through a document: start afresh
        return None, [_timeout(document, limit)]
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def default_jobs() -> int:
    """One job per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _context() -> multiprocessing.context.BaseContext:
    """A fork server, for a pool of a process that may not fork (other threads run)."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def parse_documents(documents: Sequence[Document], jobs: int = 1, limit: float | None = None,
                    progress: Progress | None = None, ids: ThemeIds | None = None,
                    meanwhile: Callable[[], None] | None = None
                    ) -> tuple[tuple[ParsedDocument, ...], list[Diagnostic]]:
    """Parse every document, in order, on up to `jobs` processes; `ids` are the theme's.
    `meanwhile`: work of a later stage that this process does while the pool's workers
    convert, if there is a pool (it converts fewer articles itself)."""
    step = partial(parse_document, limit=limit, ids=ids)
    parsed: list[ParsedDocument] = []
    problems: list[Diagnostic] = []

    # articles collected in order, and converted here (at the back) before they are collected
    counts = {"collected": 0, "ahead": 0}

    def show() -> None:
        if progress:  # once the back is being collected, every article is converted
            done = counts["collected"] + counts["ahead"]
            progress(min(len(documents), done), len(documents))

    def collect(results: Iterable[Parsed]) -> None:
        for document, (page, found) in zip(documents, results, strict=True):
            if page is not None:
                parsed.append(_attached(page, document))
            problems.extend(found)
            counts["collected"] += 1
            show()

    if jobs > 1 and len(documents) >= MIN_POOL_ARTICLES and forkable(jobs):
        _converter_here()  # made before the fork, so forked workers start with it

        def done(count: int) -> None:
            counts["ahead"] += count
            show()

        collect(map_pages(lambda index: step(documents[index]), len(documents), jobs,
                          least=MIN_POOL_ARTICLES, rounds=1, meanwhile=meanwhile, done=done,
                          send=_detached))
    elif jobs > 1 and len(documents) >= MIN_POOL_ARTICLES:
        chunk = max(1, len(documents) // (jobs * 8))
        chunks = [documents[start:start + chunk] for start in range(0, len(documents), chunk)]
        detached = partial(_parse_chunk, limit=limit, ids=ids)
        from concurrent.futures import ProcessPoolExecutor

        def here(part: Sequence[Document]) -> list[Parsed]:
            results = detached(part)
            counts["ahead"] += len(part)
            show()
            return results

        with frozen(), ProcessPoolExecutor(jobs - 1, mp_context=_context()) as pool:
            collect(page for part in share(pool, detached, chunks, here, meanwhile)
                    for page in part)
    else:
        collect(map(step, documents))
    return tuple(parsed), problems


def _attached(page: ParsedDocument, document: Document) -> ParsedDocument:
    """`page` with `document` (the caller's copy), and its masked body that document's body
    when they are equal (a body without code), not a second copy of it. A worker's page has
    no document and "" for that masked body (`_parse_chunk`)."""
    masked = document.body if not page.masked or page.masked == document.body else page.masked
    if page.document is document and page.masked is masked:
        return page
    return dataclasses.replace(page, document=document, masked=masked)
