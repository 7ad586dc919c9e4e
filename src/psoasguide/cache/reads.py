"""What a page's view read of the site graph, recorded, so that a later build can tell from
those values alone whether the page can have changed.

`recording(graph)` gives a copy of a frozen dataclass of mappings (the link stage's
`SiteGraph`) whose mappings note every key asked for, and the whole mapping when one is walked.
`Digests` turns such a record into one key over the values read in a given graph.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Hashable, Iterator, Mapping
from typing import Any

from .keys import key_of, label_of

#: Stands for "every key" in a record: the mapping was walked, counted or listed.
EVERY = "*every*"
#: Stands for a key the mapping did not hold when it was read.
_ABSENT = "*absent*"

Read = tuple[str, Hashable]


class _RecordingMap(Mapping[Any, Any]):
    """A read-only mapping that adds to `reads` each key asked for."""

    def __init__(self, name: str, data: Mapping[Any, Any], reads: set[Read]) -> None:
        self._name, self._data, self._reads = name, data, reads

    def __getitem__(self, key: Any) -> Any:
        self._reads.add((self._name, key))
        return self._data[key]

    def __contains__(self, key: object) -> bool:
        self._reads.add((self._name, key))  # type: ignore[arg-type]
        return key in self._data

    def __iter__(self) -> Iterator[Any]:
        self._reads.add((self._name, EVERY))
        return iter(self._data)

    def __len__(self) -> int:
        self._reads.add((self._name, EVERY))
        return len(self._data)


def recording(graph: Any) -> tuple[Any, set[Read]]:
    """A copy of `graph` (a dataclass whose fields are mappings) that records what is read
    of it, and the record it fills: (field name, key) pairs."""
    reads: set[Read] = set()
    copy = object.__new__(type(graph))  # as it is: the mappings are already read-only
    for field in dataclasses.fields(graph):
        object.__setattr__(copy, field.name,
                           _RecordingMap(field.name, getattr(graph, field.name), reads))
    return copy, reads


class _SameObjects:
    """Keys of values by identity, kept from one graph to the next in this process: the
    dev server's link stage hands back the very same (immutable) values while an edit leaves
    them alone, and those need not be hashed again. Each value is held, so its id is not
    reused; values the last graph did not read are let go."""

    def __init__(self) -> None:
        self.last: dict[int, tuple[Any, str]] = {}
        self.now: dict[int, tuple[Any, str]] = {}
        self.graph: Any = None

    def start(self, graph: Any) -> None:
        if graph is not self.graph:
            self.graph, self.last, self.now = graph, self.now, {}

    def key(self, value: Any) -> str:
        known = self.now.get(id(value)) or self.last.get(id(value))
        if known is None or known[0] is not value:
            known = (value, key_of(value))
        self.now[id(value)] = known
        return known[1]


_SAME = _SameObjects()


def same_object_key(value: Any) -> str:
    """The key of an immutable value, hashed once per object (a site view many pages share)."""
    return _SAME.key(value)


def value_of(graph: Any, read: Read) -> Any:
    """The value in `graph` that `read` names."""
    name, key = read
    data = getattr(graph, name)
    return data if key == EVERY else data.get(key, _ABSENT)


class Digests:
    """Keys of what records read in one graph; each value read is hashed once."""

    def __init__(self, graph: Any) -> None:
        self._graph = graph
        self._known: dict[Read, str] = {}
        _SAME.start(graph)

    def _digest(self, read: Read) -> str:
        known = self._known.get(read)
        if known is None:
            value = value_of(self._graph, read)
            # A labelled value (a page's card) is its label; records are compared read by
            # read, in their stored order, so a digest need not name its read.
            known = self._known[read] = label_of(value) or _SAME.key(value)
        return known

    def key(self, reads: tuple[Read, ...]) -> str:
        """One key over the values `reads` name (in this order)."""
        digest = hashlib.sha256()
        for read in reads:
            digest.update(self._digest(read).encode())
        return digest.hexdigest()


def in_order(reads: set[Read]) -> tuple[Read, ...]:
    """A record in a fixed order, the same in every process."""
    return tuple(sorted(reads, key=repr))
