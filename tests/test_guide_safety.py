"""Safety for the readers the guide used to leave out, and its emergency prose (issue 12).

Read through the real pipeline from the repository's own `content/`: a page that drops a group's
advice, a link, the Samaritans number or a 999 fails with the article named.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import Guide

from psoasguide import BuildResult
from psoasguide.link.graph import SiteGraph
from psoasguide.model import Kind

REPO = Path(__file__).resolve().parent.parent

#: Reader group -> (its page's slug, words its avoid_if items use).
GROUPS = {
    "pregnancy": ("pregnancy", ("pregnan",)),
    "osteoporosis": ("osteoporosis-and-falls", ("osteoporosis",)),
    "hip replacement": ("after-a-hip-replacement", ("hip replacement",)),
    "older": ("older-readers", ("older",)),
}
ALL = frozenset(GROUPS)
#: Which groups each exercise concerns, from the positions it uses (see the groups' pages).
APPLIES = {
    "half-kneeling-hip-flexor-stretch": ALL,
    "standing-hip-flexor-stretch": ALL,
    "modified-thomas-stretch": ALL,
    "knee-to-chest-stretch": ALL,
    "couch-stretch": ALL,
    "pigeon-stretch": ALL,
    "frog-stretch": ALL,
    "leg-swings-and-hip-circles": ALL,
    "glute-bridge": frozenset({"pregnancy", "older"}),
    "bird-dog": frozenset({"pregnancy", "osteoporosis", "older"}),
    "dead-bug": frozenset({"pregnancy", "hip replacement", "older"}),
    "pelvic-tilts": frozenset({"pregnancy", "older"}),
}
#: Each group's page cites the NHS and the source named for that group.
PAGE_SOURCES = {
    "pregnancy": ("NHS", "Pelvic, Obstetric and Gynaecological Physiotherapy"),
    "osteoporosis-and-falls": ("NHS", "Royal Osteoporosis Society"),
    "after-a-hip-replacement": ("NHS",),
    "older-readers": ("NHS",),
}


@pytest.fixture(scope="module")
def result(guide: Guide) -> BuildResult:
    """The guide, built once per session (conftest)."""
    return guide.result


@pytest.fixture(scope="module")
def graph(result: BuildResult) -> SiteGraph:
    assert result.graph is not None
    return result.graph


def _sections_with(body: str, word: str) -> list[str]:
    """The sections of `body` (split at its headings, footnotes left out) that mention `word`."""
    prose = re.sub(r"^\[\^[^\]]+\]:.*$", "", body.casefold(), flags=re.M)
    parts = re.split(r"\n#{2,3} ", prose)
    return [part for part in parts if word in part]


def test_every_exercise_is_covered_by_the_table(graph: SiteGraph) -> None:
    stretches = {p.document.slug for p in graph.pages.values() if p.document.kind is Kind.STRETCH}
    assert stretches == set(APPLIES)


@pytest.mark.parametrize("slug", sorted(PAGE_SOURCES))
def test_each_group_has_a_cited_page(graph: SiteGraph, slug: str) -> None:
    doc = graph.document(slug)
    assert doc.kind is Kind.PAGE
    publishers = " ".join(ref.publisher for ref in doc.references)
    for source in PAGE_SOURCES[slug]:
        assert source in publishers, (slug, source)
    assert "cure" not in doc.body.casefold()


@pytest.mark.parametrize("exercise", sorted(APPLIES))
def test_exercise_avoid_if_names_its_groups_and_links_their_pages(
        graph: SiteGraph, exercise: str) -> None:
    doc = graph.document(exercise)
    avoid = " ".join(doc.fields["avoid_if"]).casefold()
    for group in APPLIES[exercise]:
        page, words = GROUPS[group]
        assert any(word in avoid for word in words), (exercise, group)
        assert exercise in graph.backlinks.get(page, ()), (exercise, page)


def test_the_safety_page_links_every_group_page(graph: SiteGraph) -> None:
    for page, _words in GROUPS.values():
        assert "safety" in graph.backlinks.get(page, ()), page


def test_lying_on_the_back_after_16_weeks_is_named(graph: SiteGraph) -> None:
    assert _sections_with(graph.document("pregnancy").body, "16 weeks")
    for exercise in ("modified-thomas-stretch", "knee-to-chest-stretch", "glute-bridge",
                     "dead-bug", "pelvic-tilts"):
        assert "16 weeks" in " ".join(graph.document(exercise).fields["avoid_if"]), exercise


def test_the_mental_health_paragraph_gives_samaritans_and_111(graph: SiteGraph) -> None:
    body = graph.document("stress-and-guarding").body
    assert "Samaritans" in body and "116 123" in body
    assert "111 and choose the mental health option" in body


def _page_text(result: BuildResult, graph: SiteGraph, slug: str) -> str:
    """The rendered page of `slug` as text (tags dropped, headings kept as "## ")."""
    path = graph.document(slug).url.strip("/") + "/index.html"
    html = next(f for f in result.files if f.path == path).data.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    text = re.sub(r"<h[23][^>]*>", "\n## ", main)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).replace(" ## ", "\n## ")


@pytest.mark.parametrize("slug", ["when-to-see-a-professional", "hip-flexor-strain",
                                  "osteoporosis-and-falls", "older-readers",
                                  "after-a-hip-replacement"])
def test_a_possible_broken_hip_after_a_fall_is_999(
        result: BuildResult, graph: SiteGraph, slug: str) -> None:
    sections = [s for s in _page_text(result, graph, slug).casefold().split("\n## ")
                if "broken your hip" in s or "broken hip" in s]
    assert sections, slug
    assert all("call 999" in section for section in sections), slug


@pytest.mark.parametrize("slug", ["hip-flexor-strain", "osteoporosis-and-falls", "older-readers",
                                  "after-a-hip-replacement"])
def test_the_broken_hip_advice_is_the_shared_signs_group(graph: SiteGraph, slug: str) -> None:
    signs = yaml.safe_load((REPO / "blocks" / "safety-signs.yaml").read_text(encoding="utf-8"))
    group = next(g for g in signs["groups"] if g["id"] == "broken-hip")
    assert group["urgency"] == "emergency" and "Call 999" in group["action"]
    assert "{{< block safety-signs broken-hip >}}" in graph.document(slug).body, slug


@pytest.mark.parametrize("slug", ["when-to-see-a-professional", "lumbar-plexus"])
def test_abscess_with_signs_of_sepsis_is_999(graph: SiteGraph, slug: str) -> None:
    sepsis = _sections_with(graph.document(slug).body, "sepsis")
    assert sepsis and all("999" in section for section in sepsis), slug
    assert "https://www.nhs.uk/conditions/sepsis/" in {
        ref.url for ref in graph.document(slug).references}


def test_bleeding_into_the_psoas_names_blood_thinners_signs_and_what_to_do(
        graph: SiteGraph) -> None:
    body = graph.document("lumbar-plexus").body.casefold()
    assert "blood-thinning" in body and "anticoagulant" in body
    advice = body.split("blood-thinning medicine and get sudden", 1)
    assert len(advice) == 2, "no instruction for someone on blood thinners"
    assert "numbness or weakness" in advice[1][:200]
    assert "a&e" in advice[1][:300]


def test_the_stretch_tolerance_explanation_is_not_labelled_established() -> None:
    pattern = re.compile(r"\*\*Established:\*\*[^\n]*getting used to the stretch")
    for path in sorted((REPO / "content").rglob("*.md")):
        assert not pattern.search(path.read_text(encoding="utf-8")), path.name


def test_the_pelvic_tuck_claim_says_it_rests_on_one_small_trial(graph: SiteGraph) -> None:
    doc = graph.document("half-kneeling-hip-flexor-stretch")
    assert "one small trial" in doc.summary
    assert "One small trial" in doc.body
