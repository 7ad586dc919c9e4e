"""Pages rendered before, reused: `CachedTemplates` stands in for `render.Templates`.

A page's record (space "page", one per template and URL) holds what its view read of the site
graph as pages see each other (`cards`), a key of everything the view was made from with the
values it read (`reads.Digests`), and the page's bytes; a later build reuses the bytes while
that key is the same.

In the dev server's store, which keeps values as they were made, a page whose view maker, site
view and context are those of the last build is reused with no key hashed: each value it read
is compared with the one it read then, the same object or an equal one (`recent`).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from typing import Any

from ..diagnostics import Diagnostic
from .cards import card_graph
from .keys import join_keys, key_of, versions
from .projection import save_keys
from .protocol import Cache
from .reads import Digests, Read, in_order, recording, same_object_key, value_of
from .recent import recent

#: Stands, among the reads whose change is remembered, for "any mapping of the graph".
_EVERY_FIELD = ("*graph*",)


class CachedTemplates:
    """Stands in for `render.Templates`: a page whose inputs were rendered before is reused.
    Pages may be rendered in forked workers: they count reused pages in shared memory."""

    def __init__(self, templates: Any, cache: Cache, salt: Any) -> None:
        self.templates = templates
        self.cache = cache
        self.salt = key_of("render", versions(), salt)
        cache.open("render")
        cache.open("page")
        import multiprocessing  # here: a build with nothing changed never renders

        self._reused = multiprocessing.Value("q", 0)
        self._reused_here = 0  # counted without the shared value's lock
        self._pid = os.getpid()
        self._context: tuple[Any, str] | None = None
        self._digests: tuple[Any, Any, Digests] | None = None
        self._same = recent(cache, "page")
        #: Per graph of cards a record was taken in: whether each read's value differs now.
        self._changed: dict[int, dict[Read, bool]] = {}

    @property
    def reused(self) -> int:
        """Pages taken from the cache so far, in this process and its forked workers."""
        return self._reused_here + int(self._reused.value)

    def _count_reuse(self) -> None:
        if os.getpid() == self._pid:
            self._reused_here += 1
            return
        with self._reused.get_lock():
            self._reused.value += 1

    def render(self, name: str, **context: Any) -> tuple[str | None, Diagnostic | None]:
        """The page's text from the cache, else rendered by the real templates and stored."""
        try:
            key = key_of(self.salt, name, context)
        except TypeError:  # a view holding something without a stable key: always render
            return self.templates.render(name, **context)
        text = self.cache.get("render", key)
        if text is not None:
            self._count_reuse()
            return text, None
        text, problem = self.templates.render(name, **context)
        if text is not None and problem is None:
            self.cache.put("render", key, text)
        return text, problem

    def render_page(self, url: str, name: str, site: Any, make_view: Callable[[Any], Any],
                    ctx: Any) -> tuple[bytes | None, Diagnostic | None]:
        """The page at `url`, reused when everything its view was made from is as when it was
        last rendered: the view maker and its arguments, the context besides the graph, the
        site view, and each value of the graph the view read (`reads`); else made with the
        graph's reads recorded, rendered and stored with that record."""
        try:
            entry_key = join_keys(self.salt, name, url)
            made_of = (self._context_key(ctx), same_object_key(site))
        except TypeError:  # something without a stable key: always render
            return self.templates.render_page(url, name, site, make_view, ctx)
        cards, digests = self._digests_of(ctx.graph)
        same = (entry_key, *made_of, make_view)
        if self._same is not None:
            known = self._same.get(same)
            if known is not None and self._unchanged(known[0], cards, known[1]):
                self._same.put(same, (cards, *known[1:]))
                self._count_reuse()
                return known[2], None
        try:
            made_from = key_of(*made_of, make_view)
        except TypeError:
            return self.templates.render_page(url, name, site, make_view, ctx)
        stored = self.cache.get("page", entry_key)
        if stored is not None and stored[1] == join_keys(made_from, digests.key(stored[0])):
            self._remember(same, cards, stored[0], stored[2])
            self._count_reuse()
            return stored[2], None
        graph, seen = recording(cards)
        data, problem = self.templates.render_page(url, name, site, make_view,
                                                   dataclasses.replace(ctx, graph=graph))
        if data is not None and problem is None:
            recorded = in_order(seen)
            self.cache.replace("page", entry_key,
                               (recorded, join_keys(made_from, digests.key(recorded)), data))
            self._remember(same, cards, recorded, data)
        return data, problem

    def _remember(self, same: tuple[Any, ...], cards: Any, recorded: tuple[Read, ...],
                  data: bytes) -> None:
        if self._same is not None:
            self._same.put(same, (cards, recorded, data))

    def _unchanged(self, then: Any, now: Any, reads: tuple[Read, ...]) -> bool:
        """Whether every value `reads` names is in the graph `now` as it was in `then`."""
        changed = self._changed.setdefault(id(then), {})  # `then` is held by its records
        if changed.get(_EVERY_FIELD) is None:  # the same graph, or one sharing every mapping
            changed[_EVERY_FIELD] = not all(
                getattr(then, f.name) is getattr(now, f.name) for f in dataclasses.fields(now))
        if not changed[_EVERY_FIELD]:
            return True
        for read in reads:
            differs = changed.get(read)
            if differs is None:
                differs = changed[read] = _differs(then, now, read, changed)
            if differs:
                return False
        return True

    def _context_key(self, ctx: Any) -> str:
        """The key of the render context's fields other than the graph (once per context)."""
        if self._context is None or self._context[0] is not ctx:
            rest = [getattr(ctx, f.name) for f in dataclasses.fields(ctx)
                    if f.init and f.name != "graph"]
            self._context = (ctx, key_of(rest))
        return self._context[1]

    def _digests_of(self, graph: Any) -> tuple[Any, Digests]:
        """The graph as pages see other pages (`cards`), and keys of what is read in it."""
        if self._digests is None or self._digests[0] is not graph:
            cards = card_graph(graph)
            save_keys(self.cache)  # the last projections a build makes
            self._digests = (graph, cards, Digests(cards))
        return self._digests[1:]

    def preload(self, ctx: Any = None) -> None:
        """The graph as pages see each other, made once before the pages are shared out to
        forked workers (most pages come from the cache: a worker compiles only the templates
        of the pages it renders)."""
        if ctx is not None:
            self._digests_of(ctx.graph)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.templates, name)


def _differs(then: Any, now: Any, read: Read, changed: dict[Any, bool]) -> bool:
    """Whether the value `read` names differs between the graphs `then` and `now`: neither
    the same object nor an equal one. A mapping the two graphs share (the link stage's
    connections, while no page's links changed) answers for all its keys at once."""
    name = read[0]
    field = changed.get(name)
    if field is None:
        field = changed[name] = getattr(then, name) is not getattr(now, name)
    if not field:
        return False
    old, new = value_of(then, read), value_of(now, read)
    return not (old is new or (type(old) is type(new) and old == new))
