"""Large read-only mappings stored in the cache pickled apart, and unpickled when first used.

Most of what a build takes from the cache is passed on untouched: a `Document`'s `marks` and
`key_marks` (where each front-matter value was written) are read only to place a diagnostic
in that file. Stored as a `LazyMap`, they cost a bytes object to load instead of a few dozen
objects, and become a plain dict inside the first time anything reads them.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from typing import Any

from ..frozen import FrozenMap

#: A `FrozenMap` with at least this many items is stored as a `LazyMap`.
LAZY_FROM = 16


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
        items = self._items
        if items is None:
            items = self._load(self._payload)
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
