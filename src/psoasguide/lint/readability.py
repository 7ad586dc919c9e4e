"""Rule `reading-level`: the Flesch-Kincaid grade of an article's body text.

Text comes from the converted HTML, so Markdown syntax, link targets (attributes), images,
code, tables, headings, admonition titles, footnote markers and the footnote list are left
out. Every paragraph, list item, quote or definition is a block; a block's sentences end at
".", "!" or "?" followed by a space, and an unfinished last sentence counts (a list item
without a full stop is one sentence). Words are runs of letters and digits, joined by
hyphens, apostrophes or decimal points ("hip-flexor", "don't", "4.85" are one word each).

    grade = 0.39 * words / sentences + 11.8 * syllables / words - 15.59
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..diagnostics import Diagnostic, warning
from ..parse.extensions import TEXT_CLOSE, TEXT_OPEN
from ..parse.scan import scan_body
from .phrases import PhraseFinder
from .syllables import syllables

CODE = "reading-level"

_WORD = re.compile(r"[^\W_]+(?:(?:['\u2019]|-|(?<=\d)[.,](?=\d))[^\W_]+)*")
_ABBREVIATED = ("e.g", "i.e", "etc", "vs", "cf", "approx", "Dr", "Mr", "Mrs", "Ms", "Prof", "St",
                "No", "Fig", "al")
_ABBREVIATIONS = PhraseFinder(re.compile(
    r"\b(?:" + "|".join(map(re.escape, _ABBREVIATED)) + r")\.(?=\s)", re.I), _ABBREVIATED,
    after=r"\.(?=\s)")
_SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s|$)")
_PLACEHOLDER = re.compile(re.escape(TEXT_OPEN) + r"(\d+)" + re.escape(TEXT_CLOSE))


@dataclass(frozen=True)
class TextStats:
    """Counts over an article's body text, and the grade and reading time they give."""

    words: int = 0
    sentences: int = 0
    syllables: int = 0

    @property
    def grade(self) -> float | None:
        """Flesch-Kincaid grade level, or None for a body without words."""
        if not self.words or not self.sentences:
            return None
        return (0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words
                - 15.59)

    def minutes(self, words_per_minute: int) -> int:
        """Reading time in whole minutes, rounded up (0 for no words)."""
        return math.ceil(self.words / words_per_minute) if self.words else 0


def fill_blocks(blocks: Sequence[str], link_texts: Sequence[str] = ()) -> list[str]:
    """Blocks with link-text placeholder n replaced by `link_texts[n]` ("link" if missing)."""

    def fill(match: re.Match[str]) -> str:
        index = int(match.group(1))
        return link_texts[index] if index < len(link_texts) else "link"

    out = []
    for block in blocks:
        if TEXT_OPEN in block:
            block = " ".join(_PLACEHOLDER.sub(fill, block).split())
        if block:
            out.append(block)
    return out


def text_blocks(html: str, link_texts: Sequence[str] = ()) -> list[str]:
    """The readable blocks of a converted body; `link_texts[n]` fills link text placeholder n."""
    return fill_blocks(scan_body(html).blocks, link_texts)


def _drop_dots(block: str) -> str:
    """`block` with the full stops of abbreviations removed ("e.g." -> "eg")."""
    pieces, last = [], 0
    for match in _ABBREVIATIONS.finditer(block):
        pieces += [block[last:match.start()], match.group(0).replace(".", "")]
        last = match.end()
    return "".join(pieces) + block[last:] if pieces else block


#: Syllables of a word as written (the same words recur through a guide).
_token_syllables = lru_cache(maxsize=65536)(syllables)


@lru_cache(maxsize=65536)
def _piece_counts(piece: str) -> tuple[int, int]:
    """Words and syllables in a piece of text without white space (words never hold any)."""
    words = _WORD.findall(piece)
    return len(words), sum(map(_token_syllables, words))


def _sentences(text: str) -> list[str]:
    return [p for p in _SENTENCE_END.split(text) if _WORD.search(p)]


def sentences_of(block: str) -> list[str]:
    """A block split into sentences; pieces without a word are dropped."""
    return _sentences(_drop_dots(block))


#: Joins blocks for `_drop_dots` (neither a word character nor white space, like a block's
#: edge to its patterns), then is replaced by a line break for the sentence split.
_JOIN = "\x00"
#: A sentence end, or the line break between two blocks.
_BREAK = re.compile(_SENTENCE_END.pattern + "|\n")


def measure(blocks: Sequence[str]) -> TextStats:
    """Words, sentences and syllables over `blocks`. A block's words are those of its sentences
    (sentence ends are punctuation before a space, never inside a word), so they are counted
    over the whole block at once. The blocks (white space collapsed, as `fill_blocks` leaves
    them) are searched joined, as each alone: a pattern's match never crosses the join, and
    the words are counted once for each distinct run of text between spaces."""
    joined = _JOIN.join(blocks)
    if "\n" in joined or joined.count(_JOIN) != max(len(blocks) - 1, 0):
        return _measure_each(blocks)
    text = _drop_dots(joined).replace(_JOIN, "\n")
    sentences = sum(1 for piece in _BREAK.split(text) if _WORD.search(piece))
    counts = list(map(_piece_counts, text.split()))
    return TextStats(sum(c[0] for c in counts), sentences, sum(c[1] for c in counts))


def _measure_each(blocks: Sequence[str]) -> TextStats:
    """`measure` block by block, for blocks that hold a line break or a NUL."""
    words = sentences = total = 0
    for block in blocks:
        text = _drop_dots(block)
        sentences += len(_sentences(text))
        tokens = _WORD.findall(text)
        words += len(tokens)
        total += sum(map(_token_syllables, tokens))
    return TextStats(words, sentences, total)


def check_reading_level(path: str, line: int, stats: TextStats, max_grade: float,
                        min_words: int) -> list[Diagnostic]:
    """A warning at the body's first line when the grade is above `max_grade`.

    Bodies with fewer than `min_words` words are not judged: the formula is unreliable there.
    """
    grade = stats.grade
    if grade is None or stats.words < min_words or grade <= max_grade:
        return []
    per_sentence = stats.words / stats.sentences
    per_word = stats.syllables / stats.words
    return [warning(path, line, 1, CODE,
                    f"reading grade {grade:.1f} is above lint.max_grade {max_grade:g} "
                    f"({per_sentence:.1f} words a sentence, {per_word:.2f} syllables a word)",
                    "use shorter sentences and everyday words; explain a technical term once")]
