"""Output link check: every internal `href`, `src` and `#fragment` must resolve in the output.

Runs on the generated files before anything is written, so a broken site is never swapped in.
Absolute URLs under `base_url` count as internal. Files a later step makes (Pagefind's UI) are
named by the caller; that step checks they were made.

Each page is read once (`scan.scan_page`), its links resolved to output paths as it is read;
what the check adds is set lookups, so a cache that keeps each page's scan (the `scan` stand-in)
leaves an unchanged page only those lookups, against the targets as they are now. Only a page
with a broken link has its URLs resolved again, for the messages.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from ..diagnostics import Diagnostic, error
from ..forked import map_pages
from ..model import OutputFile
from .scan import ScannedPage, scan_page
from .targets import folder_of, resolve


def check_links(files: Sequence[OutputFile], base_url: str, sources: Mapping[str, str],
                later: Collection[str] = (), scan: Callable[..., Any] = scan_page,
                jobs: int = 1) -> list[Diagnostic]:
    """Broken internal links in the HTML `files`; `sources` maps output path -> article path,
    and `later` names files that will exist in the output too. `scan` is `scan_page` or a
    stand-in for it (a cache's memo); pages are scanned on up to `jobs` processes."""
    paths = {f.path for f in files} | set(later)
    html = [f for f in files if f.path.endswith(".html")]
    scans = map_pages(lambda index: scan(html[index], base_url), len(html), jobs)
    pages: dict[str, ScannedPage] = dict(zip((f.path for f in html), scans, strict=True))
    problems = []
    for page_path, page in sorted(pages.items()):
        if paths.issuperset(page.paths) and all(
                path not in pages or pages[path].ids.issuperset(names)
                for path, names in page.anchors):
            continue
        folders = folder_of(page_path)
        for url in page.urls:
            reason = _reason(resolve(url, page_path, folders, base_url), paths, pages)
            if reason:
                where = sources.get(page_path, page_path)
                problems.append(error(where, 1, 1, "broken-link",
                                      f"{page_path}: link '{url}' does not resolve ({reason})",
                                      "fix the template or the article that makes this link"))
    return problems


def _reason(found: tuple[str, str] | None, paths: Collection[str],
            pages: Mapping[str, ScannedPage]) -> str:
    """Why a link to (output path, fragment) `found` does not resolve, or ''."""
    if found is None:
        return ""
    path, fragment = found
    if path not in paths:
        return f"no file {path}"
    if fragment and path in pages and fragment not in pages[path].ids:
        return f"no id '{fragment}' in {path}"
    return ""
