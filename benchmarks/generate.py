"""A deterministic synthetic guide of N articles, for benchmarks.

    python benchmarks/generate.py 1000 /tmp/guide-1000

Every article has valid front matter with typed relations (stretches target muscles and help
causes, causes affect muscles, routines list stretches) and a body of about 6 KB with headings,
a list, a table, footnotes, wiki links and Markdown links to other articles. The guide passes
`psoasguide check --strict`. The same N gives the same files, byte for byte.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path

SITE_YAML = "title: Bench guide\nbase_url: https://example.org/bench/\n"
REVIEWED = "2026-01-10"
_REFERENCES = """references:
  - title: Exercise and physical activity guidance
    publisher: NHS
    year: 2024
    url: https://www.nhs.uk/live-well/exercise/
  - title: Clinical anatomy of the hip
    publisher: Example Press
    year: 2019
"""
_SENTENCES = (
    "Move slowly and keep your breathing calm.",
    "Stop if you feel sharp pain, pins and needles or numbness.",
    "A little stiffness after a long day is common and usually settles.",
    "Keep the lower back in a neutral position while you work.",
    "Most people feel a gentle pull at the front of the hip.",
    "Warm up with a short walk before you start.",
    "Rest for a few breaths between each set.",
    "Sitting for long spells is linked to stiff hips, but the link is not proof.",
    "Build up the time a little each week.",
    "If the pain is new or getting worse, ask a doctor or a physiotherapist.",
    "Regular movement through the day helps more than one long session.",
    "The muscle runs from the lower spine to the top of the thigh bone.",
)
_ROWS = (("Warm up", "2 minutes", "easy walking"), ("Main set", "5 minutes", "slow and steady"),
         ("Cool down", "2 minutes", "gentle breathing"), ("Rest day", "1 day", "light walks"))


@dataclass(frozen=True)
class Article:
    """One article to write: where, what kind, and its number within the guide."""

    section: str
    slug: str
    index: int


def plan(n: int) -> list[Article]:
    """The guide's articles: a tenth anatomy, a tenth causes, a twentieth routines and pages,
    the rest stretches (at least one of each)."""
    anatomy, causes = max(1, n // 10), max(1, n // 10)
    routines, pages = max(1, n // 20), max(1, n // 20)
    stretches = max(1, n - anatomy - causes - routines - pages)
    out: list[Article] = []
    for section, count in (("anatomy", anatomy), ("causes", causes), ("stretches", stretches),
                           ("routines", routines), ("pages", pages)):
        out += [Article(section, f"{section}-{i:05d}", len(out) + i) for i in range(count)]
    return out


def _pick(rng: random.Random, pool: list[Article], count: int) -> list[Article]:
    return rng.sample(pool, min(count, len(pool)))


def _paragraph(rng: random.Random, sentences: int = 5) -> str:
    return " ".join(rng.choice(_SENTENCES) for _ in range(sentences))


def _title(article: Article) -> str:
    noun = {"anatomy": "Muscle", "causes": "Cause", "stretches": "Exercise",
            "routines": "Routine", "pages": "Guide page"}[article.section]
    return f"{noun} {article.index}"


def _body(article: Article, everyone: list[Article], rng: random.Random) -> str:
    """About 6 KB of Markdown with every construct the guide's articles use."""
    nxt = everyone[(article.index + 1) % len(everyone)]  # a ring: no article is an orphan
    others = _pick(rng, everyone, 6)
    wiki = " ".join(f"See [[{o.slug}]]." for o in others[:3])
    md = " ".join(f"Read [{_title(o).lower()}](../{o.section}/{o.slug}.md)." for o in others[3:])
    parts = [f"This page is part of the bench guide. Next, read [[{nxt.slug}]]. {wiki}",
             _paragraph(rng, 6)]
    if article.section == "causes":
        parts.append("**Limited:** " + _paragraph(rng, 3))
    parts += ["## Overview", _paragraph(rng, 7), md, _paragraph(rng, 6),
              "### Day to day", "\n".join(f"- {rng.choice(_SENTENCES)}" for _ in range(6)),
              _paragraph(rng, 5) + "[^1]", "## A simple plan",
              "| Part | Time | Note |\n| --- | --- | --- |\n"
              + "\n".join(f"| {a} | {b} | {c} |" for a, b, c in _ROWS),
              _paragraph(rng, 8), "### Going further",
              "\n".join(f"{i}. {rng.choice(_SENTENCES)}" for i in range(1, 6)),
              _paragraph(rng, 8) + "[^2]", "## To sum up",
              f"{_paragraph(rng, 6)} See also [[{others[0].slug}|{_title(others[0]).lower()}]].",
              _paragraph(rng, 8), _paragraph(rng, 8), _paragraph(rng, 8),
              "[^1]: NHS guidance on exercise, 2024.",
              "[^2]: A textbook of clinical anatomy, 2019."]
    return "\n\n".join(parts) + "\n"


