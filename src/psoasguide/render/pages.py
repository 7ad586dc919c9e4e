"""Render stage: a view per page (article, section index, home, 404), then Jinja2 to bytes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..config import SiteConfig
from ..diagnostics import Diagnostic
from ..link import SiteGraph
from ..model import Document, Kind, OutputFile, ParsedDocument
from ..parse.extensions import LINK_CLOSE, LINK_OPEN, TEXT_CLOSE, TEXT_OPEN
from . import jsonld
from .environment import Templates
from .facts import facts_for
from .urls import absolute, output_path, relative
from .views import ArticleView, Link, ListView, Meta, RefView, SiteView

SECTION_TITLES: Mapping[Kind, str] = {
    Kind.ANATOMY: "Anatomy",
    Kind.CAUSE: "Causes",
    Kind.STRETCH: "Stretches and exercises",
    Kind.ROUTINE: "Routines",
    Kind.PAGE: "About this guide",
}
#: Relation lists shown on article pages, in this order (data-rel names).
SHOWN_RELATIONS = ("targets", "helps", "affects", "targeted-by", "helped-by", "affected-by",
                   "in-routine", "backlinks")
TOC_MIN_HEADINGS = 3


@dataclass(frozen=True)
class RenderContext:
    """What every view builder needs: the graph, the config and the asset URLs."""

    graph: SiteGraph
    config: SiteConfig
    assets: Mapping[str, str]  # logical name -> site-absolute URL

    def site_view(self, at: str, absolute_links: bool = False) -> SiteView:
        """Site-wide values with links relative to the page at `at` (or absolute)."""

        def href(url: str) -> str:
            return absolute(self.config.base_url, url) if absolute_links else relative(at, url)

        sections = tuple(Link(href(f"/{k.section}/"), SECTION_TITLES[k])
                         for k in Kind if self.graph.section(k))
        safety = None
        page = self.graph.pages.get(self.config.safety_page or "")
        if page is not None:
            safety = Link(href(page.document.url), page.document.title)
        return SiteView(self.config.title, self.config.description, self.config.language,
                        self.config.publisher, href("/"), sections, safety,
                        {name: href(url) for name, url in self.assets.items()})

    def link_to(self, at: str, doc: Document, note: str = "") -> Link:
        """A link from the page at `at` to `doc`."""
        return Link(relative(at, doc.url), doc.title, note)


def _date_text(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def fill_links(page: ParsedDocument, ctx: RenderContext) -> Markup:
    """The body HTML with link placeholders replaced by page-relative URLs and titles."""
    body = page.html
    at = page.document.url
    for link, resolved in zip(page.links, ctx.graph.links.get(page.document.slug, ()),
                              strict=False):
        href = relative(at, resolved.url) if resolved else "#"
        text = resolved.text if resolved else link.target
        n = link.placeholder[len(LINK_OPEN):-len(LINK_CLOSE)]
        body = body.replace(link.placeholder, str(escape(href)))
        body = body.replace(f"{TEXT_OPEN}{n}{TEXT_CLOSE}", str(escape(text)))
    return Markup(body)


def _rels(doc: Document, ctx: RenderContext) -> dict[str, tuple[Link, ...]]:
    graph = ctx.graph
    named = {**graph.relations.get(doc.slug, {}), **graph.inverse.get(doc.slug, {}),
             "backlinks": graph.backlinks.get(doc.slug, ())}
    out = {}
    for rel in SHOWN_RELATIONS:
        docs = [graph.document(s) for s in named.get(rel, ())]
        if docs:
            out[rel] = tuple(ctx.link_to(doc.url, d, d.summary) for d in docs)
    return out


def article_view(page: ParsedDocument, ctx: RenderContext) -> ArticleView:
    """The view of one article."""
    doc, config = page.document, ctx.config
    canonical = absolute(config.base_url, doc.url)
    data = jsonld.article_data(doc, canonical, config.title, config.publisher, config.language)
    stretches = {d.slug: d for d in ctx.graph.section(Kind.STRETCH)}
    facts = facts_for(doc, stretches=stretches, timer=config.timer,
                      link=lambda d: ctx.link_to(doc.url, d))
    next_review = _add_months(doc.reviewed, config.review_cycle_months)
    shown = [h for h in page.headings if h.level <= 3]
    toc = tuple(Link(f"#{h.id}", h.text, str(h.level)) for h in shown) \
        if len(page.headings) >= TOC_MIN_HEADINGS else ()
    return ArticleView(
        meta=Meta(f"{doc.title} | {config.title}", doc.summary, canonical, "article",
                  jsonld.encode(data), "noindex" if doc.draft else ""),
        kind=doc.kind.singular, slug=doc.slug, title=doc.title, summary=doc.summary,
        content=fill_links(page, ctx),
        breadcrumbs=(Link(relative(doc.url, "/"), "Home"),
                     Link(relative(doc.url, f"/{doc.kind.section}/"),
                          SECTION_TITLES[doc.kind])),
        reviewed=doc.reviewed.isoformat(), reviewed_text=_date_text(doc.reviewed),
        next_review=next_review.isoformat(), next_review_text=_date_text(next_review),
        draft=doc.draft,
        references=tuple(RefView(r.title, r.publisher, r.year,
                                 r.url or (f"https://doi.org/{r.doi}" if r.doi else ""))
                         for r in doc.references),
        tags=doc.tags, facts=facts, rels=_rels(doc, ctx), toc=toc,
    )


def section_view(kind: Kind, ctx: RenderContext) -> ListView:
    """A section's index page."""
    url = f"/{kind.section}/"
    entries = tuple(ctx.link_to(url, d, d.summary) for d in ctx.graph.section(kind))
    title = SECTION_TITLES[kind]
    return ListView(
        Meta(f"{title} | {ctx.config.title}", f"{title} in {ctx.config.title}.",
             absolute(ctx.config.base_url, url), "section"),
        title, "", (Link(relative(url, "/"), "Home"),), ((Link("", ""), entries),))


