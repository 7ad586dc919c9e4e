"""Frozen data passed between the pipeline's stages.

load -> `SourceFile`; validate -> `Document`; parse -> `ParsedDocument`; link -> `SiteGraph`;
render -> `OutputFile`. Nothing here is mutated after it is made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .diagnostics import Diagnostic
from .frozen import FrozenMap, freeze

if TYPE_CHECKING:
    from .link import SiteGraph
    from .lint.report import ArticleReport


class Kind(StrEnum):
    """An article kind; its value is the content folder (and URL section) it lives in."""

    ANATOMY = "anatomy"
    CAUSE = "causes"
    STRETCH = "stretches"
    ROUTINE = "routines"
    PAGE = "pages"

    @property
    def section(self) -> str:
        """The content folder and the first URL segment."""
        return self._value_  # not `.value`, a slow descriptor: every page URL is made here

    @property
    def singular(self) -> str:
        """The kind's name as `psoasguide new` and templates spell it."""
        return _SINGULAR[self]


_SINGULAR = {
    Kind.ANATOMY: "anatomy",
    Kind.CAUSE: "cause",
    Kind.STRETCH: "stretch",
    Kind.ROUTINE: "routine",
    Kind.PAGE: "page",
}


@dataclass(frozen=True)
class SourceFile:
    """A content file as read: text decoded from UTF-8, BOM dropped, line ends made LF."""

    path: str  # relative to the site root, with forward slashes
    text: str


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column in a source file."""

    line: int
    col: int


@dataclass(frozen=True)
class FrontMatter:
    """Front matter as loaded: data, the position of every key and value, and the body."""

    data: Mapping[str, Any]
    marks: Mapping[tuple[Any, ...], Mark]  # key path -> position of the value
    key_marks: Mapping[tuple[Any, ...], Mark]  # key path -> position of the key
    body: str
    body_line: int  # line of the body's first line in the file
    text: str = ""  # the YAML between the fences, as written (its first line is file line 2)

    def mark(self, *path: Any) -> Mark:
        """Position of the value at `path`, else of the nearest enclosing value."""
        while path:
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return Mark(1, 1)

    def key_mark(self, *path: Any) -> Mark:
        """Position of the key at `path` (falling back to its value)."""
        return self.key_marks.get(path) or self.mark(*path)


@dataclass(frozen=True)
class Reference:
    """A source an article rests on."""

    title: str
    publisher: str
    year: int
    url: str = ""
    doi: str = ""


@dataclass(frozen=True)
class ClinicalReview:
    """A review of an article by a clinician: only a real one is ever written down."""

    by: str
    role: str
    date: dt.date


@dataclass(frozen=True)
class Relation:
    """A slug named in a typed relation (`targets`, `helps`, ...), with where it was written."""

    slug: str
    line: int
    col: int


#: A figure the guide gives as one number (low == high) or as a range, e.g. 2 to 5 seconds.
Amount = tuple[int, int]


@dataclass(frozen=True)
class Movement:
    """One of several moves an exercise is made of, each with its own reps or hold."""

    name: str
    hold_seconds: Amount | None = None
    reps: Amount | None = None


@dataclass(frozen=True)
class Frequency:
    """How often: days a week and/or times a day, or when (e.g. "before sport")."""

    days_a_week: Amount | None = None
    times_a_day: Amount | None = None
    daily_best: bool = False
    when: str = ""


@dataclass(frozen=True)
class Dose:
    """How much of an exercise: a hold, reps (each maybe held), or several movements; sets,
    sides, the rest between sets and how often. The dose box and the timer both read it."""

    sets: Amount
    hold_seconds: Amount | None = None
    reps: Amount | None = None
    per_side: bool = False
    rest_seconds: int | None = None
    movements: tuple[Movement, ...] = ()
    frequency: Frequency | None = None


@dataclass(frozen=True)
class RoutineItem:
    """One exercise in a routine, with dose overrides and a note shown while it plays."""

    stretch: Relation
    hold_seconds: Amount | None = None
    reps: Amount | None = None
    sets: Amount | None = None
    note: str = ""


@dataclass(frozen=True)
class Document:
    """A validated article. `fields` holds the kind's own fields, `relations` its typed links."""

    path: str
    kind: Kind
    slug: str
    title: str
    summary: str
    reviewed: dt.date
    body: str
    body_line: int
    references: tuple[Reference, ...] = ()
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    draft: bool = False
    date: dt.date | None = None
    weight: int = 0
    fields: Mapping[str, Any] = field(default_factory=FrozenMap)
    relations: Mapping[str, tuple[Relation, ...]] = field(default_factory=FrozenMap)
    items: tuple[RoutineItem, ...] = ()
    clinical_review: ClinicalReview | None = None
    #: Front-matter key path -> where its value (and its key) was written, and the front
    #: matter as written (from file line 2), for later stages' diagnostics.
    marks: Mapping[tuple[Any, ...], Mark] = field(default_factory=FrozenMap, compare=False)
    key_marks: Mapping[tuple[Any, ...], Mark] = field(default_factory=FrozenMap, compare=False)
    front_matter: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        # Made read-only even when a caller (a test, a tool) passes plain dicts or lists.
        for name in ("fields", "relations", "marks", "key_marks"):
            value = getattr(self, name)
            if not isinstance(value, FrozenMap):
                object.__setattr__(self, name, freeze(value))
        for name in ("references", "tags", "aliases", "items"):
            value = getattr(self, name)
            if not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value))

    def mark(self, *path: Any) -> Mark:
        """Where the front-matter value at `path` was written (the file's start if unknown)."""
        return self.marks.get(path) or Mark(1, 1)

    @property
    def url(self) -> str:
        """Site-absolute pretty URL, e.g. `/stretches/couch-stretch/`."""
        return f"/{self.kind.section}/{self.slug}/"


