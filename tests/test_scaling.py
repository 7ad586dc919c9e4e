"""Nothing quadratic: one huge article builds quickly; related pages from the index are exactly
the best-scored pages of all."""

from __future__ import annotations

import random
import time
from pathlib import Path

from sample_site import page_md, write_files

from psoasguide import BuildConfig, build
from psoasguide.config import RelatedSettings
from psoasguide.link.related import Related, _Index, _listed, related_pages
from psoasguide.model import Document, Kind, Search


def _huge_body(links: int) -> str:
    """Paragraphs of prose holding `links` wiki links, with and without their own text."""
    prose = "Keep breathing calmly while you hold the position. "
    parts = []
    for n in range(links):
        link = f"[[target-{n % 3}]]" if n % 2 else f"[[target-{n % 3}|the page {n % 3}]]"
        parts.append(f"See {link} now. {prose}" + ("\n\n" if n % 10 == 9 else ""))
    return "".join(parts) + "\n"


def test_an_article_with_40000_links_builds_in_seconds(tmp_path: Path) -> None:
    """A 3 MB body. Before, every link cost a pass over the whole page (fill_links, mark_at):
    minutes. Measured in CPU seconds of this process (`jobs=1`, no cache, everything in this
    process), so other processes' load on a shared machine does not count. It takes about
    5.5 CPU s on the 2-core machine, 3 to 4 s of it Python-Markdown."""
    body = _huge_body(40_000)
    assert len(body) > 2_500_000
    files = {f"content/pages/target-{n}.md": page_md(f"Target {n}", body="Back to [[big]].\n")
             for n in range(3)}
    files["content/pages/big.md"] = page_md("Big page", body=body)
    root = write_files(tmp_path / "site", files)
    start = time.process_time()
    result = build(BuildConfig(root=root, out=tmp_path / "out", search=Search.OFF, jobs=1,
                               cache=False))
    seconds = time.process_time() - start
    assert result.written, [str(d) for d in result.diagnostics]
    html = (tmp_path / "out/pages/big/index.html").read_text(encoding="utf-8")
    assert html.count('href="../target-1/"') >= 40_000 // 3
    assert "\ue000" not in html and "\ue002" not in html
    assert seconds < 10, f"{seconds:.1f} CPU s"


def _every_pair(pages: dict[str, Document], relations: dict, inverse: dict, backlinks: dict,
                settings: RelatedSettings) -> dict[str, tuple[Related, ...]]:
    """The old way: score every page against every other page."""
    index = _Index(pages, relations, inverse, settings)
    out = {}
    for slug in pages:
        chosen = [Related(s, index.score(slug, s)[1] or "suggested by the author", 0.0)
                  for s in relations.get(slug, {}).get("related", ())]
        taken = {r.slug for r in chosen} | _listed(slug, relations, inverse, backlinks)
        scored = [Related(o, index.score(slug, o)[1] or "on the same topic",
                          index.score(slug, o)[0])
                  for o in pages if o not in taken and index.score(slug, o)[0] > 0]
        scored.sort(key=lambda r: (-r.score, pages[r.slug].title.casefold(), r.slug))
        out[slug] = tuple([*chosen, *scored][:settings.count])
    return out


def test_related_pages_from_the_index_are_the_best_of_all_pages() -> None:
    """Random sites with common tags (on most pages), rare tags, muscles and causes."""
    for seed in range(30):
        rng = random.Random(seed)
        anatomy = [f"m{i}" for i in range(rng.randint(1, 4))]
        causes = [f"c{i}" for i in range(rng.randint(1, 3))]
        tags = ["common", "usual", *(f"t{i}" for i in range(4))]
        pages: dict[str, Document] = {}
        relations: dict[str, dict[str, tuple[str, ...]]] = {}
        plan = [*((Kind.ANATOMY, m) for m in anatomy), *((Kind.CAUSE, c) for c in causes),
                *((rng.choice([Kind.STRETCH, Kind.PAGE]), f"p{n}")
                  for n in range(rng.randint(3, 25)))]
        for n, (kind, slug) in enumerate(plan):
            page_tags = tuple(t for t in tags if rng.random() < (0.8 if t in
                                                                 ("common", "usual") else 0.3))
            pages[slug] = Document(f"content/x/{slug}.md", kind, slug, f"Title {rng.randint(0, 5)}",
                                   "s", None, "", 1, tags=page_tags)  # type: ignore[arg-type]
            own = {"related": tuple(rng.sample(sorted(pages), k=min(len(pages) - 1, 1))
                                    if n and rng.random() < 0.2 else ())}
            if kind is Kind.STRETCH:
                own["targets"] = tuple(rng.sample(anatomy, rng.randint(0, len(anatomy))))
                own["helps"] = tuple(rng.sample(causes, rng.randint(0, len(causes))))
            elif kind is Kind.CAUSE:
                own["affects"] = tuple(rng.sample(anatomy, rng.randint(0, len(anatomy))))
            relations[slug] = {k: tuple(s for s in v if s != slug) for k, v in own.items()}
        backlinks = {s: tuple(rng.sample(sorted(pages), 1)) for s in pages if rng.random() < 0.3}
        settings = RelatedSettings(count=rng.randint(1, 5), tag_share=rng.choice([0.3, 0.5]))
        assert related_pages(pages, relations, {}, backlinks, settings) == \
            _every_pair(pages, relations, {}, backlinks, settings), seed
