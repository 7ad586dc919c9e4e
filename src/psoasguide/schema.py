"""A small declarative schema for YAML data: types, enums, required keys, unknown keys.

`site.yaml` and every kind's front matter are described with `Field`s; `check_mapping` returns
the normalised data (lists become tuples) and reports every problem at its position.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .diagnostics import Diagnostic, did_you_mean, error
from .model import Mark

KeyPath = tuple[Any, ...]
SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class _Invalid:
    def __repr__(self) -> str:
        return "INVALID"


#: Returned by a checker when the value was wrong (the problem has been reported).
INVALID: Any = _Invalid()


@dataclass
class Context:
    """Where problems go, and how to find the position of a key path."""

    path: str
    marks: Mapping[KeyPath, Mark]
    key_marks: Mapping[KeyPath, Mark]
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def mark(self, at: KeyPath, key: bool = False) -> Mark:
        """The position of the value (or key) at `at`, else of the nearest enclosing value."""
        if key and at in self.key_marks:
            return self.key_marks[at]
        while at:
            if at in self.marks:
                return self.marks[at]
            at = at[:-1]
        return self.marks.get((), Mark(1, 1))

    def fail(self, at: KeyPath, code: str, message: str, hint: str = "", key: bool = False) -> Any:
        """Report a problem at `at` and return INVALID."""
        m = self.mark(at, key)
        self.diagnostics.append(error(self.path, m.line, m.col, code, message, hint))
        return INVALID


Checker = Callable[[Any, KeyPath, Context], Any]


@dataclass(frozen=True)
class Field:
    """One key of a mapping: how to check its value, whether it is required, its default."""

    check: Checker
    required: bool = False
    default: Any = None


def _name(at: KeyPath) -> str:
    parts = [str(p) if isinstance(p, str) else f"[{p}]" for p in at]
    return ".".join(parts).replace(".[", "[") or "front matter"


def _type_name(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a decimal number", str: "text",
             list: "a list", dict: "a mapping", dt.date: "a date", type(None): "nothing"}
    for cls, name in names.items():
        if type(value) is cls:
            return name
    return type(value).__name__


def _wrong(ctx: Context, at: KeyPath, expected: str, value: Any, hint: str = "") -> Any:
    return ctx.fail(at, "wrong-type", f"'{_name(at)}' must be {expected}, not {_type_name(value)}",
                    hint)


def text(max_len: int | None = None, nonempty: bool = True) -> Checker:
    """A string; optionally non-empty and at most `max_len` characters."""

    def check(value: Any, at: KeyPath, ctx: Context) -> Any:
        if not isinstance(value, str):
            hint = "put it in quotes" if isinstance(value, int | float | bool | dt.date) else ""
            return _wrong(ctx, at, "text", value, hint)
        value = value.strip()
        if nonempty and not value:
            return ctx.fail(at, "empty-value", f"'{_name(at)}' must not be empty")
        if max_len is not None and len(value) > max_len:
            return ctx.fail(at, "too-long", f"'{_name(at)}' has {len(value)} characters; "
                            f"the limit is {max_len}", "shorten it; it is shown in search results")
        return value

    return check


def integer(minimum: int | None = None, maximum: int | None = None) -> Checker:
    """A whole number within bounds."""

    def check(value: Any, at: KeyPath, ctx: Context) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            return _wrong(ctx, at, "a whole number", value)
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            bounds = f"at least {minimum}" if maximum is None else f"{minimum} to {maximum}"
            return ctx.fail(at, "bad-value", f"'{_name(at)}' is {value}; it must be {bounds}")
        return value

    return check


def number(minimum: float, maximum: float) -> Checker:
    """A number (whole or decimal) within bounds."""

    def check(value: Any, at: KeyPath, ctx: Context) -> Any:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return _wrong(ctx, at, "a number", value)
        if not minimum <= value <= maximum:
            return ctx.fail(at, "bad-value",
                            f"'{_name(at)}' is {value}; it must be {minimum} to {maximum}")
        return float(value)

    return check


def boolean(value: Any, at: KeyPath, ctx: Context) -> Any:
    """true or false."""
    return value if isinstance(value, bool) else _wrong(ctx, at, "true or false", value)


def date(not_after: dt.date | None = None) -> Checker:
    """A date written YYYY-MM-DD; optionally not after `not_after` (today)."""

    def check(value: Any, at: KeyPath, ctx: Context) -> Any:
        if isinstance(value, dt.datetime):
            value = value.date()
        elif isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value.strip())
            except ValueError as exc:
                reason = f" ({exc})" if re.fullmatch(r"\d{4}-\d\d-\d\d", value.strip()) else ""
                return ctx.fail(at, "bad-date", f"'{_name(at)}' is not a date: {value!r}{reason}",
                                "write it as YYYY-MM-DD")
        elif not isinstance(value, dt.date):
            return _wrong(ctx, at, "a date (YYYY-MM-DD)", value)
        if not_after is not None and value > not_after:
            return ctx.fail(at, "future-date", f"'{_name(at)}' is {value}, which is in the future",
                            f"today is {not_after}")
        return value

    return check


def choice(options: Sequence[str]) -> Checker:
    """One of a fixed set of words."""

    def check(value: Any, at: KeyPath, ctx: Context) -> Any:
        if not isinstance(value, str):
            return _wrong(ctx, at, "one of " + ", ".join(options), value)
        if value not in options:
            hint = did_you_mean(value, options) or "use one of " + ", ".join(options)
            return ctx.fail(at, "bad-value", f"'{_name(at)}' is '{value}', not one of "
                            + ", ".join(options), hint)
        return value

    return check


def slug(value: Any, at: KeyPath, ctx: Context) -> Any:
    """A page slug: lowercase words joined by hyphens."""
    if not isinstance(value, str):
        return _wrong(ctx, at, "a page slug", value)
    if not SLUG_RE.fullmatch(value):
        return ctx.fail(at, "bad-slug", f"'{value}' is not a slug",
                        "use lowercase letters, digits and single hyphens, e.g. 'psoas-major'")
    return value


def http_url(value: Any, at: KeyPath, ctx: Context) -> Any:
    """An absolute http(s) URL."""
    if not isinstance(value, str):
        return _wrong(ctx, at, "a URL", value)
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ctx.fail(at, "bad-url", f"'{_name(at)}' is not an absolute http(s) URL: {value!r}",
                        "write it as https://example.org/...")
    return value.strip()


def list_of(item: Checker, nonempty: bool = False) -> Checker:
    """A list whose items each pass `item`; a lone value is not silently wrapped."""

    def check(value: Any, at: KeyPath, ctx: Context) -> Any:
        if not isinstance(value, list):
            return _wrong(ctx, at, "a list", value, "write it as [a, b] or one '- item' a line")
        if nonempty and not value:
            return ctx.fail(at, "empty-list", f"'{_name(at)}' must list at least one item")
        items = [item(v, (*at, i), ctx) for i, v in enumerate(value)]
        return INVALID if any(v is INVALID for v in items) else tuple(items)

    return check


def mapping(fields: Mapping[str, Field]) -> Checker:
    """A nested mapping checked against its own fields."""

    def check(value: Any, at: KeyPath, ctx: Context) -> Any:
        return check_mapping(value, fields, at, ctx)

    return check


def mapping_of(item: Checker) -> Checker:
    """A mapping from slugs (names the author chooses) to values that each pass `item`."""

    def check(value: Any, at: KeyPath, ctx: Context) -> Any:
        if not isinstance(value, dict):
            return _wrong(ctx, at, "a mapping of names to values", value)
        if not value:
            return ctx.fail(at, "empty-list", f"'{_name(at)}' must name at least one entry")
        out = {}
        for key, v in value.items():
            if not SLUG_RE.fullmatch(str(key)):
                out[key] = ctx.fail((*at, key), "bad-slug", f"'{key}' is not a name",
                                    "use lowercase letters, digits and hyphens", key=True)
            else:
                out[key] = item(v, (*at, key), ctx)
        return INVALID if any(v is INVALID for v in out.values()) else out

    return check


def check_mapping(data: Any, fields: Mapping[str, Field], at: KeyPath, ctx: Context) -> Any:
    """Check every key of `data`; report all problems; return normalised data or INVALID."""
    if not isinstance(data, dict):
        return _wrong(ctx, at, "a mapping of keys to values", data)
    ok = True
    out: dict[str, Any] = {}
    for key in data:
        if key not in fields:
            hint = did_you_mean(str(key), fields) or "known keys: " + ", ".join(sorted(fields))
            ctx.fail((*at, key), "unknown-key", f"unknown key '{_name((*at, str(key)))}'", hint,
                     True)
            ok = False
    for name, spec in fields.items():
        if name not in data:
            if spec.required:
                ctx.fail(at, "missing-field", f"required key '{_name((*at, name))}' is missing",
                         key=bool(at))
                ok = False
            else:
                out[name] = spec.default
            continue
        value = spec.check(data[name], (*at, name), ctx)
        ok = ok and value is not INVALID
        out[name] = value
    return out if ok else INVALID
