"""Site-wide checks made once everything is linked: orphan articles and alias collisions."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from ..diagnostics import Diagnostic, error, warning
from ..frozen import FrozenMap
from ..model import Document, Mark
from .facts import LinkFacts


def orphans(pages: Mapping[str, LinkFacts],
            relations: Mapping[str, Mapping[str, tuple[str, ...]]],
            backlinks: Mapping[str, tuple[str, ...]], exempt: frozenset[str]
            ) -> list[Diagnostic]:
    """Articles no other article links to, by a body link or a typed relation."""
    linked = set(exempt) | {target for source, rels in relations.items()
                            for targets in rels.values() for target in targets
                            if target != source}
    linked |= {slug for slug, sources in backlinks.items() if sources}
    return [warning(doc.path, 1, 1, "orphan", "no other article links to this one",
                    "link it from a related article, e.g. with [[" + slug + "]]")
            for slug, doc in sorted(pages.items()) if slug not in linked]


def check_safety_page(safety_page: str | None, marks: Mapping[tuple[Any, ...], Mark],
                      pages: Collection[str], failed: frozenset[str]) -> list[Diagnostic]:
    """site.yaml's `safety_page` must name a published page (unless that page has errors of
    its own); `marks` are site.yaml's positions."""
    if safety_page and safety_page not in pages and safety_page not in failed:
        mark = marks.get(("safety_page",))
        line, col = (mark.line, mark.col) if mark else (1, 1)
        return [error("site.yaml", line, col, "unknown-target",
                      f"safety_page '{safety_page}' is not a published page",
                      "name the slug of the page every disclaimer should link to")]
    return []


def _alias_file(alias: str) -> str:
    return alias.lstrip("/") + ("index.html" if alias.endswith("/") else "")


def redirects(pages: Mapping[str, LinkFacts]) -> tuple[FrozenMap[str, str], list[Diagnostic]]:
    """Old path -> slug for every alias; one that collides with a page or alias is an error."""
    taken = {_alias_file(doc.url): f"the page '{slug}'" for slug, doc in pages.items()}
    out: dict[str, str] = {}
    problems: list[Diagnostic] = []
    for slug in sorted(pages):
        doc = pages[slug]
        for i, alias in enumerate(doc.aliases):
            file = _alias_file(alias)
            if file in taken:
                mark = doc.mark("aliases", i)
                problems.append(error(doc.path, mark.line, mark.col, "alias-collision",
                                      f"alias '{alias}' is already {taken[file]}",
                                      "an old URL can redirect to one page only"))
                continue
            taken[file] = f"an alias of '{slug}'"
            out[alias] = slug
    return FrozenMap(out), problems


def shadowed_aliases(pages: Mapping[str, Document], aliases: Mapping[str, str],
                     generated: Collection[str]) -> list[Diagnostic]:
    """Aliases whose redirect file is also a page the build makes itself (the home page, a
    section or term index, the search page...): one of the two files would silently win."""
    counts: dict[str, int] = {}
    for path in generated:
        counts[path] = counts.get(path, 0) + 1
    problems: list[Diagnostic] = []
    for alias, slug in sorted(aliases.items()):
        file = _alias_file(alias)
        if counts.get(file, 0) < 2:
            continue
        doc = pages[slug]
        mark = doc.mark("aliases", doc.aliases.index(alias))
        problems.append(error(doc.path, mark.line, mark.col, "alias-collision",
                              f"alias '{alias}' is a page the site generates ({file})",
                              "an alias names an old URL that no longer exists; pick another"))
    return problems
