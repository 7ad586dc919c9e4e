"""The ids a theme's templates give page elements, from the theme's `ids.yaml`.

Links may point at a kind's `anchors`; no body heading may take any of them, nor `ids`, nor an
id starting with one of `id_prefixes`. A site that overrides templates puts its own `ids.yaml` in
its `templates/` folder; it replaces the default theme's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostic, error
from .frozen import FrozenMap
from .layout import THEME_DIR
from .model import Kind

IDS_FILE = "ids.yaml"
_KINDS = {k.singular: k for k in Kind}


@dataclass(frozen=True)
class ThemeIds:
    """Ids the templates use: per kind, the sections links may point at; and every page's."""

    anchors: Mapping[Kind, frozenset[str]]
    ids: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()

    def reserved(self, kind: Kind, anchor: str) -> bool:
        """True when the theme itself gives an element of a `kind` page this id."""
        return (anchor in self.anchors.get(kind, frozenset()) or anchor in self.ids
                or anchor.startswith(self.prefixes))


def _words(value: Any) -> tuple[str, ...] | None:
    ok = isinstance(value, list) and all(isinstance(v, str) and v for v in value)
    return tuple(value) if ok else None


def parse_ids(text: str) -> ThemeIds | None:
    """The ids an `ids.yaml` names, or None when it is not shaped as documented."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict) or set(data) - {"anchors", "ids", "id_prefixes"}:
        return None
    anchors = data.get("anchors") or {}
    ids, prefixes = _words(data.get("ids", [])), _words(data.get("id_prefixes", []))
    if not isinstance(anchors, dict) or ids is None or prefixes is None:
        return None
    by_kind: dict[Kind, frozenset[str]] = {}
    for name, values in anchors.items():
        words = _words(values)
        if name not in _KINDS or words is None:
            return None
        by_kind[_KINDS[name]] = frozenset(words)
    return ThemeIds(FrozenMap(by_kind), frozenset(ids), prefixes)


@cache
def default_ids() -> ThemeIds:
    """The default theme's ids."""
    found = parse_ids((THEME_DIR / IDS_FILE).read_text(encoding="utf-8"))
    if found is None:  # the package itself is broken: say so loudly
        raise RuntimeError(f"{THEME_DIR / IDS_FILE} is not a valid ids file")
    return found


def load_theme_ids(dirs: Sequence[Path], root: Path) -> tuple[ThemeIds, list[Diagnostic]]:
    """The ids of the first `ids.yaml` in `dirs` (the site's templates, then the theme's)."""
    for folder in dirs:
        file = folder / IDS_FILE
        if not file.is_file():
            continue
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            text, problem = "", str(exc)
        else:
            problem = "it is not shaped like the default theme's"
        found = parse_ids(text) if text else None
        if found is not None:
            return found, []
        where = file.relative_to(root).as_posix() if file.is_relative_to(root) else str(file)
        return default_ids(), [error(where, 1, 1, "bad-value", f"{IDS_FILE}: {problem}",
                                     "keys: anchors (kind -> ids), ids, id_prefixes; each a "
                                     "list of ids")]
    return default_ids(), []
