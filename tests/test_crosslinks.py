"""Cross-linking as readers and authors see it: related pages, taxonomies, redirects,
navigation, orphans, the output link check and the graph export."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sample_site import ARTICLES, REFERENCES, TODAY, build_site, write_site

from psoasguide import BuildConfig, build


def _article(kind_fields: str, title: str, tags: str = "[]", extra: str = "") -> str:
    return (f"---\ntitle: {title}\nsummary: S.\nreviewed: 2026-01-01\ntags: {tags}\n"
            f"{kind_fields}{extra}{REFERENCES}---\n**Limited:** body.\n")


def _stretch(title: str, targets: str, helps: str = "[]", tags: str = "[]",
             extra: str = "") -> str:
    fields = (f"type: stretch\ndifficulty: beginner\nhold_seconds: 30\nsets: 2\n"
              f"targets: {targets}\nhelps: {helps}\nsteps: [a]\navoid_if: [b]\nstop_if: [c]\n")
    return _article(fields, title, tags, extra)


ANATOMY = "origin: o\ninsertion: i\ninnervation: n\nactions: [a]\n"


def _ranking_site(root: Path, tag_share: float = 0.5, s1_extra: str = "") -> Path:
    files = {
        "site.yaml": f"title: T\nbase_url: https://e.org/\nrelated: {{tag_share: {tag_share}}}\n",
        "content/anatomy/a1.md": _article(ANATOMY, "Psoas major"),
        "content/anatomy/a2.md": _article(ANATOMY, "Iliacus"),
        "content/causes/c1.md": _article("evidence: limited\naffects: [a1]\n", "Sitting"),
        "content/stretches/s1.md": _stretch("Charlie", "[a1, a2]", "[c1]", "[x]", s1_extra),
        "content/stretches/s2.md": _stretch("Bravo", "[a1]", "[c1]", "[x, y]"),
        "content/stretches/s3.md": _stretch("Delta", "[a2]", tags="[y]"),
        "content/stretches/s4.md": _stretch("Alpha", "[a1, a2]"),
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def _related(root: Path) -> list[tuple[str, float, str]]:
    result = build(BuildConfig(root=root, write=False, today=TODAY))
    assert result.graph is not None
    return [(r.slug, r.score, r.reason) for r in result.graph.related["s1"]]


def test_related_ranking_matches_the_hand_computed_scores(tmp_path: Path) -> None:
    # s1 has muscles {a1, a2}, causes {c1}, tag x (on 2 of 7 pages: weight 1).
    # s4: 2 muscles = 6; s2: a1 + c1 + x = 3 + 2 + 1 = 6; s3: a2 = 3. Ties go by title.
    # a1, a2 (targets) and c1 (helps) are already listed on s1's page, so they are left out.
    assert _related(_ranking_site(tmp_path)) == [
        ("s4", 6.0, "also about Psoas major"),
        ("s2", 6.0, "also about Psoas major"),
        ("s3", 3.0, "also about Iliacus"),
    ]


def test_over_used_tags_count_less(tmp_path: Path) -> None:
    # With tag_share 0.2, x (on 2/7 = 0.29 of pages) weighs 0.25: s2 drops to 5.25.
    ranked = _related(_ranking_site(tmp_path, tag_share=0.2))
    assert [(slug, score) for slug, score, _ in ranked] == [("s4", 6.0), ("s2", 5.25),
                                                            ("s3", 3.0)]


def test_explicit_related_comes_first(tmp_path: Path) -> None:
    ranked = _related(_ranking_site(tmp_path, s1_extra="related: [s3]\n"))
    assert [slug for slug, _, _ in ranked] == ["s3", "s4", "s2"]
    out = tmp_path / "out"
    build(BuildConfig(root=tmp_path, out=out, today=TODAY))
    page = (out / "stretches/s1/index.html").read_text()
    related = re.search(r'data-rel="related".*?</section>', page, re.S)
    assert related and "also about Iliacus" in related.group(0)


def test_taxonomy_pages_with_normalised_term_slugs(tmp_path: Path) -> None:
    extra = {"content/pages/safety.md": _article("", "Using this guide safely",
                                                 '["Hip Flexors", posture]'),
             "content/anatomy/psoas-major.md": ARTICLES["content/anatomy/psoas-major.md"]
             .replace("actions: [Flexes the hip]",
                      "actions: [Flexes the hip]\ntags: [hip-flexors, posture]")}
    root = write_site(tmp_path / "site", extra)
    out = tmp_path / "out"
    result = build_site(root, out)
    assert result.written, result.diagnostics
    tags = (out / "tags/index.html").read_text()
    assert 'href="hip-flexors/"' in tags and "2 pages" in tags
    term = (out / "tags/hip-flexors/index.html").read_text()
    assert "Psoas major" in term and "Using this guide safely" in term
    for page in ("difficulty/beginner", "types/stretch"):
        assert "Half-kneeling stretch" in (out / page / "index.html").read_text()
    stretch = (out / "stretches/half-kneeling/index.html").read_text()
    assert 'href="../../difficulty/beginner/"' in stretch


def test_a_tag_used_once_is_a_warning_at_its_line(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {"content/pages/safety.md":
                                          _article("", "Safety", "[hip-flexers]")})
    result = build_site(root, write=False)
    [d] = [d for d in result.diagnostics if d.code == "lonely-tag"]
    assert (d.path, d.line, d.col, d.severity) == ("content/pages/safety.md", 5, 8, "warning")


def test_aliases_redirect_and_collisions_are_errors(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {"content/pages/safety.md": _article(
        "", "Safety", extra="aliases: [/old/safety/, /old-safety.html]\n")})
    out = tmp_path / "out"
    assert build_site(root, out).written
    page = (out / "old/safety/index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=../../pages/safety/">' in page
    assert '<link rel="canonical" href="https://example.org/guide/pages/safety/">' in page
    assert (out / "old-safety.html").exists()
    assert "old/safety" not in (out / "sitemap.xml").read_text()
    clash = write_site(tmp_path / "two", {"content/pages/safety.md": _article(
        "", "Safety", extra="aliases:\n  - /anatomy/psoas-major/\n")})
    [d] = [d for d in build_site(clash, write=False).diagnostics if d.code == "alias-collision"]
    assert (d.line, d.col) == (7, 5) and "the page 'psoas-major'" in d.message


def test_previous_and_next_within_a_section(tmp_path: Path) -> None:
    root = _ranking_site(tmp_path)
    out = tmp_path / "out"
    build(BuildConfig(root=root, out=out, today=TODAY))
    bravo = (out / "stretches/s2/index.html").read_text()  # Alpha, Bravo, Charlie, Delta
    assert re.search(r'href="../s4/" rel="prev">.*Alpha', bravo)
    assert re.search(r'href="../s1/" rel="next">.*Charlie', bravo)


def test_cause_page_groups_helpful_exercises_by_type(tmp_path: Path) -> None:
    root = _ranking_site(tmp_path)
    (root / "content/stretches/s2.md").write_text(
        (root / "content/stretches/s2.md").read_text().replace("type: stretch", "type: strength"))
    out = tmp_path / "out"
    build(BuildConfig(root=root, out=out, today=TODAY))
    page = (out / "causes/c1/index.html").read_text()
    section = re.search(r'data-rel="helped-by".*?</section>', page, re.S)
    assert section is not None
    text = section.group(0)
    assert text.index("<h3>Stretches</h3>") < text.index("Charlie") \
        < text.index("<h3>Strengthening exercises</h3>") < text.index("Bravo")


def test_orphans_are_warnings(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {"content/pages/lonely.md": _article("", "Lonely")})
    result = build_site(root, write=False)
    assert [(d.path, d.code) for d in result.diagnostics if d.code == "orphan"] == [
        ("content/pages/lonely.md", "orphan")]


def test_output_link_check_fails_the_build_and_names_the_source(tmp_path: Path) -> None:
    broken = {"templates/anatomy.html": "{% extends 'article.html' %}{% block facts %}"
                                        "<a href='../missing/'>x</a><a href='#nowhere'>y</a>"
                                        "<a href='https://example.org/guide/gone/'>z</a>"
                                        "<a href='https://elsewhere.org/'>ok</a>"
                                        "{% endblock %}"}
    root = write_site(tmp_path / "site", broken)
    out = tmp_path / "out"
    result = build_site(root, out)
    assert not result.written and not out.exists()
    messages = sorted(d.message for d in result.diagnostics if d.code == "broken-link")
    assert all(d.path == "content/anatomy/psoas-major.md"
               for d in result.diagnostics if d.code == "broken-link")
    assert messages == [
        "anatomy/psoas-major/index.html: link '#nowhere' does not resolve "
        "(no id 'nowhere' in anatomy/psoas-major/index.html)",
        "anatomy/psoas-major/index.html: link '../missing/' does not resolve "
        "(no file anatomy/missing/index.html)",
        "anatomy/psoas-major/index.html: link 'https://example.org/guide/gone/' does not "
        "resolve (no file gone/index.html)",
    ]



def test_output_link_check_reads_links_wherever_they_are_written(tmp_path: Path) -> None:
    """In `<noscript>`, `srcset` and an article's `<template>` (read by another parser than the
    rest); named anchors count as ids; canonical links are checked elsewhere."""
    body = ARTICLES["content/anatomy/psoas-major.md"].replace(
        "\n## ", "\n<template><a href='../tpl-gone/'>t</a></template>\n\n## ", 1)
    broken = {"content/anatomy/psoas-major.md": body,
              "templates/cause.html": "{% extends 'article.html' %}{% block facts %}"
                                      "<noscript><a href='../ns-gone/'>x</a></noscript>"
                                      "<img alt='a' src='../p.png' srcset='../p.png, ../q.png 2x'>"
                                      "<a name='named'></a><a href='#named'>n</a>"
                                      "<link rel='canonical' href='../cn-gone/'>"
                                      "{% endblock %}"}
    result = build_site(write_site(tmp_path / "site", broken), tmp_path / "out")
    reasons = sorted(re.sub(r".*\((.*)\)", r"\1", d.message)
                     for d in result.diagnostics if d.code == "broken-link")
    assert reasons == ["no file anatomy/tpl-gone/index.html", "no file causes/ns-gone/index.html",
                       "no file causes/p.png", "no file causes/q.png"]


def test_graph_export(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site")
    run = [sys.executable, "-m", "psoasguide", "graph", "--root", str(root)]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795132800"}
    data = json.loads(subprocess.run(run, capture_output=True, text=True, check=True,
                                     env=env).stdout)
    assert {"id": "psoas-major", "kind": "anatomy", "title": "Psoas major",
            "url": "/anatomy/psoas-major/"} in data["nodes"]
    assert {"source": "half-kneeling", "target": "psoas-major", "relation": "targets"} \
        in data["edges"]
    assert {"source": "sitting", "target": "psoas-major", "relation": "links"} in data["edges"]
    dot = subprocess.run([*run, "--format", "dot"], capture_output=True, text=True, check=True,
                         env=env).stdout
    assert dot.startswith("digraph psoasguide {")
    assert '"half-kneeling" -> "psoas-major" [label="targets"];' in dot


@pytest.mark.parametrize(("alias", "file"), [
    ("/anatomy/", "anatomy/index.html"), ("/search/", "search/index.html"),
    ("/tags/hip-flexors/", "tags/hip-flexors/index.html"), ("/feed.xml", "feed.xml"),
])
def test_an_alias_on_a_generated_page_is_an_error(tmp_path: Path, alias: str, file: str) -> None:
    root = write_site(tmp_path / "site", {"content/pages/safety.md": _article(
        "", "Safety", "[hip-flexors]", extra=f"aliases:\n  - {alias}\n")})
    out = tmp_path / "out"
    result = build_site(root, out)
    [d] = [d for d in result.diagnostics if d.code == "alias-collision"]
    assert (d.path, d.line, d.col) == ("content/pages/safety.md", 7, 5)
    assert f"alias '{alias}' is a page the site generates ({file})" in d.message
    assert not result.written and not out.exists()
