"""Watching the site root's sources with `watchfiles` (debounced, Rust-backed, no polling)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from watchfiles import watch

from ..layout import SOURCES

#: A burst of changes ends after STEP_MS quiet milliseconds (an editor's save is one burst:
#: write, rename, chmod within a few ms), and is cut at DEBOUNCE_MS whatever happens.
STEP_MS = 10
DEBOUNCE_MS = 100


def _relevant(change: object, path: str) -> bool:
    name = Path(path).name
    return not (name.startswith(".") or name.endswith("~") or "/public/" in path)


def watch_sources(root: Path, on_change: Callable[[], None]) -> None:
    """Call `on_change` after each burst of changes to the site's sources; blocks."""
    paths = [root / name for name in SOURCES if (root / name).exists()]
    for _changes in watch(*paths, watch_filter=_relevant, debounce=DEBOUNCE_MS, step=STEP_MS):
        on_change()
