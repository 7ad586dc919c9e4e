"""Typed relations (`targets`, `helps`, `affects`, `related`, routine items), checked both ways."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from ..diagnostics import Diagnostic, did_you_mean, error, warning
from ..model import Document, Relation
from .graph import RELATIONS


def _named(doc: Document) -> dict[str, tuple[Relation, ...]]:
    named = dict(doc.relations)
    if doc.items:
        named["items"] = tuple(item.stretch for item in doc.items)
    return named


def _a(word: str) -> str:
    """'a stretch', 'an anatomy'."""
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"


def _check(doc: Document, rel: str, item: Relation, everyone: Mapping[str, Document],
           visible: Mapping[str, Document]) -> Diagnostic | None:
    kind, _ = RELATIONS[rel]
    what = _a(kind.singular) + " page" if kind else "a page"
    target = everyone.get(item.slug)
    if item.slug == doc.slug:
        return error(doc.path, item.line, item.col, "self-relation",
                     f"'{rel}' names this page itself", "remove it")
    if target is None or (kind is not None and target.kind is not kind):
        pool = [s for s, d in everyone.items() if kind is None or d.kind is kind]
        found = f" (it is {_a(target.kind.singular)} page)" if target else ""
        return error(doc.path, item.line, item.col, "unknown-target",
                     f"'{item.slug}' is not {what}{found}", did_you_mean(item.slug, pool))
    if item.slug not in visible:
        return error(doc.path, item.line, item.col, "draft-target",
                     f"'{rel}' names '{item.slug}', which is a draft",
                     "publish it, remove the entry, or build with --drafts")
    return None


def resolve_relations(visible: Mapping[str, Document], everyone: Mapping[str, Document],
                      failed: frozenset[str]) -> tuple[dict[str, dict[str, tuple[str, ...]]],
                                 dict[str, dict[str, tuple[str, ...]]], list[Diagnostic]]:
    """Forward relations and inverse lists of the visible pages, and every problem."""
    forward: dict[str, dict[str, tuple[str, ...]]] = {}
    inverse: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    problems: list[Diagnostic] = []
    for slug, doc in visible.items():
        forward[slug] = {}
        for rel, items in _named(doc).items():
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
            forward[slug][rel] = tuple(seen)
    frozen_inverse = {s: {r: tuple(sorted(v, key=lambda x: (visible[x].title.casefold(), x)))
                          for r, v in rels.items()} for s, rels in inverse.items()}
    return forward, frozen_inverse, problems
