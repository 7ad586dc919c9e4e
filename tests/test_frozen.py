"""Data a cache can trust: what a build returns cannot be changed, and documents hash."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import PAGE, STRETCH, base_files, page_md, stretch_md

from psoasguide import BuildConfig, build
from psoasguide.lint.report import ArticleReport
from psoasguide.model import BuildResult


def _build(root: Path) -> BuildResult:
    result = build(BuildConfig(root=root, write=False))
    assert not [d for d in result.diagnostics if d.severity == "error"], result.diagnostics
    return result


def test_nothing_in_the_graph_can_be_changed(make_site: Callable[..., Path]) -> None:
    graph = _build(make_site(base_files())).graph
    assert graph is not None
    doc = graph.document("couch-stretch")
    with pytest.raises(TypeError):
        doc.fields["type"] = "strength"  # type: ignore[index]
    with pytest.raises(TypeError):
        doc.relations["targets"] = ()  # type: ignore[index]
    with pytest.raises(TypeError):
        doc.marks[("type",)] = None  # type: ignore[index]
    with pytest.raises(TypeError):
        graph.pages["x"] = graph.pages["couch-stretch"]  # type: ignore[index]
    with pytest.raises(TypeError):
        graph.relations["couch-stretch"]["targets"] = ()  # type: ignore[index]
    with pytest.raises(TypeError):
        graph.inverse["psoas-major"]["targeted-by"] = ()  # type: ignore[index]
    assert doc.fields["type"] == "stretch"  # reading works as before


def test_documents_hash_and_survive_pickling(make_site: Callable[..., Path]) -> None:
    first = _build(make_site(base_files())).graph
    assert first is not None
    doc = first.document("couch-stretch")
    copy = pickle.loads(pickle.dumps(doc))
    assert copy == doc and hash(copy) == hash(doc)
    assert len({d.document for d in first.pages.values()}) == len(first.pages)
    page = first.pages["couch-stretch"]
    assert pickle.loads(pickle.dumps(page)) == page


def test_the_report_is_typed(make_site: Callable[..., Path]) -> None:
    result = _build(make_site(base_files()))
    assert result.report and all(isinstance(row, ArticleReport) for row in result.report)
    with pytest.raises(TypeError):
        result.timings["load"] = 0  # type: ignore[index]


def test_the_linter_reads_the_link_text_the_page_shows(make_site: Callable[..., Path]) -> None:
    """`[[couch-stretch#avoid-if]]` shows "Avoid if" (two words), not the page's title."""
    files = base_files()
    files[STRETCH] = files[STRETCH].replace("title: Couch stretch",
                                            "title: The long kneeling couch stretch for hips")
    words = {}
    for link in ("[[couch-stretch#avoid-if]]", "[[couch-stretch]]"):
        files[PAGE] = page_md(body=f"Read {link} first.\n")
        result = _build(make_site(files))
        words[link] = next(r.words for r in result.report if r.path == PAGE)
    assert words == {"[[couch-stretch#avoid-if]]": 1 + 2 + 1,
                     "[[couch-stretch]]": 1 + 7 + 1}


def test_a_site_that_overrides_templates_names_its_own_ids(
        make_site: Callable[..., Path]) -> None:
    """The ids a heading may not take come from the theme's ids.yaml, which a site's
    templates/ may replace."""
    files = base_files()
    files[STRETCH] = stretch_md(body="## Dose\n\nHow much to do.\n")

    def codes(extra: dict[str, str]) -> list[tuple[str, str, int]]:
        result = build(BuildConfig(root=make_site({**files, **extra}), write=False))
        return [(d.code, d.path, d.line) for d in result.diagnostics
                if d.code in ("reserved-anchor", "bad-value")]

    assert codes({}) == [("reserved-anchor", STRETCH, codes({})[0][2])]
    assert codes({"templates/ids.yaml": "anchors:\n  stretch: [steps]\nids: [main]\n"}) == []
    assert codes({"templates/ids.yaml": "anchors: [dose]\n"}) == [
        ("reserved-anchor", STRETCH, codes({})[0][2]), ("bad-value", "templates/ids.yaml", 1)]
