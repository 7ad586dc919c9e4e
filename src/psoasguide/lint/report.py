"""The readability report: one row per article, and the table `check --report` prints."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .readability import TextStats


@dataclass(frozen=True)
class ArticleReport:
    """One article's reading figures and how many lint findings were suppressed in it."""

    path: str
    kind: str
    draft: bool
    stats: TextStats
    minutes: int
    suppressed: int = 0

    @property
    def grade(self) -> float | None:
        """The article's Flesch-Kincaid grade (None without words)."""
        return self.stats.grade

    @property
    def words(self) -> int:
        """Words of body text."""
        return self.stats.words


@dataclass(frozen=True)
class ReportSummary:
    """Guide-wide figures over the published articles (drafts left out)."""

    articles: int
    average_grade: float | None
    words: int
    minutes: int
    suppressed: int


def summarise(rows: Sequence[ArticleReport]) -> ReportSummary:
    """The mean grade, total words, reading time and suppressions of the published articles."""
    published = [r for r in rows if not r.draft]
    grades = [r.grade for r in published if r.grade is not None]
    average = sum(grades) / len(grades) if grades else None
    return ReportSummary(len(published), average, sum(r.words for r in published),
                         sum(r.minutes for r in published), sum(r.suppressed for r in rows))


def _grade(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def format_report(rows: Sequence[ArticleReport]) -> str:
    """A plain-text table: path, kind, grade, words, minutes, suppressions; then the averages."""
    header = ("article", "kind", "grade", "words", "minutes", "suppressed")
    body = [(r.path + (" (draft)" if r.draft else ""), r.kind, _grade(r.grade), str(r.words),
             str(r.minutes), str(r.suppressed)) for r in sorted(rows, key=lambda r: r.path)]
    summary = summarise(rows)
    total = (f"guide: {summary.articles} published", "", _grade(summary.average_grade),
             str(summary.words), str(summary.minutes), str(summary.suppressed))
    table = [header, *body, total]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]

    def line(row: tuple[str, ...]) -> str:
        cells = [row[0].ljust(widths[0]), row[1].ljust(widths[1])]
        cells += [cell.rjust(width) for cell, width in zip(row[2:], widths[2:], strict=True)]
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * w for w in widths)
    lines = [line(header), rule, *(line(r) for r in body), rule, line(total)]
    lines.append("grade: Flesch-Kincaid; guide row: mean grade and totals of published articles")
    return "\n".join(lines)
