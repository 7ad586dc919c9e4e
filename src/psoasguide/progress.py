"""What a build shows while it runs: on a terminal, once it has taken a second, how many pages
are converted of how many; nothing otherwise (a pipe or CI log gets only the summary line)."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import TextIO

#: Seconds a build runs before it shows progress (quicker builds show only their summary).
DELAY = 1.0
_CLEAR = "\r\x1b[K"


class Progress:
    """A one-line display, rewritten in place, cleared before the summary is printed."""

    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic,
                 delay: float = DELAY, plain: bool = False) -> None:
        self.stream = stream
        self.clock = clock
        self.start = clock()
        self.delay = delay
        self.live = stream.isatty()
        self.shown = False
        self.stage_name = ""
        #: No escape codes at all (NO_COLOR): the old text is overwritten with spaces.
        self.plain = plain
        self.width = 0

    def _clear(self) -> str:
        if not self.plain:
            return _CLEAR
        return f"\r{' ' * self.width}\r" if self.width else "\r"

    def _show(self, text: str) -> None:
        if not self.live or self.clock() - self.start < self.delay:
            return
        self.stream.write(f"{self._clear()}{text}")
        self.stream.flush()
        self.shown = True
        self.width = len(text)

    def stage(self, name: str) -> None:
        """A stage starts (the pipeline's `progress` callback)."""
        self.stage_name = name
        self._show(f"{name}...")

    def converted(self, done: int, total: int) -> None:
        """`done` of `total` articles are converted."""
        self._show(f"converting pages: {done} of {total}")

    def finish(self) -> None:
        """Clear the line, so the summary starts at its beginning."""
        if self.shown:
            self.stream.write(self._clear())
            self.stream.flush()
            self.shown = False


def stage_times(timings: Mapping[str, float]) -> str:
    """`--timings`: seconds per stage, in the order the stages ran."""
    return "seconds per stage: " + ", ".join(f"{name} {seconds:.2f}"
                                             for name, seconds in timings.items())
