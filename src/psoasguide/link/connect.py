"""The site's connections, made from the pages' link facts alone, and the graph assembled from
them and the pages.

`connect` is a pure function of facts and settings: a build may reuse its result for as long as
no page's facts change (a body edit that leaves links, headings and front matter alone).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..config import RelatedSettings
from ..diagnostics import Diagnostic
from ..frozen import FrozenMap
from ..model import Kind, ParsedDocument
from .bodylinks import LinkProblem, resolve_body_links
from .checks import orphans, redirects
from .facts import LinkFacts
from .graph import ResolvedLink, SiteGraph, neighbours_of, sections_of
from .related import Related, related_pages
from .relations import resolve_relations
from .taxonomy import Term, build_taxonomies

#: (slug, source path, kind) of a page, drafts and pages with errors included.
Known = tuple[str, str, Kind]


@dataclass(frozen=True)
class LinkSettings:
    """What besides the pages the connections depend on: the related-pages settings, slugs of
    articles with errors of their own (links to them are not reported again), pages the theme
    links from everywhere (never orphans) and the anchors the theme gives each kind."""

    related: RelatedSettings
    failed: frozenset[str] = frozenset()
    exempt: frozenset[str] = frozenset()
    anchors: FrozenMap[Kind, frozenset[str]] = field(default_factory=FrozenMap)


@dataclass(frozen=True)
class Connections:
    """How the pages connect (`SiteGraph`'s mappings, sections as slugs) and the problems."""

    relations: FrozenMap[str, FrozenMap[str, tuple[str, ...]]]
    inverse: FrozenMap[str, FrozenMap[str, tuple[str, ...]]]
    links: FrozenMap[str, tuple[ResolvedLink | None, ...]]
    backlinks: FrozenMap[str, tuple[str, ...]]
    related: FrozenMap[str, tuple[Related, ...]]
    taxonomies: FrozenMap[str, tuple[Term, ...]]
    redirects: FrozenMap[str, str]
    sections: FrozenMap[Kind, tuple[str, ...]]
    problems: tuple[Diagnostic, ...]
    link_problems: tuple[LinkProblem, ...]


def connect(pages: tuple[LinkFacts, ...], everyone: tuple[Known, ...],
            settings: LinkSettings) -> Connections:
    """The connections of the pages to write (`pages`); `everyone` names every page."""
    visible = {page.slug: page for page in pages}
    known = {slug: (path, kind) for slug, path, kind in everyone}
    kinds = {slug: kind for slug, (_, kind) in known.items()}
    by_path = {path: slug for slug, (path, _) in known.items()}
    forward, inverse, problems = resolve_relations(visible, kinds, settings.failed)
    links, backlinks, link_problems = resolve_body_links(visible, kinds, by_path,
                                                          settings.failed, settings.anchors)
    taxonomies, taxonomy_problems = build_taxonomies(visible)
    aliases, alias_problems = redirects(visible)
    related = related_pages(visible, forward, inverse, backlinks, settings.related)
    return Connections(forward, inverse, links, backlinks, related, taxonomies, aliases,
                       sections_of(visible.values()),
                       (*problems, *taxonomy_problems, *alias_problems,
                        *orphans(visible, forward, backlinks, settings.exempt)),
                       tuple(link_problems))


def assemble(pages: Mapping[str, ParsedDocument], connections: Connections
             ) -> tuple[SiteGraph, list[Diagnostic]]:
    """The site graph of `pages` (those `connections` were made for) and every problem."""
    c = connections
    sections = FrozenMap({kind: tuple(pages[slug].document for slug in slugs)
                          for kind, slugs in c.sections.items()})
    graph = SiteGraph(pages=FrozenMap(pages), relations=c.relations, inverse=c.inverse,
                      links=c.links, backlinks=c.backlinks, taxonomies=c.taxonomies,
                      redirects=c.redirects, related=c.related, sections=sections,
                      neighbours=FrozenMap(neighbours_of(sections)))
    return graph, [*c.problems, *(p.diagnostic(pages[p.slug]) for p in c.link_problems)]
