"""One pass of an HTML parser over a converted body, for every check that reads its HTML.

It finds what the safety check refuses (script and style elements, style attributes, event
handlers, script and data URLs, `srcdoc`, and elements that embed, re-base or redirect documents)
and
collects the readable text blocks the reading-level rule measures: every paragraph, list item,
quote or definition, without code, tables, headings, footnotes or admonition titles. Link-text
placeholders stay in the blocks; the linter fills them once links are resolved.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

_URL_ATTRS = frozenset({"href", "src", "action", "formaction", "xlink:href", "data", "poster",
                        "srcset", "background", "cite", "longdesc", "ping"})
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
#: Elements that embed, re-base or redirect documents: never in an article.
_BAD_TAGS = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "base",
                       "meta"})
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
_SKIP_TAGS = frozenset({"pre", "code", "table", "h1", "h2", "h3", "h4", "h5", "h6", "script",
                        "style", "sup", "svg", "math", "template", "nav", "kbd", "samp"})
_SKIP_CLASSES = frozenset({"footnote", "admonition-title", "toc", "footnote-backref"})
_BLOCK_TAGS = frozenset({"p", "li", "dd", "dt", "div", "blockquote", "br", "hr", "td", "th",
                         "figcaption", "details", "summary", "section", "ol", "ul", "dl"})
#: Tags `_check` refuses whatever their attributes.
_CHECKED = frozenset({"script", "style", *_BAD_TAGS})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "source", "area", "col"})


def is_unsafe_url(value: str) -> bool:
    """True for a URL a browser would run as script, however it is spaced or escaped."""
    cleaned = _INVISIBLE.sub("", html.unescape(value)).lower()
    return cleaned.startswith(_BAD_SCHEMES)


@dataclass(frozen=True)
class BodyScan:
    """What one pass over a body's HTML found."""

    #: ("script" | "style" | "style-attr" | "handler" | "url" | "element", detail), in order
    unsafe: tuple[tuple[str, str], ...]
    blocks: tuple[str, ...]  # readable text, whitespace collapsed, one entry per block


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.unsafe: list[tuple[str, str]] = []
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.skipping = 0  # how many skipped elements are open

    def _flush(self) -> None:
        """End the current block (callers check that it holds text)."""
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []

    def _check(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.unsafe.append((tag, ""))
        if tag in _BAD_TAGS:
            self.unsafe.append(("element", tag))
        for name, value in attrs:
            if name == "style":
                self.unsafe.append(("style-attr", ""))
            elif name.startswith("on") or name == "srcdoc":
                self.unsafe.append(("handler", name))
            elif name in _URL_ATTRS and value and is_unsafe_url(value):
                self.unsafe.append(("url", value))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if attrs or tag in _CHECKED:
            self._check(tag, attrs)
        if self.current and tag in _BLOCK_TAGS:
            self._flush()
        if tag in _VOID:
            return
        skipped = tag in _SKIP_TAGS or bool(
            attrs and not _SKIP_CLASSES.isdisjoint((dict(attrs).get("class") or "").split()))
        self.stack.append((tag, skipped))
        self.skipping += skipped

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check(tag, attrs)
        if self.current and tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if self.current and tag in _BLOCK_TAGS:
            self._flush()
        if self.stack and self.stack[-1][0] == tag:  # what Markdown writes: the last opened
            self.skipping -= self.stack.pop()[1]
            return
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                self.skipping -= sum(skipped for _tag, skipped in self.stack[index:])
                del self.stack[index:]
                break

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.append(data)

    def close(self) -> None:
        super().close()
        if self.current:
            self._flush()


#: A tag as Python-Markdown writes one: lowercase names, values in double quotes without '<'
#: or '>', not self-closing. Anything else between the tags holds no '<'.
_PLAIN_TAG = re.compile(r'<(?:([a-z][a-z0-9]*)((?:[ \t\n]+[a-z_][-a-z0-9_:.]*(?:="[^"<>]*")?)*)'
                        r'[ \t\n]*|/([a-z][a-z0-9]*)[ \t\n]*)>')
_PLAIN_ATTR = re.compile(r'([a-z_][-a-z0-9_:.]*)(?:="([^"]*)")?')


def _feed_plain(scanner: _Scanner, body_html: str) -> bool:
    """Feed `body_html` to `scanner` as `html.parser` would, when all of its tags are plain
    (`_PLAIN_TAG`: what Markdown writes); False, having fed nothing, otherwise."""
    parts = _PLAIN_TAG.split(body_html)  # text, (start tag, its attributes, end tag, text)...
    if len(parts) // 4 != body_html.count("<"):
        return False
    unescape = html.unescape
    if parts[0]:
        scanner.handle_data(unescape(parts[0]))
    for index in range(1, len(parts), 4):
        tag, attrs, end, text = parts[index:index + 4]
        if end:
            scanner.handle_endtag(end)
        else:
            scanner.handle_starttag(tag, [
                (a.group(1), None if a.group(2) is None else unescape(a.group(2)))
                for a in _PLAIN_ATTR.finditer(attrs)] if attrs else [])
        if text and not scanner.skipping:  # text in a skipped element is dropped
            scanner.handle_data(unescape(text) if "&" in text else text)
    return True


def scan_body(body_html: str) -> BodyScan:
    """Scan a converted body once: Markdown's own plain tags without `html.parser`'s per-tag
    cost (the same calls to the scanner), anything else with it."""
    scanner = _Scanner()
    if not _feed_plain(scanner, body_html):
        scanner.feed(body_html)
    scanner.close()
    return BodyScan(tuple(scanner.unsafe), tuple(scanner.blocks))
