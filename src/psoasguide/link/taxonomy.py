"""Taxonomies: tags, difficulty, equipment and stretch type, each with its terms and pages."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from ..content.load import suggest_slug
from ..diagnostics import Diagnostic, warning
from ..frozen import FrozenMap
from ..model import Document, Kind
from .facts import FIELD_TAXONOMIES, LinkFacts


@dataclass(frozen=True)
class Taxonomy:
    """A way of grouping pages; `section` is its URL folder."""

    key: str
    section: str
    title: str
    singular: str


@dataclass(frozen=True)
class Term:
    """One value of a taxonomy, with a normalised slug and the pages that have it."""

    slug: str
    label: str
    pages: tuple[str, ...]


TAXONOMIES: tuple[Taxonomy, ...] = (
    Taxonomy("tags", "tags", "Tags", "Tag"),
    Taxonomy("difficulty", "difficulty", "Difficulty", "Difficulty"),
    Taxonomy("equipment", "equipment", "Equipment", "Equipment"),
    Taxonomy("type", "types", "Exercise types", "Type"),
)


@lru_cache(maxsize=4096)
def term_slug(label: str) -> str:
    """`Hip flexors` and `hip-flexors` share the slug `hip-flexors`."""
    return suggest_slug(label) or "term"


def term_values(doc: Document, key: str) -> tuple[str, ...]:
    """The terms `doc` has in the taxonomy `key`, as written."""
    if key == "tags":
        return doc.tags
    if doc.kind is not Kind.STRETCH:
        return ()
    value = doc.fields[key]
    return tuple(value) if isinstance(value, tuple) else (value,)


def _values(page: LinkFacts, key: str) -> tuple[str, ...]:
    return page.tags if key == "tags" else page.terms[FIELD_TAXONOMIES.index(key)]


def build_taxonomies(pages: Mapping[str, LinkFacts]
                     ) -> tuple[FrozenMap[str, tuple[Term, ...]], list[Diagnostic]]:
    """Every taxonomy's terms in slug order; a tag used on one page only is a warning."""
    out: dict[str, tuple[Term, ...]] = {}
    problems: list[Diagnostic] = []
    slugs = sorted(pages)
    for taxonomy in TAXONOMIES:
        members: dict[str, dict[str, None]] = defaultdict(dict)  # term -> its pages, in order
        labels: dict[str, Counter[str]] = defaultdict(Counter)
        for slug in slugs:
            for value in _values(pages[slug], taxonomy.key):
                term = term_slug(value)
                members[term][slug] = None
                labels[term][value] += 1
        out[taxonomy.key] = tuple(
            Term(term, sorted(labels[term].items(), key=lambda kv: (-kv[1], kv[0]))[0][0],
                 tuple(sorted(members[term], key=lambda s: (pages[s].title.casefold(), s))))
            for term in sorted(members))
    for term in out["tags"]:
        if len(term.pages) == 1:
            doc = pages[term.pages[0]]
            index = next(i for i, t in enumerate(doc.tags) if term_slug(t) == term.slug)
            mark = doc.mark("tags", index)
            problems.append(warning(doc.path, mark.line, mark.col, "lonely-tag",
                                    f"tag '{doc.tags[index]}' is used on this page only",
                                    "a typo? tags group pages; use one that others use"))
    return FrozenMap(out), problems
