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
from .projection import by_content


def _strip(document: Document) -> Document:
    """`document` without its body, nor where its front matter's values were written."""
    return dataclasses.replace(document, body="", marks=FrozenMap(), key_marks=FrozenMap(),
                               front_matter="")


#: A card's document, labelled by its content (its key kept in the cache, by the document's
#: label: a new process hashes only the documents that changed).
_documents = by_content(_strip)


def _card(page: ParsedDocument) -> ParsedDocument:
    """`page` without its body and what was found in it besides its headings."""
    return dataclasses.replace(page, document=_documents(page.document), html="", links=(),
                               blocks=(), masked="", text_blocks=None)


#: A page's card, labelled by its content and remembered by the page's label in this process
#: (the dev server's rebuilds): a body edit makes and hashes one card again, not all of them.
_cards = by_content(_card)


def card_graph(graph: Any) -> Any:
    """A copy of the site graph whose pages, sections and neighbours are cards."""
    cards = {slug: _cards(page) for slug, page in graph.pages.items()}
    documents = {page.document.slug: card.document for page, card in
                 zip(graph.pages.values(), cards.values(), strict=True)}

    def doc(d: Document | None) -> Document | None:
        return None if d is None else documents.get(d.slug, d)

    copy = object.__new__(type(graph))
    for field in dataclasses.fields(graph):
        object.__setattr__(copy, field.name, getattr(graph, field.name))
    object.__setattr__(copy, "pages", FrozenMap(cards))
    object.__setattr__(copy, "sections", FrozenMap(
        {kind: tuple(doc(d) for d in docs) for kind, docs in graph.sections.items()}))
    object.__setattr__(copy, "neighbours", FrozenMap(
        {slug: (doc(a), doc(b)) for slug, (a, b) in graph.neighbours.items()}))
    return copy
