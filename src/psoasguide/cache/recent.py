"""Results remembered by what their arguments are in memory, from one build to the next in the
same process (the dev server, whose store keeps values as they were made).

A stage's values are immutable and its functions pure, so a call whose arguments are the very
objects of a call in the last build (or equal scalars, values labelled with the same key, or
frozen dataclasses made of those) has that call's result, and needs no key hashed. Each table
holds the arguments it remembers, so an object's `id` is not reused while it stands in a token.
A table keeps two builds' calls: those of this build, and those of the last one not yet asked
for.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Hashable
from functools import partial
from typing import Any

from .keys import label_of

#: Types compared by value: immutable, and cheap to hash (exact types: a `Markup` is a `str`
#: that renders otherwise).
_BY_VALUE = frozenset({str, dt.date})
_TEXT = frozenset({str})
#: 1, 1.0 and True are equal, and must not stand for each other: these go with their type.
_NUMBERS = frozenset({int, float, bool, type(None)})


def _frozen_fields(kind: type) -> tuple[str, ...] | None:
    """The fields of a frozen dataclass type, else None (looked up once per type)."""
    if kind not in _FIELDS:
        params = getattr(kind, "__dataclass_params__", None)
        _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(kind)) \
            if params is not None and params.frozen else None
    return _FIELDS[kind]


_FIELDS: dict[type, tuple[str, ...] | None] = {}
#: Marks a label in a token, which could otherwise equal a string compared by value.
_LABELLED = "label"


def token(value: Any, depth: int = 2) -> Hashable:
    """What stands for `value` in a table: a scalar by value; a labelled value by its label
    (`keys.label`: the key of what it was made from); a frozen dataclass, a `partial`, a list
    or a tuple by the tokens of its parts, `depth` levels down; anything else (and anything
    deeper) by identity."""
    kind = type(value)
    if kind in _BY_VALUE:
        return value
    if kind in _NUMBERS:
        return kind, value
    known = label_of(value)
    if known is not None:
        return _LABELLED, known
    if isinstance(value, enum.Enum):
        return value
    if depth:
        if kind is list or kind is tuple:
            if set(map(type, value)) <= _TEXT:  # strings only (a page's link texts)
                return kind, tuple(value)
            return kind, tuple([token(v, depth - 1) for v in value])
        if kind is partial:
            return kind, id(value.func), token(value.args, depth), \
                token(tuple(sorted(value.keywords.items())), depth)
        names = _frozen_fields(kind)
        if names is not None:
            return kind, tuple([token(getattr(value, n), depth - 1) for n in names])
    return id(value)


class Recent:
    """Results by the tokens of their arguments, over this build and the last one."""

    def __init__(self) -> None:
        self._last: dict[Hashable, tuple[Any, Any]] = {}
        self._now: dict[Hashable, tuple[Any, Any]] = {}
        #: Tokens of this build's arguments by identity: one value passed to every call
        #: (the lint settings) is taken apart once.
        self._seen: dict[int, tuple[Any, Hashable]] = {}

    def turn(self) -> None:
        """A new build starts: calls of the build before the last are let go."""
        self._last, self._now, self._seen = self._now, {}, {}

    def _tokens(self, args: tuple[Any, ...]) -> Hashable:
        out = []
        for arg in args:
            if type(arg) in _BY_VALUE:
                out.append(arg)
                continue
            seen = self._seen.get(id(arg))
            if seen is None or seen[0] is not arg:
                seen = self._seen[id(arg)] = (arg, token(arg))
            out.append(seen[1])
        return tuple(out)

    def get(self, args: tuple[Any, ...]) -> Any | None:
        """The result of a call with these arguments in this build or the last, or None."""
        tokens = self._tokens(args)
        found = self._now.get(tokens) or self._last.pop(tokens, None)
        if found is None:
            return None
        self._now[tokens] = found
        return found[1]

    def put(self, args: tuple[Any, ...], result: Any) -> None:
        """Remember `result` for `args` (held, with every part their tokens name)."""
        self._now[self._tokens(args)] = (args, result)


def recent(cache: Any, space: str) -> Recent | None:
    """`space`'s table in `cache` when it keeps values in this process (`MemoryStore.recent`),
    turned for a new build; None for a store that gives back copies (the folder cache)."""
    tables: dict[str, Recent] | None = getattr(cache, "recent", None)
    if tables is None:
        return None
    table = tables.setdefault(space, Recent())
    table.turn()
    return table
