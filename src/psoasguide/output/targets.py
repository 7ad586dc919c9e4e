"""Where a link in a written page points: the output path and fragment of an internal URL.

`resolve` is plain string work for the URLs the site makes (`#id`, `../x/`, `a/b.png`), and
goes through `urlsplit` and `posixpath` (`target`) for anything else, with the same result.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote, urlsplit

#: Schemes of links that are not checked.
_EXTERNAL_SCHEMES = frozenset({"mailto", "tel", "data", "javascript"})
#: A relative URL of the kind the site makes: `../` steps up, then folder and file names that
#: neither start with a dot nor hold a scheme, query, escape or space, then a fragment without
#: space or control character (`urlsplit` splits such a URL only at its first `#`).
_PLAIN = re.compile(r"((?:\.\./)*)((?:[\w~-][\w.~-]*/)*(?:[\w~-][\w.~-]*)?)(#[^\x00-\x20\x7f]*)?",
                    re.ASCII)


def target(url: str, page_path: str, base_url: str) -> tuple[str, str] | None:
    """(output path, fragment) of an internal URL in the page at `page_path`, or None for an
    external one: the general way."""
    if urlsplit(url).scheme in _EXTERNAL_SCHEMES:
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
    """The folder of `page_path` and each folder above it up to the site's root (`''`), when
    their names are plain (else None): `a/b/index.html` -> `['a/b', 'a', '']`."""
    names = page_path.split("/")[:-1]
    if any(n in ("", ".", "..") for n in names):
        return None
    return ["/".join(names[:len(names) - up]) for up in range(len(names) + 1)]


def resolve(url: str, page_path: str, folders: list[str] | None, base_url: str
            ) -> tuple[str, str] | None:
    """`target(url, page_path, base_url)`; `folders` is `folder_of(page_path)`."""
    plain = _PLAIN.fullmatch(url)
    if plain is None or folders is None or url.startswith(base_url):
        return target(url, page_path, base_url)
    ups, rest, fragment = plain.groups()
    fragment = fragment[1:] if fragment else ""
    if not ups and not rest:
        return page_path, fragment
    up = len(ups) // 3
    if up >= len(folders):
        return target(url, page_path, base_url)
    folder = folders[up]
    path = f"{folder}/{rest}" if folder else rest
    return (path + "index.html" if not rest or rest.endswith("/") else path), fragment
