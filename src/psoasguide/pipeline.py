"""`build(config) -> BuildResult`: the one function that runs the stages, in order.

load -> validate -> parse -> link -> render -> write. Every stage returns data and diagnostics;
problems from all stages are collected, and nothing is written unless there are no errors. The
write stage runs Pagefind on the staged site before the swap (unless `config.search` says not to).

The stages are imported by `stages` when a build runs them: a build with nothing changed
(`cache.unchanged`) then costs no import of Markdown, Jinja or Pygments.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from functools import partial
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from .cache import CACHE_DIR, Cache, Store
from .cache.unchanged import input_digest, skip_unchanged
from .dates import today
from .diagnostics import Diagnostic, Severity, error, sorted_diagnostics
from .layout import CONFIG_NAME, SOURCES, TEMPLATES_DIR, THEME_DIR
from .model import SEARCH_DIR, SEARCH_UI, BuildConfig, BuildResult, OutputFile, Search

if TYPE_CHECKING:
    from .config import SiteConfig


def _failed_slugs(problems: list[Diagnostic]) -> frozenset[str]:
    """Slugs of articles that had errors: links to them are not reported a second time."""
    return frozenset(PurePosixPath(d.path).stem for d in problems
                     if d.severity is Severity.ERROR and d.path.endswith(".md"))


def _stand_in() -> SiteConfig:
    """Settings used to check the content when site.yaml itself has errors."""
    from .stages import SiteConfig

    return SiteConfig(title="(site.yaml has errors)",
                      base_url="https://site-yaml-has-errors.invalid/")


def _override_base_url(site: SiteConfig, base_url: str) -> tuple[SiteConfig, list[Diagnostic]]:
    from .stages import Context, http_url

    ctx = Context("--base-url", {}, {})
    http_url(base_url, ("base_url",), ctx)
    if ctx.diagnostics:
        d = ctx.diagnostics[0]
        return site, [error("--base-url", 1, 1, "bad-option", d.message, d.hint)]
    return site.with_base_url(base_url), []


def _store(config: BuildConfig) -> Cache | None:
    """The cache this build uses: the caller's store, the site root's folder, or none."""
    if config.store is not None:
        return config.store
    return Store(config.root / CACHE_DIR) if config.cache else None


def _write(files: list[OutputFile], config: BuildConfig, cache: Cache | None,
           stage: Callable[[str], AbstractContextManager[None]]) -> list[Diagnostic]:
    """The write stage: stage the files, index them (timed as "search index"), swap them in;
    the index is reused from the cache when no page changed."""
    from . import stages

    def index(staged: Path, out: Path) -> list[Diagnostic]:
        with stage("search index"):
            return stages.index_site(staged, out)

    indexer = index if cache is None else stages.reused_index(cache, files, index, SEARCH_DIR)
    with stage("write"):
        return stages.write_site(files, config.out_dir,
                                 indexer if config.search is Search.INDEX else None,
                                 _spare(config))


def _spare(config: BuildConfig) -> Path | None:
    """Where the output tree a build swaps out waits for the next build: in the folder cache
    (ignored by git), one per output folder; none without the folder cache."""
    if not config.cache or config.store is not None:
        return None
    out = hashlib.sha256(str(config.out_dir.absolute()).encode()).hexdigest()[:16]
    return config.root / CACHE_DIR / f"spare-{out}"


def _inputs(config: BuildConfig, day: object) -> tuple[object, ...]:
    """Everything a build's output depends on besides the code: settings and source files."""
    root = config.root
    files = input_digest(root, [root / CONFIG_NAME],
                         [*(root / name for name in SOURCES if name != CONFIG_NAME), THEME_DIR])
    return (str(root.resolve()), str(config.out_dir.resolve()), day, config.drafts,
            config.base_url, config.search, config.markdown_timeout, files)


def build(config: BuildConfig) -> BuildResult:
    """Run every stage on `config.root`; write the site only when there is no error.
    With `config.skip_unchanged` and the folder cache, a build whose inputs and output folder
    are as the last build left them reports that build instead."""
    if config.skip_unchanged and config.write and config.store is None and config.cache \
            and config.root.is_dir():
        day = config.today or today()
        return skip_unchanged(Store(config.root / CACHE_DIR), lambda: _build(config),
                              _inputs(config, day), config.out_dir)
    return _build(config)


