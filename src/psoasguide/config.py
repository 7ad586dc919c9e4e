"""`site.yaml` -> `SiteConfig`: every problem reported at its line, unknown keys refused."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import schema as s
from . import yamlsource
from .diagnostics import Diagnostic, error
from .frozen import FrozenMap, freeze
from .layout import CONFIG_NAME
from .model import Mark
from .textfile import read_text

_LANGUAGE_RE = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")


@dataclass(frozen=True)
class RelatedSettings:
    """How many related pages to show, and when a tag is too common to count fully."""

    count: int = 4
    tag_share: float = 0.5


@dataclass(frozen=True)
class TimerSettings:
    """The hold timer's pacing (also used for a routine's length) and its default sound."""

    rest_seconds: int = 10  # between sets, unless the exercise gives its own
    switch_seconds: int = 5  # to change sides, or to the next movement
    rep_seconds: int = 3  # one unheld repetition; a held one adds its hold
    ready_seconds: int = 5  # to get into position before the first hold
    change_seconds: int = 15  # between a routine's items (the next one is announced)
    sound: bool = False  # a short tone at each phase, until the reader chooses


@dataclass(frozen=True)
class SiteConfig:
    """The validated `site.yaml`. `base_url` always ends with a slash."""

    title: str
    base_url: str
    language: str = "en"
    description: str = ""
    publisher: str = ""
    review_cycle_months: int = 36
    safety_page: str | None = None
    #: The `signs` block (blocks/<name>.yaml) the theme shows on the red-flags page in full and
    #: as a short "Call 999" box on every exercise and routine page.
    safety_signs: str | None = None
    #: The page whose level-2 headings are the glossary's terms; the first use of each term on
    #: every other page links to it.
    glossary_page: str | None = None
    #: The guide's source repository; every article then links to a new issue there.
    repo_url: str = ""
    related: RelatedSettings = RelatedSettings()
    lint: Mapping[str, Any] = field(default_factory=FrozenMap)
    timer: TimerSettings = TimerSettings()
    #: Where each value and key was written (by key path), for problems found after validation.
    marks: Mapping[tuple[Any, ...], Mark] = field(default_factory=FrozenMap, compare=False)
    key_marks: Mapping[tuple[Any, ...], Mark] = field(default_factory=FrozenMap, compare=False)

    def with_base_url(self, base_url: str) -> SiteConfig:
        """A copy with another base URL (the CLI's `--base-url`)."""
        return replace(self, base_url=normalise_base_url(base_url))


def _language(value: Any, at: s.KeyPath, ctx: s.Context) -> Any:
    if not isinstance(value, str) or not _LANGUAGE_RE.fullmatch(value):
        return ctx.fail(at, "bad-value", f"'language' is not a BCP 47 language tag: {value!r}",
                        "for example 'en' or 'en-GB'")
    return value


def _lint(value: Any, at: s.KeyPath, ctx: s.Context) -> Any:
    if not isinstance(value, dict):
        return ctx.fail(at, "wrong-type", "'lint' must be a mapping of rule settings")
    return dict(value)


FIELDS: Mapping[str, s.Field] = {
    "title": s.Field(s.text(), required=True),
    "base_url": s.Field(s.http_url, required=True),
    "language": s.Field(_language, default="en"),
    "description": s.Field(s.text(nonempty=False), default=""),
    "publisher": s.Field(s.text(nonempty=False), default=""),
    "review_cycle_months": s.Field(s.integer(1, 120), default=36),
    "safety_page": s.Field(s.slug, default=None),
    "safety_signs": s.Field(s.slug, default=None),
    "glossary_page": s.Field(s.slug, default=None),
    "repo_url": s.Field(s.http_url, default=""),
    "related": s.Field(s.mapping({
        "count": s.Field(s.integer(0, 50), default=4),
        "tag_share": s.Field(s.number(0.0, 1.0), default=0.5),
    }), default={"count": 4, "tag_share": 0.5}),
    "lint": s.Field(_lint, default={}),
    "timer": s.Field(s.mapping({
        "rest_seconds": s.Field(s.integer(0, 600), default=10),
        "switch_seconds": s.Field(s.integer(0, 120), default=5),
        "rep_seconds": s.Field(s.integer(1, 30), default=3),
        "ready_seconds": s.Field(s.integer(0, 60), default=5),
        "change_seconds": s.Field(s.integer(0, 300), default=15),
        "sound": s.Field(s.boolean, default=False),
    }), default={}),
}


def normalise_base_url(url: str) -> str:
    """Base URLs end with exactly one slash, so page paths can be appended."""
    return url.rstrip("/") + "/"


def parse_config(text: str, path: str = CONFIG_NAME) -> tuple[SiteConfig | None, list[Diagnostic]]:
    """Validate the text of `site.yaml`; None and the problems when it is invalid."""
    loaded = yamlsource.load(text, path)
    problems = list(loaded.diagnostics)
    if loaded.data is None and not problems:
        problems.append(error(path, 1, 1, "missing-field", "site.yaml is empty",
                              "it needs at least 'title' and 'base_url'"))
    elif not problems and not isinstance(loaded.data, dict):
        where = loaded.marks.get((), Mark(1, 1))
        problems.append(error(path, where.line, where.col, "wrong-type",
                              "site.yaml must be a mapping of keys to values",
                              "write one 'key: value' a line, e.g. 'title: My guide'"))
    if problems:
        return None, problems
    ctx = s.Context(path, loaded.marks, loaded.key_marks)
    data = s.check_mapping(loaded.data, FIELDS, (), ctx)
    if data is s.INVALID:
        return None, ctx.diagnostics
    config = SiteConfig(
        title=data["title"], base_url=normalise_base_url(data["base_url"]),
        language=data["language"], description=data["description"],
        publisher=data["publisher"], review_cycle_months=data["review_cycle_months"],
        safety_page=data["safety_page"], safety_signs=data["safety_signs"],
        glossary_page=data["glossary_page"],
        repo_url=data["repo_url"].rstrip("/"),
        related=RelatedSettings(**data["related"]),
        lint=freeze(data["lint"]), timer=TimerSettings(**data["timer"]),
        marks=FrozenMap(loaded.marks), key_marks=FrozenMap(loaded.key_marks),
    )
    return config, []


def load_config(root: Path) -> tuple[SiteConfig | None, list[Diagnostic]]:
    """Read and validate `<root>/site.yaml`; a missing file is an environment error."""
    file = root / CONFIG_NAME
    if not file.is_file():
        return None, [error(CONFIG_NAME, 1, 1, "no-site-config",
                            f"no {CONFIG_NAME} in {root}",
                            "run in a site root or pass --root DIR")]
    text, problems = read_text(file, CONFIG_NAME)
    if text is None:
        return None, problems
    return parse_config(text)
