"""Per-kind front-matter schemas (docs/writing.md lists every field)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from .. import schema as s
from ..figures.pose import check_poses
from ..model import Kind
from .dose import EXERCISE_FIELDS, OVERRIDE_FIELDS

SUMMARY_LIMIT = 160
EVIDENCE = ("established", "limited", "not-supported", "not-known")
STRETCH_TYPES = ("stretch", "strength", "mobility")
DIFFICULTIES = ("beginner", "intermediate", "advanced")
#: Keys whose values name other pages: checked against the site in the link stage.
RELATION_KEYS = ("targets", "helps", "affects", "related")

_DOI_RE = re.compile(r"10\.\d{4,9}/\S+")
_ALIAS_RE = re.compile(r"/(?:[A-Za-z0-9._~-]+/)*(?:[A-Za-z0-9._~-]+)?")


def _doi(value: Any, at: s.KeyPath, ctx: s.Context) -> Any:
    value = s.text()(value, at, ctx)
    if value is not s.INVALID and not _DOI_RE.fullmatch(value):
        return ctx.fail(at, "bad-value", f"'{value}' is not a DOI",
                        "write the bare DOI, e.g. 10.1249/MSS.0b013e318213fefb")
    return value


def _alias(value: Any, at: s.KeyPath, ctx: s.Context) -> Any:
    """An old site path such as `/old/page/`; a page-like path gains its trailing slash."""
    value = s.text()(value, at, ctx)
    if value is s.INVALID:
        return value
    if not _ALIAS_RE.fullmatch(value) or "/../" in value + "/" or value == "/":
        return ctx.fail(at, "bad-value", f"'{value}' is not a site path",
                        "write the old URL's path, e.g. /old/psoas-stretch/")
    last = value.rsplit("/", 1)[1]
    return value if "." in last or value.endswith("/") else value + "/"


def common_fields(today: dt.date) -> dict[str, s.Field]:
    """Keys every article may have."""
    reference = s.mapping({
        "title": s.Field(s.text(), required=True),
        "publisher": s.Field(s.text(), required=True),
        "year": s.Field(s.integer(1500, today.year), required=True),
        "url": s.Field(s.http_url, default=""),
        "doi": s.Field(_doi, default=""),
    })
    return {
        "title": s.Field(s.text(), required=True),
        "summary": s.Field(s.text(max_len=SUMMARY_LIMIT), required=True),
        "reviewed": s.Field(s.date(not_after=today), required=True),
        "references": s.Field(s.list_of(reference), default=()),
        "tags": s.Field(s.list_of(s.text()), default=()),
        "related": s.Field(s.list_of(s.slug), default=()),
        "aliases": s.Field(s.list_of(_alias), default=()),
        "draft": s.Field(s.boolean, default=False),
        "date": s.Field(s.date(not_after=today), default=None),
        "weight": s.Field(s.integer(), default=0),
        "clinical_review": s.Field(s.mapping({
            "by": s.Field(s.text(), required=True),
            "role": s.Field(s.text(), required=True),
            "date": s.Field(s.date(not_after=today), required=True),
        }), default=None),
    }


IN_SHORT_LINES = 3
IN_SHORT_LIMIT = 120


def _in_short(value: Any, at: s.KeyPath, ctx: s.Context) -> Any:
    """Exactly three short lines: what it is, what to do, what to watch for."""
    lines = s.list_of(s.text(max_len=IN_SHORT_LIMIT))(value, at, ctx)
    if lines is not s.INVALID and len(lines) != IN_SHORT_LINES:
        return ctx.fail(at, "bad-value", f"'in_short' has {len(lines)} lines; it needs exactly "
                        f"{IN_SHORT_LINES}", "one short line each: what it is, what to do, and "
                        "what to watch for")
    return lines


def _text_list(required: bool = False, nonempty: bool = False) -> s.Field:
    return s.Field(s.list_of(s.text(), nonempty=nonempty), required=required, default=())


def _slugs(required: bool = False) -> s.Field:
    return s.Field(s.list_of(s.slug, nonempty=required), required=required, default=())


OWN_FIELDS: Mapping[Kind, Mapping[str, s.Field]] = {
    Kind.ANATOMY: {
        "origin": s.Field(s.text(), required=True),
        "insertion": s.Field(s.text(), required=True),
        "innervation": s.Field(s.text(), required=True),
        "actions": _text_list(required=True, nonempty=True),
        "region": s.Field(s.text(), default=""),
    },
    Kind.CAUSE: {
        "in_short": s.Field(_in_short, default=()),
        "evidence": s.Field(s.choice(EVIDENCE), required=True),
        "affects": _slugs(),
    },
    Kind.STRETCH: {
        "in_short": s.Field(_in_short, default=()),
        "type": s.Field(s.choice(STRETCH_TYPES), required=True),
        "difficulty": s.Field(s.choice(DIFFICULTIES), required=True),
        "equipment": _text_list(),
        **EXERCISE_FIELDS,
        "intensity": s.Field(s.text(max_len=120), default=""),
        "steps": _text_list(required=True, nonempty=True),
        "avoid_if": _text_list(required=True, nonempty=True),
        "stop_if": _text_list(required=True, nonempty=True),
        "common_mistakes": _text_list(),
        "targets": _slugs(required=True),
        "helps": _slugs(),
        "poses": s.Field(check_poses, default=()),
    },
    Kind.ROUTINE: {
        "items": s.Field(s.list_of(s.mapping({
            "stretch": s.Field(s.slug, required=True),
            **OVERRIDE_FIELDS,
        }), nonempty=True), required=True),
    },
    Kind.PAGE: {},
}


def fields_for(kind: Kind, today: dt.date) -> dict[str, s.Field]:
    """Every key an article of `kind` may have."""
    return {**common_fields(today), **OWN_FIELDS[kind]}

