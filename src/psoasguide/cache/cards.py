"""The site graph as other pages see it: every page without its body (nor where its front
matter's values were written, which only diagnostics use).

A page shows other pages' titles, summaries, URLs, fields and headings, never their bodies; so
a page's record of what it read (`reads`) is taken in a copy of the graph whose pages are
"cards", and editing an article's body changes no card but its own. A view that did read
another page's body would read "" there and differ from a clean build, which the tests compare.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..frozen import FrozenMap
from ..model import Document, ParsedDocument
from .keys import key_of, label
from .projection import by_content


def _card(page: ParsedDocument) -> ParsedDocument:
    """`page` without its body and what was found in it besides its headings; its document
    labelled by the key of what is left of it."""
    document = dataclasses.replace(page.document, body="", marks=FrozenMap(),
                                   key_marks=FrozenMap(), front_matter="")
    label(document, key_of(document))
    return dataclasses.replace(page, document=document, html="", links=(), blocks=(),
                               masked="", text_blocks=None)


#: A page's card, labelled by its content and remembered by the page's label in this process
#: (the dev server's rebuilds): a body edit makes and hashes one card again, not all of them.
_cards = by_content(_card)


def card_graph(graph: Any) -> Any:
    """A copy of the site graph whose pages, sections and neighbours are cards. A mapping
    whose entries are all those of the last card graph made in this process (the dev
    server's previous build) is that mapping itself, so a page's record can be checked a
    mapping at a time (`templates.CachedTemplates`)."""
    cards = {slug: _cards(page) for slug, page in graph.pages.items()}
    documents = {page.document.slug: card.document for page, card in
                 zip(graph.pages.values(), cards.values(), strict=True)}

    def doc(d: Document | None) -> Document | None:
        return None if d is None else documents.get(d.slug, d)

    copy = object.__new__(type(graph))
    for field in dataclasses.fields(graph):
        object.__setattr__(copy, field.name, getattr(graph, field.name))
    last = _LAST[0]
    object.__setattr__(copy, "pages", _same_or_new(cards, last and last.pages))
    object.__setattr__(copy, "sections", _same_or_new(
        {kind: tuple(doc(d) for d in docs) for kind, docs in graph.sections.items()},
        last and last.sections))
    object.__setattr__(copy, "neighbours", _same_or_new(
        {slug: (doc(a), doc(b)) for slug, (a, b) in graph.neighbours.items()},
        last and last.neighbours))
    _LAST[0] = copy
    return copy


#: The last card graph made in this process.
_LAST: list[Any] = [None]


def _same_or_new(entries: dict[Any, Any], last: Any) -> Any:
    """`last` if it holds the same keys with equal values (the same cards, or tuples of the
    same cards), else a new mapping of `entries`."""
    if last is not None and len(last) == len(entries) and all(
            (old := last.get(key, _NONE)) is value or old == value
            for key, value in entries.items()):
        return last
    return FrozenMap(entries)


_NONE = object()
