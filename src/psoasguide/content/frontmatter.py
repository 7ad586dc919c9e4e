"""Split a Markdown file into YAML front matter and body, keeping line numbers."""

from __future__ import annotations

import re

from .. import yamlsource
from ..diagnostics import Diagnostic, error
from ..model import FrontMatter, Mark

_FENCE = re.compile(r"---[ \t]*")
_CLOSE = re.compile(r"(---|\.\.\.)[ \t]*")


def parse_front_matter(text: str, path: str) -> tuple[FrontMatter | None, list[Diagnostic]]:
    """Front matter between `---` lines at the top of `text` (already LF and BOM-free)."""
    lines = text.split("\n")
    if not lines or not _FENCE.fullmatch(lines[0]):
        return None, [error(path, 1, 1, "no-front-matter", "the file does not start with '---'",
                            "begin with a '---' line, the YAML front matter, then '---'")]
    for index in range(1, len(lines)):
        if _CLOSE.fullmatch(lines[index]):
            break
    else:
        return None, [error(path, 1, 1, "unclosed-front-matter",
                            "the front matter opened on line 1 is never closed",
                            "add a line '---' after the last front-matter key")]
    text = "\n".join(lines[1:index])
    loaded = yamlsource.load(text, path, first_line=2)
    if loaded.diagnostics:
        return None, list(loaded.diagnostics)
    data = loaded.data if loaded.data is not None else {}
    if not isinstance(data, dict):
        where = loaded.marks.get((), Mark(2, 1))
        return None, [error(path, where.line, where.col, "wrong-type",
                            "front matter must be a mapping of keys to values",
                            "write one 'key: value' a line")]
    body = "\n".join(lines[index + 1:])
    fm = FrontMatter(data, loaded.marks, loaded.key_marks, body, index + 2, text)
    return fm, []
