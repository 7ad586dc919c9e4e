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
from html.parser import HTMLParser

from ..diagnostics import Diagnostic, warning
from ..parse.extensions import TEXT_CLOSE, TEXT_OPEN
from .syllables import syllables

CODE = "reading-level"

_SKIP_TAGS = frozenset({"pre", "code", "table", "h1", "h2", "h3", "h4", "h5", "h6", "script",
                        "style", "sup", "svg", "math", "template", "nav", "kbd", "samp"})
_SKIP_CLASSES = frozenset({"footnote", "admonition-title", "toc", "footnote-backref"})
_BLOCK_TAGS = frozenset({"p", "li", "dd", "dt", "div", "blockquote", "br", "hr", "td", "th",
                         "figcaption", "details", "summary", "section", "ol", "ul", "dl"})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "source", "area", "col"})
_WORD = re.compile(r"[^\W_]+(?:(?:['\u2019]|-|(?<=\d)[.,](?=\d))[^\W_]+)*")
_ABBREVIATIONS = re.compile(
    r"\b(?:e\.g|i\.e|etc|vs|cf|approx|Dr|Mr|Mrs|Ms|Prof|St|No|Fig|al)\.(?=\s)", re.I)
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


class _BlockCollector(HTMLParser):
    """Collects the readable text of an HTML fragment as a list of blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)

    def _skipping(self) -> bool:
        return any(skipped for _tag, skipped in self.stack)

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag in _VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        self.stack.append((tag, tag in _SKIP_TAGS or bool(classes & _SKIP_CLASSES)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self._flush()
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data: str) -> None:
        if not self._skipping():
            self.current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def text_blocks(html: str, link_texts: Sequence[str] = ()) -> list[str]:
    """The readable blocks of a converted body; `link_texts[n]` fills link text placeholder n."""

    def fill(match: re.Match[str]) -> str:
        index = int(match.group(1))
        return link_texts[index] if index < len(link_texts) else "link"

    collector = _BlockCollector()
    collector.feed(_PLACEHOLDER.sub(fill, html))
    collector.close()
    return collector.blocks


def sentences_of(block: str) -> list[str]:
    """A block split into sentences; pieces without a word are dropped."""
    text = _ABBREVIATIONS.sub(lambda m: m.group(0).replace(".", ""), block)
    pieces = _SENTENCE_END.split(text)
    return [p for p in pieces if _WORD.search(p)]


def measure(blocks: Sequence[str]) -> TextStats:
    """Words, sentences and syllables over `blocks`."""
    words = sentences = total = 0
    for block in blocks:
        for sentence in sentences_of(block):
            tokens = _WORD.findall(sentence)
            sentences += 1
            words += len(tokens)
            total += sum(syllables(t) for t in tokens)
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
