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

import heapq
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..config import RelatedSettings
from ..frozen import FrozenMap
from ..model import Kind
from .facts import LinkFacts
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

    def __reduce__(self) -> tuple[type[Related], tuple[str, str, float]]:
        # Pickled as a call with its fields: every page's related pages load fast.
        return Related, (self.slug, self.reason, self.score)


def _sets(doc: LinkFacts, relations: Mapping[str, Mapping[str, tuple[str, ...]]],
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

    def __init__(self, pages: Mapping[str, LinkFacts],
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
        #: pages by the common tags they have (few tags can be common), each group in order
        self.groups: dict[frozenset[str], list[str]] = {}
        for slug in sorted(pages, key=self.order.__getitem__):
            if self.split[slug][1]:
                self.groups.setdefault(frozenset(self.split[slug][1]), []).append(slug)

    def weight(self, tag: str) -> float:
        """A tag weighs 1, or less when it is on too many pages to say much."""
        return COMMON_TAG_WEIGHT if tag in self.common else 1.0

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
        """Every page that could be among `slug`'s `count` best, with its score (counted from
        the index: every weight is exact in binary, so the sum is the same in any order):
        those sharing a muscle, a cause or a rare tag; pages sharing only common tags just
        when they could still rank."""
        muscles, causes = self.sets[slug]
        rare, common = self.split[slug]
        found: list[str] = []  # each page once per point: a muscle 3, a cause 2, a rare tag 1
        for weight, keys in ((MUSCLE_WEIGHT, [(0, m) for m in muscles]),
                             (CAUSE_WEIGHT, [(1, c) for c in causes]),
                             (1, [(2, t) for t in rare])):
            for key in keys:
                found += self.having.get(key, []) * int(weight)
        totals: dict[str, float] = Counter(found)
        for other in taken.intersection(totals):
            del totals[other]
        if not common:
            return totals
        for other, total in totals.items():
            totals[other] = total + COMMON_TAG_WEIGHT * len(common & self.split[other][1])
        ceiling = COMMON_TAG_WEIGHT * len(common)  # the most a common-only page can score
        if sum(total > ceiling for total in totals.values()) >= count:
            return totals
        return totals | self._common_only(common, count, lambda o: o in taken or o in totals)

    def _common_only(self, common: set[str], count: int, skip: Callable[[str], bool]
                     ) -> dict[str, float]:
        """The `count` best pages sharing only common tags with a page whose common tags are
        `common` (those sharing more of them first, then by title), with their scores;
        pages `skip` names are passed over (each at most once)."""
        levels: dict[int, list[list[str]]] = {}
        for tags, members in self.groups.items():
            if shared := len(tags & common):
                levels.setdefault(shared, []).append(members)
        more: dict[str, float] = {}
        for shared in sorted(levels, reverse=True):
            for other in heapq.merge(*levels[shared], key=self.order.__getitem__):
                if len(more) == count:
                    return more
                if not skip(other):
                    more[other] = COMMON_TAG_WEIGHT * shared
        return more


def related_pages(pages: Mapping[str, LinkFacts],
                  relations: Mapping[str, Mapping[str, tuple[str, ...]]],
                  inverse: Mapping[str, Mapping[str, tuple[str, ...]]],
                  backlinks: Mapping[str, tuple[str, ...]],
                  settings: RelatedSettings) -> FrozenMap[str, tuple[Related, ...]]:
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
        cut = max([*heapq.nlargest(need, totals.values())[-1:], 0])  # the need-th best
        best = heapq.nsmallest(need, [(-total, index.order[o]) for o, total in totals.items()
                                      if total >= cut and total > 0])
        scored = [Related(o, index.score(slug, o)[1] or "on the same topic", float(-total))
                  for total, (_, o) in best]  # the reason only for the pages shown
        out[slug] = tuple([*chosen, *scored][:settings.count])
    return FrozenMap(out)
