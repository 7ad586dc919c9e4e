"""Page-relative URLs, so the site works under any base path."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urlencode


def output_path(url: str) -> str:
    """The file a site-absolute URL is written to: `/a/b/` -> `a/b/index.html`."""
    path = url.lstrip("/")
    return path + "index.html" if path.endswith("/") or not path else path


def relative(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url` (both site-absolute, may have `#frag`):
    `../` for each folder of `from_url` below the folder the two share, then the rest of
    `to_url`; `./` for the page's own folder, `#frag` alone for an anchor on the same page.
    Plain string work; the same result as `posixpath.relpath`, which odd URLs still go to."""
    to_path, hash_, fragment = to_url.partition("#")
    if hash_ and to_path == from_url:
        return "#" + fragment
    from_dir = from_url[:from_url.rfind("/") + 1]
    if not (_plain(from_dir) and _plain(to_path)):
        return _relpath(from_url, to_path, hash_ + fragment)
    folder = to_path.endswith("/")
    target = to_path if folder else to_path + "/"
    start = 1  # just after the deepest folder both URLs are in
    while (end := from_dir.find("/", start) + 1) and \
            target.startswith(from_dir[start:end], start):
        start = end
    rel = "../" * from_dir.count("/", start) + target[start:]
    if folder:
        return (rel or "./") + hash_ + fragment
    return (rel[:-1] or ".") + hash_ + fragment


def same_links_key(from_url: str, to_urls: Iterable[str]) -> tuple[str, str]:
    """A key shared by pages whose `relative` links to all of `to_urls` are the same. Such a
    link climbs out of the page's folder unless its URL lies inside that folder, so pages side
    by side share the folder above theirs; otherwise (or for an odd URL) the page is alone."""
    folder = from_url[:from_url.rfind("/") + 1]
    if not _plain(folder) or folder in _folders_inside(tuple(to_urls)):
        return "page", from_url
    return "beside", folder[:folder.rfind("/", 0, -1) + 1]


@lru_cache(maxsize=8)
def _folders_inside(urls: tuple[str, ...]) -> frozenset[str]:
    """Every folder (`/a/`, `/a/b/`...) that holds one of `urls` (made once per site)."""
    out = set()
    for url in urls:
        folder = _as_folder(url)
        end = 0
        while (end := folder.find("/", end) + 1):
            out.add(folder[:end])
    return frozenset(out)


def _as_folder(url: str) -> str:
    """`url` without its fragment, ending in `/`."""
    path = url.partition("#")[0]
    return path if path.endswith("/") else path + "/"


def _plain(url: str) -> bool:
    """A site-absolute URL with no empty, `.` or `..` segment (all the site makes)."""
    return url.startswith("/") and "//" not in url and "/." not in url


def _relpath(from_url: str, to_path: str, fragment: str) -> str:
    """`relative` through `posixpath.relpath`, which also normalises odd URLs."""
    from_dir = from_url if from_url.endswith("/") else posixpath.dirname(from_url) + "/"
    rel = posixpath.relpath(to_path, from_dir)
    if to_path.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return rel + fragment


def root_prefix(from_url: str) -> str:
    """The relative path from a page to the site root (`../../` or `./`)."""
    return relative(from_url, "/")


def absolute(base_url: str, url: str) -> str:
    """`base_url` joined with a site-absolute URL."""
    return base_url + url.lstrip("/")


def new_issue(repo_url: str, page_title: str, page_url: str, source_path: str) -> str:
    """A link that opens a new issue about one page, title and body filled in (GitHub, Gitea
    and Forgejo all take `issues/new?title=&body=`); empty when there is no repository."""
    if not repo_url:
        return ""
    body = (f"Page: {page_url}\nSource file: {source_path}\n\nWhat is wrong:\n\n"
            "A source that shows the right answer (if you have one):\n")
    query = urlencode({"title": f"Error on: {page_title}", "body": body})
    return f"{repo_url}/issues/new?{query}"