def _list(name: str, slugs: list[str]) -> str:
    return f"{name}: [{', '.join(slugs)}]\n" if slugs else ""


def _own_fields(article: Article, by_section: dict[str, list[Article]],
                rng: random.Random) -> str:
    muscles = [a.slug for a in _pick(rng, by_section["anatomy"], 2)]
    causes = [a.slug for a in _pick(rng, by_section["causes"], 2)]
    if article.section == "anatomy":
        return ("origin: Lower spine\ninsertion: Top of the thigh bone\n"
                "innervation: Lumbar nerves\nactions: [Bends the hip]\n")
    if article.section == "causes":
        return "evidence: limited\n" + _list("affects", muscles)
    if article.section == "stretches":
        return ("type: stretch\ndifficulty: beginner\nhold_seconds: 30\nsets: 2\n"
                "per_side: true\nsteps: [Kneel on a soft mat., Tuck the pelvis under.]\n"
                "avoid_if: [A recent hip operation.]\nstop_if: [Sharp pain.]\n"
                + _list("targets", muscles) + _list("helps", causes))
    if article.section == "routines":
        items = _pick(rng, by_section["stretches"], 3)
        return "items:\n" + "".join(f"  - stretch: {s.slug}\n" for s in items)
    return ""


def article_text(article: Article, everyone: list[Article],
                 by_section: dict[str, list[Article]], tags: list[str]) -> str:
    """The whole file of one article."""
    rng = random.Random(article.index)
    chosen = sorted({tags[article.index % len(tags)], tags[(article.index * 7 + 3) % len(tags)]})
    in_short = ("in_short: [Move gently., Stop if it hurts., See a doctor if pain lasts.]\n"
                if article.section in ("stretches", "causes") else "")
    front = (f"title: {_title(article)}\nsummary: A synthetic {article.section} article for "
             f"benchmarks.\n{in_short}reviewed: {REVIEWED}\nweight: {article.index}\n"
             + _own_fields(article, by_section, rng) + _list("tags", chosen) + _REFERENCES)
    return f"---\n{front}---\n{_body(article, everyone, rng)}"


def generate(n: int, root: Path) -> Path:
    """Write a guide of `n` articles into `root` (which should be empty); returns `root`."""
    everyone = plan(n)
    by_section: dict[str, list[Article]] = {}
    for article in everyone:
        by_section.setdefault(article.section, []).append(article)
    tags = [f"topic {i}" for i in range(max(2, n // 8))]
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    for section in by_section:
        (root / "content" / section).mkdir(parents=True, exist_ok=True)
    for article in everyone:
        path = root / "content" / article.section / f"{article.slug}.md"
        path.write_text(article_text(article, everyone, by_section, tags), encoding="utf-8")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=int, help="how many articles (at least 5)")
    parser.add_argument("root", type=Path, help="folder to write the guide into")
    args = parser.parse_args()
    generate(max(5, args.articles), args.root)


if __name__ == "__main__":
    main()
