"""The write stage in two steps, so that the search index is made while the build checks its
links: once the pages are rendered the site is staged beside the output folder and Pagefind
started on it (`Publication`); once the whole build is known to be free of errors, `finish`
waits for the index and swaps the site in. A build that finds an error, or is interrupted,
`discard`s it: Pagefind is stopped and the staging folder deleted, the output left as it was.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from .writer import Staged, discard_staged, swap_staged

if TYPE_CHECKING:
    from ..cache.memo import Indexing
    from ..diagnostics import Diagnostic


class Publication:
    """A staged site and its search index being made (None: no index), not yet published."""

    def __init__(self, staged: Staged, indexing: Indexing | None) -> None:
        self.staged = staged
        self.indexing = indexing
        #: when the index was started (`time.perf_counter`)
        self.started = time.perf_counter()
        self.done = False
        self._index_problems: list[Diagnostic] | None = None

    def index_problems(self) -> list[Diagnostic]:
        """Wait for the search index; its problems (then nothing is to be published)."""
        if self._index_problems is None:
            self._index_problems = self.indexing.result() if self.indexing is not None else []
        return self._index_problems

    def finish(self) -> list[Diagnostic]:
        """Swap the staged site in, once its index is complete; if the index failed, its
        problems, and the staged site is discarded."""
        problems = self.index_problems()
        if problems:
            self.discard()
            return problems
        self.done = True
        return swap_staged(self.staged)

    def discard(self) -> None:
        """Stop the index and delete the staged site, unless it was published."""
        if self.done:
            return
        self.done = True
        if self.indexing is not None:
            self.indexing.cancel()
        discard_staged(self.staged)
