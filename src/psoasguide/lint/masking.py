"""Blanking out what the rules must not read (code, HTML comments), keeping every position.

Like `parse.locate.mask_code`, but aware of admonitions: the indented body of `!!! note` is
prose, even after a blank line, and only text indented 4 more columns than its container
(an admonition body or a list item) is an indented code block.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})[^\n]*\n.*?^\1\2[ \t]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CONTAINER = re.compile(r"(?:[-*+]|\d+[.)]|!!!|\?\?\?\+?)(?:[ \t]|$)")


def blank(text: str) -> str:
    """`text` with every character but line ends replaced by a space."""
    return re.sub(r"[^\n]", " ", text)


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
    fenced = _FENCE.sub(lambda m: blank(m.group(0)), text)
    return _CODE_SPAN.sub(lambda m: blank(m.group(0)), _mask_indented(fenced))


def mask_body(body: str) -> str:
    """The body with code and HTML comments blanked out, positions unchanged."""
    return _COMMENT.sub(lambda m: blank(m.group(0)), mask_code(body))
