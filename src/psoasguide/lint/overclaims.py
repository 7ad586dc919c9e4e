"""Rule `overclaim`: selling or alarming phrases, unless the sentence negates or attributes them.

Phrases (`lint.overclaims`) match whole words, case-insensitively, across line breaks. A match is
allowed when a negation stands near it in its sentence (up to 8 words before or 4 after:
"there is no instant relief", "a cure is not likely") or the sentence attributes it to someone
else ("some sites claim ...", "a so-called miracle", "the myth that ..."). Code, HTML
comments, link targets, footnote definitions (they cite titles) and the front matter's
`references` are not checked; the other front-matter values (title, summary, steps...) are.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import lru_cache

from ..diagnostics import Diagnostic, error
from ..model import Mark
from .masking import blank
from .phrases import PhraseFinder
from .source import ArticleSource

CODE = "overclaim"
NEAR_BEFORE = 8
NEAR_AFTER = 4

_NEGATION = re.compile(
    r"\b(?:no|not|never|nothing|none|neither|nor|without|cannot|hardly|unlikely|untrue|false"
    r"|unsupported)\b|\w+n['\u2019]t\b", re.I)
_NOT_ONLY = re.compile(r"\b(?:not|\w+n['\u2019]t)\s+(?:just|only|merely|simply)\b", re.I)
_ATTRIBUTION = re.compile(
    r"\b(?:claims?|claimed|claiming|so-called|myths?|clickbait|headlines?|adverts?|advertising"
    r"|advertised|marketing|marketed|sold\s+as|selling|sellers?|rumou?rs?|folklore|allegedly"
    r"|(?:some|other|many|popular)\s+(?:sites|pages|websites|articles|blogs|videos|ads"
    r"|adverts|people|influencers|sellers|headlines|posts|books)"
    r"|(?:sites|pages|websites|articles|blogs|videos|posts|ads)\s+(?:that\s+)?"
    r"(?:say|says|promise|promises|call|calls|claim|suggest|suggests))\b", re.I)
_BOUNDARY = re.compile(
    r"[.!?][\"'\u201d\u2019)\]*_]*(?=\s|$)|\n[ \t]*\n"
    r"|\n(?=[ \t]*(?:[-*+]|\d+[.)]|#{1,6}|>|\||!!!|\?\?\?)\s)")
_FOOTNOTE_DEF = re.compile(r"\[(?<![^\n]\[)\^[^\]\n]+\]:.*(?:\n(?:[ \t]+\S.*|[ \t]*)$)*",
                           re.M)  # at a line start
_YAML_COMMENT = re.compile(r"(?:^|\s)#.*$")
_TOP_KEY = re.compile(r"[A-Za-z_][\w-]*[ \t]*:")


def _phrase_source(phrase: str) -> str:
    return r"\s+".join(re.escape(w) for w in phrase.split())


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """One regex matching any phrase as whole words, longest first; None for no phrases."""
    parts = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(_phrase_source, parts)) + r")(?!\w)", re.I)


@lru_cache(maxsize=64)
def _finder(phrases: tuple[str, ...]) -> PhraseFinder | None:
    pattern = phrase_pattern(phrases)
    return None if pattern is None else \
        PhraseFinder(pattern, [p.strip() for p in phrases if p.strip()], r"(?!\w)")


class Sentences:
    """Sentence boundaries of a text, found once, so each phrase's sentence costs its length."""

    def __init__(self, text: str) -> None:
        self.text = text
        found = list(_BOUNDARY.finditer(text))
        self.starts = [m.start() for m in found]
        self.ends = [m.end() for m in found]

    def around(self, start: int, end: int) -> tuple[str, str]:
        """The text of the sentence (or list item, heading) before and after
        `text[start:end]`: what a scan of `text[:start]` and a search from `end` would give."""
        text = self.text
        # The last boundary ending before `start` is one a scan cut at `start` also finds;
        # from there on the cut can change what matches, so that stretch is scanned again.
        index = bisect_left(self.ends, start) - 1
        left = self.ends[index] if index >= 0 else 0
        for match in _BOUNDARY.finditer(text, left, start):
            left = match.end()
        after = bisect_left(self.starts, end)
        limit = self.ends[after] if after < len(self.ends) else len(text)
        right_match = _BOUNDARY.search(text, end, limit)
        right = right_match.start() if right_match else len(text)
        return text[left:start], text[end:right]


def sentence_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The text of the sentence (or list item, heading) before and after `text[start:end]`."""
    return Sentences(text).around(start, end)


def excused(before: str, after: str) -> bool:
    """Whether the words around a phrase, in its sentence, negate or attribute it.

    A negation counts within `NEAR_BEFORE` words before or `NEAR_AFTER` words after the phrase
    ("there is no instant relief", "a cure is not likely"; "not just" and "not only" affirm,
    so they do not count); an attribution anywhere in the
    sentence ("some sites claim that ten minutes of stretching brings instant relief").
    """
    near = " ".join([*before.split()[-NEAR_BEFORE:], "|", *after.split()[:NEAR_AFTER]])
    near = _NOT_ONLY.sub(" ", near)  # "not just anecdotal: science confirms" affirms
    return bool(_NEGATION.search(near) or _ATTRIBUTION.search(f"{before} | {after}"))


def _finding(path: str, mark: Mark, phrase: str) -> Diagnostic:
    said = " ".join(phrase.split())
    return error(path, mark.line, mark.col, CODE, f"'{said}' overclaims",
                 "say what the evidence shows, or negate or attribute it in the same sentence "
                 "(\"some sites claim ...\")")


def _scan(text: str, pattern: PhraseFinder) -> Iterable[re.Match[str]]:
    sentences: Sentences | None = None
    for match in pattern.finditer(text):
        sentences = sentences or Sentences(text)
        if not excused(*sentences.around(match.start(), match.end())):
            yield match


def _front_lines(source: ArticleSource) -> Iterable[tuple[int, str]]:
    """Front-matter lines outside `references`, YAML comments blanked out."""
    in_references = False
    for line, text in sorted(source.front.items()):
        if _TOP_KEY.match(text):
            in_references = text.startswith("references")
        if not in_references:
            yield line, _YAML_COMMENT.sub(lambda m: blank(m.group(0)), text) \
                if "#" in text else text


def check_overclaims(source: ArticleSource, phrases: Sequence[str]) -> list[Diagnostic]:
    """Every overclaim in the article's front matter and body."""
    pattern = _finder(tuple(phrases))
    if pattern is None:
        return []
    found: list[Diagnostic] = []
    front = list(_front_lines(source))
    if pattern.may_match([text for _line, text in front]):  # most front matters hold none
        for line, text in front:
            found += [_finding(source.path, Mark(line, m.start() + 1), m.group(0))
                      for m in _scan(text, pattern)]
    body = _FOOTNOTE_DEF.sub(lambda m: blank(m.group(0)), source.prose)
    found += [_finding(source.path, source.at(m.start()), m.group(0))
              for m in _scan(body, pattern)]
    return found
