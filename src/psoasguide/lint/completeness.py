"""Rules `few-references` and `review-overdue` (published articles only).

Anatomy, cause and stretch articles make claims about the body, so each needs at least
`lint.min_references` sources (default 2); the schema already requires each one's title,
publisher and year. Every published article is reviewed at least every `review_cycle_months`
(site.yaml, default 36): after that, a warning at its `reviewed` date. Drafts are exempt.
"""

from __future__ import annotations

import datetime as dt

from ..dates import add_months
from ..diagnostics import Diagnostic, error, warning
from ..model import Kind
from .source import ArticleSource

#: Kinds whose articles must cite sources.
CITING_KINDS = frozenset({Kind.ANATOMY, Kind.CAUSE, Kind.STRETCH})


def check_references(source: ArticleSource, min_references: int) -> list[Diagnostic]:
    """Too few references on a citing kind."""
    doc = source.document
    count = len(doc.references)
    if doc.draft or doc.kind not in CITING_KINDS or count >= min_references:
        return []
    where = source.key_mark("references" if count else "title")
    return [error(doc.path, where.line, where.col, "few-references",
                  f"a published {doc.kind.singular} article needs at least {min_references} "
                  f"references; this one has {count}",
                  "list the sources it rests on under 'references' (title, publisher, year)")]


def check_review(source: ArticleSource, today: dt.date, cycle_months: int) -> list[Diagnostic]:
    """A warning when the article's last review is more than `cycle_months` ago."""
    doc = source.document
    due = add_months(doc.reviewed, cycle_months)
    if doc.draft or today <= due:
        return []
    where = source.marks.get(("reviewed",)) or source.key_mark("reviewed")
    return [warning(doc.path, where.line, where.col, "review-overdue",
                    f"last reviewed {doc.reviewed.isoformat()}; the next review was due by "
                    f"{due.isoformat()} (review_cycle_months: {cycle_months})",
                    "check the article against its sources again and update 'reviewed'")]
