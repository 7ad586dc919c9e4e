"""An article's source as the rules see it: front-matter lines and positions, the masked body.

The body is scanned with code and HTML comments blanked out (`masking`), so offsets still map
to the file's lines and columns (1-based, in characters).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..model import Document, Mark
from ..parse.locate import LineTable
from .masking import blank, blank_comments, mask_code

_DESTINATION = re.compile(r"\]\(([^()\s]*(?:\s+\"[^\"\n]*\")?)(?=\))")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_WIKI_TARGET = re.compile(r"\[\[([^\[\]|\n]*)(?=\|[^\[\]\n]*\]\])")


def _blank_group(match: re.Match[str]) -> str:
    """The match with its group 1 (at its end) blanked: patterns start with a literal, so `re`
    can skip ahead to them, instead of a lookbehind."""
    return match.group(0)[:match.start(1) - match.start()] + blank(match.group(1))


@dataclass(frozen=True)
class ArticleSource:
    """One article's text: front-matter lines by file line, positions, and the body."""

    document: Document
    front: Mapping[int, str] = field(default_factory=dict)  # file line -> front-matter line
    marks: Mapping[tuple[Any, ...], Mark] = field(default_factory=dict)
    key_marks: Mapping[tuple[Any, ...], Mark] = field(default_factory=dict)
    #: The body with code blanked out, as the parse stage left it ("" to mask it here).
    code_masked: str = ""

    @property
    def path(self) -> str:
        """The article's path relative to the site root."""
        return self.document.path

    @property
    def body(self) -> str:
        """The Markdown body as written."""
        return self.document.body

    @cached_property
    def without_code(self) -> str:
        """The body with code blanked out."""
        return self.code_masked or mask_code(self.document.body)

    @cached_property
    def masked(self) -> str:
        """The body with code and comments blanked out."""
        return blank_comments(self.without_code)

    @cached_property
    def lines(self) -> LineTable:
        """Where each line of the body starts."""
        return LineTable(self.document.body, self.document.body_line)

    @cached_property
    def prose(self) -> str:
        """The masked body without link destinations, wiki-link targets (when the link has its
        own text) and HTML tags."""
        text = _DESTINATION.sub(_blank_group, self.masked)
        text = _WIKI_TARGET.sub(_blank_group, text)
        return _TAG.sub(lambda m: blank(m.group(0)), text)

    def at(self, offset: int) -> Mark:
        """The file position of `offset` in the body."""
        return self.lines.mark(offset)

    def key_mark(self, key: str) -> Mark:
        """Where the front-matter key `key` was written, else line 1."""
        return self.key_marks.get((key,)) or self.marks.get((key,)) or Mark(1, 1)


def article_source(document: Document, code_masked: str = "") -> ArticleSource:
    """The article as the rules see it, from what the load stage kept (no file is read again);
    `code_masked` is the body with code blanked out, when the parse stage made it."""
    front = dict(enumerate(document.front_matter.split("\n"), start=2)) \
        if document.front_matter else {}
    return ArticleSource(document, front, document.marks, document.key_marks, code_masked)
