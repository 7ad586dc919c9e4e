"""Body links: wiki links and relative source links resolved to pages and anchors; backlinks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from pathlib import PurePosixPath

from ..diagnostics import Diagnostic, did_you_mean, error
from ..model import Document, Kind, LinkRef, ParsedDocument
from .graph import ResolvedLink


def _anchor_text(page: ParsedDocument, anchor: str, anchors: Mapping[Kind, frozenset[str]]
                 ) -> str | None:
    for heading in page.headings:
        if heading.id == anchor:
            return heading.text
    if anchor == "references" and not page.document.references:
        return None
    if anchor in anchors.get(page.document.kind, ()):
        return anchor.replace("-", " ").capitalize()
    return None


def _resolve(source: ParsedDocument, link: LinkRef, pages: Mapping[str, ParsedDocument],
             everyone: Mapping[str, Document], by_path: Mapping[str, str],
             anchors: Mapping[Kind, frozenset[str]]
             ) -> tuple[ResolvedLink | None, Diagnostic | None]:
    doc = source.document
    slug = by_path.get(link.target, "") if link.target.endswith(".md") else link.target
    slug = slug or (doc.slug if not link.target else "")

    def fail(code: str, message: str, hint: str = "") -> tuple[None, Diagnostic]:
        return None, error(doc.path, link.line, link.col, code, message, hint)

    if not slug:
        return fail("unknown-page", f"'{link.target}' is not a page of this site",
                    did_you_mean(link.target, list(by_path)) or "check the path")
    if slug not in everyone:
        return fail("unknown-page", f"'{slug}' is not a page of this site",
                    did_you_mean(slug, everyone))
    if slug not in pages:
        return fail("draft-target", f"this page links to '{slug}', which is a draft",
                    "publish it, remove the link, or build with --drafts")
    target = pages[slug]
    text = link.text or target.document.title
    if link.anchor:
        anchor_text = _anchor_text(target, link.anchor, anchors)
        if anchor_text is None:
            ids = [h.id for h in target.headings] + sorted(anchors.get(target.document.kind, ()))
            return fail("unknown-anchor", f"'{slug}' has no heading '#{link.anchor}'",
                        did_you_mean(link.anchor, ids))
        text = link.text or anchor_text
        return ResolvedLink(f"{target.document.url}#{link.anchor}", text, slug), None
    return ResolvedLink(target.document.url, text, slug), None


def resolve_body_links(pages: Mapping[str, ParsedDocument], everyone: Mapping[str, Document],
                       failed: frozenset[str], anchors: Mapping[Kind, frozenset[str]]
                       ) -> tuple[dict[str, tuple[ResolvedLink | None, ...]],
                                  dict[str, tuple[str, ...]], list[Diagnostic]]:
    """Every page's links resolved (None where broken), backlinks, and the problems;
    `anchors` are the sections the theme gives each kind's pages."""
    by_path = {d.path: d.slug for d in everyone.values()}
    resolved: dict[str, tuple[ResolvedLink | None, ...]] = {}
    mentions: dict[str, set[str]] = defaultdict(set)
    problems: list[Diagnostic] = []
    for slug, page in pages.items():
        out = []
        for link in page.links:
            result, problem = _resolve(page, link, pages, everyone, by_path, anchors)
            if problem and PurePosixPath(link.target).stem in failed:
                problem = None
            out.append(result)
            if problem:
                problems.append(problem)
            elif result and result.target != slug:
                mentions[result.target].add(slug)
        resolved[slug] = tuple(out)

    def order(s: str) -> tuple[str, str]:
        return pages[s].document.title.casefold(), s

    backlinks = {target: tuple(sorted(sources, key=order)) for target, sources in mentions.items()}
    return resolved, backlinks, problems