def _build(config: BuildConfig) -> BuildResult:
    """Every stage, in order."""
    from . import stages as st

    timings: dict[str, float] = {}
    progress = config.progress or (lambda _message: None)

    @contextmanager
    def stage(name: str) -> Iterator[None]:
        progress(name)
        start = time.perf_counter()
        yield
        timings[name] = time.perf_counter() - start

    root = config.root
    day = config.today or today()
    cache = _store(config) if root.is_dir() else None
    if not root.is_dir():
        return BuildResult((error(str(root), 1, 1, "unreadable", f"{root} is not a folder",
                                  "pass an existing site root with --root"),))
    theme = [root / TEMPLATES_DIR, THEME_DIR]
    jobs = config.jobs or st.default_jobs()
    # Load, lint, render and the link check fork per-page workers, except over an in-memory
    # store (serve), which must see every page; the folder cache takes entries from any process.
    per_page_jobs = jobs if config.store is None else 1
    # Load and the link check fork only without a cache: from the folder cache nearly every
    # file and page is a hit, and sending whole documents and scans back from workers cost
    # more than reading the entries here (a body edit at 1,000 articles: load 0.4-0.55 s in
    # one process, 0.8-1.2 s forked).
    lookup_jobs = per_page_jobs if cache is None else 1
    with stage("load"):
        # The dev server's store keeps site.yaml's settings while the file is unchanged, so
        # everything made from them is found by identity.
        site, problems = (st.load_config if config.store is None else
                          st.unchanged_file(config.store, CONFIG_NAME, st.load_config))(root)
        if site is not None and config.base_url:
            site, bad = _override_base_url(site, config.base_url)
            problems += bad
        if site is None and any(d.code == "no-site-config" for d in problems):
            return BuildResult(tuple(sorted_diagnostics(problems)), timings=timings)
        # An invalid site.yaml still lets every article be checked in the same run;
        # its errors stop the build from writing anything.
        site = site or _stand_in()
        # The dev server's store keeps files as read: an unchanged file is not read again.
        # (From the folder cache an entry costs a file read too, so a build reads the file.)
        documents, found = st.load_documents(
            root, day, st.make_document if cache is None
            else st.memo(cache, "load", st.make_document),
            st.read_source if config.store is None
            else st.unchanged_reads(config.store, st.read_source), lookup_jobs)
        problems += found
        blocks, found = st.load_blocks(root)
        problems += found
        ids, found = st.load_theme_ids(theme, root)
        problems += found
    # Compiled templates are kept in memory only (the dev server's store): loading code
    # from a file under the site root would run whatever was written there.
    templates = st.Templates(theme, root, None if config.store is None
                             else st.TemplateCode(config.store))
    with stage("parse"):
        # Without a cache every page is rendered: the templates are compiled here while the
        # pool's workers convert articles, rather than after.
        convert = partial(st.parse_documents, jobs=jobs, limit=config.markdown_timeout,
                          progress=config.converted, ids=ids,
                          meanwhile=templates.preload if cache is None else None)
        parse = convert if cache is None else \
            st.cached_parse(cache, convert, (st.EXTENSIONS, st.EXTENSION_CONFIGS, ids))
        parsed, found = parse(documents)
        problems += found
    with stage("link"):
        failed = _failed_slugs(problems)
        # The connections are reused while no page's link facts change (a body edit).
        memos = {} if cache is None else {"connections": st.memo(cache, "link", st.connect),
                                          "facts": st.by_content(st.link_facts)}
        graph, found = st.link_site(parsed, documents, config.drafts, site.related, failed,
                                    frozenset({site.safety_page} if site.safety_page else ()),
                                    ids, **memos)
        problems += found + st.check_safety_page(site.safety_page, site.marks, graph.pages,
                                                 failed)
        bad_blocks = frozenset(PurePosixPath(d.path).stem for d in problems
                               if d.path.startswith("blocks/"))
        problems += st.check_includes(parsed, blocks, bad_blocks)
        problems += st.check_safety_signs(site, blocks, bad_blocks)
    with stage("lint"):
        report, found = st.lint_site(parsed, site, day, graph, st.lint_article if cache is None
                                     else st.memo(cache, "lint", st.lint_article),
                                     per_page_jobs, st.load_settings if cache is None
                                     else st.memo(cache, "settings", st.load_settings))
        problems += found
    with stage("render"):
        if cache is not None:
            templates = st.CachedTemplates(templates, cache, (
                st.folder_digest(templates.dirs), site, config.search))
        # static/ of the theme, then of the site root, which overrides it file by file
        assets, asset_urls, found = st.collect_assets([THEME_DIR, root])
        problems += found
        rendered, render_problems = st.render_blocks(blocks, templates)
        blocks_reused = getattr(templates, "reused", 0)  # the summary counts pages only
        html, found = st.render_site(st.RenderContext(graph, site, asset_urls, config.search,
                                                      rendered), templates, per_page_jobs)
        render_problems += found
        problems += render_problems
        files = st.site_files(site, graph, html, assets)
        docs = {slug: page.document for slug, page in graph.pages.items()}
        problems += st.shadowed_aliases(docs, graph.redirects, [f.path for f in files])
    if not render_problems:  # a page that failed to render would show as a broken link
        with stage("check links"):
            sources = {st.output_path(p.document.url): p.document.path
                       for p in graph.pages.values()}
            later = SEARCH_UI if config.search is Search.INDEX else ()
            problems += st.check_links(files, site.base_url, sources, later, st.scan_page
                                       if cache is None else st.memo(cache, "scan", st.scan_page),
                                       lookup_jobs)
    result = sorted_diagnostics(problems)
    if any(d.severity is Severity.ERROR for d in result) or not config.write:
        return BuildResult(tuple(result), tuple(files), len(graph.pages), False, timings, graph,
                           report, getattr(templates, "reused", 0) - blocks_reused)
    written = _write(files, config, cache, stage)
    if not written and isinstance(cache, Store):
        cache.sweep()
    return BuildResult(tuple(sorted_diagnostics([*result, *written])), tuple(files),
                       len(graph.pages), not written, timings, graph, report,
                       getattr(templates, "reused", 0) - blocks_reused)
