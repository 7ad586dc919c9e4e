"""`build(config) -> BuildResult`: the one function that runs the stages, in order.

load -> validate -> parse -> link -> render -> write. Every stage returns data and diagnostics;
problems from all stages are collected, and nothing is written unless there are no errors.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import PurePosixPath

from .config import SiteConfig, load_config
from .content import load_documents
from .diagnostics import Diagnostic, Severity, error, sorted_diagnostics
from .link import SiteGraph, link_site
from .model import BuildConfig, BuildResult, Kind, OutputFile
from .output import collect_assets, robots, sitemap, write_site
from .parse import parse_documents
from .render import THEME_DIR, RenderContext, Templates, render_site
from .render.urls import absolute
from .schema import Context, http_url


def today_from_env() -> dt.date:
    """Today, or the UTC date of `SOURCE_DATE_EPOCH` for reproducible builds and tests."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def _failed_slugs(problems: list[Diagnostic]) -> frozenset[str]:
    """Slugs of articles that had errors: links to them are not reported a second time."""
    return frozenset(PurePosixPath(d.path).stem for d in problems
                     if d.severity is Severity.ERROR and d.path.endswith(".md"))


def _check_safety_page(site: SiteConfig, graph: SiteGraph) -> list[Diagnostic]:
    if site.safety_page and site.safety_page not in graph.pages:
        mark = site.marks.get("safety_page")
        line, col = (mark.line, mark.col) if mark else (1, 1)
        return [error("site.yaml", line, col, "unknown-target",
                      f"safety_page '{site.safety_page}' is not a published page",
                      "name the slug of the page every disclaimer should link to")]
    return []


def _site_files(site: SiteConfig, graph: SiteGraph, html: list[OutputFile],
                assets: list[OutputFile]) -> list[OutputFile]:
    entries: list[tuple[str, dt.date | None]] = [(site.base_url, None)]
    for kind in Kind:
        docs = graph.section(kind)
        if docs:
            entries.append((absolute(site.base_url, f"/{kind.section}/"), None))
            entries += [(absolute(site.base_url, d.url), d.reviewed) for d in docs]
    return sorted([*html, *assets, sitemap(entries), robots(site.base_url)],
                  key=lambda f: f.path)


def _override_base_url(site: SiteConfig, base_url: str) -> tuple[SiteConfig, list[Diagnostic]]:
    ctx = Context("--base-url", {}, {})
    http_url(base_url, ("base_url",), ctx)
    if ctx.diagnostics:
        d = ctx.diagnostics[0]
        return site, [error("--base-url", 1, 1, "bad-option", d.message, d.hint)]
    return site.with_base_url(base_url), []


def build(config: BuildConfig) -> BuildResult:
    """Run every stage on `config.root`; write the site only when there is no error."""
    timings: dict[str, float] = {}
    progress = config.progress or (lambda _message: None)

    @contextmanager
    def stage(name: str) -> Iterator[None]:
        progress(name)
        start = time.perf_counter()
        yield
        timings[name] = time.perf_counter() - start

    root = config.root
    if not root.is_dir():
        return BuildResult((error(str(root), 1, 1, "unreadable", f"{root} is not a folder",
                                  "pass an existing site root with --root"),))
    with stage("load"):
        site, problems = load_config(root)
        if site is not None and config.base_url:
            site, bad = _override_base_url(site, config.base_url)
            problems += bad
        if site is None or problems:
            return BuildResult(tuple(sorted_diagnostics(problems)), timings=timings)
        documents, found = load_documents(root, config.today or today_from_env())
        problems += found
    with stage("parse"):
        parsed, found = parse_documents(documents)
        problems += found
    with stage("link"):
        graph, found = link_site(parsed, documents, config.drafts, _failed_slugs(problems))
        problems += found + _check_safety_page(site, graph)
    with stage("render"):
        templates = Templates([root / "templates", THEME_DIR], root)
        # static/ of the theme, then of the site root, which overrides it file by file
        assets, asset_urls, found = collect_assets([THEME_DIR, root])
        problems += found
        html, found = render_site(RenderContext(graph, site, asset_urls), templates)
        problems += found
        files = _site_files(site, graph, html, assets)
    result = sorted_diagnostics(problems)
    if any(d.severity is Severity.ERROR for d in result) or not config.write:
        return BuildResult(tuple(result), tuple(files), len(graph.pages), False, timings)
    with stage("write"):
        written = write_site(files, config.out_dir)
    return BuildResult(tuple(sorted_diagnostics([*result, *written])), tuple(files),
                       len(graph.pages), not written, timings)

