"""What every view builder needs: the graph, the config, asset URLs, the search mode and
section names."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from markupsafe import Markup

from ..config import SiteConfig
from ..frozen import FrozenMap
from ..link import SiteGraph
from ..model import Document, Kind, Search
from .figures import start_thumbnail
from .urls import absolute, relative, same_links_key
from .views import Link, SiteView

#: Where the search page is.
SEARCH_URL = "/search/"

SECTION_TITLES: Mapping[Kind, str] = {
    Kind.ANATOMY: "Anatomy",
    Kind.CAUSE: "Causes",
    Kind.STRETCH: "Exercises",
    Kind.ROUTINE: "Routines",
    Kind.PAGE: "About this guide",
}


@dataclass(frozen=True)
class RenderContext:
    """The read-only inputs of the render stage."""

    graph: SiteGraph
    config: SiteConfig
    assets: Mapping[str, str]  # logical name -> site-absolute URL
    search: Search = Search.INDEX
    #: (block name, variant) -> the block's HTML; variant "" is the block's default
    blocks: Mapping[tuple[str, str], Markup] = field(default_factory=dict)
    _site_views: dict[tuple[str, str], SiteView] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    def site_view(self, at: str, absolute_links: bool = False) -> SiteView:
        """Site-wide values with links relative to the page at `at` (or absolute), made once
        for all the pages that link to them alike (so read-only all the way down)."""
        key = ("absolute", "") if absolute_links else same_links_key(at, self._site_urls)
        view = self._site_views.get(key)
        if view is None:
            base = self.config.base_url
            view = self._site_views[key] = self._site_view(
                (lambda url: absolute(base, url)) if absolute_links else
                (lambda url: relative(at, url)))
        return view

    @cached_property
    def _site_urls(self) -> tuple[str, ...]:
        """The site-absolute URLs a site view links to."""
        urls: list[str] = []

        def record(url: str) -> str:
            urls.append(url)
            return url

        self._site_view(record)
        return tuple(urls)

    def _site_view(self, href: Callable[[str], str]) -> SiteView:
        sections = tuple(Link(href(f"/{k.section}/"), SECTION_TITLES[k])
                         for k in Kind if self.graph.section(k))
        safety = None
        page = self.graph.pages.get(self.config.safety_page or "")
        if page is not None:
            safety = Link(href(page.document.url), page.document.title)
        return SiteView(self.config.title, self.config.description, self.config.language,
                        self.config.publisher, href("/"), sections, safety,
                        FrozenMap({name: href(url) for name, url in self.assets.items()}),
                        href(SEARCH_URL))

    @property
    def stretches(self) -> Mapping[str, Document]:
        """The published exercises by slug (routines look their doses up here), each looked
        up in the graph when asked for, so a page reads only the exercises it names."""
        return _Stretches(self.graph)

    def link_to(self, at: str, doc: Document, note: str = "") -> Link:
        """A link from the page at `at` to `doc`."""
        return Link(relative(at, doc.url), doc.title, note, start_thumbnail(doc))


class _Stretches(Mapping[str, Document]):
    """The documents of the graph's exercise pages, by slug."""

    def __init__(self, graph: SiteGraph) -> None:
        self._graph = graph

    def __getitem__(self, slug: str) -> Document:
        page = self._graph.pages.get(slug)
        if page is None or page.document.kind is not Kind.STRETCH:
            raise KeyError(slug)
        return page.document

    def __iter__(self) -> Iterator[str]:
        return (d.slug for d in self._graph.section(Kind.STRETCH))

    def __len__(self) -> int:
        return len(self._graph.section(Kind.STRETCH))
