r"""Finding any of many phrases, case-insensitively, at the speed of the regex engine's skip.

Python's `re` cannot skip ahead to a possible match when a pattern starts with an assertion
(`\b`, `(?<!\w)`) or matches letters case-insensitively: it tries every alternative at every
position, about 0.1 to 0.25 microseconds a character. `PhraseFinder` first looks for the phrases
lowercased, as a tree of their letters (`in(?:\s+vi(?:tro|vo))`), in the lowercased text, with
a pattern that has neither (so `re` skips to the next possible first letter in C and gives up
on a position after a letter or two), then confirms each candidate with the real pattern at that
position. The matches are exactly the real pattern's `finditer`: a lowercased text has the same
length and the same case-insensitive matches, except for the four characters `re` folds into
ASCII letters, so a text holding one of them (or phrases that are not ASCII) is searched with
the real pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

#: The only non-ASCII characters that `re.IGNORECASE` matches to ASCII letters (İ also
#: lowercases to two characters).
_FOLDS_INTO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
_END = ""  # marks the end of a phrase in the letter tree


def _tree(phrases: Iterable[str]) -> dict[str, dict]:
    root: dict[str, dict] = {}
    for phrase in phrases:
        node = root
        for char in re.sub(r"\s+", " ", phrase):
            node = node.setdefault(char, {})
        node[_END] = {}
    return root


def _source(node: dict[str, dict]) -> str:
    """A regex for the phrases below `node`; a space stands for any run of white space."""
    options = [(r"\s+" if char == " " else re.escape(char)) + _source(below)
               for char, below in node.items() if char != _END]
    if _END in node:
        options.append("")
    return options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"


#: The shortest word `_heads` looks for: shorter ones are in most texts.
_MIN_HEAD = 4


def _heads(phrases: Iterable[str]) -> tuple[str, ...] | None:
    """The longest word of each lowercased phrase, without those that hold another: a text
    holding none of them holds no phrase (plain substring searches, faster than the letter
    tree's). None when a phrase has no word of `_MIN_HEAD` letters."""
    words = {max(p.split(), key=len) for p in phrases}
    if min(map(len, words)) < _MIN_HEAD:
        return None
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))


class PhraseFinder:
    r"""`pattern` (case-insensitive) matches only where one of `phrases` (plain text; white space
    between words may be any run of it) starts, followed by what `after` matches (which must not
    depend on letter case: lowercasing changes no character's membership of `\w`, `\s` or `-`)."""

    def __init__(self, pattern: re.Pattern[str], phrases: Iterable[str], after: str = "") -> None:
        self.pattern = pattern
        lowered = [p.lower() for p in phrases]
        self.fast = re.compile(_source(_tree(lowered)) + after) \
            if lowered and all(p.strip() and p.isascii() for p in lowered) else None
        self.heads = _heads(lowered) if self.fast is not None else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The same matches as `pattern.finditer(text)`."""
        if self.fast is None or _FOLDS_INTO_ASCII.search(text):
            yield from self.pattern.finditer(text)
            return
        low, pos = text.lower(), 0
        if self.heads is not None and not any(head in low for head in self.heads):
            return
        while (candidate := self.fast.search(low, pos)) is not None:
            match = self.pattern.match(text, candidate.start())
            if match is None:
                pos = candidate.start() + 1
                continue
            yield match
            pos = max(match.end(), match.start() + 1)

    def may_match(self, texts: Sequence[str]) -> bool:
        """False only when no text in `texts` holds a match: one search over them all, joined
        by NUL, which `after` must read as it reads the end of a text (as `(?!\\w)` does)."""
        joined = "\0".join(texts)
        if self.fast is None or _FOLDS_INTO_ASCII.search(joined):
            return True
        low = joined.lower()
        if self.heads is not None and not any(head in low for head in self.heads):
            return False
        return self.fast.search(low) is not None
