"""The site graph: every page, its resolved relations and links, as read-only mappings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..frozen import FrozenMap, freeze
from ..model import Document, Kind, ParsedDocument
from .facts import LinkFacts
from .related import Related
from .taxonomy import Term

#: Relation -> (kind its targets must be, name of the inverse list on the target's page).
RELATIONS: Mapping[str, tuple[Kind | None, str]] = {
    "targets": (Kind.ANATOMY, "targeted-by"),
    "helps": (Kind.CAUSE, "helped-by"),
    "affects": (Kind.ANATOMY, "affected-by"),
    "related": (None, ""),
    "items": (Kind.STRETCH, "in-routine"),
}

@dataclass(frozen=True)
class ResolvedLink:
    """A body link filled in: the target's site-absolute URL (with anchor) and its text."""

    url: str
    text: str
    target: str  # slug of the target page

    def __reduce__(self) -> tuple[type[ResolvedLink], tuple[str, str, str]]:
        # Pickled as a call with its fields: a graph's many links load fast from the cache.
        return ResolvedLink, (self.url, self.text, self.target)


@dataclass(frozen=True)
class SiteGraph:
    """Pages that will be written, keyed by slug, with their resolved connections."""

    pages: Mapping[str, ParsedDocument]
    relations: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=FrozenMap)
    inverse: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=FrozenMap)
    links: Mapping[str, tuple[ResolvedLink | None, ...]] = field(default_factory=FrozenMap)
    backlinks: Mapping[str, tuple[str, ...]] = field(default_factory=FrozenMap)
    related: Mapping[str, tuple[Related, ...]] = field(default_factory=FrozenMap)
    taxonomies: Mapping[str, tuple[Term, ...]] = field(default_factory=FrozenMap)
    redirects: Mapping[str, str] = field(default_factory=FrozenMap)  # old site path -> slug
    #: Each section's pages in reading order (`sections_of`); a kind without pages is absent.
    sections: Mapping[Kind, tuple[Document, ...]] = field(default_factory=FrozenMap)
    #: slug -> (previous, next) page of its section, None at either end.
    neighbours: Mapping[str, tuple[Document | None, Document | None]] = field(
        default_factory=FrozenMap)

    def __post_init__(self) -> None:
        # Every mapping read-only, nested ones too, whoever made the graph.
        for name in ("pages", "relations", "inverse", "links", "backlinks", "related",
                     "taxonomies", "redirects", "sections", "neighbours"):
            object.__setattr__(self, name, freeze(getattr(self, name)))

    def document(self, slug: str) -> Document:
        """The document of a page that will be written."""
        return self.pages[slug].document

    def section(self, kind: Kind) -> tuple[Document, ...]:
        """A section's pages, ordered by weight, then title, then slug."""
        return self.sections.get(kind, ())


def sections_of(pages: Iterable[LinkFacts]) -> FrozenMap[Kind, tuple[str, ...]]:
    """Each kind's pages (slugs), ordered by weight, then title, then slug."""
    out: dict[Kind, list[tuple[int, str, str]]] = {}
    for page in pages:
        out.setdefault(page.kind, []).append((page.weight, page.title.casefold(), page.slug))
    return FrozenMap({kind: tuple(slug for *_, slug in sorted(out[kind]))
                      for kind in Kind if kind in out})


def neighbours_of(sections: Mapping[Kind, tuple[Document, ...]]
                  ) -> dict[str, tuple[Document | None, Document | None]]:
    """Each page's previous and next page in its section."""
    out: dict[str, tuple[Document | None, Document | None]] = {}
    for docs in sections.values():
        for i, doc in enumerate(docs):
            out[doc.slug] = (docs[i - 1] if i > 0 else None,
                             docs[i + 1] if i + 1 < len(docs) else None)
    return out
