"""The first use of each glossary term on a page links to its entry on the glossary page.

The glossary is the page named by `site.yaml` `glossary_page`; each of its level-2 headings is a
term. Text inside links, headings, summaries, code and the page's own glossary is left alone.
One pass over the page's HTML with one pattern for all terms (longest first).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from markupsafe import escape

from ..model import Heading

_TAG = re.compile(r"(<[^>]*>)")
_SKIP = frozenset({"a", "h1", "h2", "h3", "h4", "h5", "h6", "summary", "code", "pre", "script",
                   "style", "sup"})
_NAME = re.compile(r"</?([a-zA-Z0-9]+)")


def glossary_terms(headings: Sequence[Heading]) -> tuple[tuple[str, str], ...]:
    """(term, anchor) for each level-2 heading of the glossary page."""
    return tuple((h.text, h.id) for h in headings if h.level == 2)


def link_terms(html: str, terms: Sequence[tuple[str, str]], href: Callable[[str], str]) -> str:
    """`html` with the first use of each term wrapped in a link to `href(anchor)`."""
    if not terms:
        return html
    anchors = {term.casefold(): anchor for term, anchor in terms}
    words = sorted(anchors, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in words) + r")(?![\w-])",
                         re.I)
    done: set[str] = set()
    skipping: list[str] = []
    out: list[str] = []
    for part in _TAG.split(html):
        if part.startswith("<"):
            name = _NAME.match(part)
            tag = name.group(1).lower() if name else ""
            if tag in _SKIP and not part.endswith("/>"):
                if part.startswith("</"):
                    if tag in skipping:
                        skipping.remove(tag)
                else:
                    skipping.append(tag)
            out.append(part)
            continue
        if skipping or len(done) == len(anchors):
            out.append(part)
            continue

        def link(m: re.Match[str]) -> str:
            key = m.group(1).casefold()
            if key in done:
                return m.group(0)
            done.add(key)
            return (f'<a class="glossary-term" href="{escape(href(anchors[key]))}">'
                    f"{m.group(1)}</a>")

        out.append(pattern.sub(link, part))
    return "".join(out)
