"""What the link check reads of one written page: its ids and where its links point.

A page is read by selectolax's Lexbor parser (C: about a fifth of `html.parser`'s CPU on the
guide's pages), its elements' attributes going through the same handler as with `html.parser`.
A page holding an element whose content the two read differently (template content, raw-text
elements such as `<textarea>`) is read by `html.parser`, so what is reported does not depend on
the parser.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from selectolax.lexbor import LexborHTMLParser

from ..model import OutputFile
from .targets import folder_of, resolve

_URL_ATTRS = {"href", "src", "poster"}
_READ = frozenset({"id", "name", "srcset", *_URL_ATTRS})  # the attributes the check reads
#: Elements whose content Lexbor (as a browser) and `html.parser` read differently.
_DIVERGENT = (b"<template", b"<textarea", b"<xmp", b"<plaintext", b"<noembed", b"<noframes",
              b"<iframe")


@dataclass(frozen=True)
class ScannedPage:
    """One page's ids, and each distinct internal URL it links to, in page order, with the
    output path and fragment it points at; `paths` and `anchors` (target path -> fragments)
    gather the same targets so a page whose links all resolve is checked by set operations."""

    ids: frozenset[str]
    links: tuple[tuple[str, str, str], ...]
    paths: frozenset[str]
    anchors: tuple[tuple[str, frozenset[str]], ...]


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


def _read(data: bytes) -> _Scanner:
    scanner = _Scanner()
    text = data.decode("utf-8", errors="replace")
    lowered = data.lower()
    if any(tag in lowered for tag in _DIVERGENT):
        scanner.feed(text)
        scanner.close()
        return scanner
    for node in LexborHTMLParser(text).root.traverse():
        attrs = node.attributes
        if not _READ.isdisjoint(attrs):
            scanner.handle_starttag(node.tag, list(attrs.items()))
    return scanner


def scan_page(page: OutputFile, base_url: str) -> ScannedPage:
    """The ids of an HTML page, and where its internal links point (URLs under `base_url`
    count as internal)."""
    scanner = _read(page.data)
    page_path = page.path
    folder = folder_of(page_path)
    links = []
    anchors: dict[str, set[str]] = {}
    for url in dict.fromkeys(scanner.urls):  # a URL repeated on a page is checked once
        found = resolve(url, page_path, folder, base_url)
        if found is not None:
            links.append((url, *found))
            if found[1]:
                anchors.setdefault(found[0], set()).add(found[1])
    return ScannedPage(frozenset(scanner.ids), tuple(links), frozenset(p for _, p, _ in links),
                       tuple((path, frozenset(names)) for path, names in anchors.items()))
