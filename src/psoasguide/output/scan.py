"""What the link check reads of one written page: its ids and where its links point.

A page is read by selectolax's Lexbor parser (C: about a fifth of `html.parser`'s CPU on the
guide's pages), its elements' attributes going through the same handler as with `html.parser`.
A page holding an element whose content the two read differently (template content, raw-text
elements such as `<textarea>`) is read by `html.parser`, so what is reported does not depend on
the parser.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser

from selectolax.lexbor import LexborHTMLParser

from ..model import OutputFile
from .targets import folder_of, resolve

_URL_ATTRS = {"href", "src", "poster"}
_READ = frozenset({"id", "name", "srcset", *_URL_ATTRS})  # the attributes the check reads
#: The elements holding one of them, found by Lexbor (in C) rather than each read in Python.
_HAS_READ = ":is(" + ",".join(f"[{name}]" for name in sorted(_READ)) + ")"
#: Elements whose content Lexbor (as a browser) and `html.parser` read differently.
#: (Searched in the lowercased page: with re.I, `re` tries the pattern at every byte.)
_DIVERGENT = re.compile(rb"<(?:template|textarea|xmp|plaintext|noembed|noframes|iframe)")


@dataclass(frozen=True)
class ScannedPage:
    """One page's ids and each distinct internal URL it links to, in page order; `paths` and
    `anchors` (target path, fragments) are where they point, so a page whose links all
    resolve is checked by set operations. Tuples, and target paths shared between pages, keep
    the scans of a large site small."""

    ids: frozenset[str]
    urls: tuple[str, ...]
    paths: tuple[str, ...]
    anchors: tuple[tuple[str, tuple[str, ...]], ...]


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
    if _DIVERGENT.search(data.lower()):
        scanner.feed(text)
        scanner.close()
        return scanner
    for node in LexborHTMLParser(text).css(_HAS_READ):  # in page order, each element once
        scanner.handle_starttag(node.tag, list(node.attributes.items()))
    return scanner


def scan_page(page: OutputFile, base_url: str) -> ScannedPage:
    """The ids of an HTML page, and where its internal links point (URLs under `base_url`
    count as internal)."""
    scanner = _read(page.data)
    folders = folder_of(page.path)
    urls = []
    targets: dict[str, dict[str, None]] = {}  # output path -> fragments ('' for none)
    for url in dict.fromkeys(scanner.urls):  # a URL repeated on a page is checked once
        found = resolve(url, page.path, folders, base_url)
        if found is not None:
            urls.append(url)
            targets.setdefault(sys.intern(found[0]), {})[found[1]] = None
    return ScannedPage(frozenset(scanner.ids), tuple(urls), tuple(targets),
                       tuple((path, tuple(n for n in names if n))
                             for path, names in targets.items() if any(names)))
