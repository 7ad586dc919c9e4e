"""Large read-only mappings stored in the cache pickled apart, and unpickled when first used.

Most of what a build takes from the cache is passed on untouched: a `Document`'s `marks` and
`key_marks` (where each front-matter value was written) are read only to place a diagnostic
in that file. Stored as a `LazyMap`, they cost a bytes object to load instead of a few dozen
objects, and become a plain dict inside the first time anything reads them.

The items are loaded by the cache's own restricted loader, so a crafted payload cannot run
code; one that cannot be loaded (a class outside psoasguide, garbage behind a valid checksum)
is found only when first read, inside a stage. It then raises `CacheCorrupt`, which no stage
catches: the build is abandoned and run again on a new cache (`store.rebuilt_if_corrupt`).
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from typing import Any

from ..frozen import FrozenMap

#: A `FrozenMap` with at least this many items is stored as a `LazyMap`.
LAZY_FROM = 16


class CacheCorrupt(BaseException):
    """A value from the cache could not be loaded when first read. Like `KeyboardInterrupt`
    it is not an `Exception`: a stage's handler of its own failures (a template's) lets it
    pass to the build, which discards the cache and runs again."""


class LazyMap(FrozenMap[Any, Any]):
    """A `FrozenMap` whose items are unpickled (by `load`) the first time they are read."""

    __slots__ = ("_items", "_load", "_payload")

    def __init__(self, payload: bytes, load: Callable[[bytes], Any]) -> None:
        object.__setattr__(self, "_payload", payload)
        object.__setattr__(self, "_load", load)
        object.__setattr__(self, "_items", None)
        object.__setattr__(self, "_hash", None)

    @property
    def _data(self) -> dict[Any, Any]:  # type: ignore[override]
        """The items, loaded the first time; `CacheCorrupt` when they cannot be."""
        items = self._items
        if items is None:
            try:
                items = self._load(self._payload)
            except ValueError as exc:
                raise CacheCorrupt(str(exc)) from None
            if type(items) is not dict:
                raise CacheCorrupt(f"a lazily stored mapping holds a {type(items).__name__}")
            object.__setattr__(self, "_items", items)
            object.__setattr__(self, "_payload", b"")
        return items  # type: ignore[no-any-return]


def reduce_frozen_map(value: FrozenMap[Any, Any], loader: Callable[..., Any]
                      ) -> tuple[Any, ...]:
    """How the cache pickles a `FrozenMap`: a large one as its pickled items, to be loaded
    lazily by `loader(payload)`; any other as a `FrozenMap` of its items."""
    if len(value) < LAZY_FROM:
        return FrozenMap, (dict(value.items()),)
    return loader, (pickle.dumps(dict(value.items()), protocol=pickle.HIGHEST_PROTOCOL),)
