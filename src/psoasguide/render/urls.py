"""Page-relative URLs, so the site works under any base path."""

from __future__ import annotations

import posixpath
from urllib.parse import urlencode


def output_path(url: str) -> str:
    """The file a site-absolute URL is written to: `/a/b/` -> `a/b/index.html`."""
    path = url.lstrip("/")
    return path + "index.html" if path.endswith("/") or not path else path


def relative(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url` (both site-absolute, may have `#frag`)."""
    to_path, hash_, fragment = to_url.partition("#")
    from_dir = from_url if from_url.endswith("/") else posixpath.dirname(from_url) + "/"
    if to_path == from_url and hash_:
        return f"#{fragment}"
    rel = posixpath.relpath(to_path, from_dir)
    if to_path.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{fragment}" if hash_ else "")


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
