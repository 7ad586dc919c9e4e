"""What a page read of the site graph is recorded, and only a change to what it read is a new
key: the ground on which the render cache reuses a page without making its view."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from psoasguide.cache.reads import EVERY, Digests, in_order, recording
from psoasguide.frozen import FrozenMap


@dataclass(frozen=True)
class Graph:
    pages: Any = field(default_factory=FrozenMap)
    links: Any = field(default_factory=FrozenMap)


GRAPH = Graph(FrozenMap({"a": "A", "b": "B"}), FrozenMap({"a": ("b",)}))


def test_keys_asked_for_are_recorded_and_a_walk_records_every_key() -> None:
    graph, reads = recording(GRAPH)
    assert graph.pages["a"] == "A" and graph.links.get("a") == ("b",)
    assert graph.pages.get("zz") is None and "b" in graph.pages
    assert reads == {("pages", "a"), ("links", "a"), ("pages", "zz"), ("pages", "b")}
    assert sorted(graph.links) == ["a"]
    assert ("links", EVERY) in reads


def test_a_key_changes_only_with_a_value_that_was_read() -> None:
    graph, reads = recording(GRAPH)
    _ = graph.pages["a"], graph.pages.get("missing")
    record = in_order(reads)
    before = Digests(GRAPH).key(record)
    other_page = Graph(FrozenMap({"a": "A", "b": "changed"}), GRAPH.links)
    assert Digests(other_page).key(record) == before
    read_page = Graph(FrozenMap({"a": "changed", "b": "B"}), GRAPH.links)
    assert Digests(read_page).key(record) != before
    appeared = Graph(FrozenMap({**GRAPH.pages, "missing": "here now"}), GRAPH.links)
    assert Digests(appeared).key(record) != before


def test_a_walked_mapping_changes_the_key_when_any_entry_changes() -> None:
    graph, reads = recording(GRAPH)
    _ = list(graph.pages.items())
    record = in_order(reads)
    added = Graph(FrozenMap({**GRAPH.pages, "c": "C"}), GRAPH.links)
    assert Digests(added).key(record) != Digests(GRAPH).key(record)


def test_values_seen_in_the_last_graph_are_not_hashed_again(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from psoasguide.cache import reads as module

    hashed: list[object] = []
    real = module.key_of
    monkeypatch.setattr(module, "key_of", lambda value: hashed.append(value) or real(value))
    links = FrozenMap({"a": tuple(["b", "c"])})  # made here: an object no other test read
    first = Graph(FrozenMap({"a": "A"}), links)
    record = (("links", "a"), ("pages", "a"))
    before = Digests(first).key(record)
    assert links["a"] in hashed
    hashed.clear()
    page = "".join(["A", "2"])
    second = Graph(FrozenMap({"a": page}), links)  # a new graph, the same links value
    assert Digests(second).key(record) != before
    assert hashed == [page]
    equal_copy = Graph(FrozenMap({"a": "A2"}), FrozenMap({"a": ("b", "c")}))
    assert Digests(equal_copy).key(record) == Digests(second).key(record)
