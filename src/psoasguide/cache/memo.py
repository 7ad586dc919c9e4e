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
from pathlib import Path, PurePosixPath
from typing import Any, Protocol

from ..diagnostics import Diagnostic
from ..model import Document, OutputFile, ParsedDocument
from .keys import join_keys, key_of, label, label_of, versions
from .projection import load_keys
from .protocol import Cache
from .recent import recent

Parse = Callable[[Sequence[Document]], tuple[tuple[ParsedDocument, ...], list[Diagnostic]]]


class Indexing(Protocol):
    """A search index being made (`output.search.Indexing`): wait for it, or stop it."""

    def result(self) -> list[Diagnostic]: ...

    def cancel(self) -> None: ...


#: Starts indexing a staged site: (staging folder, output folder) -> the index being made.
Indexer = Callable[[Path, Path], Indexing]


def cached_parse(cache: Cache, parse: Parse, settings: Any
                 ) -> Parse:
    """`parse` that converts only documents it has not seen with these Markdown `settings`."""
    same = recent(cache, "parse")
    cache.open("parse")

    def run(documents: Sequence[Document]
            ) -> tuple[tuple[ParsedDocument, ...], list[Diagnostic]]:
        load_keys(cache)  # for the link facts and cards of the stages after this one
        salt = key_of("parse", versions(), settings)  # hashed once, not once per document
        found: dict[int, tuple[ParsedDocument, list[Diagnostic]]] = {}
        keys: dict[int, str] = {}
        for i, doc in enumerate(documents):
            if same is not None and (known := same.get((salt, doc))) is not None:
                found[i] = known  # the very document of the last build: the same page
                continue
            keys[i] = key_of(salt, doc)
            hit = cache.get("parse", keys[i])
            if isinstance(hit, tuple) and len(hit) == 2 and isinstance(hit[0], ParsedDocument):
                found[i] = (dataclasses.replace(hit[0], document=doc,
                                                masked=hit[0].masked or doc.body), hit[1])
                label(found[i][0], keys[i])
        missing = [i for i in range(len(documents)) if i not in found]
        problems: list[Diagnostic] = []
        if missing:
            problems = _convert(cache, parse, documents, missing, keys, found)
        if same is not None:
            for i, known in found.items():
                same.put((salt, documents[i]), known)
        merged, kept = _merge(found, len(documents))
        return merged, [*kept, *problems]

    return run


def _convert(cache: Cache, parse: Parse, documents: Sequence[Document], missing: list[int],
             keys: dict[int, str], found: dict[int, tuple[ParsedDocument, list[Diagnostic]]]
             ) -> list[Diagnostic]:
    """Parse the `missing` documents into `found` and store them; the problems of documents
    that gave no page (a conversion past its time limit), or every problem when one cannot
    be told apart by document (then nothing is stored, nor merged by document)."""
    parsed, problems = parse([documents[i] for i in missing])
    by_path: dict[str, list[Diagnostic]] = {documents[i].path: [] for i in missing}
    for problem in problems:
        by_path.setdefault(problem.path, []).append(problem)
    storable = len(by_path) == len(missing)  # every problem belongs to one document
    pages = {page.document.path: page for page in parsed}
    lost: list[Diagnostic] = []
    for i in missing:
        page = pages.get(documents[i].path)
        if page is None:
            lost += by_path.get(documents[i].path, [])
            continue
        found[i] = (page, by_path.get(documents[i].path, []) if storable else [])
        label(page, keys[i])
        if storable:
            cache.put("parse", keys[i], (_entry(page), found[i][1]))
    return lost if storable else problems


def _entry(page: ParsedDocument) -> ParsedDocument:
    """What the cache keeps of a parsed page: not its document (the key holds it, a hit puts
    it back), nor its masked body when that is the body (a body without code: a hit takes the
    document's), nor its text blocks (the linter finds them again in its HTML, for the few
    pages it checks again). A third of the entry, and of what a build from the cache holds."""
    masked = "" if page.masked == page.document.body else page.masked
    return dataclasses.replace(page, document=None, masked=masked, text_blocks=None)


def memo(cache: Cache, space: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """`function` (pure, returning something other than None) computed once per distinct
    arguments; its results kept in `space`. The result (or each part of a tuple result) is
    labelled by its key, so a later key that holds it hashes the key, not the whole value.
    An argument passed again as the very same (immutable) object as in the last call (the
    lint settings, today's date) is hashed once, not once per call."""
    same = recent(cache, space)
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
        if same is not None and (value := same.get(args)) is not None:
            return value  # the very arguments of a call in the last build: labelled then
        key = join_keys(salt, *[part(i, arg) for i, arg in enumerate(args)])
        value = cache.get(space, key)
        if value is None:
            value = function(*args)
            cache.put(space, key, value)
        for i, part_of_value in enumerate(value if isinstance(value, tuple) else (value,)):
            label(part_of_value, f"{key}:{i}")
        if same is not None:
            same.put(args, value)
        return value

    return run


#: Arguments that could change between two calls while staying the same object.
_MUTABLE = (list, dict, set, bytearray)


def _merge(found: dict[int, tuple[ParsedDocument, list[Diagnostic]]], count: int
           ) -> tuple[tuple[ParsedDocument, ...], list[Diagnostic]]:
    pages = tuple(found[i][0] for i in range(count) if i in found)
    return pages, [d for i in range(count) if i in found for d in found[i][1]]


def reused_index(cache: Cache, files: Sequence[OutputFile], index: Indexer,
                 folder: str) -> Indexer:
    """`index`, skipped when the same HTML pages were indexed before: the stored index files
    (under `folder` of the site) are put in place instead, hard-linked where the output
    already holds the same bytes. A new index is stored once it is complete."""
    pages = sorted((f.path, hashlib.sha256(f.data).hexdigest())
                   for f in files if f.path.endswith(".html"))
    key = key_of("index", versions(), folder, pages)

    def run(staged: Path, out: Path) -> Indexing:
        stored = cache.get("index", key)
        if _is_index(stored):
            _place(stored, staged / folder, out / folder)
            return _Placed()
        return _Storing(index(staged, out), lambda: cache.put("index", key, {
            p.relative_to(staged / folder).as_posix(): p.read_bytes()
            for p in sorted((staged / folder).rglob("*")) if p.is_file()}))

    return run


def _is_index(stored: Any) -> bool:
    """True when `stored` is a stored index: file names inside its folder (no absolute path,
    no `..`: a crafted entry cannot write elsewhere) and their bytes."""
    return isinstance(stored, dict) and all(
        isinstance(name, str) and isinstance(data, bytes) and name
        and not PurePosixPath(name).is_absolute() and ".." not in PurePosixPath(name).parts
        and "\\" not in name for name, data in stored.items())


class _Placed:
    """A stored index, already in place."""

    def result(self) -> list[Diagnostic]:
        return []

    def cancel(self) -> None:
        pass


class _Storing:
    """A new index, stored by `store` once it is complete."""

    def __init__(self, indexing: Indexing, store: Callable[[], None]) -> None:
        self.indexing, self.store = indexing, store

    def result(self) -> list[Diagnostic]:
        problems = self.indexing.result()
        if not problems:
            self.store()
        return problems

    def cancel(self) -> None:
        self.indexing.cancel()


def _place(stored: dict[str, bytes], target: Path, current: Path) -> None:
    for name, data in stored.items():
        path, old = target / name, current / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            if old.stat().st_size == len(data) and old.read_bytes() == data:
                os.link(old, path)
                continue
        path.write_bytes(data)
