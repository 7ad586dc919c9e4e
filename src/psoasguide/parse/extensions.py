"""Python-Markdown extension: internal links become placeholders; table alignment as classes.

Wiki links (`[[slug]]`, `[[slug#anchor]]`, `[[slug|text]]`, `[[#anchor]]`) and relative links to
source files (`../stretches/x.md#anchor`) are collected with their source positions. Their `href`
becomes `LINK_OPEN + n + LINK_CLOSE` and, when the author gave no text, their text becomes
`TEXT_OPEN + n + TEXT_CLOSE`; the render stage fills both in once every page is known.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from ..model import LinkRef
from .folds import FoldProcessor
from .locate import Locator

LINK_OPEN, LINK_CLOSE = "\ue000", "\ue001"
TEXT_OPEN, TEXT_CLOSE = "\ue002", "\ue003"
_WIKI_HREF = "psoasguide-wiki:"
_WIKI_RE = r"\[\[([^\[\]\n]+?)\]\]"
_ALIGN_RE = re.compile(r"text-align:\s*(left|right|center)")


@dataclass
class _State:
    """Per-conversion state, reset before each document."""

    path: str = ""
    locator: Locator | None = None
    wiki: list[str] = field(default_factory=list)
    links: list[LinkRef] = field(default_factory=list)


class _WikiLinkProcessor(InlineProcessor):
    def __init__(self, pattern: str, state: _State) -> None:
        super().__init__(pattern)
        self.state = state

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:
        el = etree.Element("a", {"href": f"{_WIKI_HREF}{len(self.state.wiki)}"})
        self.state.wiki.append(m.group(1))
        return el, m.start(0), m.end(0)


def split_wiki(inner: str) -> tuple[str, str, str]:
    """`slug#anchor|text` -> (slug, anchor, text); any part may be empty."""
    target, _, text = inner.partition("|")
    slug, _, anchor = target.strip().partition("#")
    return slug.strip(), anchor.strip(), text.strip()


def source_target(href: str, path: str) -> tuple[str, str] | None:
    """For a relative link to a Markdown source file: (its site-root path, anchor), else None."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.endswith(".md"):
        return None
    base = posixpath.dirname(path)
    target = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    return target, parts.fragment


class _LinkCollector(Treeprocessor):
    """Turns internal links into numbered placeholders, in document order."""

    def __init__(self, md: Markdown, state: _State) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        for a in root.iter("a"):
            href = a.get("href", "")
            if href.startswith(_WIKI_HREF):
                inner = self.state.wiki[int(href[len(_WIKI_HREF):])]
                target, anchor, text = split_wiki(inner)
                self._add(a, target, anchor, text, f"[[{inner}]]")
            elif (found := source_target(href, self.state.path)) is not None:
                self._add(a, found[0], found[1], None, href)

    def _add(self, a: etree.Element, target: str, anchor: str, text: str | None, raw: str) -> None:
        """Register a link; `text` None keeps the element's own text, "" asks for the title."""
        assert self.state.locator is not None
        n = len(self.state.links)
        token = f"{LINK_OPEN}{n}{LINK_CLOSE}"
        mark = self.state.locator.find(raw) or self.state.locator.start()
        a.set("href", token)
        if text is not None:
            a.text = text or f"{TEXT_OPEN}{n}{TEXT_CLOSE}"
        self.state.links.append(LinkRef(token, target, anchor, text or "", mark.line, mark.col))


class _TableAlign(Treeprocessor):
    """`style="text-align: x"` on table cells -> `class="align-x"` (no inline styles)."""

    def run(self, root: etree.Element) -> None:
        for cell in (*root.iter("th"), *root.iter("td")):
            style = cell.attrib.pop("style", "")
            if match := _ALIGN_RE.search(style):
                cell.set("class", f"align-{match.group(1)}")


class GuideExtension(Extension):
    """Registers the guide's link and table processors on a Markdown instance."""

    def __init__(self) -> None:
        super().__init__()
        self.state = _State()

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        md.inlinePatterns.register(_WikiLinkProcessor(_WIKI_RE, self.state), "guide-wiki", 175)
        md.treeprocessors.register(_LinkCollector(md, self.state), "guide-links", 1)
        md.treeprocessors.register(_TableAlign(md), "guide-table-align", 2)
        md.treeprocessors.register(FoldProcessor(md), "guide-folds", 3)

    def start(self, path: str, locator: Locator) -> None:
        """Reset the per-document state before converting the body `locator` searches."""
        self.state.path = path
        self.state.locator = locator
        self.state.wiki = []
        self.state.links = []

    def reset(self) -> None:
        """Called by `Markdown.reset()`; state is set anew by `start`."""
