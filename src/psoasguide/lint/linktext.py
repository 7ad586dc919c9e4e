"""Rule `link-text`: a link's text must say where it goes.

Errors for vague text (`lint.vague_link_text`: "click here", "here", "read more", ...), empty
text, a URL used as the text (`[https://x.org](https://x.org)`, `<https://x.org>`), and a bare
URL left in the prose. Markdown links, reference links, wiki links with `|text` and HTML `<a>`
are checked; a wiki link without text shows the target's title, which is fine. A link whose
text is an image is left to `image-alt`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

from ..diagnostics import Diagnostic, error
from .masking import blank
from .source import ArticleSource

CODE = "link-text"

_WIKI = re.compile(r"\[\[([^\[\]\n]+?)\]\]")
_MD_LINK = re.compile(
    r"\[(?<![!\]\\]\[)(?!\^)((?:[^\[\]]|\[[^\]]*\])*)\](?:\((?:[^()\s]|\([^()\s]*\))*"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)|\[[^\]\n]*\])")
_HTML_LINK = re.compile(r"<a\b[^>]*>(.*?)</a\s*>", re.I | re.S)
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^\s<>]+|www\.[^\s<>]+)>", re.I)
_REFERENCE_DEF = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S+.*$", re.M)
_BARE_URL = re.compile(r"(?<![\w/@.])(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"]",
                       re.I)
_URL_TEXT = re.compile(
    r"(?:https?://|www\.)\S+|[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|uk|io|int|info)(?:/\S*)?",
    re.I)
_MARKUP = re.compile(r"[*_`~]|<[^>]*>")
_TRIM = " .,:;!?()\"'\u201c\u201d\u2018\u2019\u00ab\u00bb-\u2013\u2014"
_IMAGE = re.compile(r"!\[|<img\b", re.I)


def _normalise(text: str) -> str:
    text = _MARKUP.sub("", text)
    return " ".join(text.split()).strip(_TRIM).casefold()


def text_problem(text: str, vague: Collection[str]) -> str:
    """Why a link's text fails, or "" when it says where the link goes."""
    if _IMAGE.search(text):
        return ""
    said = _normalise(text)
    if not said:
        return "a link with no text"
    if said in vague:
        return f"link text '{said}' does not say where the link goes"
    if _URL_TEXT.fullmatch(said):
        return f"a bare URL as link text: '{said}'"
    return ""


def _links(masked: str) -> Iterator[tuple[int, int, str | None]]:
    """(start, end, text or None when the link shows its target's title) for every link."""
    for match in _WIKI.finditer(masked):
        _target, bar, text = match.group(1).partition("|")
        yield match.start(), match.end(), text if bar else None
    without_wiki = _WIKI.sub(lambda m: blank(m.group(0)), masked)
    for match in _MD_LINK.finditer(without_wiki):
        yield match.start(), match.end(), match.group(1)
    for match in _HTML_LINK.finditer(masked):
        yield match.start(), match.end(), match.group(1)
    for match in _AUTOLINK.finditer(masked):
        yield match.start(), match.end(), match.group(1)


def _blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with every `[start, end)` span blanked (spans may overlap)."""
    pieces, done = [], 0
    for start, end in sorted(spans):
        if end > done:
            start = max(start, done)
            pieces += [text[done:start], blank(text[start:end])]
            done = end
    return "".join(pieces) + text[done:]


def check_link_text(source: ArticleSource, vague: Collection[str]) -> list[Diagnostic]:
    """Every link with vague, empty or URL text, and every bare URL in the prose."""
    problems: list[tuple[int, str]] = []
    spans = []
    for start, end, text in _links(source.masked):
        problem = "" if text is None else text_problem(text, vague)
        if problem:
            problems.append((start, problem))
        spans.append((start, end))
    rest = _REFERENCE_DEF.sub(lambda m: blank(m.group(0)), _blank_spans(source.masked, spans))
    if "://" in rest or "www." in rest.lower():  # what every bare URL holds
        problems += [(m.start(), f"a bare URL in the text: '{m.group(0)}'")
                     for m in _BARE_URL.finditer(rest)]
    found: list[Diagnostic] = []
    for offset, problem in sorted(problems):
        mark = source.at(offset)
        found.append(error(source.path, mark.line, mark.col, CODE, problem,
                           "link descriptive words, e.g. '[the NHS page on back pain](...)'"))
    return found
