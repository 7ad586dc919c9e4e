"""Stage-boundary memos: each wraps a pure stage function and asks a store before calling it.

The stages never see the cache. Keys hash everything an output depends on:
- a parsed document: the whole `Document` (its body, path and front matter), the Markdown
  settings and the versions (`keys.versions`);
- a rendered page: its template's name, the page's view and site view, a digest of every
  template file, the site's settings and the versions;
- the search index: the bytes of every HTML page and the versions;
- one article's lint findings and one page's scanned ids and URLs (`memo`): the arguments.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from ..diagnostics import Diagnostic
from ..model import Document, OutputFile, ParsedDocument
from .cards import card_graph
from .keys import join_keys, key_of, label, label_of, versions
from .projection import load_keys, save_keys
from .reads import Digests, in_order, recording, same_object_key


class Cache(Protocol):
    """What a memo needs of a store (`store.Store` on disk, `store.MemoryStore` in memory)."""

    hits: int
    misses: int

    def get(self, space: str, key: str) -> Any | None: ...

    def put(self, space: str, key: str, value: Any) -> None: ...

    def replace(self, space: str, key: str, value: Any) -> None: ...

    def open(self, space: str) -> None: ...

    def sweep(self) -> int: ...


Parse = Callable[[Sequence[Document]], tuple[tuple[ParsedDocument, ...], list[Diagnostic]]]
Indexer = Callable[[Path, Path], list[Diagnostic]]


def cached_parse(cache: Cache, parse: Parse, settings: Any
                 ) -> Parse:
    """`parse` that converts only documents it has not seen with these Markdown `settings`."""

    cache.open("parse")

    def run(documents: Sequence[Document]
            ) -> tuple[tuple[ParsedDocument, ...], list[Diagnostic]]:
        load_keys(cache)  # for the link facts and cards of the stages after this one
        salt = key_of("parse", versions(), settings)  # hashed once, not once per document
        keys = [key_of(salt, doc) for doc in documents]
        found: dict[int, tuple[ParsedDocument, list[Diagnostic]]] = {}
        for i, key in enumerate(keys):
            hit = cache.get("parse", key)
            if hit is not None:
                found[i] = (dataclasses.replace(hit[0], document=documents[i]), hit[1])
                label(found[i][0], keys[i])
        missing = [i for i in range(len(documents)) if i not in found]
        if missing:
            parsed, problems = parse([documents[i] for i in missing])
            by_path: dict[str, list[Diagnostic]] = {documents[i].path: [] for i in missing}
            for problem in problems:
                by_path.setdefault(problem.path, []).append(problem)
            storable = len(by_path) == len(missing)  # every problem belongs to one document
            pages = {page.document.path: page for page in parsed}
            lost = []  # documents that gave no page (a conversion past its time limit)
            for i in missing:
                page = pages.get(documents[i].path)
                if page is None:
                    lost += by_path.get(documents[i].path, [])
                    continue
                found[i] = (page, by_path.get(documents[i].path, []))
                label(page, keys[i])
                if storable:  # without its document, which the key holds and a hit replaces
                    cache.put("parse", keys[i],
                              (dataclasses.replace(page, document=None), found[i][1]))
            if not storable:
                return _merge(found, len(documents))[0], problems
            merged, kept = _merge(found, len(documents))
            return merged, [*kept, *lost]
        return _merge(found, len(documents))

    return run


def memo(cache: Cache, space: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """`function` (pure, returning something other than None) computed once per distinct
    arguments; its results kept in `space`. The result (or each part of a tuple result) is
    labelled by its key, so a later key that holds it hashes the key, not the whole value.
    An argument passed again as the very same (immutable) object as in the last call (the
    lint settings, today's date) is hashed once, not once per call."""
    cache.open(space)  # before the stage forks workers that read it
    salt = key_of(space, versions())
    last: dict[int, tuple[Any, str]] = {}

    def part(position: int, argument: Any) -> str:
        own = label_of(argument)
        if own is not None:
            return own
        seen = last.get(position)
        if seen is not None and seen[0] is argument:
            return seen[1]
        key = key_of(argument)
        if not isinstance(argument, _MUTABLE):
            last[position] = (argument, key)
        return key

    def run(*args: Any) -> Any:
        key = join_keys(salt, *[part(i, arg) for i, arg in enumerate(args)])
        value = cache.get(space, key)
        if value is None:
            value = function(*args)
            cache.put(space, key, value)
        for i, part_of_value in enumerate(value if isinstance(value, tuple) else (value,)):
            label(part_of_value, f"{key}:{i}")
        return value

    return run


#: Arguments that could change between two calls while staying the same object.
_MUTABLE = (list, dict, set, bytearray)


def _merge(found: dict[int, tuple[ParsedDocument, list[Diagnostic]]], count: int
           ) -> tuple[tuple[ParsedDocument, ...], list[Diagnostic]]:
    pages = tuple(found[i][0] for i in range(count) if i in found)
    return pages, [d for i in range(count) if i in found for d in found[i][1]]


class CachedTemplates:
    """Stands in for `render.Templates`: a page whose inputs were rendered before is reused.
    Pages may be rendered in forked workers: the count of reused pages is in shared memory."""

    def __init__(self, templates: Any, cache: Cache, salt: Any) -> None:
        self.templates = templates
        self.cache = cache
        self.salt = key_of("render", versions(), salt)
        cache.open("render")
        cache.open("page")
        import multiprocessing  # here: a build with nothing changed never renders

        self._reused = multiprocessing.Value("q", 0)
        self._context: tuple[Any, str] | None = None
        self._digests: tuple[Any, Any, Digests] | None = None

    @property
    def reused(self) -> int:
        """Pages taken from the cache so far, in this process and its forked workers."""
        return int(self._reused.value)

    def render(self, name: str, **context: Any) -> tuple[str | None, Diagnostic | None]:
        """The page's text from the cache, else rendered by the real templates and stored."""
        try:
            key = key_of(self.salt, name, context)
        except TypeError:  # a view holding something without a stable key: always render
            return self.templates.render(name, **context)
        text = self.cache.get("render", key)
        if text is not None:
            with self._reused.get_lock():
                self._reused.value += 1
            return text, None
        text, problem = self.templates.render(name, **context)
        if text is not None and problem is None:
            self.cache.put("render", key, text)
        return text, problem

    def render_page(self, url: str, name: str, site: Any, make_view: Callable[[Any], Any],
                    ctx: Any) -> tuple[str | None, Diagnostic | None]:
        """The page at `url`, reused when everything its view was made from is as when it was
        last rendered: the view maker and its arguments, the context besides the graph, the
        site view, and each value of the graph the view read (`reads`); else made with the
        graph's reads recorded, rendered and stored with that record."""
        try:
            entry_key = join_keys(self.salt, name, url)
            made_from = key_of(self._context_key(ctx), same_object_key(site), make_view)
        except TypeError:  # something without a stable key: always render
            return self.templates.render_page(url, name, site, make_view, ctx)
        cards, digests = self._digests_of(ctx.graph)
        stored = self.cache.get("page", entry_key)
        if stored is not None:
            recorded, digest, text = stored
            if digest == join_keys(made_from, digests.key(recorded)):
                with self._reused.get_lock():
                    self._reused.value += 1
                return text, None
        graph, seen = recording(cards)
        text, problem = self.templates.render_page(url, name, site, make_view,
                                                   dataclasses.replace(ctx, graph=graph))
        if text is not None and problem is None:
            recorded = in_order(seen)
            self.cache.replace("page", entry_key,
                               (recorded, join_keys(made_from, digests.key(recorded)), text))
        return text, problem

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


def reused_index(cache: Cache, files: Sequence[OutputFile], index: Indexer,
                 folder: str) -> Indexer:
    """`index`, skipped when the same HTML pages were indexed before: the stored index files
    (under `folder` of the site) are put in place instead, hard-linked where the output
    already holds the same bytes."""
    pages = sorted((f.path, hashlib.sha256(f.data).hexdigest())
                   for f in files if f.path.endswith(".html"))
    key = key_of("index", versions(), folder, pages)

    def run(staged: Path, out: Path) -> list[Diagnostic]:
        stored = cache.get("index", key)
        if stored is not None:
            _place(stored, staged / folder, out / folder)
            return []
        problems = index(staged, out)
        if not problems:
            cache.put("index", key, {p.relative_to(staged / folder).as_posix(): p.read_bytes()
                                     for p in sorted((staged / folder).rglob("*"))
                                     if p.is_file()})
        return problems

    return run


def _place(stored: dict[str, bytes], target: Path, current: Path) -> None:
    for name, data in stored.items():
        path, old = target / name, current / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            if old.stat().st_size == len(data) and old.read_bytes() == data:
                os.link(old, path)
                continue
        path.write_bytes(data)
