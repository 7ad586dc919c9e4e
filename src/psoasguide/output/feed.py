"""`feed.xml`: an Atom feed of published articles, newest review first.

For a health guide the news is a page that was written or checked again, so an entry's `updated`
is its `reviewed` date (midnight UTC). The feed's own `updated` is the newest of those, never the
build time, so the same content gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from ..model import OutputFile

FEED_PATH = "feed.xml"


@dataclass(frozen=True)
class FeedEntry:
    """One article as the feed shows it; `url` is absolute."""

    url: str
    title: str
    summary: str
    updated: dt.date


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
