"""Output link check: every internal `href`, `src` and `#fragment` must resolve in the output.

Runs on the generated files before anything is written, so a broken site is never swapped in.
Absolute URLs under `base_url` count as internal. Files a later step makes (Pagefind's UI) are
named by the caller; that step checks they were made.

Each page is read once, by selectolax's Lexbor parser (C: about a fifth of `html.parser`'s CPU
on the guide's pages), its elements' attributes going through the same handler as with
`html.parser`. A page holding an element whose content the two read differently (template
content, raw-text elements such as `<textarea>`) is read by `html.parser`, so what is reported
does not depend on the parser.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser

from ..diagnostics import Diagnostic, error
from ..model import OutputFile

_URL_ATTRS = {"href", "src", "poster"}
_EXTERNAL_SCHEMES = {"mailto", "tel", "data", "javascript"}
_READ = frozenset({"id", "name", "srcset", *_URL_ATTRS})  # the attributes the check reads
#: Elements whose content Lexbor (as a browser) and `html.parser` read differently.
_DIVERGENT = (b"<template", b"<textarea", b"<xmp", b"<plaintext", b"<noembed", b"<noframes",
              b"<iframe")


@dataclass(frozen=True)
class _Page:
    ids: frozenset[str]
    urls: tuple[str, ...]


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                self.ids.add(value)
            elif name in _URL_ATTRS and not (tag == "link" and _is_meta_link(attrs)):
                self.urls.append(value)
            elif name == "srcset":
                self.urls += [part.strip().split(" ")[0] for part in value.split(",") if part]

    handle_startendtag = handle_starttag


def _is_meta_link(attrs: list[tuple[str, str | None]] | dict[str, str | None]) -> bool:
    """`<link rel=canonical|alternate>` may point at the published site, checked separately."""
    rel = dict(attrs).get("rel") or ""
    return bool({"canonical", "alternate"} & set(rel.split()))


def _scan_slowly(data: bytes) -> _Page:
    scanner = _Scanner()
    scanner.feed(data.decode("utf-8", errors="replace"))
    scanner.close()
    return _Page(frozenset(scanner.ids), tuple(scanner.urls))


def scan_page(data: bytes) -> _Page:
    """The ids and URLs of one HTML page."""
    if any(tag in data.lower() for tag in _DIVERGENT):
        return _scan_slowly(data)
    scanner = _Scanner()
    for node in LexborHTMLParser(data.decode("utf-8", errors="replace")).root.traverse():
        attrs = node.attributes
        if not _READ.isdisjoint(attrs):
            scanner.handle_starttag(node.tag, list(attrs.items()))
    return _Page(frozenset(scanner.ids), tuple(scanner.urls))


def _target(url: str, page_path: str, base_url: str) -> tuple[str, str] | None:
    """(output path, fragment) of an internal URL, or None for an external one."""
    if url.startswith(base_url):
        url = "/" + url[len(base_url):]
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return page_path, parts.fragment
    if parts.path.startswith("/"):
        path = parts.path.lstrip("/")
    else:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), unquote(parts.path)))
        if path == ".":
            path = ""
    if parts.path.endswith("/") or path == "":
        path = posixpath.join(path, "index.html") if path else "index.html"
    return path, parts.fragment


def check_links(files: Sequence[OutputFile], base_url: str, sources: Mapping[str, str],
                later: Collection[str] = (), scan: Callable[[bytes], Any] = scan_page,
                ) -> list[Diagnostic]:
    """Broken internal links in the HTML `files`; `sources` maps output path -> article path,
    and `later` names files that will exist in the output too. `scan` is `scan_page` or a
    stand-in for it (a cache's memo)."""
    paths = {f.path for f in files} | set(later)
    pages = {f.path: scan(f.data) for f in files if f.path.endswith(".html")}
    problems = []
    for page_path, page in sorted(pages.items()):
        for url in dict.fromkeys(page.urls):  # a URL repeated on a page is checked once
            if urlsplit(url).scheme in _EXTERNAL_SCHEMES:
                continue
            target = _target(url, page_path, base_url)
            if target is None:
                continue
            path, fragment = target
            reason = ""
            if path not in paths:
                reason = f"no file {path}"
            elif fragment and path in pages and fragment not in pages[path].ids:
                reason = f"no id '{fragment}' in {path}"
            if reason:
                where = sources.get(page_path, page_path)
                problems.append(error(where, 1, 1, "broken-link",
                                      f"{page_path}: link '{url}' does not resolve ({reason})",
                                      "fix the template or the article that makes this link"))
    return problems
