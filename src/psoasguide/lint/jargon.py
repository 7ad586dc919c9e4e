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
from collections.abc import Iterable, Sequence

from ..diagnostics import Diagnostic, warning
from .source import ArticleSource

CODE = "jargon"

#: Patterns flagged by default: statistics and units, then words (matched case-insensitively).
DEFAULT_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"\br\s*=\s*[-\u2212\u2013]?\s*0?\.\d+", "a correlation (r = ...)"),
    (r"\bp\s*[<=>≤]\s*0?\.\d+", "a p-value"),
    (r"\d+(?:\.\d+)?\s*N\s*[·.]?\s*m\b", "a unit of turning force (N·m)"),
)
DEFAULT_JARGON: tuple[str, ...] = (
    "EMG", "electromyography", "et al", "in vivo", "in vitro", "per se", "ipsilateral",
    "contralateral", "lordosis", "kyphosis", "supine", "flexion", "extension moment",
    "abduction", "adduction", "proximal", "distal", "sagittal", "coronal plane",
    "musculus", "nociception", "proprioception",
)
_EXPLAINED = re.compile(r"\bmeans?\b|\bcalled\b|\bstands for\b", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(*_\[])|\n[ \t]*\n")
_FOOTNOTE = re.compile(r"^\[\^[^\]]+\]:.*(?:\n(?:[ \t]{4}.*)?)*", re.M)


def _term_pattern(term: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + re.escape(term).replace(r"\ ", r"\s+") + r"(?![\w-])",
                      re.I)


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right = _SENTENCE_END.search(text, end)
    return left, right.start() if right else len(text)


def _explained(text: str, start: int, end: int) -> bool:
    left, right = _sentence_bounds(text, start, end)
    sentence = text[left:right]
    after, before = text[end:right].lstrip(), text[left:start].rstrip()
    return bool(_EXPLAINED.search(sentence) or after.startswith("(") or before.endswith("("))


def find_jargon(source: ArticleSource, terms: Iterable[str], glossary: Sequence[str] = ()
                ) -> list[Diagnostic]:
    """Every unexplained use of a jargon term in the article's prose."""
    text = _FOOTNOTE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), source.prose)
    known = {g.casefold() for g in glossary}
    patterns = [(re.compile(p), what, False) for p, what in DEFAULT_PATTERNS]
    patterns += [(_term_pattern(t), f"'{t}'", True) for t in dict.fromkeys(terms)
                 if t.casefold() not in known]
    problems = []
    for pattern, what, can_explain in patterns:
        for match in pattern.finditer(text):
            if can_explain and _explained(text, match.start(), match.end()):
                continue
            mark = source.at(match.start())
            problems.append(warning(source.path, mark.line, mark.col, CODE,
                                    f"{what} in the text, not explained in its sentence",
                                    "say what it means for the reader in plain words and keep "
                                    "the figure or term in a footnote, explain it in brackets, "
                                    "or add it to the glossary"))
    return problems
