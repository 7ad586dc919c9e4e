"""Where a link in a written page points: the output path and fragment of an internal URL.

`resolve` is plain string work for the URLs the site makes (`#id`, `../x/`, `a/b.png`), and
goes through `urlsplit` and `posixpath` (`target`) for anything else, with the same result.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote, urlsplit

#: Schemes of links that are not checked.
EXTERNAL_SCHEMES = frozenset({"mailto", "tel", "data", "javascript"})
#: A relative path with no scheme, query, escape or space, then any fragment without space or
#: control character: `urlsplit` only splits such a URL at its `#`.
_PLAIN = re.compile(r"[A-Za-z0-9_.~/-]*(?:#[^\x00-\x20\x7f]*)?")


def target(url: str, page_path: str, base_url: str) -> tuple[str, str] | None:
    """(output path, fragment) of an internal URL in the page at `page_path`, or None for an
    external one: the general way."""
    if urlsplit(url).scheme in EXTERNAL_SCHEMES:
        return None
    if url.startswith(base_url):
        url = "/" + url[len(base_url):]
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return page_path, parts.fragment
    if parts.path.startswith("/"):
        path = parts.path.lstrip("/")
    else:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), unquote(parts.path)))
        if path == ".":
            path = ""
    if parts.path.endswith("/") or path == "":
        path = posixpath.join(path, "index.html") if path else "index.html"
    return path, parts.fragment


def folder_of(page_path: str) -> list[str] | None:
    """The folders of `page_path`, outermost first, when they are plain names (else None)."""
    parts = page_path.split("/")[:-1]
    return None if any(p in ("", ".", "..") for p in parts) else parts


def resolve(url: str, page_path: str, folder: list[str] | None, base_url: str
            ) -> tuple[str, str] | None:
    """`target(url, page_path, base_url)`; `folder` is `folder_of(page_path)`."""
    if folder is None or url.startswith(base_url) or not _PLAIN.fullmatch(url):
        return target(url, page_path, base_url)
    path, _, fragment = url.partition("#")
    if not path:
        return page_path, fragment
    up = 0
    while path.startswith("../", up * 3):
        up += 1
    rest = path[up * 3:]
    names = rest.split("/")
    if names[-1] == "":
        names.pop()
    if path.startswith("/") or up > len(folder) or any(n in ("", ".", "..") for n in names):
        return target(url, page_path, base_url)
    joined = "/".join(folder[:len(folder) - up] + names)
    if path.endswith("/"):
        return (joined + "/index.html" if joined else "index.html"), fragment
    return joined, fragment
