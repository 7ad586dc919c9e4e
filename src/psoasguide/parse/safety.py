"""Articles may hold raw HTML, but never script: `<script>`, `on...=` or `javascript:` URLs, nor
what loads or redirects to other documents (`<iframe>`, `<object>`, `<embed>`, `<base>`,
`<meta>`, `srcdoc`, `data:` URLs).

The converted HTML is the truth (so code samples, which come out escaped, never trip the check);
each finding is then placed at its line and column in the Markdown source.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ..diagnostics import Diagnostic, error
from ..model import Mark
from .locate import Locator

_URL_ATTRS = frozenset({"href", "src", "action", "formaction", "xlink:href", "data", "poster",
                        "srcset", "background", "cite", "longdesc", "ping"})
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
#: Elements that embed, redirect or re-base documents: never in an article.
_BAD_TAGS = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "base",
                       "meta"})
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
#: A script URL as written, possibly with entities in it (`jav&#x61;script:`).
_SCHEME_IN_SOURCE = re.compile(r"[^\s(\"'=<>\]]*?(?:script|data)\s*:", re.I)


def is_unsafe_url(value: str) -> bool:
    """True for a URL a browser would run as script, however it is spaced or escaped."""
    cleaned = _INVISIBLE.sub("", html.unescape(value)).lower()
    return cleaned.startswith(_BAD_SCHEMES)


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []  # (what, detail)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.found.append(("script", ""))
        if tag in _BAD_TAGS:
            self.found.append(("element", tag))
        for name, value in attrs:
            if name.startswith("on") or name == "srcdoc":
                self.found.append(("handler", name))
            elif name in _URL_ATTRS and value and is_unsafe_url(value):
                self.found.append(("url", value))

    handle_startendtag = handle_starttag


def _place(locator: Locator, what: str, detail: str) -> tuple[int, int, str]:
    if what == "script":
        mark = locator.find(re.compile(r"<\s*script\b", re.I))
        return (*_tuple(mark, locator), "a <script> element is not allowed in an article")
    if what == "handler":
        mark = locator.find(re.compile(rf"\b{re.escape(detail)}\s*=", re.I))
        kind = "an event-handler attribute" if detail.startswith("on") else "the attribute"
        return (*_tuple(mark, locator), f"{kind} '{detail}' is not allowed")
    if what == "element":
        mark = locator.find(re.compile(rf"<\s*{detail}\b", re.I))
        return (*_tuple(mark, locator), f"a <{detail}> element is not allowed in an article")
    scheme = _INVISIBLE.sub("", html.unescape(detail)).lower().split(":", 1)[0]
    mark = locator.find(detail) or locator.find(_SCHEME_IN_SOURCE)
    return (*_tuple(mark, locator), f"a '{scheme}:' URL is not allowed in an article")


def _tuple(mark: Mark | None, locator: Locator) -> tuple[int, int]:
    m = mark or locator.start()
    return m.line, m.col


def check_unsafe(html_text: str, body: str, body_line: int, path: str) -> list[Diagnostic]:
    """Every script element, event handler and script URL in the converted body."""
    finder = _Finder()
    finder.feed(html_text)
    finder.close()
    locator = Locator(body, body_line)
    problems = []
    for what, detail in finder.found:
        line, col, message = _place(locator, what, detail)
        problems.append(error(path, line, col, "unsafe-html", message,
                              "articles may use HTML for layout, never for script"))
    return problems
