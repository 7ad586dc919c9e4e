"""The `lint` mapping of `site.yaml` -> `LintSettings`, and the names of the linter's rules.

Every key is optional; unknown keys, wrong types and unknown rule names are errors at their
position in `site.yaml` (or at the `lint` key when the position is unknown), with "did you mean".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .. import schema as s
from ..diagnostics import Diagnostic, did_you_mean
from ..frozen import thaw
from ..model import Mark
from .jargon import DEFAULT_JARGON

CONFIG_PATH = "site.yaml"

#: Every rule the linter has: code -> what it guards against. Codes name rules in suppressions.
RULES: Mapping[str, str] = {
    "overclaim": "a selling or alarming phrase (instant relief, cure, miracle, ...)",
    "reading-level": "Flesch-Kincaid grade of the body above lint.max_grade",
    "few-references": "a published anatomy, cause or stretch article with too few references",
    "review-overdue": "'reviewed' older than review_cycle_months",
    "heading-level": "a heading that skips a level (the body starts at h2)",
    "image-alt": "an image without alt text that says what it shows",
    "link-text": "link text such as 'click here', or a bare URL as text",
    "table-header": "a table without a header row",
    "jargon": "a statistic, unit or technical term (lint.jargon) not explained in its sentence",
    "in-short": "a published exercise or cause page without its three 'in_short' lines",
    "evidence-label": "a published cause article with no evidence label in its text, or "
                      "'Not supported' on a claim the text calls untested",
    "dose-override": "a routine item's dose outside its exercise's own, with no 'note' why",
}

DEFAULT_OVERCLAIMS: tuple[str, ...] = (
    "instant relief", "instantly", "instant results", "cure", "cures", "cured",
    "miracle", "miracles", "miraculous", "shocking", "guaranteed", "guarantee", "guarantees",
    "science confirms", "science proves", "scientifically proven", "proven to", "secret",
    "secrets", "forever", "torture", "breakthrough", "melt away", "melts away",
)

DEFAULT_VAGUE_LINK_TEXT: tuple[str, ...] = (
    "click here", "click", "here", "read more", "more", "learn more", "see more", "more info",
    "more information", "this link", "link", "this", "this page", "go", "details",
)


@dataclass(frozen=True)
class LintSettings:
    """What the rules check against; every value has a built-in default."""

    max_grade: float = 10.0
    min_words: int = 100
    words_per_minute: int = 200
    min_references: int = 2
    overclaims: tuple[str, ...] = DEFAULT_OVERCLAIMS
    vague_link_text: tuple[str, ...] = DEFAULT_VAGUE_LINK_TEXT
    disable: frozenset[str] = frozenset()
    jargon: tuple[str, ...] = DEFAULT_JARGON  # the defaults plus the site's `lint.jargon`

    def enabled(self, rule: str) -> bool:
        """Whether `rule` runs (it was not listed under `lint.disable`)."""
        return rule not in self.disable


def _rule_name(value: Any, at: s.KeyPath, ctx: s.Context) -> Any:
    if not isinstance(value, str):
        return ctx.fail(at, "wrong-type", "'lint.disable' must list rule names",
                        "rules: " + ", ".join(RULES))
    if value not in RULES:
        hint = did_you_mean(value, RULES) or "rules: " + ", ".join(RULES)
        return ctx.fail(at, "unknown-rule", f"'{value}' is not a lint rule", hint)
    return value


FIELDS: Mapping[str, s.Field] = {
    "max_grade": s.Field(s.number(0.0, 30.0), default=LintSettings.max_grade),
    "min_words": s.Field(s.integer(0), default=LintSettings.min_words),
    "words_per_minute": s.Field(s.integer(50, 1000), default=LintSettings.words_per_minute),
    "min_references": s.Field(s.integer(0, 50), default=LintSettings.min_references),
    "overclaims": s.Field(s.list_of(s.text()), default=DEFAULT_OVERCLAIMS),
    "vague_link_text": s.Field(s.list_of(s.text()), default=DEFAULT_VAGUE_LINK_TEXT),
    "disable": s.Field(s.list_of(_rule_name), default=()),
    "jargon": s.Field(s.list_of(s.text()), default=()),
}


def parse_settings(raw: Mapping[str, Any], marks: Mapping[tuple[Any, ...], Mark],
                   key_marks: Mapping[tuple[Any, ...], Mark] | None = None,
                   ) -> tuple[LintSettings, list[Diagnostic]]:
    """Validate the raw `lint` mapping; the defaults and every problem when it is invalid.

    `marks` and `key_marks` are positions in `site.yaml` by key path (`("lint", "max_grade")`);
    a path without a position falls back to the nearest enclosing one, e.g. `("lint",)`.
    """
    ctx = s.Context(CONFIG_PATH, marks, key_marks or {})
    data = s.check_mapping(thaw(raw), FIELDS, ("lint",), ctx)
    if data is s.INVALID:
        return LintSettings(), ctx.diagnostics
    phrases = tuple(p.casefold() for p in data["overclaims"])
    vague = tuple(p.casefold() for p in data["vague_link_text"])
    return LintSettings(
        max_grade=data["max_grade"], min_words=data["min_words"],
        words_per_minute=data["words_per_minute"], min_references=data["min_references"],
        overclaims=phrases, vague_link_text=vague, disable=frozenset(data["disable"]),
        jargon=(*DEFAULT_JARGON, *data["jargon"]),
    ), []
