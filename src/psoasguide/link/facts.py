"""Link facts: everything of a page that its connections to other pages are made from.

A page's facts leave out its body and where in the body its links are, so an edit that changes
neither the page's links, headings, title, relations, tags, aliases nor weight gives equal
facts, and the connections made from them (`connect`) can be reused as they are.
Facts hold plain strings, numbers and tuples, so that keying them costs little.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Document, Kind, Mark, ParsedDocument, Relation

#: The taxonomies besides tags, whose terms only stretches have (`taxonomy.term_values`).
FIELD_TAXONOMIES = ("difficulty", "equipment", "type")


@dataclass(frozen=True)
class LinkFacts:
    """A page as the link stage reads it; `links` are (target, anchor, text) in body order."""

    slug: str
    path: str
    kind: Kind
    title: str
    weight: int
    tags: tuple[str, ...]
    aliases: tuple[str, ...]
    #: Named relations in front-matter order, then routine items (as `items`).
    relations: tuple[tuple[str, tuple[Relation, ...]], ...]
    references: bool
    headings: tuple[tuple[str, str], ...]  # (id, text)
    links: tuple[tuple[str, str, str], ...]
    terms: tuple[tuple[str, ...], ...]  # values per FIELD_TAXONOMIES (stretches only)
    tag_marks: tuple[tuple[int, int], ...]
    alias_marks: tuple[tuple[int, int], ...]
    url: str  # site-absolute, as `Document.url`

    def mark(self, name: str, index: int) -> Mark:
        """Where the `index`th tag or alias was written (the file's start if unknown)."""
        marks = self.tag_marks if name == "tags" else self.alias_marks
        line, col = marks[index]
        return Mark(line, col)


def _terms(doc: Document) -> tuple[tuple[str, ...], ...]:
    if doc.kind is not Kind.STRETCH:
        return ((),) * len(FIELD_TAXONOMIES)
    values = (doc.fields[key] for key in FIELD_TAXONOMIES)
    return tuple(tuple(v) if isinstance(v, tuple) else (v,) for v in values)


def _marks(doc: Document, name: str, count: int) -> tuple[tuple[int, int], ...]:
    marks = [doc.mark(name, i) for i in range(count)]
    return tuple((m.line, m.col) for m in marks)


def link_facts(page: ParsedDocument) -> LinkFacts:
    """`page`'s link facts."""
    doc = page.document
    named = dict(doc.relations)
    if doc.items:
        named["items"] = tuple(item.stretch for item in doc.items)
    return LinkFacts(
        doc.slug, doc.path, doc.kind, doc.title, doc.weight, doc.tags, doc.aliases,
        tuple(named.items()), bool(doc.references), tuple((h.id, h.text) for h in page.headings),
        tuple((link.target, link.anchor, link.text) for link in page.links), _terms(doc),
        _marks(doc, "tags", len(doc.tags)), _marks(doc, "aliases", len(doc.aliases)), doc.url)
