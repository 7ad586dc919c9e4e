"""Render stage: the list of pages to make, each a view through its template, to bytes."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from ..diagnostics import Diagnostic
from ..forked import map_pages
from ..model import Kind, OutputFile
from .article import article_view
from .context import SEARCH_URL, RenderContext
from .environment import Templates
from .lists import (
    home_view,
    not_found_view,
    redirect_view,
    search_view,
    section_view,
    taxonomies,
    taxonomy_view,
    term_view,
)
from .urls import output_path
from .views import ArticleView, ListView, RedirectView, SearchView, SiteView

View = ArticleView | ListView | RedirectView | SearchView
#: (URL, template, what makes the page's view from the render context, site view)
Job = tuple[str, str, Callable[[RenderContext], View], SiteView]


def _jobs(ctx: RenderContext) -> list[Job]:
    """(URL, template, view maker, site view) for every page of the site. Each view is made
    when its page is rendered, in the worker that renders it, and dropped after."""
    jobs: list[Job] = [
        ("/", "home.html", home_view, ctx.site_view("/")),
        ("/404.html", "404.html", not_found_view, ctx.site_view("/", absolute_links=True)),
        (SEARCH_URL, "search.html", search_view, ctx.site_view(SEARCH_URL)),
    ]
    for kind in Kind:
        if ctx.graph.section(kind):
            url = f"/{kind.section}/"
            jobs.append((url, "section.html", partial(section_view, kind),
                         ctx.site_view(url)))
    for taxonomy, terms in taxonomies(ctx):
        url = f"/{taxonomy.section}/"
        jobs.append((url, "taxonomy.html", partial(taxonomy_view, taxonomy),
                     ctx.site_view(url)))
        for term in terms:
            term_url = f"{url}{term.slug}/"
            jobs.append((term_url, "term.html", partial(term_view, taxonomy, term),
                         ctx.site_view(term_url)))
    for slug in sorted(ctx.graph.pages):
        page = ctx.graph.pages[slug]
        url = page.document.url
        jobs.append((url, f"{page.document.kind.singular}.html",
                     partial(article_view, page), ctx.site_view(url)))
    for alias, slug in sorted(ctx.graph.redirects.items()):
        jobs.append((alias, "redirect.html", partial(redirect_view, alias, slug),
                     ctx.site_view(alias)))
    return jobs


def render_site(ctx: RenderContext, templates: Templates, jobs: int = 1
                ) -> tuple[list[OutputFile], list[Diagnostic]]:
    """Every HTML page of the site, in a stable order, on up to `jobs` processes."""
    files: list[OutputFile] = []
    problems: list[Diagnostic] = []
    pages = _jobs(ctx)
    if jobs > 1:
        templates.preload(ctx)

    def render_one(index: int) -> tuple[str, bytes | None, Diagnostic | None]:
        """A page's bytes."""
        url, template, view, site = pages[index]
        return url, *templates.render_page(url, template, site, view, ctx)

    for url, data, problem in map_pages(render_one, len(pages), jobs):
        if problem:
            problems.append(problem)
        elif data is not None:
            files.append(OutputFile(output_path(url), data))
    return files, problems
