"""Discover content files and turn each into a validated `Document`."""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .. import schema as s
from ..diagnostics import Diagnostic, error
from ..forked import map_pages
from ..frozen import FrozenMap, freeze
from ..layout import CONTENT_DIR
from ..model import (
    ClinicalReview,
    Document,
    FrontMatter,
    Kind,
    Reference,
    Relation,
    RoutineItem,
    SourceFile,
)
from ..textfile import decode
from .dose import EXERCISE_FIELDS, check_exercise_dose, make_dose
from .frontmatter import parse_front_matter
from .kinds import OWN_FIELDS, RELATION_KEYS, fields_for

#: The largest article file the build accepts (8 MiB); a bigger one is a `too-large` error.
MAX_ARTICLE_BYTES = 8 * 1024 * 1024
_SECTIONS = {k.section: k for k in Kind}


def suggest_slug(name: str) -> str:
    """A slug made from any title or file name: lowercase ASCII words joined by hyphens."""
    folded = unicodedata.normalize("NFKD", name)  # 'Über' -> 'U' + combining mark -> 'uber'
    ascii_name = folded.encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_name))


def discover(root: Path) -> tuple[list[tuple[str, Kind]], list[Diagnostic]]:
    """Every `content/<section>/<slug>.md` (its path from the site root, with forward slashes,
    and its kind), in a stable order; nothing is read yet."""
    found: list[tuple[str, Kind]] = []
    problems: list[Diagnostic] = []
    base = root / CONTENT_DIR

    def unreadable(exc: OSError) -> None:
        rel = Path(exc.filename or base).relative_to(root).as_posix()
        problems.append(error(rel, 1, 1, "unreadable", f"cannot read folder: {exc.strerror}"))

    if not base.is_dir():
        return [], [error(CONTENT_DIR, 1, 1, "unreadable", "there is no content/ folder",
                          "put articles in content/<section>/<slug>.md")]
    start = len(str(base))  # every folder walked starts with the base's path
    for folder, dirs, files in os.walk(base, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        prefix = CONTENT_DIR + folder[start:].replace(os.sep, "/") + "/"  # content/<section>/
        parts = prefix.split("/")
        kind = _SECTIONS.get(parts[1]) if len(parts) == 3 else None
        for name in sorted(f for f in files if f.endswith(".md") and not f.startswith(".")):
            if kind is None:
                problems.append(error(prefix + name, 1, 1, "unknown-section",
                                      "articles belong in content/<section>/<slug>.md",
                                      "sections: " + ", ".join(_SECTIONS)))
                continue
            found.append((prefix + name, kind))
    return found, problems


def read_source(root: Path, rel: str) -> tuple[SourceFile | None, list[Diagnostic]]:
    """The content file at `rel` under `root`, read and decoded; None when it cannot be."""
    file = root / rel
    try:
        size = file.stat().st_size
        data = file.read_bytes() if size <= MAX_ARTICLE_BYTES else b""
    except OSError as exc:
        return None, [error(rel, 1, 1, "unreadable", f"cannot read: {exc.strerror}")]
    if size > MAX_ARTICLE_BYTES:
        return None, [error(rel, 1, 1, "too-large", f"the file has {size:,} bytes; an "
                            f"article may have at most {MAX_ARTICLE_BYTES:,} (8 MiB)",
                            "split it into several articles")]
    text, problems = decode(data, rel)
    return (SourceFile(rel, text) if text is not None else None), problems


def _relations(fm: FrontMatter, key: str, values: tuple[str, ...]) -> tuple[Relation, ...]:
    out = []
    for i, slug in enumerate(values):
        m = fm.mark(key, i)
        out.append(Relation(slug, m.line, m.col))
    return tuple(out)


def _items(fm: FrontMatter, items: tuple[Mapping[str, Any], ...]) -> tuple[RoutineItem, ...]:
    out = []
    for i, item in enumerate(items):
        m = fm.mark("items", i, "stretch")
        out.append(RoutineItem(Relation(item["stretch"], m.line, m.col), item["hold_seconds"],
                               item["reps"], item["sets"], item["note"]))
    return tuple(out)


def make_document(source: SourceFile, kind: Kind, today: dt.date
                  ) -> tuple[Document | None, list[Diagnostic]]:
    """Validate one file's front matter against its kind; None when it has any error."""
    fm, problems = parse_front_matter(source.text, source.path)
    stem = source.path.rsplit("/", 1)[-1][:-3]
    if not s.SLUG_RE.fullmatch(stem):
        problems.append(error(source.path, 1, 1, "bad-slug",
                              f"file name '{stem}.md' is not a valid slug",
                              f"rename it to '{suggest_slug(stem) or 'page'}.md'"))
    if fm is None:
        return None, problems
    ctx = s.Context(source.path, fm.marks, fm.key_marks)
    data = s.check_mapping(fm.data, fields_for(kind, today), (), ctx)
    if data is not s.INVALID and kind is Kind.STRETCH:
        check_exercise_dose(data, ctx)
    problems += ctx.diagnostics
    if data is s.INVALID or problems:
        return None, problems
    own = {k: data[k] for k in OWN_FIELDS[kind]
           if k not in RELATION_KEYS and k != "items" and k not in EXERCISE_FIELDS}
    if kind is Kind.STRETCH:
        own["dose"] = make_dose(data)
    relations = {k: _relations(fm, k, data[k]) for k in RELATION_KEYS if k in data}
    return Document(
        path=source.path, kind=kind, slug=stem, title=data["title"], summary=data["summary"],
        reviewed=data["reviewed"], body=fm.body, body_line=fm.body_line,
        references=tuple(Reference(**r) for r in data["references"]),
        tags=data["tags"], aliases=data["aliases"], draft=data["draft"], date=data["date"],
        weight=data["weight"], fields=freeze(own), relations=FrozenMap(relations),
        items=_items(fm, data["items"]) if kind is Kind.ROUTINE else (),
        clinical_review=ClinicalReview(**data["clinical_review"])
        if data["clinical_review"] else None,
        marks=FrozenMap(fm.marks), key_marks=FrozenMap(fm.key_marks), front_matter=fm.text,
    ), []


def load_documents(root: Path, today: dt.date,
                   make: Callable[..., tuple[Document | None, list[Diagnostic]]] = make_document,
                   read: Callable[[Path, str], tuple[SourceFile | None, list[Diagnostic]]]
                   = read_source, jobs: int = 1
                   ) -> tuple[tuple[Document, ...], list[Diagnostic]]:
    """Read every article with `read` and validate it with `make` (`read_source` and
    `make_document`, or stand-ins with their signatures, such as a cache's memos), on up to
    `jobs` processes; report duplicate slugs across the site."""
    paths, problems = discover(root)
    documents: list[Document] = []
    first_path: dict[str, str] = {}

    def load_one(index: int) -> tuple[bool, list[Diagnostic], Document | None, list[Diagnostic]]:
        """Whether the file was read, its read problems, its document and its problems."""
        path, kind = paths[index]
        source, found = read(root, path)
        if source is None:
            return False, found, None, []
        return (True, found, *make(source, kind, today))

    for (path, _kind), (was_read, found, document, invalid) in zip(
            paths, map_pages(load_one, len(paths), jobs), strict=True):
        problems += found
        if not was_read:
            continue
        stem = path.rsplit("/", 1)[-1][:-3]
        duplicate = stem in first_path
        if duplicate:
            problems.append(error(path, 1, 1, "duplicate-slug",
                                  f"slug '{stem}' is already used by {first_path[stem]}",
                                  "slugs are unique across the whole site; rename one file"))
        first_path.setdefault(stem, path)
        problems += invalid
        if document is not None and not duplicate:  # the first keeps the slug: links to it
            documents.append(document)  # are not reported as going to the wrong kind
    return tuple(documents), problems
