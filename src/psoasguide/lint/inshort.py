"""Rule `in-short`: every published exercise and cause page opens with three "In short" lines.

The lines themselves are validated by the schema (`in_short`: exactly 3, each at most 120
characters); this rule asks for them, at the `summary` key they follow. Drafts are exempt.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic, warning
from ..model import Kind
from .source import ArticleSource

CODE = "in-short"
KINDS = (Kind.STRETCH, Kind.CAUSE)


def check_in_short(source: ArticleSource) -> list[Diagnostic]:
    """A warning when a published exercise or cause page has no `in_short` lines."""
    doc = source.document
    if doc.kind not in KINDS or doc.draft or doc.fields.get("in_short"):
        return []
    where = source.key_mark("summary")
    return [warning(doc.path, where.line, where.col, CODE,
                    "no 'in_short' lines: an exercise or cause page opens with a three-line "
                    "summary", "add after 'summary':  in_short: [what it is, what to do, "
                    "what to watch for]")]
