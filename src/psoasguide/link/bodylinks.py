"""Body links: wiki links and relative source links resolved to pages and anchors; backlinks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

from ..diagnostics import Diagnostic, did_you_mean, error
from ..frozen import FrozenMap
from ..model import Kind, ParsedDocument
from .facts import LinkFacts
from .graph import ResolvedLink


@dataclass(frozen=True)
class LinkProblem:
    """A broken body link: the page's slug, the link's index in the body, and what is wrong
    (its position in the source is taken from the page when the problem is reported)."""

    slug: str
    index: int
    code: str
    message: str
    hint: str

    def diagnostic(self, page: ParsedDocument) -> Diagnostic:
        """The problem at its link's position in `page`."""
        link = page.links[self.index]
        return error(page.document.path, link.line, link.col, self.code, self.message,
                     self.hint)


def _anchor_text(page: LinkFacts, anchor: str, anchors: Mapping[Kind, frozenset[str]]
                 ) -> str | None:
    for heading_id, text in page.headings:
        if heading_id == anchor:
            return text
    if anchor == "references" and not page.references:
        return None
    if anchor in anchors.get(page.kind, ()):
        return anchor.replace("-", " ").capitalize()
    return None


Link = tuple[str, str, str]  # (target, anchor, text), as in `LinkFacts.links`
Failure = tuple[str, str, str]  # (code, message, hint)


def _resolve(source: LinkFacts, link: Link, pages: Mapping[str, LinkFacts],
             everyone: Mapping[str, Kind], by_path: Mapping[str, str],
             anchors: Mapping[Kind, frozenset[str]]
             ) -> tuple[ResolvedLink | None, Failure | None]:
    target_name, anchor, own_text = link
    slug = by_path.get(target_name, "") if target_name.endswith(".md") else target_name
    slug = slug or (source.slug if not target_name else "")

    def fail(code: str, message: str, hint: str = "") -> tuple[None, Failure]:
        return None, (code, message, hint)

    if not slug:
        return fail("unknown-page", f"'{target_name}' is not a page of this site",
                    did_you_mean(target_name, list(by_path)) or "check the path")
    if slug not in everyone:
        return fail("unknown-page", f"'{slug}' is not a page of this site",
                    did_you_mean(slug, everyone))
    if slug not in pages:
        return fail("draft-target", f"this page links to '{slug}', which is a draft",
                    "publish it, remove the link, or build with --drafts")
    target = pages[slug]
    if anchor:
        anchor_text = _anchor_text(target, anchor, anchors)
        if anchor_text is None:
            ids = [h for h, _ in target.headings] + sorted(anchors.get(target.kind, ()))
            return fail("unknown-anchor", f"'{slug}' has no heading '#{anchor}'",
                        did_you_mean(anchor, ids))
        return ResolvedLink(f"{target.url}#{anchor}", own_text or anchor_text, slug), None
    return ResolvedLink(target.url, own_text or target.title, slug), None


def resolve_body_links(pages: Mapping[str, LinkFacts], everyone: Mapping[str, Kind],
                       by_path: Mapping[str, str], failed: frozenset[str],
                       anchors: Mapping[Kind, frozenset[str]]
                       ) -> tuple[FrozenMap[str, tuple[ResolvedLink | None, ...]],
                                  FrozenMap[str, tuple[str, ...]], list[LinkProblem]]:
    """Every page's links resolved (None where broken), backlinks, and the problems;
    `everyone` holds every page's kind and `by_path` its slug by source path (drafts too);
    `anchors` are the sections the theme gives each kind's pages."""
    resolved: dict[str, tuple[ResolvedLink | None, ...]] = {}
    mentions: dict[str, set[str]] = defaultdict(set)
    problems: list[LinkProblem] = []
    for slug, page in pages.items():
        out = []
        for i, link in enumerate(page.links):
            result, problem = _resolve(page, link, pages, everyone, by_path, anchors)
            if problem and PurePosixPath(link[0]).stem in failed:
                problem = None
            out.append(result)
            if problem:
                problems.append(LinkProblem(slug, i, *problem))
            elif result and result.target != slug:
                mentions[result.target].add(slug)
        resolved[slug] = tuple(out)

    def order(s: str) -> tuple[str, str]:
        return pages[s].title.casefold(), s

    backlinks = {target: tuple(sorted(sources, key=order)) for target, sources in mentions.items()}
    return FrozenMap(resolved), FrozenMap(backlinks), problems
