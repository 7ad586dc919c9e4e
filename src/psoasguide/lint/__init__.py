"""Lint stage: content rules that keep a health page trustworthy, at `file:line:col`.

Runs after the link stage on every parsed article (drafts too; drafts are exempt from the
completeness rules). Rules and their codes are in `settings.RULES`; settings come from the
`lint` mapping of `site.yaml`; a finding is silenced for one line by a comment naming its rule
(`suppress`). Returns one `ArticleReport` per article for `psoasguide check --report`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from ..config import SiteConfig
from ..diagnostics import Diagnostic
from ..forked import map_pages
from ..link.graph import SiteGraph
from ..model import Kind, ParsedDocument
from ..parse.scan import scan_body
from .accessibility import check_headings, check_images, check_tables
from .completeness import check_references, check_review
from .doses import check_dose_overrides
from .evidence import check_evidence_labels
from .inshort import check_in_short
from .jargon import find_jargon
from .linktext import check_link_text
from .overclaims import check_overclaims
from .readability import check_reading_level, fill_blocks, measure
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
                by_path: Mapping[str, ParsedDocument], graph: SiteGraph | None) -> list[str]:
    """The text each internal link shows: as the link stage resolved it for a page it linked,
    else (a draft left out of the build) its own, else its target's heading or title."""
    resolved = graph.links.get(page.document.slug) if graph is not None else None
    if resolved is not None:
        return [r.text if r else link.text or link.target.replace("-", " ")
                for link, r in zip(page.links, resolved, strict=True)]
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
              cycle_months: int, glossary: Sequence[str] = ()) -> list[Diagnostic]:
    return [
        *find_jargon(source, settings.jargon, glossary),
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


def lint_article(page: ParsedDocument, settings: LintSettings,
                 today: dt.date, cycle_months: int, link_texts: Sequence[str] = (),
                 site_findings: Sequence[Diagnostic] = (), glossary: Sequence[str] = (),
                 ) -> tuple[ArticleReport, list[Diagnostic]]:
    """Every rule on one article: its report row, and its findings after suppressions."""
    doc = page.document
    source = article_source(doc, page.masked)
    blocks = page.text_blocks if page.text_blocks is not None else scan_body(page.html).blocks
    stats = measure(fill_blocks(blocks, link_texts))
    found = [*_findings(source, settings, today, cycle_months, glossary), *site_findings]
    found += check_reading_level(doc.path, doc.body_line, stats, settings.max_grade,
                                 settings.min_words)
    found = [d for d in found if settings.enabled(d.code)]
    suppressions, problems = find_suppressions(source)
    kept, silenced, unused = apply_suppressions(found, suppressions, settings.disable)
    row = ArticleReport(doc.path, doc.kind.singular, doc.draft, stats,
                        stats.minutes(settings.words_per_minute), silenced)
    return row, [*kept, *problems, *unused]


def lint_site(parsed: Sequence[ParsedDocument], site: SiteConfig, today: dt.date,
              graph: SiteGraph | None = None,
              article: Callable[..., tuple[ArticleReport, list[Diagnostic]]] = lint_article,
              jobs: int = 1,
              settings_of: Callable[[SiteConfig], tuple[LintSettings, list[Diagnostic]]]
              = load_settings) -> tuple[tuple[ArticleReport, ...], list[Diagnostic]]:
    """Lint every parsed article with `article` (`lint_article`, or a stand-in with its
    signature, such as a cache's memo) and the settings `settings_of` reads (likewise), on up
    to `jobs` processes; the report rows (by path) and every finding. Link texts come from
    `graph` (the link stage's), so the linter reads what the page shows."""
    settings, problems = settings_of(site)
    problems = list(problems)
    by_slug = {p.document.slug: p for p in parsed}
    by_path = {p.document.path: p for p in parsed}
    entries = by_slug.get(site.glossary_page or "")
    glossary = [h.text for h in entries.headings if h.level == 2] if entries else []
    stretches = {p.document.slug: p.document for p in parsed
                 if p.document.kind is Kind.STRETCH}

    def lint_one(index: int) -> tuple[ArticleReport, list[Diagnostic]]:
        page = parsed[index]
        texts = _link_texts(page, by_slug, by_path, graph)
        return article(page, settings, today, site.review_cycle_months, texts,
                       check_dose_overrides(page.document, stretches), glossary)

    rows: list[ArticleReport] = []
    for row, found in map_pages(lint_one, len(parsed), jobs):
        rows.append(row)
        problems += found
    return tuple(sorted(rows, key=lambda r: r.path)), problems
