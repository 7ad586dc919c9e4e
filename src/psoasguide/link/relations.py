"""Typed relations (`targets`, `helps`, `affects`, `related`, routine items), checked both ways."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from ..diagnostics import Diagnostic, did_you_mean, error, warning
from ..frozen import FrozenMap
from ..model import Kind, Relation
from .facts import LinkFacts
from .graph import RELATIONS


def _a(word: str) -> str:
    """'a stretch', 'an anatomy'."""
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"


def _check(doc: LinkFacts, rel: str, item: Relation, everyone: Mapping[str, Kind],
           visible: Mapping[str, LinkFacts]) -> Diagnostic | None:
    kind, _ = RELATIONS[rel]
    what = _a(kind.singular) + " page" if kind else "a page"
    target = everyone.get(item.slug)
    if item.slug == doc.slug:
        return error(doc.path, item.line, item.col, "self-relation",
                     f"'{rel}' names this page itself", "remove it")
    if target is None or (kind is not None and target is not kind):
        pool = [s for s, k in everyone.items() if kind is None or k is kind]
        found = f" (it is {_a(target.singular)} page)" if target else ""
        return error(doc.path, item.line, item.col, "unknown-target",
                     f"'{item.slug}' is not {what}{found}", did_you_mean(item.slug, pool))
    if item.slug not in visible:
        return error(doc.path, item.line, item.col, "draft-target",
                     f"'{rel}' names '{item.slug}', which is a draft",
                     "publish it, remove the entry, or build with --drafts")
    return None


Lists = FrozenMap[str, FrozenMap[str, tuple[str, ...]]]


def resolve_relations(visible: Mapping[str, LinkFacts], everyone: Mapping[str, Kind],
                      failed: frozenset[str]) -> tuple[Lists, Lists, list[Diagnostic]]:
    """Forward relations and inverse lists of the visible pages, and every problem;
    `everyone` holds the kind of every page, drafts included."""
    forward: dict[str, FrozenMap[str, tuple[str, ...]]] = {}
    inverse: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    problems: list[Diagnostic] = []
    for slug, doc in visible.items():
        own: dict[str, tuple[str, ...]] = {}
        for rel, items in doc.relations:
            seen: list[str] = []
            listed: set[str] = set()  # every entry, even one with a problem of its own
            for item in items:
                if item.slug in listed and rel != "items":
                    problems.append(warning(doc.path, item.line, item.col, "duplicate-relation",
                                            f"'{item.slug}' is listed twice in '{rel}'",
                                            "remove the repeat"))
                    continue
                listed.add(item.slug)
                if item.slug in failed and item.slug not in everyone:
                    continue
                problem = _check(doc, rel, item, everyone, visible)
                if problem:
                    problems.append(problem)
                    continue
                seen.append(item.slug)
                if RELATIONS[rel][1] and slug not in inverse[item.slug][RELATIONS[rel][1]]:
                    inverse[item.slug][RELATIONS[rel][1]].append(slug)
            own[rel] = tuple(seen)
        forward[slug] = FrozenMap(own)
    frozen_inverse = FrozenMap({s: FrozenMap({
        r: tuple(sorted(v, key=lambda x: (visible[x].title.casefold(), x)))
        for r, v in rels.items()}) for s, rels in inverse.items()})
    return FrozenMap(forward), frozen_inverse, problems
