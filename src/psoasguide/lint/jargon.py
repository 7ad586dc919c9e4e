"""Rule `jargon`: statistics, units and technical or Latin terms a reader cannot be expected to
know, in the prose of an article, unless the same sentence explains them or they have an entry
in the glossary (whose first use on each page the build links).

A statistic or unit belongs in a footnote, never in the text. A term is explained when the
sentence also says what it means: it is followed or preceded by a
bracketed gloss (`EMG (muscle sensors)`, `muscle sensors (EMG)`), or the sentence says "means",
"is called" or "called". Footnote lines are exempt: that is where a statistic belongs. The terms
are `DEFAULT_JARGON` plus `lint.jargon` in `site.yaml` (more words or phrases).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import lru_cache

from ..diagnostics import Diagnostic, warning
from .masking import blank
from .phrases import PhraseFinder
from .source import ArticleSource

CODE = "jargon"

#: Patterns flagged by default: statistics and units, then words (matched case-insensitively).
DEFAULT_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"\br\s*=\s*[-\u2212\u2013]?\s*0?\.\d+", "a correlation (r = ...)"),
    (r"\bp\s*[<=>≤]\s*0?\.\d+", "a p-value"),
    (r"\d+(?:\.\d+)?\s*N\s*[·.]?\s*m\b", "a unit of turning force (N·m)"),
)
#: What each default pattern's matches hold, found fast (a literal first): a text without it is
#: not searched with the pattern, which starts with `\b` or `\d` and so is tried everywhere.
_NEEDS = (re.compile("="), re.compile("[<=>≤]"), re.compile(r"N\s*[·.]?\s*m\b"))
DEFAULT_JARGON: tuple[str, ...] = (
    "EMG", "electromyography", "et al", "in vivo", "in vitro", "per se", "ipsilateral",
    "contralateral", "lordosis", "kyphosis", "supine", "flexion", "extension moment",
    "abduction", "adduction", "proximal", "distal", "sagittal", "coronal plane",
    "musculus", "nociception", "proprioception",
)
_EXPLAINED = re.compile(r"\bmeans?\b|\bcalled\b|\bstands for\b", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(*_\[])|\n[ \t]*\n")
_FOOTNOTE = re.compile(r"\[(?<![^\n]\[)\^[^\]]+\]:.*(?:\n(?:[ \t]{4}.*)?)*")  # at a line start


def _term_source(term: str) -> str:
    return re.escape(term).replace(r"\ ", r"\s+")


@lru_cache(maxsize=64)
def _terms_finder(terms: tuple[str, ...]) -> PhraseFinder:
    """One pattern for every term (longest first), so the text is scanned once for all."""
    words = sorted(terms, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(_term_source, words)) + r")(?![\w-])",
                         re.I)
    return PhraseFinder(pattern, words, after=r"(?![\w-])")


class _Sentences:
    """Sentence ends of a text found once; each lookup is a binary search."""

    def __init__(self, text: str) -> None:
        found = list(_SENTENCE_END.finditer(text))
        self.starts = [m.start() for m in found]
        self.ends = [m.end() for m in found]
        self.length = len(text)

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around `[start, end)`: after the last end before `start` (a scan cut
        at `start` sees the same ones), up to the first one starting at or after `end`."""
        before = bisect_left(self.ends, start) - 1
        after = bisect_left(self.starts, end)
        return (self.ends[before] if before >= 0 else 0,
                self.starts[after] if after < len(self.starts) else self.length)


def _explained(text: str, sentences: _Sentences, start: int, end: int) -> bool:
    left, right = sentences.bounds(start, end)
    sentence = text[left:right]
    after, before = text[end:right].lstrip(), text[left:start].rstrip()
    return bool(_EXPLAINED.search(sentence) or after.startswith("(") or before.endswith("("))


def find_jargon(source: ArticleSource, terms: Iterable[str], glossary: Sequence[str] = ()
                ) -> list[Diagnostic]:
    """Every unexplained use of a jargon term in the article's prose."""
    text = _FOOTNOTE.sub(lambda m: blank(m.group(0)), source.prose)
    known = {g.casefold() for g in glossary}
    wanted = [t for t in dict.fromkeys(terms) if t.casefold() not in known]
    by_name = {" ".join(t.casefold().split()): t for t in wanted}
    found: list[tuple[int, int, re.Match[str], str, bool]] = []  # in the order reported before
    for order, ((pattern, what), needs) in enumerate(zip(DEFAULT_PATTERNS, _NEEDS, strict=True)):
        if needs.search(text):
            found += [(order, 0, m, what, False) for m in re.finditer(pattern, text)]
    if wanted:
        rank = {t: len(DEFAULT_PATTERNS) + i for i, t in enumerate(wanted)}
        for m in _terms_finder(tuple(wanted)).finditer(text):
            term = by_name.get(" ".join(m.group(0).casefold().split())) or next(
                t for t in wanted if re.fullmatch(_term_source(t), m.group(0), re.I))
            found.append((rank[term], m.start(), m, f"'{term}'", True))
    problems = []
    sentences = _Sentences(text) if any(f[4] for f in found) else None
    for _order, _at, match, what, can_explain in sorted(found, key=lambda f: f[:2]):
        if sentences and can_explain and _explained(text, sentences, match.start(),
                                                     match.end()):
            continue
        mark = source.at(match.start())
        problems.append(warning(source.path, mark.line, mark.col, CODE,
                                f"{what} in the text, not explained in its sentence",
                                "say what it means for the reader in plain words and keep "
                                "the figure or term in a footnote, explain it in brackets, "
                                "or add it to the glossary"))
    return problems
