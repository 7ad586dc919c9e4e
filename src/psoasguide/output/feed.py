"""`feed.xml`: an Atom feed of published articles, newest review first.

For a health guide the news is a page that was written or checked again, so an entry's `updated`
is its `reviewed` date (midnight UTC). The feed's own `updated` is the newest of those, never the
build time, so the same content gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape as _html_escape

from ..model import OutputFile

FEED_PATH = "feed.xml"


@dataclass(frozen=True)
class FeedEntry:
    """One article as the feed shows it; `url` is absolute."""

    url: str
    title: str
    summary: str
    updated: dt.date


def escape(text: str) -> str:
    """`&`, `<` and `>` escaped for XML text, as `xml.sax.saxutils.escape` (which costs a build
    some 35 ms to import: it loads `urllib.request`)."""
    return _html_escape(text, quote=False)


def quoteattr(value: str) -> str:
    """`value` escaped and quoted as an XML attribute value, as `xml.sax.saxutils.quoteattr`."""
    value = escape(value).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in value:
        return f'"{value}"'
    return f"'{value}'" if "'" not in value else '"{}"'.format(value.replace('"', "&quot;"))


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(title: str, base_url: str, author: str, entries: Sequence[FeedEntry]
              ) -> OutputFile:
    """The feed document: entries sorted by `updated` (newest first), then URL."""
    ordered = sorted(entries, key=lambda e: (-e.updated.toordinal(), e.url))
    updated = max((e.updated for e in entries), default=dt.date(1970, 1, 1))
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{escape(title)}</title>",
        f"  <id>{escape(base_url)}</id>",
        f"  <link rel=\"self\" href={quoteattr(base_url + FEED_PATH)}/>",
        f"  <link rel=\"alternate\" type=\"text/html\" href={quoteattr(base_url)}/>",
        f"  <updated>{_stamp(updated)}</updated>",
        f"  <author><name>{escape(author or title)}</name></author>",
    ]
    for entry in ordered:
        lines += [
            "  <entry>",
            f"    <title>{escape(entry.title)}</title>",
            f"    <id>{escape(entry.url)}</id>",
            f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(entry.url)}/>",
            f"    <updated>{_stamp(entry.updated)}</updated>",
            f"    <summary>{escape(entry.summary)}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return OutputFile(FEED_PATH, ("\n".join(lines) + "\n").encode("utf-8"))
