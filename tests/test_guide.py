"""The guide's content (issue 5): complete, cited, connected, plain and free of the seeds' errors.

These tests read the repository's own `content/` through the real pipeline, so a new article that
breaks one of the guide's promises fails CI with the article named.
"""

from __future__ import annotations

import re
import subprocess
import sys
from statistics import mean

import pytest
from conftest import Guide
from sample_site import GUIDE_TODAY, REPO, epoch

from psoasguide import BuildResult
from psoasguide.link.graph import SiteGraph
from psoasguide.model import Document, Kind

#: What the guide must cover, by kind (slugs).
REQUIRED = {
    Kind.ANATOMY: {"psoas-major", "iliacus", "psoas-minor", "iliopsoas", "lumbar-plexus"},
    Kind.CAUSE: {"prolonged-sitting", "low-activity", "sport-and-overuse", "hip-flexor-strain",
                 "stress-and-guarding", "anterior-pelvic-tilt", "low-back-pain"},
    Kind.STRETCH: {"half-kneeling-hip-flexor-stretch", "standing-hip-flexor-stretch",
                   "modified-thomas-stretch", "knee-to-chest-stretch", "couch-stretch",
                   "pigeon-stretch", "frog-stretch", "glute-bridge", "bird-dog", "dead-bug",
                   "leg-swings-and-hip-circles", "pelvic-tilts"},
    Kind.PAGE: {"safety", "when-to-see-a-professional", "about"},
}
#: Invented terms, wrong anatomy and wrong cues from the clickbait the guide replaces, as regexes.
SEED_ERRORS = (
    r"rostral anterior complex", r"stomiplex", r"stomach[- ]cloak", r"soleus push[- ]away",
    r"originates? (?:in|from) the lower ribs", r"tilt the hip forward", r"jhon lennon",
    r"healing years", r"unseen torture", r"rewir\w+ (?:your|the) nervous system",
    r"clears? metabolic waste", r"change how you move forever",
)


@pytest.fixture(autouse=True)
def guide_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The guide is checked as of its newest review (sample_site.GUIDE_TODAY), not the clock."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(GUIDE_TODAY))


@pytest.fixture(scope="module")
def result(guide: Guide) -> BuildResult:
    return guide.result


@pytest.fixture(scope="module")
def graph(result: BuildResult) -> SiteGraph:
    assert result.graph is not None
    return result.graph


def _docs(graph: SiteGraph, kind: Kind | None = None) -> list[Document]:
    return [p.document for p in graph.pages.values() if kind is None or p.document.kind is kind]


def test_check_strict_passes_from_the_command_line() -> None:
    run = subprocess.run([sys.executable, "-m", "psoasguide", "check", "--strict", "--root",
                          str(REPO)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "(0 errors, 0 warnings)" in run.stderr + run.stdout


def test_no_diagnostics_at_all(result: BuildResult) -> None:
    assert list(result.diagnostics) == []


@pytest.mark.parametrize("kind", list(REQUIRED), ids=lambda k: k.singular)
def test_every_required_article_exists(graph: SiteGraph, kind: Kind) -> None:
    assert REQUIRED[kind] <= {d.slug for d in _docs(graph, kind)}


def test_counts_per_kind_meet_the_floor(graph: SiteGraph) -> None:
    counts = {kind: len(_docs(graph, kind)) for kind in Kind}
    assert counts[Kind.ANATOMY] >= 5 and counts[Kind.CAUSE] >= 7
    assert counts[Kind.STRETCH] >= 12 and counts[Kind.PAGE] >= 3


def test_every_article_has_two_complete_references_a_summary_and_a_review_date(
        graph: SiteGraph) -> None:
    for doc in _docs(graph):
        assert len(doc.references) >= 2, doc.path
        for ref in doc.references:
            assert ref.title and ref.publisher and ref.year, (doc.path, ref)
        assert doc.summary.strip() and doc.reviewed, doc.path


def test_every_cause_names_the_muscles_involved(graph: SiteGraph) -> None:
    for doc in _docs(graph, Kind.CAUSE):
        assert graph.relations[doc.slug].get("affects"), doc.path


def test_relations_show_on_both_ends(graph: SiteGraph) -> None:
    for doc in _docs(graph, Kind.STRETCH):
        for target in graph.relations[doc.slug]["targets"]:
            assert doc.slug in graph.inverse[target]["targeted-by"], (doc.slug, target)
        for cause in graph.relations[doc.slug].get("helps", ()):
            assert doc.slug in graph.inverse[cause]["helped-by"], (doc.slug, cause)


def test_every_article_is_linked_from_another(graph: SiteGraph) -> None:
    linked = {t for rels in graph.relations.values() for ts in rels.values() for t in ts}
    linked |= {slug for slug, sources in graph.backlinks.items() if sources}
    assert {d.slug for d in _docs(graph)} - linked == set()


def test_reading_level(result: BuildResult) -> None:
    grades = {row.path: row.grade for row in result.report if not row.draft}
    assert all(g is not None and g <= 10 for g in grades.values()), grades
    assert mean(grades.values()) <= 8


def test_popular_stretches_that_miss_the_psoas_say_so(graph: SiteGraph) -> None:
    for slug in ("pigeon-stretch", "frog-stretch"):
        assert "psoas-major" not in graph.relations[slug]["targets"]
        body = graph.document(slug).body
        assert re.search(r"\bnot\b[^.]{0,40}\bpsoas\b", body, re.I), slug


def test_none_of_the_seeds_errors_appear() -> None:
    for path in sorted((REPO / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        for pattern in SEED_ERRORS:
            assert not re.search(pattern, text, re.I), (path.name, pattern)


def test_the_red_flags_page_is_the_safety_page(result: BuildResult) -> None:
    text = (REPO / "site.yaml").read_text(encoding="utf-8")
    assert re.search(r"^safety_page: when-to-see-a-professional$", text, re.M)
    page = next(f for f in result.files
                if f.path == "pages/when-to-see-a-professional/index.html").data.decode()
    for sign in ("cauda equina", "psoas abscess", "999", "111", "what to do", "broken your hip",
                 "sepsis", "between your shoulders", "https://www.nhs.uk/conditions/back-pain/"):
        assert sign in page.casefold(), sign


def test_about_says_how_to_report_an_error_and_what_the_labels_mean(graph: SiteGraph) -> None:
    body = graph.document("about").body
    assert "/issues" in body and "not yet been reviewed by a clinician" in body
    for label in ("Established", "Limited", "Not supported", "Not known"):
        assert f"**{label}:**" in body
