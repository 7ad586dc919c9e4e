"""The view of one article: body with links filled in, facts, relations, navigation."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from markupsafe import Markup, escape

from ..dates import add_months
from ..link import TAXONOMIES
from ..link.taxonomy import term_slug, term_values
from ..model import Document, Kind, ParsedDocument
from ..parse.extensions import LINK_CLOSE, LINK_OPEN, TEXT_CLOSE, TEXT_OPEN
from ..parse.includes import placeholder_html
from . import jsonld
from .context import SECTION_TITLES, RenderContext
from .facts import facts_for
from .glossary import glossary_terms, link_terms
from .urls import absolute, new_issue, relative
from .views import ArticleView, Link, Meta, RefView

#: Relation lists shown on article pages, in this order (data-rel names).
SHOWN_RELATIONS = ("targets", "helps", "affects", "targeted-by", "affected-by", "in-routine",
                   "backlinks")
TOC_MIN_HEADINGS = 3
#: (no group around the opening marks: with one, `re` scans the page three times slower)
_PLACEHOLDER = re.compile(f"{LINK_OPEN}(\\d+){LINK_CLOSE}|{TEXT_OPEN}(\\d+){TEXT_CLOSE}")
_TYPE_HEADINGS = {"stretch": "Stretches", "strength": "Strengthening exercises",
                  "mobility": "Mobility exercises"}


def date_text(day: dt.date) -> str:
    """`20 November 2026`."""
    return f"{day.day} {day.strftime('%B')} {day.year}"


def fill_links(page: ParsedDocument, ctx: RenderContext) -> Markup:
    """The body HTML with link placeholders replaced by page-relative URLs and titles, in one
    pass over the body however many links it has."""
    at = page.document.url
    hrefs: dict[str, str] = {}
    texts: dict[str, str] = {}
    href_of: dict[str, str] = {}  # target URL -> escaped page-relative href, made once each
    for link, resolved in zip(page.links, ctx.graph.links.get(page.document.slug, ()),
                              strict=False):
        n = link.placeholder[len(LINK_OPEN):-len(LINK_CLOSE)]
        if resolved and resolved.url not in href_of:
            href_of[resolved.url] = str(escape(relative(at, resolved.url)))
        hrefs[n] = href_of[resolved.url] if resolved else "#"
        texts[n] = str(escape(resolved.text if resolved else link.target))

    def fill(match: re.Match[str]) -> str:
        link, text = match.groups()
        if link is not None:
            return hrefs.get(link, match.group(0))
        return texts.get(text, match.group(0))

    body = _PLACEHOLDER.sub(fill, page.html)
    glossary = ctx.graph.pages.get(ctx.config.glossary_page or "")
    if glossary is not None and glossary.document.slug != page.document.slug:
        own = page.document.title.casefold()  # a page does not send its own name away
        terms = [t for t in glossary_terms(glossary.headings) if t[0].casefold() != own]
        body = link_terms(body, terms,
                          lambda anchor: relative(at, glossary.document.url) + "#" + anchor)
    for ref in page.blocks:  # after the glossary: a block reads the same on every page
        body = body.replace(placeholder_html(ref), ctx.blocks.get((ref.name, ref.variant), ""))
    return Markup(body)


#: Kinds whose pages show the short "Call 999" box before their steps.
CALL_999_KINDS = (Kind.STRETCH, Kind.ROUTINE)


def _signs(doc: Document, ctx: RenderContext) -> tuple[Markup, Markup]:
    """The short box (exercise and routine pages) and the full list (the red-flags page)."""
    name = ctx.config.safety_signs or ""
    box = ctx.blocks.get((name, "short"), Markup()) if doc.kind in CALL_999_KINDS else Markup()
    full = ctx.blocks.get((name, "full"), Markup()) \
        if doc.slug == ctx.config.safety_page else Markup()
    return box, full


def _rels(doc: Document, ctx: RenderContext) -> dict[str, tuple[Link, ...]]:
    graph = ctx.graph
    named = {**graph.relations.get(doc.slug, {}), **graph.inverse.get(doc.slug, {}),
             "backlinks": graph.backlinks.get(doc.slug, ())}
    out = {}
    for rel in SHOWN_RELATIONS:
        docs = [graph.document(s) for s in named.get(rel, ())]
        if docs:
            out[rel] = tuple(ctx.link_to(doc.url, d, d.summary) for d in docs)
    related = graph.related.get(doc.slug, ())
    if related:
        out["related"] = tuple(ctx.link_to(doc.url, graph.document(r.slug), r.reason)
                               for r in related)
    return out


def _helped_by(doc: Document, ctx: RenderContext) -> tuple[tuple[str, tuple[Link, ...]], ...]:
    helpers = [ctx.graph.document(s) for s in ctx.graph.inverse.get(doc.slug, {})
               .get("helped-by", ())]
    groups = []
    for kind, heading in _TYPE_HEADINGS.items():
        links = tuple(ctx.link_to(doc.url, d, d.summary) for d in helpers
                      if d.fields["type"] == kind)
        if links:
            groups.append((heading, links))
    return tuple(groups)


def _terms(doc: Document) -> dict[str, tuple[Link, ...]]:
    out = {}
    for taxonomy in TAXONOMIES:
        values = term_values(doc, taxonomy.key)
        if values:
            out[taxonomy.key] = tuple(
                Link(relative(doc.url, f"/{taxonomy.section}/{term_slug(v)}/"), v)
                for v in values)
    return out


def _neighbours(doc: Document, ctx: RenderContext) -> tuple[Link | None, Link | None]:
    before, after = ctx.graph.neighbours.get(doc.slug, (None, None))
    return (ctx.link_to(doc.url, before) if before else None,
            ctx.link_to(doc.url, after) if after else None)


def _meta(doc: Document, ctx: RenderContext, facts: dict[str, Any]) -> Meta:
    config = ctx.config
    canonical = absolute(config.base_url, doc.url)
    data = jsonld.article_data(doc, canonical, config.title, config.publisher, config.language)
    if doc.kind is Kind.STRETCH:
        work = facts["seconds"] - config.timer.ready_seconds
        data["about"] = jsonld.exercise_plan(data["about"], doc.fields["dose"], work,
                                             doc.fields["type"], doc.fields["intensity"])
    elif doc.kind is Kind.ROUTINE:
        steps = [(item.name, item.dose + (f". {item.note}" if item.note else ""),
                  absolute(config.base_url, ctx.graph.document(slug).url))
                 for item, slug in zip(facts["exercises"], facts["slugs"], strict=True)]
        data["about"] = jsonld.routine_howto(doc.title, facts["seconds"], steps)
    return Meta(f"{doc.title} | {config.title}", doc.summary, canonical, "article",
                jsonld.encode(data), "noindex" if doc.draft else "")


def article_view(page: ParsedDocument, ctx: RenderContext) -> ArticleView:
    """The view of one article."""
    doc, config = page.document, ctx.config
    facts = facts_for(doc, stretches=ctx.stretches, timer=config.timer,
                      link=lambda d: ctx.link_to(doc.url, d))
    safety = ctx.graph.pages.get(config.safety_page or "")
    if doc.kind is Kind.ROUTINE and safety is not None:
        facts["safety_url"] = absolute(config.base_url, safety.document.url)
    next_review = add_months(doc.reviewed, config.review_cycle_months)
    shown = [h for h in page.headings if h.level <= 3]
    toc = tuple(Link(f"#{h.id}", h.text, str(h.level)) for h in shown) \
        if len(page.headings) >= TOC_MIN_HEADINGS else ()
    previous, after = _neighbours(doc, ctx)
    call_999, signs = _signs(doc, ctx)
    review = doc.clinical_review
    return ArticleView(
        meta=_meta(doc, ctx, facts), kind=doc.kind.singular, slug=doc.slug, title=doc.title,
        summary=doc.summary, content=fill_links(page, ctx),
        breadcrumbs=(Link(relative(doc.url, "/"), "Home"),
                     Link(relative(doc.url, f"/{doc.kind.section}/"), SECTION_TITLES[doc.kind])),
        reviewed=doc.reviewed.isoformat(), reviewed_text=date_text(doc.reviewed),
        next_review=next_review.isoformat(), next_review_text=date_text(next_review),
        draft=doc.draft,
        references=tuple(RefView(r.title, r.publisher, r.year,
                                 r.url or (f"https://doi.org/{r.doi}" if r.doi else ""))
                         for r in doc.references),
        terms=_terms(doc), facts=facts, rels=_rels(doc, ctx), helped_by=_helped_by(doc, ctx),
        toc=toc, previous=previous, next=after,
        report_href=new_issue(ctx.config.repo_url, doc.title,
                              absolute(ctx.config.base_url, doc.url), doc.path),
        in_short=tuple(doc.fields.get("in_short", ())), call_999=call_999, signs=signs,
        clinical_by=review.by if review else "", clinical_role=review.role if review else "",
        clinical_date=review.date.isoformat() if review else "",
        clinical_date_text=date_text(review.date) if review else "",
    )
