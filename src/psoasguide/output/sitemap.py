"""`sitemap.xml` and `robots.txt`, with absolute URLs from `base_url`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from ..model import OutputFile


def sitemap(entries: Sequence[tuple[str, dt.date | None]]) -> OutputFile:
    """A sitemap of (absolute URL, last modified) entries, in the order given."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url, modified in entries:
        lastmod = f"<lastmod>{modified.isoformat()}</lastmod>" if modified else ""
        lines.append(f"  <url><loc>{escape(url, quote=False)}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return OutputFile("sitemap.xml", ("\n".join(lines) + "\n").encode("utf-8"))


def robots(base_url: str) -> OutputFile:
    """Allow everything; name the sitemap."""
    text = f"User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n"
    return OutputFile("robots.txt", text.encode("utf-8"))
