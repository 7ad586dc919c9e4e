"""Find where something in converted HTML was written in the Markdown source."""

from __future__ import annotations

import re

from ..model import Mark

_FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})[^\n]*\n.*?^\1\2[ \t]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)


def mask_code(text: str) -> str:
    """`text` with fenced code blocks and code spans blanked out, positions unchanged."""

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    return _CODE_SPAN.sub(blank, _FENCE.sub(blank, text))


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
