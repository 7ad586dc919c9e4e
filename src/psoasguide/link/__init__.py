"""Link stage: index pages by slug; resolve relations and body links; inverse lists, backlinks."""

from __future__ import annotations

from collections.abc import Sequence

from ..config import RelatedSettings
from ..diagnostics import Diagnostic
from ..model import Document, ParsedDocument
from ..themeids import ThemeIds, default_ids
from .bodylinks import resolve_body_links
from .checks import check_safety_page, orphans, redirects, shadowed_aliases
from .graph import RELATIONS, ResolvedLink, SiteGraph, neighbours_of, sections_of
from .related import Related, related_pages
from .relations import resolve_relations
from .taxonomy import TAXONOMIES, Taxonomy, Term, build_taxonomies

__all__ = ["RELATIONS", "TAXONOMIES", "Related", "ResolvedLink", "SiteGraph",
           "Taxonomy", "Term", "check_safety_page", "link_site", "shadowed_aliases"]


def link_site(parsed: Sequence[ParsedDocument], everyone: Sequence[Document], drafts: bool,
              settings: RelatedSettings, failed: frozenset[str] = frozenset(),
              linked_by_theme: frozenset[str] = frozenset(), ids: ThemeIds | None = None
              ) -> tuple[SiteGraph, list[Diagnostic]]:
    """Build the graph of the pages to write.

    `everyone` includes drafts left out of the build; links to the `failed` slugs (articles that
    had errors of their own) are dropped without a second report; `linked_by_theme` pages (the
    safety page, linked from every article) are never reported as orphans; `ids` are the
    theme's (the default theme's if None).
    """
    pages = {p.document.slug: p for p in parsed if drafts or not p.document.draft}
    all_docs = {d.slug: d for d in everyone}
    visible = {slug: p.document for slug, p in pages.items()}
    forward, inverse, problems = resolve_relations(visible, all_docs, failed)
    links, backlinks, link_problems = resolve_body_links(pages, all_docs, failed,
                                                          (ids or default_ids()).anchors)
    taxonomies, taxonomy_problems = build_taxonomies(visible)
    aliases, alias_problems = redirects(visible)
    sections = sections_of(visible.values())
    graph = SiteGraph(pages=pages, relations=forward, inverse=inverse, links=links,
                      backlinks=backlinks, taxonomies=taxonomies, redirects=aliases,
                      related=related_pages(visible, forward, inverse, backlinks, settings),
                      sections=sections, neighbours=neighbours_of(sections))
    return graph, [*problems, *link_problems, *taxonomy_problems, *alias_problems,
                   *orphans(visible, forward, backlinks, linked_by_theme)]
