"""The site graph: every page, its resolved relations and links, as read-only mappings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..model import Document, Kind, ParsedDocument
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


@dataclass(frozen=True)
class SiteGraph:
    """Pages that will be written, keyed by slug, with their resolved connections."""

    pages: Mapping[str, ParsedDocument]
    relations: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    inverse: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    links: Mapping[str, tuple[ResolvedLink | None, ...]] = field(default_factory=dict)
    backlinks: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    related: Mapping[str, tuple[Related, ...]] = field(default_factory=dict)
    taxonomies: Mapping[str, tuple[Term, ...]] = field(default_factory=dict)
    redirects: Mapping[str, str] = field(default_factory=dict)  # old site path -> slug

    def document(self, slug: str) -> Document:
        """The document of a page that will be written."""
        return self.pages[slug].document

    def section(self, kind: Kind) -> list[Document]:
        """A section's pages, ordered by weight, then title, then slug."""
        docs = [p.document for p in self.pages.values() if p.document.kind is kind]
        return sorted(docs, key=lambda d: (d.weight, d.title.casefold(), d.slug))
