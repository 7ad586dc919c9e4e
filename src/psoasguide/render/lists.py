"""List pages: home, section indexes, taxonomy and term pages, 404, redirects, and search."""

from __future__ import annotations

from ..link import TAXONOMIES, Taxonomy, Term
from ..model import SEARCH_UI, Kind
from .context import SEARCH_URL, SECTION_TITLES, RenderContext
from .urls import absolute, relative
from .views import Link, ListView, Meta, RedirectView, SearchView


def _home_crumb(url: str) -> tuple[Link, ...]:
    return (Link(relative(url, "/"), "Home"),)


def section_view(kind: Kind, ctx: RenderContext) -> ListView:
    """A section's index page."""
    url = f"/{kind.section}/"
    entries = tuple(ctx.link_to(url, d, d.summary) for d in ctx.graph.section(kind))
    title = SECTION_TITLES[kind]
    return ListView(
        Meta(f"{title} | {ctx.config.title}", f"{title} in {ctx.config.title}.",
             absolute(ctx.config.base_url, url), "section"),
        title, "", _home_crumb(url), ((Link("", ""), entries),))


def home_view(ctx: RenderContext) -> ListView:
    """The home page: every section with its pages."""
    groups = []
    for kind in Kind:
        docs = ctx.graph.section(kind)
        if docs:
            groups.append((Link(f"{kind.section}/", SECTION_TITLES[kind]),
                           tuple(ctx.link_to("/", d, d.summary) for d in docs)))
    browse = tuple(Link(f"{t.section}/", t.title) for t, _ in taxonomies(ctx))
    if browse:
        groups.append((Link("", "Browse the guide"), browse))
    config = ctx.config
    return ListView(Meta(config.title, config.description or config.title, config.base_url,
                         "home"), config.title, config.description, (), tuple(groups))


def taxonomy_view(taxonomy: Taxonomy, ctx: RenderContext) -> ListView:
    """A taxonomy's list page: its terms with how many pages each has."""
    url = f"/{taxonomy.section}/"
    terms = tuple(Link(f"{t.slug}/", t.label,
                       f"{len(t.pages)} page{'s' * (len(t.pages) != 1)}")
                  for t in ctx.graph.taxonomies[taxonomy.key])
    return ListView(Meta(f"{taxonomy.title} | {ctx.config.title}",
                         f"Pages of {ctx.config.title} by {taxonomy.title.lower()}.",
                         absolute(ctx.config.base_url, url), "taxonomy"),
                    taxonomy.title, "", _home_crumb(url), ((Link("", ""), terms),))


def term_view(taxonomy: Taxonomy, term: Term, ctx: RenderContext) -> ListView:
    """A term's page: every page that has it."""
    url = f"/{taxonomy.section}/{term.slug}/"
    docs = [ctx.graph.document(s) for s in term.pages]
    title = f"{taxonomy.singular}: {term.label}"
    return ListView(Meta(f"{title} | {ctx.config.title}", f"Pages about {term.label}.",
                         absolute(ctx.config.base_url, url), "term"),
                    title, "",
                    (*_home_crumb(url), Link(relative(url, f"/{taxonomy.section}/"),
                                             taxonomy.title)),
                    ((Link("", ""), tuple(ctx.link_to(url, d, d.summary) for d in docs)),))


def not_found_view(ctx: RenderContext) -> ListView:
    """The 404 page; its links are absolute, since it is served at any missing path."""
    base = ctx.config.base_url
    sections = tuple(Link(absolute(base, f"/{k.section}/"), SECTION_TITLES[k])
                     for k in Kind if ctx.graph.section(k))
    return ListView(Meta(f"Page not found | {ctx.config.title}", "This page does not exist.",
                         absolute(base, "/404.html"), "404", robots="noindex"),
                    "Page not found", "There is no page at this address.", (),
                    ((Link(base, "Start at the home page"), sections),))


def redirect_view(alias: str, slug: str, ctx: RenderContext) -> RedirectView:
    """The page left at an old URL."""
    doc = ctx.graph.document(slug)
    canonical = absolute(ctx.config.base_url, doc.url)
    return RedirectView(Meta(doc.title, doc.summary, canonical, "redirect", robots="noindex"),
                        doc.title, relative(alias, doc.url))


def search_view(ctx: RenderContext) -> SearchView:
    """The search page; Pagefind's UI is linked page-relative, so it works under any base path."""
    css, js = (relative(SEARCH_URL, "/" + path) for path in SEARCH_UI)
    return SearchView(Meta(f"Search | {ctx.config.title}", f"Search {ctx.config.title}.",
                           absolute(ctx.config.base_url, SEARCH_URL), "search", robots="noindex"),
                      "Search", _home_crumb(SEARCH_URL), ctx.search.value, css, js)


def taxonomies(ctx: RenderContext) -> list[tuple[Taxonomy, tuple[Term, ...]]]:
    """The taxonomies that have at least one term."""
    return [(t, ctx.graph.taxonomies[t.key]) for t in TAXONOMIES
            if ctx.graph.taxonomies.get(t.key)]
