"""Link stage: index pages by slug; resolve relations and body links; inverse lists, backlinks."""

from __future__ import annotations

from collections.abc import Sequence

from ..diagnostics import Diagnostic
from ..model import Document, ParsedDocument
from .bodylinks import resolve_body_links
from .graph import RELATIONS, TEMPLATE_ANCHORS, ResolvedLink, SiteGraph
from .relations import resolve_relations

__all__ = ["RELATIONS", "TEMPLATE_ANCHORS", "ResolvedLink", "SiteGraph", "link_site"]


def link_site(parsed: Sequence[ParsedDocument], everyone: Sequence[Document], drafts: bool,
              failed: frozenset[str] = frozenset()) -> tuple[SiteGraph, list[Diagnostic]]:
    """Build the graph of the pages to write.

    `everyone` includes drafts left out of the build; links to the `failed` slugs (articles that
    had errors of their own) are dropped without a second report.
    """
    pages = {p.document.slug: p for p in parsed if drafts or not p.document.draft}
    all_docs = {d.slug: d for d in everyone}
    visible = {slug: p.document for slug, p in pages.items()}
    forward, inverse, problems = resolve_relations(visible, all_docs, failed)
    links, backlinks, link_problems = resolve_body_links(pages, all_docs, failed)
    graph = SiteGraph(pages=pages, relations=forward, inverse=inverse, links=links,
                      backlinks=backlinks)
    return graph, problems + link_problems
