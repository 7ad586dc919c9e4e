"""Rules `few-references`, `incomplete-reference` and `review-overdue` (published articles only).

Anatomy, cause and stretch articles make claims about the body, so each needs at least
`lint.min_references` sources (default 2), each with a title, a publisher and a year. Every
published article is reviewed at least every `review_cycle_months` (site.yaml, default 36):
after that, a warning at its `reviewed` date. Drafts are exempt from all three rules.
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
    """Too few references on a citing kind; any reference missing title, publisher or year."""
    doc = source.document
    if doc.draft:
        return []
    found: list[Diagnostic] = []
    count = len(doc.references)
    if doc.kind in CITING_KINDS and count < min_references:
        where = source.key_mark("references" if count else "title")
        found.append(error(
            doc.path, where.line, where.col, "few-references",
            f"a published {doc.kind.singular} article needs at least {min_references} "
            f"references; this one has {count}",
            "list the sources it rests on under 'references' (title, publisher, year)"))
    for index, ref in enumerate(doc.references):
        missing = [name for name, value in (("title", ref.title), ("publisher", ref.publisher),
                                            ("year", ref.year)) if not str(value or "").strip()]
        if missing:
            where = source.marks.get(("references", index)) or source.key_mark("references")
            found.append(error(doc.path, where.line, where.col, "incomplete-reference",
                               f"reference {index + 1} has no {' or '.join(missing)}",
                               "every reference needs a title, a publisher and a year"))
    return found


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
