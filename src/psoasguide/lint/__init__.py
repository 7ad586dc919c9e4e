"""Lint stage: content rules that keep a health page trustworthy, at `file:line:col`.

Runs after the link stage on every parsed article (drafts too; drafts are exempt from the
completeness rules). Rules and their codes are in `settings.RULES`; settings come from the
`lint` mapping of `site.yaml`; a finding is silenced for one line by a comment naming its rule
(`suppress`). Returns one `ArticleReport` per article for `psoasguide check --report`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from ..config import SiteConfig
from ..diagnostics import Diagnostic
from ..model import Kind, ParsedDocument
from .accessibility import check_headings, check_images, check_tables
from .completeness import check_references, check_review
from .doses import check_dose_overrides
from .evidence import check_evidence_labels
from .inshort import check_in_short
from .linktext import check_link_text
from .overclaims import check_overclaims
from .readability import check_reading_level, measure, text_blocks
from .report import ArticleReport, format_report, summarise
from .settings import RULES, LintSettings, parse_settings
from .source import ArticleSource, article_source
from .suppress import apply_suppressions, find_suppressions

__all__ = ["RULES", "ArticleReport", "LintSettings", "format_report", "lint_article",
           "lint_site", "load_settings", "summarise"]


def load_settings(site: SiteConfig) -> tuple[LintSettings, list[Diagnostic]]:
    """`site.lint` validated; problems are placed at their key in `site.yaml`."""
    if not site.lint:
        return LintSettings(), []
    return parse_settings(site.lint, site.marks, site.key_marks)


def _link_texts(page: ParsedDocument, by_slug: Mapping[str, ParsedDocument],
                by_path: Mapping[str, ParsedDocument]) -> list[str]:
    """The text each internal link will show: its own, else its target's heading or title."""
    texts: list[str] = []
    for link in page.links:
        target = by_path.get(link.target) or by_slug.get(link.target) or \
            (page if not link.target else None)
        text = link.text
        if not text and target is not None and link.anchor:
            text = next((h.text for h in target.headings if h.id == link.anchor), "")
        if not text and target is not None:
            text = target.document.title
        texts.append(text or link.target.replace("-", " "))
    return texts


def _findings(source: ArticleSource, settings: LintSettings, today: dt.date,
              cycle_months: int) -> list[Diagnostic]:
    return [
        *check_overclaims(source, settings.overclaims),
        *check_headings(source),
        *check_images(source),
        *check_link_text(source, settings.vague_link_text),
        *check_tables(source),
        *check_references(source, settings.min_references),
        *check_review(source, today, cycle_months),
        *check_evidence_labels(source),
        *check_in_short(source),
    ]


def lint_article(page: ParsedDocument, source: ArticleSource, settings: LintSettings,
                 today: dt.date, cycle_months: int, link_texts: Sequence[str] = (),
                 site_findings: Sequence[Diagnostic] = (),
                 ) -> tuple[ArticleReport, list[Diagnostic]]:
    """Every rule on one article: its report row, and its findings after suppressions."""
    doc = page.document
    stats = measure(text_blocks(page.html, link_texts))
    found = [*_findings(source, settings, today, cycle_months), *site_findings]
    found += check_reading_level(doc.path, doc.body_line, stats, settings.max_grade,
                                 settings.min_words)
    found = [d for d in found if settings.enabled(d.code)]
    suppressions, problems = find_suppressions(source)
    kept, silenced, unused = apply_suppressions(found, suppressions, settings.disable)
    row = ArticleReport(doc.path, doc.kind.singular, doc.draft, stats,
                        stats.minutes(settings.words_per_minute), silenced)
    return row, [*kept, *problems, *unused]


def lint_site(parsed: Sequence[ParsedDocument], site: SiteConfig, today: dt.date
              ) -> tuple[tuple[ArticleReport, ...], list[Diagnostic]]:
    """Lint every parsed article; the report rows (by path) and every finding."""
    settings, problems = load_settings(site)
    by_slug = {p.document.slug: p for p in parsed}
    by_path = {p.document.path: p for p in parsed}
    stretches = {p.document.slug: p.document for p in parsed
                 if p.document.kind is Kind.STRETCH}
    rows: list[ArticleReport] = []
    for page in parsed:
        source = article_source(page.document)
        texts = _link_texts(page, by_slug, by_path)
        row, found = lint_article(page, source, settings, today, site.review_cycle_months,
                                  texts, check_dose_overrides(page.document, stretches))
        rows.append(row)
        problems += found
    return tuple(sorted(rows, key=lambda r: r.path)), problems