def home_view(ctx: RenderContext) -> ListView:
    """The home page: every section with its pages."""
    groups = []
    for kind in Kind:
        docs = ctx.graph.section(kind)
        if docs:
            groups.append((Link(f"{kind.section}/", SECTION_TITLES[kind]),
                           tuple(ctx.link_to("/", d, d.summary) for d in docs)))
    config = ctx.config
    return ListView(Meta(config.title, config.description or config.title,
                         config.base_url, "home"),
                    config.title, config.description, (), tuple(groups))


def not_found_view(ctx: RenderContext) -> ListView:
    """The 404 page; its links are absolute, since it is served at any missing path."""
    base = ctx.config.base_url
    sections = tuple(Link(absolute(base, f"/{k.section}/"), SECTION_TITLES[k])
                     for k in Kind if ctx.graph.section(k))
    return ListView(Meta(f"Page not found | {ctx.config.title}", "This page does not exist.",
                         absolute(base, "/404.html"), "404", robots="noindex"),
                    "Page not found", "There is no page at this address.", (),
                    ((Link(base, "Start at the home page"), sections),))


def render_site(ctx: RenderContext, templates: Templates
                ) -> tuple[list[OutputFile], list[Diagnostic]]:
    """Every HTML page of the site, in a stable order."""
    jobs: list[tuple[str, str, ArticleView | ListView, SiteView]] = [
        ("/", "home.html", home_view(ctx), ctx.site_view("/")),
        ("/404.html", "404.html", not_found_view(ctx), ctx.site_view("/", absolute_links=True)),
    ]
    for kind in Kind:
        if ctx.graph.section(kind):
            url = f"/{kind.section}/"
            jobs.append((url, "section.html", section_view(kind, ctx), ctx.site_view(url)))
    for slug in sorted(ctx.graph.pages):
        page = ctx.graph.pages[slug]
        url = page.document.url
        jobs.append((url, f"{page.document.kind.singular}.html", article_view(page, ctx),
                     ctx.site_view(url)))
    files: list[OutputFile] = []
    problems: list[Diagnostic] = []
    for url, template, view, site in jobs:
        text, problem = templates.render(template, site=site, page=view)
        if problem:
            problems.append(problem)
        elif text is not None:
            files.append(OutputFile(output_path(url), text.encode("utf-8")))
    return files, problems
