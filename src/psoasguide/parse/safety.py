"""Articles may hold raw HTML, but never script: `<script>`, `on...=` or `javascript:` URLs;
nor inline style (`<style>`, `style=`), which the pages' Content-Security-Policy refuses; nor
what embeds, re-bases or redirects documents (`<iframe>`, `<object>`, `<embed>`, `<base>`,
`<meta>`, `srcdoc`, `data:` URLs).

The converted HTML is the truth (so code samples, which come out escaped, never trip the check);
each finding is then placed at its line and column in the Markdown source.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from ..diagnostics import Diagnostic, error
from ..model import Mark
from .locate import Locator
from .scan import scan_body

#: A script URL as written, possibly with entities in it (`jav&#x61;script:`).
_SCHEME_IN_SOURCE = re.compile(r"[^\s(\"'=<>\]]*?(?:script|data)\s*:", re.I)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def _place(locator: Locator, what: str, detail: str) -> tuple[int, int, str]:
    if what in ("script", "style"):
        mark = locator.find(re.compile(rf"<\s*{what}\b", re.I))
        return (*_tuple(mark, locator), f"a <{what}> element is not allowed in an article")
    if what == "style-attr":
        mark = locator.find(re.compile(r"\bstyle\s*=", re.I))
        return (*_tuple(mark, locator), "a 'style' attribute is not allowed in an article")
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
    """Every script or style element, style attribute, event handler and script URL in the
    converted `html_text` of a Markdown `body`."""
    return place_unsafe(scan_body(html_text).unsafe, Locator(body, body_line), path)


def place_unsafe(found: Iterable[tuple[str, str]], locator: Locator, path: str
                 ) -> list[Diagnostic]:
    """What a body's scan `found` (`parse.scan`), as errors placed through `locator`."""
    problems = []
    for what, detail in found:
        line, col, message = _place(locator, what, detail)
        hint = ("the pages' security policy allows no inline style; use a class from the "
                "theme's stylesheet") if "style" in message else \
            "articles may use HTML for layout, never for script"
        problems.append(error(path, line, col, "unsafe-html", message, hint))
    return problems
