"""Blanking out what the rules must not read (code, HTML comments), keeping every position."""

from __future__ import annotations

import re

from ..parse.locate import blank, mask_code

__all__ = ["blank", "blank_comments", "mask_body", "mask_code"]

_COMMENT = re.compile(r"<!--.*?-->", re.S)


def blank_comments(text: str) -> str:
    """`text` with HTML comments blanked out, positions unchanged."""
    return _COMMENT.sub(lambda m: blank(m.group(0)), text)


def mask_body(body: str) -> str:
    """The body with code and HTML comments blanked out, positions unchanged."""
    return blank_comments(mask_code(body))
