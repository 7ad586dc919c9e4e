"""Projections labelled by their content: a later key that holds one hashes its label.

A projection (the link stage's `link_facts` of a page, a page's card in `cards`) drops most of
its argument, so an edit to the argument (a page's body) often leaves the projection as it was.
Labelled by a key of its own content, it then keeps its label, and a memo keyed by projections
(`memo(cache, "link", connect)`) finds its entry. The projection of an argument labelled before
(a parsed page, by its parse key) is remembered in this process (the dev server's rebuilds), not
hashed again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from .keys import key_of, label, label_of

T = TypeVar("T")

#: (function, the argument's label) -> (the projection, its content key).
_KNOWN: dict[tuple[str, str], tuple[Any, str]] = {}
_KNOWN_MAX = 100_000


def by_content(function: Callable[[Any], T]) -> Callable[[Any], T]:
    """`function` (pure, of one argument) whose result is labelled by a key of its content."""
    name = f"{function.__module__}.{function.__qualname__}"

    def run(argument: Any) -> T:
        own = label_of(argument)
        known = _KNOWN.get((name, own)) if own else None
        if known is None:
            value = function(argument)
            known = (value, key_of(name, value))
            if own:
                if len(_KNOWN) >= _KNOWN_MAX:
                    _KNOWN.clear()
                _KNOWN[(name, own)] = known
        label(known[0], known[1])
        return known[0]  # type: ignore[no-any-return]

    return run
