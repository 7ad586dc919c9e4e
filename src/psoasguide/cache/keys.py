"""Stable keys: a SHA-256 of any value built from dataclasses, mappings, sequences and scalars.

The same value gives the same key in every process (sets are sorted, mappings keep their order),
so a key computed in one build finds the entry another build wrote.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import operator
import pickle
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path, PurePath
from typing import Any

from ..frozen import FrozenMap
from .installed import version_of
from .lazymap import LazyMap

#: The distributions whose versions are part of every key (psoasguide's own version too).
DEPENDENCIES = ("markdown", "jinja2", "pyyaml", "pygments", "selectolax", "pagefind-bin")


def _feed(update: Any, value: Any) -> None:
    """Feed `value` to `update` with a type tag, so that 1, "1" and (1,) differ."""
    if value is None or isinstance(value, bool | int | float | str | bytes):
        update(f"{type(value).__name__}:{len(value) if isinstance(value, str | bytes) else ''}:"
               .encode())
        update(value if isinstance(value, bytes) else str(value).encode("utf-8", "surrogatepass"))
    elif isinstance(value, enum.Enum):
        update(f"enum:{type(value).__qualname__}.{value.name};".encode())
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        update(f"dc:{type(value).__qualname__}{{".encode())
        for f in dataclasses.fields(value):
            update(f.name.encode() + b"=")
            _feed(update, getattr(value, f.name))
        update(b"}")
    elif isinstance(value, Mapping):
        update(f"map:{len(value)}{{".encode())
        for k, v in value.items():
            _feed(update, k)
            _feed(update, v)
        update(b"}")
    elif isinstance(value, set | frozenset):
        _feed(update, ("set", *sorted(value, key=repr)))
    elif isinstance(value, list | tuple):
        update(f"seq:{len(value)}[".encode())
        for item in value:
            _feed(update, item)
        update(b"]")
    elif isinstance(value, dt.date | PurePath):
        update(f"{type(value).__name__}:{value};".encode())
    else:
        raise TypeError(f"cannot key a {type(value).__name__}")


_SETS = (set, frozenset)
#: Where `label` keeps a value's key in the value's own `__dict__`.
_NAME = "_psoasguide_key"


def label(value: Any, key: str) -> None:
    """Let `value` stand for `key` inside later keys: `value` (immutable, the output of a pure
    function) was made from the inputs `key` hashes, so `key` is as good as its content and
    far cheaper to hash. A value without a `__dict__` is left as it is."""
    if hasattr(value, "__dict__") and not isinstance(value, type):
        value.__dict__[_NAME] = key


def label_of(value: Any) -> str | None:
    """The key `value` was labelled with, if any."""
    return getattr(value, "__dict__", _NO_DICT).get(_NAME)


def _labelled(key: str) -> None:
    """Stands, in a key's pickle, for a value labelled `key` (never called)."""


def _sorted_set(items: list[Any]) -> None:
    """Stands, in a key's pickle, for a set of `items`, sorted (never called)."""


class _Sorted(list):  # type: ignore[type-arg]
    """A set's items in a fixed order, pickled as `_sorted_set`."""


def _canon(value: Any) -> Any:
    return _Sorted(sorted(value, key=repr)) if type(value) in _SETS else value


#: True when no item of an iterable of types is a set type (checked in C).
_no_sets = frozenset(_SETS).isdisjoint


def _getter(kind: type) -> Callable[[Any], tuple[Any, ...]] | None:
    """A function giving a dataclass's field values as a tuple, else None (made once per
    type)."""
    if kind not in _GETTERS:
        names = tuple(f.name for f in dataclasses.fields(kind)) \
            if dataclasses.is_dataclass(kind) else None
        if names is None:
            _GETTERS[kind] = None
        elif len(names) > 1:
            _GETTERS[kind] = operator.attrgetter(*names)
        else:
            _GETTERS[kind] = lambda obj: tuple(getattr(obj, n) for n in names)
    return _GETTERS[kind]


_GETTERS: dict[type, Callable[[Any], tuple[Any, ...]] | None] = {}


class _KeyPickler(pickle.Pickler):
    """Pickles a labelled value as its label, and the sets directly inside a dataclass or a
    `FrozenMap` in sorted order: a set of strings iterates in an order that changes with each
    process's hash seed, and a key must not. Only objects of other types than the builtin
    containers and scalars reach this hook, which keeps keying at C speed."""

    def reducer_override(self, obj: Any) -> Any:
        kind = type(obj)
        fields = _GETTERS[kind] if kind in _GETTERS else _getter(kind)
        if fields is not None:
            known = getattr(obj, "__dict__", _NO_DICT).get(_NAME)
            if known is not None:
                return _labelled, (known,)
            values = fields(obj)
            return kind, values if _no_sets(map(type, values)) \
                else tuple([_canon(v) for v in values])
        if kind is _Sorted:
            return _sorted_set, (list(obj),)
        if kind is FrozenMap or kind is LazyMap:
            items = tuple(obj.items())
            return FrozenMap, (items if _no_sets(map(type, obj.values()))
                               else tuple([(k, _canon(v)) for k, v in items]),)
        return NotImplemented


_NO_DICT: dict[str, Any] = {}


class _Writer:
    """A file-like object that feeds what a pickler writes straight into a hash."""

    def __init__(self) -> None:
        self.digest = hashlib.sha256()
        self.write = self.digest.update


def key_of(*values: Any) -> str:
    """The hex SHA-256 of `values`.

    Values are pickled without the memo (`fast`), so equal values give equal bytes however
    their parts are shared, and sets in sorted order, so a key is the same in every process
    (a set outside a dataclass or `FrozenMap` may still make it differ: a miss, never a wrong
    hit). What cannot be pickled is walked by `_feed`.
    """
    writer = _Writer()
    pickler = _KeyPickler(writer, protocol=5)
    pickler.fast = True
    try:
        pickler.dump(values)
    except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError):
        digest = hashlib.sha256(b"walked:")
        _feed(digest.update, values)
        return digest.hexdigest()
    return writer.digest.hexdigest()


def join_keys(*parts: str) -> str:
    """The hex SHA-256 of strings (keys, names, URLs), far cheaper than `key_of`."""
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _code_digest() -> str:
    """A SHA-256 of psoasguide's own Python files: a changed source is a new version."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


@cache
def versions() -> tuple[tuple[str, str], ...]:
    """(name, version) of psoasguide, its code, and each dependency that shapes the output."""
    return (("psoasguide", version_of("psoasguide")), ("psoasguide-code", _code_digest()),
            *((name, version_of(name)) for name in DEPENDENCIES))
