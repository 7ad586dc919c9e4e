"""Page-relative links: every link the site writes leads a browser back to the page it names,
from any page, under any base path; the shortest form for the page's own folder and anchors."""

from __future__ import annotations

import os
import posixpath
from urllib.parse import urljoin

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from psoasguide.render.urls import relative, root_prefix, same_links_key

EXAMPLES = int(os.environ.get("PSOASGUIDE_HYPOTHESIS_EXAMPLES", "100"))
DERANDOMIZE = "PSOASGUIDE_HYPOTHESIS_EXAMPLES" not in os.environ  # the same examples each run

CASES = [
    # from, to, link
    ("/", "/", "./"),
    ("/", "/stretches/", "stretches/"),
    ("/", "/static/app.css", "static/app.css"),
    ("/", "/#top", "#top"),
    ("/stretches/", "/", "../"),
    ("/stretches/", "/stretches/", "./"),
    ("/stretches/", "/stretches/couch/", "couch/"),
    ("/stretches/couch/", "/", "../../"),
    ("/stretches/couch/", "/stretches/", "../"),
    ("/stretches/couch/", "/stretches/lunge/", "../lunge/"),
    ("/stretches/couch/", "/anatomy/psoas/", "../../anatomy/psoas/"),
    ("/stretches/couch/", "/anatomy/psoas/#where-it-is", "../../anatomy/psoas/#where-it-is"),
    ("/stretches/couch/", "/stretches/couch/", "./"),
    ("/stretches/couch/", "/stretches/couch/#steps", "#steps"),
    ("/stretches/couch/", "/stretches/couch/deeper/", "deeper/"),
    ("/stretches/couch/", "/static/app.1a2b.css", "../../static/app.1a2b.css"),
    ("/tags/hip/", "/tags/hips/", "../hips/"),  # a shared start of a name is not a folder
    ("/tags/hips/", "/tag/", "../../tag/"),
    ("/404.html", "/", "./"),
    ("/404.html", "/static/app.css", "static/app.css"),
    ("/old-safety.html", "/pages/red-flags/", "pages/red-flags/"),
    ("/old/path.html", "/old/path.html#x", "#x"),
    ("/old/path.html", "/old/other.html", "other.html"),
    ("/a/b/c/", "/a/x/y/", "../../x/y/"),
    ("/a/b/c/", "/a/b/c/d/e.txt", "d/e.txt"),
    ("/a/b/", "/a/b", "."),  # as posixpath.relpath says: a URL without its slash
    ("/a/b/", "/a", ".."),
    ("/a/b/", "/a/c#", "../c#"),
    ("/a//b/", "/a/", "../"),  # odd URLs are normalised first
    ("/a/./b/", "/a/", "../"),
    ("/a/../b/", "/c/", "../c/"),
    ("/.well-known/x/", "/", "../../"),
]


@pytest.mark.parametrize(("from_url", "to_url", "link"), CASES)
def test_relative_link(from_url: str, to_url: str, link: str) -> None:
    assert relative(from_url, to_url) == link


def test_root_prefix() -> None:
    assert [root_prefix(u) for u in ("/", "/a/", "/a/b/", "/404.html")] == \
        ["./", "../", "../../", "./"]


NAME = st.sampled_from(["a", "b", "ab", "stretches", "couch"])
FOLDER = st.lists(NAME, max_size=4).map(lambda parts: "/" + "".join(p + "/" for p in parts))
#: The URLs the site makes: folders (pretty URLs) and files (assets, 404.html, old aliases).
URL = st.one_of(FOLDER, st.tuples(FOLDER, st.sampled_from(["x.html", "app.css"])).map("".join))
FRAGMENT = st.sampled_from(["", "#top", "#steps"])


@settings(max_examples=EXAMPLES, deadline=None, derandomize=DERANDOMIZE)
@given(from_url=URL, to_url=st.tuples(URL, FRAGMENT).map("".join))
def test_a_link_leads_back_to_its_page_under_any_base(from_url: str, to_url: str) -> None:
    link = relative(from_url, to_url)
    for base in ("https://example.org", "https://example.org/guide"):
        if link.startswith("#"):  # the same page
            assert to_url.startswith(from_url + "#")
        else:
            assert urljoin(base + from_url, link) == base + to_url
    assert "//" not in link and not link.startswith("/")


@settings(max_examples=EXAMPLES, deadline=None, derandomize=DERANDOMIZE)
@given(from_url=URL, to_url=st.one_of(URL, st.tuples(FOLDER, NAME).map("".join)))
def test_same_link_as_relpath(from_url: str, to_url: str) -> None:
    """The string shortcut gives the link `posixpath.relpath` gave before it."""
    start = from_url if from_url.endswith("/") else posixpath.dirname(from_url) + "/"
    expected = posixpath.relpath(to_url, start)
    if to_url.endswith("/"):
        expected = "./" if expected == "." else expected + "/"
    assert relative(from_url, to_url) == expected


@settings(max_examples=EXAMPLES, deadline=None, derandomize=DERANDOMIZE)
@given(pages=st.lists(URL, min_size=2, max_size=6),
       targets=st.lists(st.tuples(URL, FRAGMENT).map("".join), max_size=6))
def test_pages_with_one_key_link_alike(pages: list[str], targets: list[str]) -> None:
    """Site-wide links are made once for all pages sharing a key: it must never join two
    pages whose links differ."""
    links = {}
    for page in pages:
        key = same_links_key(page, targets)
        made = [relative(page, t) for t in targets]
        assert links.setdefault(key, made) == made, (key, page)


def test_pages_side_by_side_share_a_key() -> None:
    site = ["/", "/stretches/", "/search/", "/static/app.css", "/pages/red-flags/"]
    key = same_links_key("/stretches/couch/", site)
    assert same_links_key("/stretches/lunge/", site) == key
    assert same_links_key("/causes/sitting/", site) != key
    assert same_links_key("/stretches/", site) != key  # a site-wide URL is its own folder
    assert same_links_key("/pages/red-flags/", site) != same_links_key("/pages/about/", site)
