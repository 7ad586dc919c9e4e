"""Find where something in converted HTML was written in the Markdown source."""

from __future__ import annotations

import re

from ..model import Mark

_FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})[^\n]*\n.*?^\1\2[ \t]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_LIST_ITEM = re.compile(r" {0,3}(?:[-*+]|\d+[.)])(?:[ \t]|$)")


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _mask_indented(text: str) -> str:
    """Blank out indented code blocks: after a blank line, indented 4 columns (8 in a list)."""
    lines = text.split("\n")
    in_list = in_code = False
    prev_blank = True
    for i, line in enumerate(lines):
        blank = not line.strip()
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
        if in_code and (blank or indent >= 4):
            lines[i] = _blank(line)
            continue
        in_code = False
        if not blank and prev_blank and indent >= (8 if in_list else 4):
            in_code = True
            lines[i] = _blank(line)
        elif not blank and indent < 4:
            in_list = bool(_LIST_ITEM.match(line)) or (in_list and not prev_blank)
        prev_blank = blank
    return "\n".join(lines)


def mask_code(text: str) -> str:
    """`text` with fenced and indented code blocks and code spans blanked out, positions kept."""
    fenced = _FENCE.sub(lambda m: _blank(m.group(0)), text)
    return _CODE_SPAN.sub(lambda m: _blank(m.group(0)), _mask_indented(fenced))


class Locator:
    """Maps offsets in a body to file positions, searching forward from the last find."""

    def __init__(self, body: str, body_line: int) -> None:
        self.masked = mask_code(body)
        self.body_line = body_line
        self.cursor = 0

    def mark_at(self, offset: int) -> Mark:
        """The file position of `offset` in the body."""
        line_start = self.masked.rfind("\n", 0, offset) + 1
        return Mark(self.body_line + self.masked.count("\n", 0, offset), offset - line_start + 1)

    def find(self, pattern: str | re.Pattern[str]) -> Mark | None:
        """Position of the next match of `pattern` (a literal or compiled regex), else None."""
        regex = pattern if isinstance(pattern, re.Pattern) else re.compile(re.escape(pattern))
        match = regex.search(self.masked, self.cursor) or regex.search(self.masked)
        if match is None:
            return None
        self.cursor = match.end()
        return self.mark_at(match.start())

    def start(self) -> Mark:
        """The first line of the body: where a finding that cannot be placed is reported."""
        return Mark(self.body_line, 1)
