"""Projections labelled by their content: a later key that holds one hashes its label.

A projection (the link stage's `link_facts` of a page, a page's card in `cards`) drops most of
its argument, so an edit to the argument (a page's body) often leaves the projection as it was.
Labelled by a key of its own content, it then keeps its label, and a memo keyed by projections
(`memo(cache, "link", connect)`) finds its entry. The projection of an argument labelled before
(a parsed page, by its parse key) is remembered in this process (the dev server's rebuilds), not
hashed again; and the key of its content is kept in the cache (`load_keys`, `save_keys`), so a
new process hashes only the projections of arguments that changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from .keys import join_keys, key_of, label, label_of, versions

if TYPE_CHECKING:
    from .protocol import Cache

T = TypeVar("T")

#: (function, the argument's label) -> (the projection, its content key).
_KNOWN: dict[tuple[str, str], tuple[Any, str]] = {}
_KNOWN_MAX = 100_000
#: function -> the argument's label -> the projection's content key: as the cache had them
#: (`load_keys`), and as this build used them (`save_keys` keeps those).
_STORED: dict[str, dict[str, str]] = {}
_USED: dict[str, dict[str, str]] = {}
_SPACE = "content-keys"


def by_content(function: Callable[[Any], T]) -> Callable[[Any], T]:
    """`function` (pure, of one argument) whose result is labelled by a key of its content."""
    name = f"{function.__module__}.{function.__qualname__}"

    def run(argument: Any) -> T:
        own = label_of(argument)
        known = _KNOWN.get((name, own)) if own else None
        if known is None:
            value = function(argument)
            key = _STORED.get(name, {}).get(own) if own else None
            known = (value, key or key_of(name, value))
            if own:
                if len(_KNOWN) >= _KNOWN_MAX:
                    _KNOWN.clear()
                _KNOWN[(name, own)] = known
        if own:
            _USED.setdefault(name, {})[own] = known[1]
        label(known[0], known[1])
        return known[0]  # type: ignore[no-any-return]

    return run


def forget() -> None:
    """Drop every projection and content key this process holds (its cache was discarded:
    they may have been made from values it held)."""
    _KNOWN.clear()
    _STORED.clear()
    _USED.clear()


def _entry() -> str:
    """The key the content keys are kept under (one per version of psoasguide)."""
    return join_keys(_SPACE, key_of(versions()))


def load_keys(cache: Cache) -> None:
    """Take the content keys the cache holds, for this build; start its record of use."""
    stored = cache.get(_SPACE, _entry())
    _STORED.clear()
    _USED.clear()
    if isinstance(stored, dict):
        _STORED.update(stored)


def save_keys(cache: Cache) -> None:
    """Keep the content keys this build used, if it used any the cache did not hold (a build
    at the same time may keep its own instead: then some are hashed again, never wrong). A
    projection this process remembered from an earlier build (`_KNOWN`) is kept without those
    made inside it (a card's document): only a process's first build is complete."""
    if any(not used.keys() <= _STORED.get(name, {}).keys() for name, used in _USED.items()):
        cache.replace(_SPACE, _entry(), {name: dict(used) for name, used in _USED.items()})
        _STORED.clear()
        _STORED.update({name: dict(used) for name, used in _USED.items()})
