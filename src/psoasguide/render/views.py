"""Views: what templates see. Plain frozen data with every URL already page-relative.

Templates get `site` (a `SiteView`) and `page` (an `ArticleView`, a `ListView`, a
`RedirectView` or a `SearchView`), never the model. Text is plain and escaped by Jinja's
autoescape; only `content` and `jsonld` are markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

#: The empty markup every view shares as a default (Markup is immutable).
NO_MARKUP = Markup()


@dataclass(frozen=True)
class Link:
    """A link as shown: page-relative `href`, text, and an optional note (summary or reason)."""

    href: str
    text: str
    note: str = ""
    thumb: Markup = NO_MARKUP  # an exercise's start position, small


@dataclass(frozen=True)
class RefView:
    """A reference, with a link to its URL or DOI when it has one."""

    title: str
    publisher: str
    year: int
    href: str = ""


@dataclass(frozen=True)
class SiteView:
    """Site-wide values; `sections` are the top navigation."""

    title: str
    description: str
    language: str
    publisher: str
    home: str  # relative link to the home page
    sections: tuple[Link, ...]
    safety: Link | None
    assets: Mapping[str, str]  # logical name -> page-relative URL of the fingerprinted file
    search: str  # relative link to the search page


@dataclass(frozen=True)
class Meta:
    """Head metadata of a page."""

    title: str
    description: str
    canonical: str  # absolute
    kind: str  # "article", "section", "home", "taxonomy", "term", "404", "redirect", "search"
    jsonld: Markup = NO_MARKUP
    robots: str = ""


@dataclass(frozen=True)
class ArticleView:
    """One article. `facts` holds its kind's structured fields, ready to show."""

    meta: Meta
    kind: str  # singular kind: anatomy, cause, stretch, routine, page
    slug: str
    title: str
    summary: str
    content: Markup
    breadcrumbs: tuple[Link, ...]
    reviewed: str  # ISO date
    reviewed_text: str  # "20 November 2026"
    next_review: str
    next_review_text: str
    draft: bool
    references: tuple[RefView, ...]
    facts: Mapping[str, Any] = field(default_factory=dict)
    #: data-rel name ("targets", "targeted-by", "related", ...) -> links, empty lists left out;
    #: a related link's note is the reason it is shown
    rels: Mapping[str, tuple[Link, ...]] = field(default_factory=dict)
    #: "helped-by" split by exercise type: (type heading, links)
    helped_by: tuple[tuple[str, tuple[Link, ...]], ...] = ()
    #: taxonomy key ("tags", "difficulty", "equipment", "type") -> links to this page's terms
    terms: Mapping[str, tuple[Link, ...]] = field(default_factory=dict)
    toc: tuple[Link, ...] = ()
    previous: Link | None = None  # within the section, by weight then title
    next: Link | None = None
    report_href: str = ""  # a new issue about this page in the guide's repository, if set
    #: the site's short "Call 999" box (exercise and routine pages), and its full list of
    #: warning signs (the red-flags page only); empty when not shown
    in_short: tuple[str, ...] = ()  # exercise and cause pages: three lines at the top
    call_999: Markup = field(default_factory=Markup)
    signs: Markup = field(default_factory=Markup)
    #: a clinician's review, when there was one: who, their role, and when ("" otherwise)
    clinical_by: str = ""
    clinical_role: str = ""
    clinical_date: str = ""
    clinical_date_text: str = ""


@dataclass(frozen=True)
class ListView:
    """The home page, a section index or the 404 page: a title, an intro and groups of links."""

    meta: Meta
    title: str
    summary: str
    breadcrumbs: tuple[Link, ...]
    groups: tuple[tuple[Link, tuple[Link, ...]], ...]  # (heading link, entries)


@dataclass(frozen=True)
class RedirectView:
    """A page at an old URL that sends readers on to the page that replaced it."""

    meta: Meta
    title: str
    target: str  # relative link to the new page


@dataclass(frozen=True)
class SearchView:
    """The search page: Pagefind's default UI when the site has an index, else why not."""

    meta: Meta
    title: str
    breadcrumbs: tuple[Link, ...]
    search: str  # "index", "off" (build --no-search) or "preview" (serve): `model.Search`
    ui_css: str  # page-relative URLs of Pagefind's default UI
    ui_js: str
