"""Articles may hold raw HTML, but never script: `<script>`, `on...=` or `javascript:` URLs;
nor inline style (`<style>`, `style=`), which the pages' Content-Security-Policy refuses.

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
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
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
        if tag in ("script", "style"):
            self.found.append((tag, ""))
        for name, value in attrs:
            if name == "style":
                self.found.append(("style-attr", ""))
            elif name.startswith("on"):
                self.found.append(("handler", name))
            elif name in _URL_ATTRS and value and is_unsafe_url(value):
                self.found.append(("url", value))

    handle_startendtag = handle_starttag


def _place(locator: Locator, what: str, detail: str) -> tuple[int, int, str]:
    if what in ("script", "style"):
        mark = locator.find(re.compile(rf"<\s*{what}\b", re.I))
        return (*_tuple(mark, locator), f"a <{what}> element is not allowed in an article")
    if what == "style-attr":
        mark = locator.find(re.compile(r"\bstyle\s*=", re.I))
        return (*_tuple(mark, locator), "a 'style' attribute is not allowed in an article")
    if what == "handler":
        mark = locator.find(re.compile(rf"\b{re.escape(detail)}\s*=", re.I))
        return (*_tuple(mark, locator), f"an event-handler attribute '{detail}' is not allowed")
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
        hint = ("the pages' security policy allows no inline style; use a class from the "
                "theme's stylesheet") if "style" in message else \
            "articles may use HTML for layout, never for script"
        problems.append(error(path, line, col, "unsafe-html", message, hint))
    return problems
