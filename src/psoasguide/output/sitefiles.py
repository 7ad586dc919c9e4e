"""The whole site's file list: rendered pages and assets, plus the sitemap, robots.txt and feed."""

from __future__ import annotations

from collections.abc import Sequence

from ..config import SiteConfig
from ..link import SiteGraph
from ..model import OutputFile
from ..render.context import SEARCH_URL
from ..render.urls import absolute, output_path
from .feed import FeedEntry, atom_feed
from .sitemap import robots, sitemap


def site_files(site: SiteConfig, graph: SiteGraph, html: Sequence[OutputFile],
               assets: Sequence[OutputFile]) -> list[OutputFile]:
    """All files of the site, by path; the sitemap lists every page but 404, search, redirects
    and drafts, and the feed every published article."""
    docs = {output_path(p.document.url): p.document for p in graph.pages.values()}
    hidden = {"404.html", output_path(SEARCH_URL),
              *(output_path(alias) for alias in graph.redirects),
              *(path for path, doc in docs.items() if doc.draft)}
    entries = [(absolute(site.base_url, "/" + f.path.removesuffix("index.html")),
                docs[f.path].reviewed if f.path in docs else None)
               for f in html if f.path not in hidden]
    feed = [FeedEntry(absolute(site.base_url, doc.url), doc.title, doc.summary, doc.reviewed)
            for path, doc in docs.items() if path not in hidden]
    return sorted([*html, *assets, sitemap(sorted(entries)), robots(site.base_url),
                   atom_feed(site.title, site.base_url, site.publisher, feed)],
                  key=lambda f: f.path)
