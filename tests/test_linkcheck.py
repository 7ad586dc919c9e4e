"""The output link check: where a written link points, and what a cached rebuild reports when
another page changes under a link (the linking page itself unchanged, its scan reused)."""

from __future__ import annotations

import os
import string
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sample_site import ANATOMY, PAGE, TODAY, anatomy_md, base_files, page_md, write_files

from psoasguide import BuildConfig, BuildResult, build, forked
from psoasguide.cache import MemoryStore
from psoasguide.model import OutputFile
from psoasguide.output import check_links
from psoasguide.output.targets import folder_of, resolve, target

EXAMPLES = int(os.environ.get("PSOASGUIDE_HYPOTHESIS_EXAMPLES", "300"))
BASE = "https://example.org/guide/"

CASES = [
    # page, URL, (output path, fragment) or None for an external link
    ("a/b/index.html", "#steps", ("a/b/index.html", "steps")),
    ("a/b/index.html", "", ("a/b/index.html", "")),
    ("a/b/index.html", "../c/", ("a/c/index.html", "")),
    ("a/b/index.html", "../../", ("index.html", "")),
    ("a/b/index.html", "../../x/y/#fn:1", ("x/y/index.html", "fn:1")),
    ("a/b/index.html", "../../static/s.1a.css", ("static/s.1a.css", "")),
    ("a/b/index.html", "./", ("a/b/index.html", "")),
    ("a/b/index.html", "../../../up/", ("../up/index.html", "")),  # above the site: missing
    ("a/b/index.html", "../c/?q=1#t", ("a/c/index.html", "t")),
    ("a/b/index.html", "../%63/", ("a/c/index.html", "")),
    ("a/b/index.html", "/x/", ("x/index.html", "")),
    ("a/b/index.html", BASE + "x/#t", ("x/index.html", "t")),
    ("a/b/index.html", "https://elsewhere.org/x/", None),
    ("a/b/index.html", "//elsewhere.org/x/", None),
    ("a/b/index.html", "mailto:someone@example.org", None),
    ("404.html", "static/s.css", ("static/s.css", "")),
    ("404.html", "./", ("index.html", "")),
]


@pytest.mark.parametrize(("page", "url", "expected"), CASES)
def test_where_a_link_points(page: str, url: str, expected: tuple[str, str] | None) -> None:
    assert resolve(url, page, folder_of(page), BASE) == expected


SEGMENT = st.sampled_from(["a", "b.png", "..", ".", "", ".w", "é", "%41", "c:d", "x y", "?q", "\t"])
LEAD = st.sampled_from(["", "/", "//", "../", "../../", "../../../", "./", BASE, "tel:", " "])
URL = st.tuples(LEAD,
                st.lists(SEGMENT, max_size=4).map("/".join),
                st.sampled_from(["", "#", "#x", "#fn:1", "#a#b", "#\tz", "# s", "#é"])
                ).map("".join)
PAGE_PATH = st.sampled_from(["index.html", "a/index.html", "a/b/index.html", "a/b/c/x.html",
                             "404.html", "a//b/index.html", "./a/index.html"])


@settings(max_examples=EXAMPLES, deadline=None,
          derandomize="PSOASGUIDE_HYPOTHESIS_EXAMPLES" not in os.environ)
@given(url=st.one_of(URL, st.text(string.printable, max_size=12)), page=PAGE_PATH)
def test_the_quick_way_points_where_urlsplit_and_posixpath_do(url: str, page: str) -> None:
    assert resolve(url, page, folder_of(page), BASE) == target(url, page, BASE)


#: The site's root, its first build, and a function that builds it again with the same cache.
Rebuild = tuple[Path, BuildResult, Callable[[], BuildResult]]
LINKS = ("See [the other page](../other/) and "
         "[how to feel it](../../anatomy/psoas-major/#how-to-feel-it).\n")


def _broken(result: BuildResult) -> list[str]:
    return [f"{d.path}: {d.message}" for d in result.diagnostics if d.code == "broken-link"]


def _page(result: BuildResult, path: str) -> bytes:
    return next(f.data for f in result.files if f.path == path)


@pytest.fixture(params=["memory", "folder"])
def rebuild(request: pytest.FixtureRequest, tmp_path: Path) -> Rebuild:
    """A site whose about page links to another page and to a heading of the anatomy page,
    and a function that builds it again with the same cache (the dev server's, or the site
    root's folder)."""
    files = base_files()
    files[PAGE] = page_md(body=LINKS)
    files["content/pages/other.md"] = page_md("Other")
    files[ANATOMY] = anatomy_md(body="## How to feel it\n\nPress gently.\n")
    root = write_files(tmp_path / "site", files)
    store = MemoryStore() if request.param == "memory" else None
    config = BuildConfig(root=root, write=False, today=TODAY, store=store)
    first = build(config)
    assert first.files and _broken(first) == []
    return root, first, lambda: build(config)


def test_a_heading_renamed_under_a_link_is_reported_and_then_not(rebuild: Rebuild) -> None:
    root, first, again = rebuild
    (root / ANATOMY).write_text(anatomy_md(body="## How to find it\n\nPress gently.\n"))
    renamed = again()
    assert _page(renamed, "pages/about/index.html") == _page(first, "pages/about/index.html")
    assert _broken(renamed) == [
        "content/pages/about.md: pages/about/index.html: link "
        "'../../anatomy/psoas-major/#how-to-feel-it' does not resolve "
        "(no id 'how-to-feel-it' in anatomy/psoas-major/index.html)"]
    (root / ANATOMY).write_text(anatomy_md(body="## How to feel it\n\nPress gently.\n"))
    assert _broken(again()) == []


def test_a_page_renamed_under_a_link_is_reported_until_the_link_is_fixed(rebuild: Rebuild
                                                                         ) -> None:
    root, _first, again = rebuild
    (root / "content/pages/other.md").rename(root / "content/pages/another.md")
    assert _broken(again()) == [
        "content/pages/about.md: pages/about/index.html: link '../other/' does not resolve "
        "(no file pages/other/index.html)"]
    (root / PAGE).write_text(page_md(body=LINKS.replace("../other/", "../another/")))
    assert _broken(again()) == []
    (root / "content/pages/another.md").unlink()
    assert _broken(again()) == [
        "content/pages/about.md: pages/about/index.html: link '../another/' does not resolve "
        "(no file pages/another/index.html)"]


@pytest.mark.usefixtures("forking")
def test_pages_checked_on_two_processes_report_what_one_process_does(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The scans run on forked workers come back in page order, so every broken link is
    reported, at its page, as by one process."""
    monkeypatch.setattr(forked, "MIN_PAGES", 4)
    files = [OutputFile(f"p{n}/index.html", (
        f'<p id="top">Page {n}</p><a href="../p{(n + 1) % 12}/#top">next</a>'
        + (f'<a href="../gone{n}/">gone</a><a href="../p0/#nowhere">no id</a>' if n % 5 == 2
           else "")).encode()) for n in range(12)]
    sources = {f.path: f"content/pages/p{n}.md" for n, f in enumerate(files)}
    one = check_links(files, BASE, sources, jobs=1)
    assert [d.message for d in one] == [
        f"p{n}/index.html: link '{url}' does not resolve ({why})" for n in (2, 7)
        for url, why in ((f"../gone{n}/", f"no file gone{n}/index.html"),
                         ("../p0/#nowhere", "no id 'nowhere' in p0/index.html"))]
    assert check_links(files, BASE, sources, jobs=2) == one
