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


class _Index:
    """Which pages have each muscle, cause and tag, and each page's score against another."""

    def __init__(self, pages: Mapping[str, Document],
                 relations: Mapping[str, Mapping[str, tuple[str, ...]]],
                 inverse: Mapping[str, Mapping[str, tuple[str, ...]]],
                 settings: RelatedSettings) -> None:
        self.pages = pages
        self.sets = {slug: _sets(doc, relations, inverse) for slug, doc in pages.items()}
        self.tags = {slug: {term_slug(t) for t in doc.tags} for slug, doc in pages.items()}
        self.having: dict[tuple[int, str], list[str]] = {}  # (0 muscle | 1 cause | 2 tag, x)
        for slug in pages:
            muscles, causes = self.sets[slug]
            for key in (*((0, m) for m in muscles), *((1, c) for c in causes),
                        *((2, t) for t in self.tags[slug])):
                self.having.setdefault(key, []).append(slug)
        self.label = {term_slug(t): t for doc in pages.values()
                      for t in sorted(doc.tags, reverse=True)}
        self.common = {tag for (what, tag), having in self.having.items()
                       if what == 2 and len(having) / len(pages) > settings.tag_share}
        #: each page's tags split: (weighing 1, too common to weigh more than 0.25)
        self.split = {slug: (tags - self.common, tags & self.common)
                      for slug, tags in self.tags.items()}
        #: ties break by title, then slug
        self.order = {slug: (doc.title.casefold(), slug) for slug, doc in pages.items()}
        self.by_title = {key: sorted(having, key=self.order.__getitem__)
                         for key, having in self.having.items() if key[1] in self.common}

    def weight(self, tag: str) -> float:
        """A tag weighs 1, or less when it is on too many pages to say much."""
        return COMMON_TAG_WEIGHT if tag in self.common else 1.0

    def total(self, a: str, b: str) -> float:
        """`score(a, b)`'s number alone, by counting (every weight is exact in binary, so the
        sum is the same in any order)."""
        (muscles, causes), (other_muscles, other_causes) = self.sets[a], self.sets[b]
        (rare, common), (other_rare, other_common) = self.split[a], self.split[b]
        return (MUSCLE_WEIGHT * len(muscles & other_muscles)
                + CAUSE_WEIGHT * len(causes & other_causes)
                + len(rare & other_rare) + COMMON_TAG_WEIGHT * len(common & other_common))

    def score(self, a: str, b: str) -> tuple[float, str]:
        """How related `b` is to `a`, and the reason shown for it."""
        muscles = sorted(self.sets[a][0] & self.sets[b][0])
        causes = sorted(self.sets[a][1] & self.sets[b][1])
        named = [s for s in (*muscles, *causes) if s != b]
        shared_tags = sorted(self.tags[a] & self.tags[b], key=lambda t: (-self.weight(t), t))
        total = (MUSCLE_WEIGHT * len(muscles) + CAUSE_WEIGHT * len(causes)
                 + sum(self.weight(t) for t in shared_tags))
        if named:
            reason = f"also about {self.pages[named[0]].title}"
        else:
            reason = f"also tagged {self.label[shared_tags[0]]}" if shared_tags else ""
        return total, reason

    def candidates(self, slug: str, taken: set[str], count: int) -> dict[str, float]:
        """Every page that could be among `slug`'s `count` best, with its total: those sharing
        a muscle, a cause or a rare tag; pages sharing only common tags just when they could
        still rank."""
        muscles, causes = self.sets[slug]
        keys = [*((0, m) for m in muscles), *((1, c) for c in causes),
                *((2, t) for t in self.tags[slug])]
        found = {other for key in keys if key[1] not in self.common or key[0] != 2
                 for other in self.having.get(key, ())} - taken
        totals = {other: self.total(slug, other) for other in found}
        common = [t for t in self.tags[slug] if t in self.common]
        ceiling = COMMON_TAG_WEIGHT * len(common)  # the most a common-only page can score
        if not common or sum(total > ceiling for total in totals.values()) >= count:
            return totals
        if len(common) > 1:  # pages sharing several common tags outrank those sharing one
            more = {o for t in common for o in self.having[(2, t)]} - taken - found
        else:
            more = set([o for o in self.by_title[(2, common[0])]
                        if o not in taken and o not in found][:count])
        return totals | {other: self.total(slug, other) for other in more}


def related_pages(pages: Mapping[str, Document],
                  relations: Mapping[str, Mapping[str, tuple[str, ...]]],
                  inverse: Mapping[str, Mapping[str, tuple[str, ...]]],
                  backlinks: Mapping[str, tuple[str, ...]],
                  settings: RelatedSettings) -> dict[str, tuple[Related, ...]]:
    """Up to `settings.count` related pages for every page, scored against the pages that
    share something with it (from an index), never against every page."""
    index = _Index(pages, relations, inverse, settings)
    out: dict[str, tuple[Related, ...]] = {}
    for slug in pages:
        chosen = [Related(s, index.score(slug, s)[1] or "suggested by the author", 0.0)
                  for s in relations.get(slug, {}).get("related", ())]
        taken = {r.slug for r in chosen} | _listed(slug, relations, inverse, backlinks)
        need = max(settings.count - len(chosen), 0)
        totals = index.candidates(slug, taken, need) if need else {}
        best = sorted((o for o, total in totals.items() if total > 0),
                      key=lambda o: (-totals[o], index.order[o]))[:need]
        scored = [Related(o, index.score(slug, o)[1] or "on the same topic", totals[o])
                  for o in best]  # the reason only for the pages shown
        out[slug] = tuple([*chosen, *scored][:settings.count])
    return out
