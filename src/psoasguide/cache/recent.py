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

from ..frozen import FrozenMap
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
#: A remembered call: its arguments, result, tokens (`token`) and parts (`_identities`).
_Entry = tuple[tuple[Any, ...], Any, Hashable, Hashable]
#: Marks a label in a token, which could otherwise equal a string compared by value.
_LABELLED = "label"


def token(value: Any, depth: int = 2) -> Hashable:
    """What stands for `value` in a table: a scalar by value; a labelled value by its label
    (`keys.label`: the key of what it was made from); a frozen dataclass, a `partial`, a list,
    a tuple or a `FrozenMap` by the tokens of its parts, `depth` levels down; a frozen set of
    strings by value; anything else (and anything deeper) by identity."""
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
    if kind is frozenset and set(map(type, value)) <= _TEXT:  # slugs, anchors: at any depth
        return kind, value
    if depth:
        if kind is list or kind is tuple:
            if set(map(type, value)) <= _TEXT:  # strings only (a page's link texts)
                return kind, tuple(value)
            return kind, tuple([token(v, depth - 1) for v in value])
        if kind is partial:
            return kind, id(value.func), token(value.args, depth), \
                token(tuple(sorted(value.keywords.items())), depth)
        if kind is FrozenMap:  # keys as scalars, values `depth - 1` levels down
            return kind, tuple([(token(k, 0), token(v, depth - 1)) for k, v in value.items()])
        names = _frozen_fields(kind)
        if names is not None:
            return kind, tuple([token(getattr(value, n), depth - 1) for n in names])
    return id(value)


class Recent:
    """Results by the tokens of their arguments, over this build and the last one."""

    def __init__(self) -> None:
        self._last: dict[Hashable, _Entry] = {}
        self._now: dict[Hashable, _Entry] = {}
        #: The same calls by their arguments' identities (scalars by value): a call made
        #: with the very objects of a remembered one is found without taking them apart.
        #: The entry holds those objects, so no other object can have their `id`s meanwhile.
        self._last_ids: dict[Hashable, _Entry] = {}
        self._now_ids: dict[Hashable, _Entry] = {}
        #: Tokens of this build's arguments by identity: one value passed to every call
        #: (the lint settings) is taken apart once.
        self._seen: dict[int, tuple[Any, Hashable]] = {}

    def turn(self) -> None:
        """A new build starts: calls of the build before the last are let go."""
        self._last, self._now, self._seen = self._now, {}, {}
        self._last_ids, self._now_ids = self._now_ids, {}

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
        ids = _shallow(args)
        found = self._now_ids.get(ids) or self._last_ids.pop(ids, None)
        if found is None:
            parts = _identities(args)
            found = self._now_ids.get(parts) or self._last_ids.pop(parts, None)
            if found is None:
                tokens = self._tokens(args)
                found = self._now.get(tokens) or self._last.pop(tokens, None)
                if found is None:
                    return None
            found = (args, found[1], found[2], parts)  # held: its keys are these arguments'
        self._keep(ids, found)
        return found[1]

    def put(self, args: tuple[Any, ...], result: Any) -> None:
        """Remember `result` for `args` (held, with every part their keys name)."""
        ids = _shallow(args)
        known = self._now_ids.get(ids)  # the very arguments, just looked up
        if known is None:
            self._keep(ids, (args, result, self._tokens(args), _identities(args)))
        else:
            self._keep(ids, (args, result, known[2], known[3]))

    def _keep(self, ids: Hashable, entry: _Entry) -> None:
        """`entry` (arguments, result, tokens, parts) under its three keys in this build."""
        self._last.pop(entry[2], None)
        self._last_ids.pop(entry[3], None)
        self._now[entry[2]] = self._now_ids[entry[3]] = self._now_ids[ids] = entry


#: Frozen dataclasses of up to this many fields are compared by their parts' identities.
_SMALL = 4


def _shallow(values: Any) -> tuple[Any, ...]:
    """Each value by identity, a string or date by value."""
    return tuple([v if type(v) in _BY_VALUE else id(v) for v in values])


def _identity(arg: Any) -> Hashable:
    """What stands for `arg` by identity: a string or date by value; a list, tuple, `partial`
    or small frozen dataclass made anew of the very parts of an earlier one (a page's view
    maker, an output file, a page's link texts) by those parts' `id`s; anything else (a
    document, made again only when it changed) by its own."""
    kind = type(arg)
    if kind in _BY_VALUE:
        return arg
    if kind is list or kind is tuple:
        return kind, _shallow(arg)
    if kind is partial:
        return kind, id(arg.func), _shallow(arg.args), tuple(arg.keywords), \
            _shallow(arg.keywords.values())
    names = _frozen_fields(kind)
    if names is not None and len(names) <= _SMALL:
        return kind, _shallow([getattr(arg, name) for name in names])
    return id(arg)


def _identities(args: tuple[Any, ...]) -> Hashable:
    """What stands for a call's arguments by identity (`_identity`): the remembered entry
    holds its arguments, and so every object whose `id` its key names."""
    return tuple([_identity(arg) for arg in args])


def recent(cache: Any, space: str) -> Recent | None:
    """`space`'s table in `cache` when it keeps values in this process (`MemoryStore.recent`),
    turned for a new build; None for a store that gives back copies (the folder cache)."""
    tables: dict[str, Recent] | None = getattr(cache, "recent", None)
    if tables is None:
        return None
    table = tables.setdefault(space, Recent())
    table.turn()
    return table
