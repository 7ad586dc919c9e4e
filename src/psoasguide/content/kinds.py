"""Per-kind front-matter schemas (docs/writing.md lists every field)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from .. import schema as s
from ..figures.pose import check_poses
from ..model import Kind

SUMMARY_LIMIT = 160
EVIDENCE = ("established", "limited", "not-supported")
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
    }


def _text_list(required: bool = False, nonempty: bool = False) -> s.Field:
    return s.Field(s.list_of(s.text(), nonempty=nonempty), required=required, default=())


def _slugs(required: bool = False) -> s.Field:
    return s.Field(s.list_of(s.slug, nonempty=required), required=required, default=())


_DOSE = {
    "hold_seconds": s.Field(s.integer(1, 600), default=None),
    "reps": s.Field(s.integer(1, 200), default=None),
}

OWN_FIELDS: Mapping[Kind, Mapping[str, s.Field]] = {
    Kind.ANATOMY: {
        "origin": s.Field(s.text(), required=True),
        "insertion": s.Field(s.text(), required=True),
        "innervation": s.Field(s.text(), required=True),
        "actions": _text_list(required=True, nonempty=True),
        "region": s.Field(s.text(), default=""),
    },
    Kind.CAUSE: {
        "evidence": s.Field(s.choice(EVIDENCE), required=True),
        "affects": _slugs(),
    },
    Kind.STRETCH: {
        "type": s.Field(s.choice(STRETCH_TYPES), required=True),
        "difficulty": s.Field(s.choice(DIFFICULTIES), required=True),
        "equipment": _text_list(),
        **_DOSE,
        "sets": s.Field(s.integer(1, 20), required=True),
        "per_side": s.Field(s.boolean, default=False),
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
            **_DOSE,
            "sets": s.Field(s.integer(1, 20), default=None),
        }), nonempty=True), required=True),
    },
    Kind.PAGE: {},
}


def fields_for(kind: Kind, today: dt.date) -> dict[str, s.Field]:
    """Every key an article of `kind` may have."""
    return {**common_fields(today), **OWN_FIELDS[kind]}


def check_dose(data: Mapping[str, Any], at: s.KeyPath, ctx: s.Context, exactly: bool) -> bool:
    """A dose has at most one of `hold_seconds` and `reps` (exactly one for a stretch)."""
    given = [k for k in ("hold_seconds", "reps") if data.get(k) is not None]
    if len(given) == 2:
        ctx.fail((*at, "reps"), "hold-or-reps", "give either 'hold_seconds' or 'reps', not both",
                 "a hold is timed; reps are counted", key=True)
        return False
    if exactly and not given:
        ctx.fail(at, "hold-or-reps", "a stretch needs 'hold_seconds' or 'reps'",
                 "add 'hold_seconds: 30' for a hold or 'reps: 10' for repetitions")
        return False
    return True