@dataclass(frozen=True)
class Heading:
    """A heading in an article body, with the id Python-Markdown's `toc` gives it."""

    level: int
    id: str
    text: str


@dataclass(frozen=True)
class LinkRef:
    """An internal link found in a body, left in the HTML as `placeholder` until render."""

    placeholder: str
    target: str  # a slug ([[slug]]), a source path (content/x/y.md), or "" for this page
    anchor: str
    text: str  # explicit link text, or "" to use the target's title
    line: int
    col: int


@dataclass(frozen=True)
class ParsedDocument:
    """A document with its body converted once to HTML (internal links as placeholders)."""

    document: Document
    html: str
    headings: tuple[Heading, ...] = ()
    links: tuple[LinkRef, ...] = ()
    #: Block includes (`blocks.BlockRef`), left in the HTML as placeholders until render.
    blocks: tuple[Any, ...] = ()
    #: The body with code blanked out (`parse.locate.mask_code`), so later stages that place
    #: findings in the source do not mask it again.
    masked: str = field(default="", compare=False, repr=False)
    #: The body's readable text blocks with link-text placeholders (`parse.scan`), for the
    #: reading-level rule; None when the body was not scanned.
    text_blocks: tuple[str, ...] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class OutputFile:
    """A file of the built site: a path relative to the output folder, and its bytes."""

    path: str
    data: bytes


ProgressCallback = Callable[[str], None]

#: The folder of the output that Pagefind writes its index and its default UI into.
SEARCH_DIR = "pagefind"
#: Pagefind's default UI, which the search page loads (page-relative) when there is an index.
SEARCH_UI = (f"{SEARCH_DIR}/pagefind-ui.css", f"{SEARCH_DIR}/pagefind-ui.js")


class Search(StrEnum):
    """Whether a build makes a search index, and so what the search page offers."""

    INDEX = "index"  # `build`: Pagefind indexes the staged site before the swap
    OFF = "off"  # `build --no-search`: no index; the search page says search is unavailable
    PREVIEW = "preview"  # `serve`: no index in memory; the search page says so


@dataclass(frozen=True)
class BuildConfig:
    """What one build is asked to do; the CLI makes one from its flags."""

    root: Path
    out: Path | None = None
    drafts: bool = False
    base_url: str | None = None
    write: bool = True
    today: dt.date | None = None
    progress: ProgressCallback | None = None
    search: Search = Search.INDEX
    #: Processes converting Markdown on a cold build: None for one per core, 1 for none.
    jobs: int | None = None
    #: CPU seconds a short article's Markdown may take before it is a `markdown-timeout` error
    #: (a long one gets more: `parse.pool.budget`); None for no limit.
    markdown_timeout: float | None = 2.0
    #: Called as articles are converted: (converted, in all), for a progress display.
    converted: Callable[[int, int], None] | None = None
    #: Use the persistent cache in `<root>/.psoasguide-cache/` (`--no-cache`: False).
    cache: bool = True
    #: A store kept across builds in one process (the dev server's `cache.MemoryStore`);
    #: used instead of the folder when set.
    store: Any = field(default=None, compare=False)
    #: With the folder cache: when no input changed and the output folder is as the last
    #: build left it, report that build's findings without running the stages (`build`).
    skip_unchanged: bool = False

    @property
    def out_dir(self) -> Path:
        """The output folder: `--out`, else `<root>/public`."""
        return self.out if self.out is not None else self.root / "public"


@dataclass(frozen=True)
class BuildResult:
    """What a build produced: every problem found, and the files (empty when it failed)."""

    diagnostics: tuple[Diagnostic, ...]
    files: tuple[OutputFile, ...] = ()
    pages: int = 0
    written: bool = False
    timings: Mapping[str, float] = field(default_factory=FrozenMap)
    graph: SiteGraph | None = None  # the linked site, when the build got that far
    #: One row per article, for `check --report` (empty if not linted).
    report: tuple[ArticleReport, ...] = ()
    #: Pages whose HTML came from the cache instead of their template.
    reused: int = 0
    #: Nothing ran: the inputs and the output folder were as the last build left them.
    unchanged: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.timings, FrozenMap):
            object.__setattr__(self, "timings", FrozenMap(self.timings))
