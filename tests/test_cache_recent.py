"""The dev server's memo by identity: a call whose arguments are the very objects of the last
build's call (or equal scalars, or the same labels) has its result; anything else is asked for
again, through keys. A wrong hit would serve a stale page, so the misses matter most."""

from __future__ import annotations

import gc
import weakref
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from markupsafe import Markup
from sample_site import TODAY, write_site

from psoasguide.cache import MemoryStore, memo
from psoasguide.cache.keys import label
from psoasguide.cache.recent import Recent, recent
from psoasguide.frozen import FrozenMap
from psoasguide.model import BuildConfig, Search
from psoasguide.pipeline import build


@dataclass(frozen=True)
class Part:
    name: str
    items: tuple[object, ...] = ()


@dataclass
class Loose:  # not frozen: only the very object may stand for it
    name: str


class Box:
    pass


def _table(*args: object) -> Recent:
    table = Recent()
    table.put(args, "result")
    return table


def test_the_same_objects_and_equal_scalars_find_the_last_result() -> None:
    box, part = Box(), Part("a", (1, "x"))
    table = _table(box, part, "text", 3, [1, 2])
    table.turn()  # the next build
    assert table.get((box, Part("a", part.items), "te" + "xt", 3, [1, 2])) == "result"


def test_values_that_merely_compare_equal_are_told_apart() -> None:
    table = _table(1, "a", Part("p", (Box(),)))
    assert table.get((True, "a", Part("p", (Box(),)))) is None
    assert table.get((1.0, "a", Part("p", (Box(),)))) is None
    assert _table(Markup("<b>")).get(("<b>",)) is None  # a Markup renders otherwise
    assert _table(Loose("a")).get((Loose("a"),)) is None  # mutable: by identity only


def test_values_labelled_alike_stand_for_each_other_and_unlike_do_not() -> None:
    first, again, other = Box(), Box(), Box()
    label(first, "k1")
    label(again, "k1")
    label(other, "k2")
    table = _table(first)
    assert table.get((again,)) == "result"
    assert table.get((other,)) is None
    assert _table("k1").get((again,)) is None  # a label is not the string it spells


def test_partials_compare_by_function_and_arguments() -> None:
    page = Box()
    table = _table(partial(print, page, sep=""))
    assert table.get((partial(print, page, sep=""),)) == "result"
    assert table.get((partial(print, Box(), sep=""),)) is None
    assert table.get((partial(repr, page),)) is None


def test_containers_made_anew_of_the_very_parts_are_found_and_their_parts_held() -> None:
    page, data = Box(), Box()
    table = _table(partial(print, page), [data], Part("a", (data,)))
    table.turn()  # the next build makes its view makers, lists and files anew
    assert table.get((partial(print, page), [data], Part("a", (data,)))) == "result"
    assert table.get((partial(print, page), [Box()], Part("a", (data,)))) is None
    assert table.get((partial(print, page), [data], Part("a", (Box(),)))) is None
    fresh = Box()
    table.put((partial(print, page), [fresh], Part("b")), "other")
    watcher = weakref.ref(fresh)
    del fresh
    gc.collect()
    assert watcher() is not None  # the list that named it by its id is held with it
    table.turn()
    assert table.get((partial(print, page), [watcher()], Part("b"))) == "other"


@dataclass(frozen=True)
class LinkRules:  # as the link stage's settings: made anew every build
    slugs: frozenset[str]
    anchors: FrozenMap[str, frozenset[str]]


def test_sets_of_strings_and_frozen_maps_made_anew_compare_by_content() -> None:
    def rules(anchor: str, *slugs: str) -> LinkRules:
        return LinkRules(frozenset(slugs), FrozenMap({"kind": frozenset({anchor})}))

    table = _table(rules("steps", "a", "b"))
    table.turn()
    assert table.get((rules("steps", "b", "a"),)) == "result"
    assert table.get((rules("dose", "a", "b"),)) is None
    assert table.get((rules("steps", "a"),)) is None


def test_a_table_keeps_two_builds_and_holds_what_it_remembers() -> None:
    kept = Box()
    table = _table(kept)
    watcher = weakref.ref(kept)
    del kept
    gc.collect()
    assert watcher() is not None  # held: its id cannot be taken by a new object
    table.turn()
    table.turn()  # two builds without asking for it
    gc.collect()
    assert watcher() is None


def test_a_folder_cache_has_no_table_and_a_memory_store_one_per_space() -> None:
    class Folder:
        pass

    assert recent(Folder(), "lint") is None
    store = MemoryStore()
    assert recent(store, "lint") is recent(store, "lint") is not recent(store, "scan")


def test_a_memo_over_a_memory_store_skips_the_key_for_the_same_arguments() -> None:
    store, calls = MemoryStore(), []
    arg = Part("a", (Box(),))

    def double(part: Part) -> tuple[str, str]:
        calls.append(part)
        return part.name, part.name

    assert memo(store, "s", double)(arg) == ("a", "a")
    gets = store.hits + store.misses
    assert memo(store, "s", double)(arg) == ("a", "a")  # the next build
    assert (len(calls), store.hits + store.misses) == (1, gets)
    memo(store, "s", double)(Part("a", (Box(),)))  # another object inside: asked by key
    assert store.hits + store.misses == gets + 1


def test_rebuilds_in_memory_after_edits_match_a_clean_build(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site")
    store = MemoryStore()

    def both() -> tuple[dict[str, bytes], dict[str, bytes]]:
        served = build(BuildConfig(root=root, write=False, today=TODAY, store=store,
                                   search=Search.OFF))
        fresh = build(BuildConfig(root=root, write=False, today=TODAY, cache=False,
                                  search=Search.OFF))
        return ({f.path: f.data for f in served.files}, {f.path: f.data for f in fresh.files})

    served, fresh = both()
    assert served == fresh
    cause = root / "content/causes/sitting.md"
    cause.write_text(cause.read_text().replace("title: ", "title: Long ", 1))
    served, fresh = both()
    assert served == fresh
    assert any(b"Long " in data for path, data in served.items() if "causes" not in path)
