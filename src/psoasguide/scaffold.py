"""`psoasguide new KIND "Title"`: a draft skeleton with every required field present."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .content.load import CONTENT_DIR, suggest_slug
from .model import Kind

KINDS = {k.singular: k for k in Kind}

_COMMON = """---
title: {title}
summary: "TODO: one plain sentence, at most 160 characters."
reviewed: {today}
draft: true
tags: []
references:
  - title: "TODO: title of a source"
    publisher: "TODO: publisher or journal"
    year: {year}
{own}---
{body}"""

_BODY = """## TODO: a first heading

Write the article here, in plain words.
"""
#: A cause labels its claims in the text (lint rule `evidence-label`).
_CAUSE_BODY = """## What the evidence says

!!! note "Evidence: limited"
    TODO: what the studies found, and what they cannot tell us.
"""

_OWN = {
    Kind.ANATOMY: """origin: "TODO: where it starts"
insertion: "TODO: where it ends"
innervation: "TODO: its nerve supply"
actions:
  - "TODO: what it does"
""",
    Kind.CAUSE: """in_short:  # three lines, shown at the top of the page
  - "TODO: what it is"
  - "TODO: what helps"
  - "TODO: when to get help"
evidence: limited  # established, limited, not-supported or not-known
affects: []  # slugs of anatomy pages
""",
    Kind.STRETCH: """in_short:  # three lines, shown at the top of the page
  - "TODO: what it works"
  - "TODO: how to do it"
  - "TODO: when to stop or change it"
type: stretch  # stretch, strength or mobility
difficulty: beginner  # beginner, intermediate or advanced
equipment: []
hold_seconds: 30  # or reps: 10 (both: each rep is held); a range: [15, 30]
sets: 2
per_side: true
targets: [{target}]  # slugs of anatomy pages
helps: []  # slugs of cause pages
steps:
  - "TODO: the first step"
avoid_if:
  - "TODO: who should not do this"
stop_if:
  - Sharp, shooting or electric pain.
  - Pins and needles or numbness.
common_mistakes: []
""",
    Kind.ROUTINE: """items:
  - stretch: {stretch}
""",
    Kind.PAGE: "",
}


def _first_slug(root: Path, kind: Kind, fallback: str) -> str:
    files = sorted((root / CONTENT_DIR / kind.section).glob("*.md"))
    return files[0].stem if files else fallback


def skeleton(kind: Kind, title: str, today: dt.date, root: Path) -> str:
    """The text of a new draft article of `kind`."""
    own = _OWN[kind].format(target=_first_slug(root, Kind.ANATOMY, "TODO-anatomy-slug"),
                            stretch=_first_slug(root, Kind.STRETCH, "TODO-stretch-slug"))
    quoted = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    body = _CAUSE_BODY if kind is Kind.CAUSE else _BODY
    return _COMMON.format(title=quoted, today=today.isoformat(), year=today.year, own=own,
                          body=body)


def new_article(root: Path, kind_name: str, title: str, today: dt.date) -> Path:
    """Write a draft; raises FileExistsError rather than overwrite, ValueError on a bad name."""
    kind = KINDS.get(kind_name)
    if kind is None:
        raise ValueError(f"unknown kind '{kind_name}'; use one of " + ", ".join(KINDS))
    slug = suggest_slug(title)
    if not slug:
        raise ValueError(f"cannot make a file name from the title {title!r}")
    path = root / CONTENT_DIR / kind.section / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite
        handle.write(skeleton(kind, title, today, root))
    return path
