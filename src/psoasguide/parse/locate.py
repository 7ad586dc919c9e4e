"""Find where something in converted HTML was written in the Markdown source.

`mask_code` blanks out code so a search never lands in a code sample. It knows admonitions: the
indented body of `!!! note` is prose, even after a blank line; only text indented 4 more columns
than its container (an admonition body or a list item) is an indented code block.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..model import Mark

_FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})[^\n]*\n.*?^\1\2[ \t]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_NEWLINE = re.compile("\n")
_CONTAINER = re.compile(r"(?:[-*+]|\d+[.)]|!!!|\?\?\?\+?)(?:[ \t]|$)")


_NOT_NEWLINE = re.compile(r"[^\n]")


def blank(text: str) -> str:
    """`text` with every character but line ends replaced by a space."""
    return _NOT_NEWLINE.sub(" ", text) if "\n" in text else " " * len(text)


def _mask_indented(text: str) -> str:
    """Blank indented code blocks: after a blank line, 4 columns deeper than the container."""
    lines = text.split("\n")
    container = 0  # content indent of the list item or admonition the text is in
    in_code, prev_blank = False, True
    for index, line in enumerate(lines):
        expanded = line.expandtabs(4)
        is_blank = not expanded.strip()
        indent = len(expanded) - len(expanded.lstrip(" "))
        if in_code and (is_blank or indent >= container + 4):
            lines[index] = blank(line)
            continue
        in_code = False
        if not is_blank and prev_blank and indent >= container + 4:
            in_code = True
            lines[index] = blank(line)
        elif not is_blank:
            if prev_blank and indent < container:
                container = 0 if indent < 4 else indent
            if _CONTAINER.match(expanded.lstrip(" ")):
                container = indent + 4
        prev_blank = is_blank
    return "\n".join(lines)


def mask_code(text: str) -> str:
    """`text` with fenced and indented code blocks and code spans blanked out."""
    fenced = _FENCE.sub(lambda m: blank(m.group(0)), text) if "```" in text or "~~~" in text \
        else text
    return _CODE_SPAN.sub(lambda m: blank(m.group(0)), _mask_indented(fenced))


class LineTable:
    """Offsets in a text -> 1-based file positions, by binary search over its line starts."""

    def __init__(self, text: str, first_line: int) -> None:
        self.starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]
        self.first_line = first_line

    def mark(self, offset: int) -> Mark:
        """The file position of `offset` (line `first_line` is the text's first line)."""
        index = bisect_right(self.starts, offset) - 1
        return Mark(self.first_line + index, offset - self.starts[index] + 1)


class Locator:
    """Maps offsets in a body to file positions, searching forward from the last find.

    `masked` is the body with code blanked out (`mask_code`); `lines` its line table. Pass
    both when the caller already has them, so a body is masked once however many look in it.
    """

    def __init__(self, body: str, body_line: int, masked: str | None = None,
                 lines: LineTable | None = None) -> None:
        self.masked = mask_code(body) if masked is None else masked
        self.lines = lines or LineTable(self.masked, body_line)
        self.body_line = body_line
        self.cursor = 0

    def fresh(self) -> Locator:
        """A locator over the same masked body, searching from its start."""
        return Locator("", self.body_line, self.masked, self.lines)

    def mark_at(self, offset: int) -> Mark:
        """The file position of `offset` in the body."""
        return self.lines.mark(offset)

    def find(self, pattern: str | re.Pattern[str]) -> Mark | None:
        """Position of the next match of `pattern` (a literal or compiled regex), else None."""
        if isinstance(pattern, str):
            start = self.masked.find(pattern, self.cursor)
            if start < 0:
                start = self.masked.find(pattern)
            if start < 0:
                return None
            self.cursor = start + len(pattern)
            return self.mark_at(start)
        match = pattern.search(self.masked, self.cursor) or pattern.search(self.masked)
        if match is None:
            return None
        self.cursor = match.end()
        return self.mark_at(match.start())

    def start(self) -> Mark:
        """The first line of the body: where a finding that cannot be placed is reported."""
        return Mark(self.body_line, 1)
