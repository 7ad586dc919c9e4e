"""Parse stage: each body converted once to HTML, with heading ids and internal links found."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from importlib import import_module
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension

from ..diagnostics import Diagnostic, error
from ..model import Document, Heading, ParsedDocument
from ..themeids import ThemeIds, default_ids
from .extensions import GuideExtension
from .includes import find_includes
from .locate import Locator
from .safety import place_unsafe
from .scan import scan_body

#: The Markdown settings; part of the conversion cache key.
EXTENSIONS: Sequence[str] = (
    "tables", "fenced_code", "codehilite", "footnotes", "toc", "admonition", "attr_list",
    "sane_lists",
)
EXTENSION_CONFIGS: dict[str, dict[str, Any]] = {
    "codehilite": {"css_class": "highlight", "guess_lang": False},
    "footnotes": {"BACKLINK_TITLE": "Back to the text of note %d"},
}


def markdown_extensions() -> list[Extension]:
    """`EXTENSIONS` with `EXTENSION_CONFIGS`, made from Python-Markdown's own modules: given
    by name, Markdown would first look for the name among the entry points of every installed
    package (some 25 ms a process with 120 packages, a third of making a converter)."""
    return [import_module(f"markdown.extensions.{name}").makeExtension(
        **EXTENSION_CONFIGS.get(name, {})) for name in EXTENSIONS]


def new_markdown() -> tuple[Markdown, GuideExtension]:
    """A Markdown converter with the guide's settings and its link extension."""
    guide = GuideExtension()
    md = Markdown(extensions=[*markdown_extensions(), guide], output_format="html")
    return md, guide


def _headings(tokens: Iterable[dict[str, Any]]) -> list[Heading]:
    out: list[Heading] = []
    for token in tokens:
        out.append(Heading(token["level"], token["id"], html.unescape(token["name"])))
        out += _headings(token.get("children", ()))
    return out


def _reserved_ids(document: Document, headings: Sequence[Heading], locator: Locator,
                  ids: ThemeIds) -> list[Diagnostic]:
    """Headings whose id the page template already uses (two ids alike are invalid HTML)."""
    problems = []
    for heading in headings:
        if ids.reserved(document.kind, heading.id):
            mark = locator.find(re.compile(rf"^#{{{heading.level}}}[ \t]+{re.escape(heading.text)}",
                                           re.M)) or locator.start()
            problems.append(error(document.path, mark.line, mark.col, "reserved-anchor",
                                  f"heading id '{heading.id}' is also the id of the page's own "
                                  f"'{heading.id}' section",
                                  f"rename the heading or give it another id: "
                                  f"{'#' * heading.level} {heading.text} {{#about-{heading.id}}}"))
    return problems


class Converter:
    """Converts bodies one after another, reusing one Markdown instance."""

    def __init__(self) -> None:
        self.md, self.guide = new_markdown()

    def parse(self, document: Document, ids: ThemeIds | None = None
              ) -> tuple[ParsedDocument, list[Diagnostic]]:
        """Convert one document's body and check it for script and for headings whose id the
        theme's templates already use (`ids`, the default theme's if None)."""
        self.md.reset()
        locator = Locator(document.body, document.body_line)  # the body's one masking
        body, blocks, problems = find_includes(document.body, document.body_line, document.path,
                                               locator.masked)
        self.guide.start(document.path, locator.fresh())
        body_html = self.md.convert(body)
        headings = tuple(_headings(getattr(self.md, "toc_tokens", ())))
        scan = scan_body(body_html)  # the body's one HTML parse, for every check that reads it
        problems += place_unsafe(scan.unsafe, locator.fresh(), document.path)
        problems += _reserved_ids(document, headings, locator.fresh(), ids or default_ids())
        links = tuple(self.guide.state.links)
        return ParsedDocument(document, body_html, headings, links, blocks, locator.masked,
                              scan.blocks), problems
