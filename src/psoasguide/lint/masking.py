"""Blanking out what the rules must not read (code, HTML comments), keeping every position."""

from __future__ import annotations

import re

from ..parse.locate import blank, mask_code

__all__ = ["blank", "mask_body", "mask_code"]

_COMMENT = re.compile(r"<!--.*?-->", re.S)


def mask_body(body: str) -> str:
    """The body with code and HTML comments blanked out, positions unchanged."""
    return _COMMENT.sub(lambda m: blank(m.group(0)), mask_code(body))
