"""Related pages: explicit `related` first, then a transparent weighted score.

score(a, b) = 3 x shared muscles + 2 x shared causes + the weight of each shared tag, where a
tag weighs 1, or 0.25 when it is on more than `tag_share` of all pages (too common to say much).
A page's muscles are what it targets (stretch), affects (cause) or is (anatomy); its causes are
what it helps (stretch), is (cause) or is affected by (anatomy); a routine has its exercises'.
Pages the page already lists (its typed relations, inverse lists and backlinks) are left out,
so related pages add something new. Ties break by title, then slug. Each related page carries a
short reason for the reader, naming a shared muscle, cause or tag other than itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..config import RelatedSettings
from ..model import Document, Kind
from .taxonomy import term_slug

MUSCLE_WEIGHT = 3.0
CAUSE_WEIGHT = 2.0
COMMON_TAG_WEIGHT = 0.25


@dataclass(frozen=True)
class Related:
    """A related page and why it is shown."""

    slug: str
    reason: str
    score: float


def _sets(doc: Document, relations: Mapping[str, Mapping[str, tuple[str, ...]]],
          inverse: Mapping[str, Mapping[str, tuple[str, ...]]]) -> tuple[set[str], set[str]]:
    own = relations.get(doc.slug, {})
    if doc.kind is Kind.ANATOMY:
        return {doc.slug}, set(inverse.get(doc.slug, {}).get("affected-by", ()))
    if doc.kind is Kind.CAUSE:
        return set(own.get("affects", ())), {doc.slug}
    if doc.kind is Kind.STRETCH:
        return set(own.get("targets", ())), set(own.get("helps", ()))
    if doc.kind is Kind.ROUTINE:
        muscles: set[str] = set()
        causes: set[str] = set()
        for stretch in own.get("items", ()):
            muscles |= set(relations.get(stretch, {}).get("targets", ()))
            causes |= set(relations.get(stretch, {}).get("helps", ()))
        return muscles, causes
    return set(), set()


def _listed(slug: str, relations: Mapping[str, Mapping[str, tuple[str, ...]]],
            inverse: Mapping[str, Mapping[str, tuple[str, ...]]],
            backlinks: Mapping[str, tuple[str, ...]]) -> set[str]:
    """Pages already shown on `slug`'s page in another list."""
    shown = {s for rel, targets in relations.get(slug, {}).items() if rel != "related"
             for s in targets}
    shown |= {s for sources in inverse.get(slug, {}).values() for s in sources}
    return shown | set(backlinks.get(slug, ())) | {slug}


def related_pages(pages: Mapping[str, Document],
                  relations: Mapping[str, Mapping[str, tuple[str, ...]]],
                  inverse: Mapping[str, Mapping[str, tuple[str, ...]]],
                  backlinks: Mapping[str, tuple[str, ...]],
                  settings: RelatedSettings) -> dict[str, tuple[Related, ...]]:
    """Up to `settings.count` related pages for every page."""
    sets = {slug: _sets(doc, relations, inverse) for slug, doc in pages.items()}
    tags = {slug: {term_slug(t) for t in doc.tags} for slug, doc in pages.items()}
    usage: dict[str, int] = {}
    for terms in tags.values():
        for t in terms:
            usage[t] = usage.get(t, 0) + 1
    label = {term_slug(t): t for doc in pages.values() for t in sorted(doc.tags, reverse=True)}

    def weight(tag: str) -> float:
        return COMMON_TAG_WEIGHT if usage[tag] / len(pages) > settings.tag_share else 1.0

    def score(a: str, b: str) -> tuple[float, str]:
        muscles = sorted(sets[a][0] & sets[b][0])
        causes = sorted(sets[a][1] & sets[b][1])
        named = [s for s in (*muscles, *causes) if s != b]
        shared_tags = sorted(tags[a] & tags[b], key=lambda t: (-weight(t), t))
        total = (MUSCLE_WEIGHT * len(muscles) + CAUSE_WEIGHT * len(causes)
                 + sum(weight(t) for t in shared_tags))
        if named:
            reason = f"also about {pages[named[0]].title}"
        else:
            reason = f"also tagged {label[shared_tags[0]]}" if shared_tags else ""
        return total, reason

    out: dict[str, tuple[Related, ...]] = {}
    for slug in pages:
        chosen = [Related(s, score(slug, s)[1] or "suggested by the author", 0.0)
                  for s in relations.get(slug, {}).get("related", ())]
        taken = {r.slug for r in chosen} | _listed(slug, relations, inverse, backlinks)
        scored = []
        for other in pages:
            if other not in taken:
                total, reason = score(slug, other)
                if total > 0:
                    scored.append(Related(other, reason or "on the same topic", total))
        scored.sort(key=lambda r: (-r.score, pages[r.slug].title.casefold(), r.slug))
        out[slug] = tuple([*chosen, *scored][:settings.count])
    return out
