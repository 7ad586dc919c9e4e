"""Link stage: index pages by slug; resolve relations and body links; inverse lists, backlinks.

The connections are made from each page's link facts alone (`connect`), then put together with
the pages (`assemble`); `link_site` does both, with a `connect` the caller may memoise.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..config import RelatedSettings
from ..diagnostics import Diagnostic
from ..frozen import FrozenMap
from ..model import Document, ParsedDocument
from ..themeids import ThemeIds, default_ids
from .checks import check_safety_page, shadowed_aliases
from .connect import Connections, Known, LinkSettings, assemble, connect
from .facts import LinkFacts, link_facts
from .graph import RELATIONS, ResolvedLink, SiteGraph
from .related import Related
from .taxonomy import TAXONOMIES, Taxonomy, Term

__all__ = ["RELATIONS", "TAXONOMIES", "Connections", "LinkFacts", "LinkSettings", "Related",
           "ResolvedLink", "SiteGraph", "Taxonomy", "Term", "check_safety_page", "connect",
           "link_facts", "link_site", "shadowed_aliases"]

Connect = Callable[[tuple[LinkFacts, ...], tuple[Known, ...], LinkSettings], Connections]


def link_site(parsed: Sequence[ParsedDocument], everyone: Sequence[Document], drafts: bool,
              settings: RelatedSettings, failed: frozenset[str] = frozenset(),
              linked_by_theme: frozenset[str] = frozenset(), ids: ThemeIds | None = None,
              connections: Connect = connect,
              facts: Callable[[ParsedDocument], LinkFacts] = link_facts
              ) -> tuple[SiteGraph, list[Diagnostic]]:
    """Build the graph of the pages to write.

    `everyone` includes drafts left out of the build; links to the `failed` slugs (articles that
    had errors of their own) are dropped without a second report; `linked_by_theme` pages (the
    safety page, linked from every article) are never reported as orphans; `ids` are the
    theme's (the default theme's if None); `facts` gives a page's link facts (`link_facts`) and
    `connections` makes the connections from them (`connect`): a caller may memoise either.
    """
    pages = {p.document.slug: p for p in parsed if drafts or not p.document.draft}
    known = tuple((d.slug, d.path, d.kind) for d in everyone)
    anchors = FrozenMap((ids or default_ids()).anchors)
    return assemble(pages, connections(tuple(facts(page) for page in pages.values()), known,
                                       LinkSettings(settings, failed, linked_by_theme, anchors)))
