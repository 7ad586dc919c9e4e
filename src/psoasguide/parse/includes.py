"""Block includes in an article body: a line `{{< block NAME [VARIANT] >}}`.

Before conversion each include becomes a placeholder on its own line (`BLOCK_OPEN n BLOCK_CLOSE`),
so Markdown wraps it in a paragraph the render stage replaces with the block's HTML. Includes in
code are left alone. A `{{< ... >}}` that is not a well-formed include is an error at its line.
"""

from __future__ import annotations

import re

from ..blocks import BlockRef
from ..diagnostics import Diagnostic, error
from .locate import mask_code

BLOCK_OPEN, BLOCK_CLOSE = "\ue004", "\ue005"
_SHORTCODE = re.compile(r"\{\{<(.*?)>\}\}")
_INCLUDE = re.compile(r"[ \t]*block[ \t]+([a-z0-9]+(?:-[a-z0-9]+)*)"
                      r"(?:[ \t]+([a-z0-9]+(?:-[a-z0-9]+)*))?[ \t]*")
SYNTAX = "{{< block NAME >}} or {{< block NAME VARIANT >}}, alone on its line"


def find_includes(body: str, body_line: int, path: str, masked_body: str | None = None
                  ) -> tuple[str, tuple[BlockRef, ...], list[Diagnostic]]:
    """The body with each include replaced by its placeholder, the includes, and problems;
    `masked_body` is the body with code blanked out, when the caller has it already."""
    masked = (mask_code(body) if masked_body is None else masked_body).split("\n")
    lines = body.split("\n")
    refs: list[BlockRef] = []
    problems: list[Diagnostic] = []
    for index, line in enumerate(masked):
        for match in _SHORTCODE.finditer(line):
            col = match.start() + 1
            include = _INCLUDE.fullmatch(match.group(1))
            alone = not (line[:match.start()].strip() or line[match.end():].strip())
            if include is None or not alone:
                problems.append(error(path, body_line + index, col, "bad-include",
                                      f"'{match.group(0)}' is not a block include",
                                      f"write {SYNTAX}"))
                continue
            token = f"{BLOCK_OPEN}{len(refs)}{BLOCK_CLOSE}"
            refs.append(BlockRef(token, include.group(1), include.group(2) or "",
                                 body_line + index, col))
            lines[index] = lines[index][:match.start()] + token + lines[index][match.end():]
    return "\n".join(lines), tuple(refs), problems


def placeholder_html(ref: BlockRef) -> str:
    """How an include's placeholder looks in the converted HTML."""
    return f"<p>{ref.placeholder}</p>"
