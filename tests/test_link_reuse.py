"""The link stage's connections are reused while no page's link facts change: a body edit that
leaves links, headings and front matter alone does not link the site again, yet every page and
every problem is as a clean build gives them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sample_site import TODAY, write_site

from psoasguide.cache.store import MemoryStore
from psoasguide.model import BuildConfig, BuildResult, Search
from psoasguide.pipeline import build

STRETCH = "content/stretches/half-kneeling.md"
ANATOMY = "content/anatomy/psoas-major.md"


class CountingStore(MemoryStore):
    """A dev server's store that counts hits and misses of the link stage's entries."""

    def __init__(self) -> None:
        super().__init__()
        self.link_hits = 0
        self.link_misses = 0

    def get(self, space: str, key: str) -> Any | None:
        value = super().get(space, key)
        if space == "link":
            self.link_hits += value is not None
            self.link_misses += value is None
        return value


def _build(root: Path, store: MemoryStore | None) -> BuildResult:
    return build(BuildConfig(root=root, write=False, search=Search.OFF, today=TODAY,
                             store=store, cache=store is not None))


def _page(result: BuildResult, path: str) -> str:
    return next(f.data for f in result.files if f.path == path).decode()


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


@pytest.fixture
def served(tmp_path: Path) -> tuple[Path, CountingStore]:
    """The sample site, built once with a store kept across builds (as `serve` does)."""
    root = write_site(tmp_path / "site")
    store = CountingStore()
    first = _build(root, store)
    assert first.files and store.link_misses == 1 and store.link_hits == 0
    return root, store


def _same_as_clean(root: Path, result: BuildResult) -> None:
    clean = _build(root, None)
    assert result.diagnostics == clean.diagnostics
    assert result.files == clean.files


def test_a_body_edit_that_keeps_the_links_reuses_the_connections(
        served: tuple[Path, CountingStore]) -> None:
    root, store = served
    _edit(root, STRETCH, "Feel it at", "Gently feel it at")
    result = _build(root, store)
    assert "Gently feel it at" in _page(result, "stretches/half-kneeling/index.html")
    assert store.link_misses == 1  # not linked again (the entry found by key or in memory)
    _same_as_clean(root, result)


def test_a_new_body_link_links_the_site_again_and_shows_as_a_backlink(
        served: tuple[Path, CountingStore]) -> None:
    root, store = served
    _edit(root, "content/routines/quick.md", "Do it daily.", "Do it daily. [[psoas-major]]")
    result = _build(root, store)
    assert store.link_misses == 2
    assert "quick" in result.graph.backlinks["psoas-major"]  # type: ignore[union-attr]
    _same_as_clean(root, result)


def test_a_title_edit_reaches_every_page_that_links_to_it(
        served: tuple[Path, CountingStore]) -> None:
    root, store = served
    _edit(root, ANATOMY, "title: Psoas major", "title: The psoas")
    result = _build(root, store)
    assert store.link_misses == 2
    cause = _page(result, "causes/sitting/index.html")
    assert "The psoas" in cause and "Psoas major" not in cause
    _same_as_clean(root, result)


def test_a_new_heading_is_a_link_target_at_once(served: tuple[Path, CountingStore]) -> None:
    """Headings are link facts: a link to a heading that did not exist is an error until the
    heading is written, and then it resolves."""
    root, store = served
    _edit(root, "content/routines/quick.md", "Do it daily.", "See [[psoas-major#at-rest]].")
    broken = _build(root, store)
    assert [d.code for d in broken.diagnostics if d.path.endswith("quick.md")] == \
        ["unknown-anchor"]
    _edit(root, ANATOMY, "### In daily life", "## At rest\n\nLying down.\n\n### In daily life")
    fixed = _build(root, store)
    assert not [d for d in fixed.diagnostics if d.path.endswith("quick.md")]
    assert "/anatomy/psoas-major/#at-rest" in fixed.graph.links["quick"][0].url  # type: ignore
    _same_as_clean(root, fixed)


def test_a_broken_link_moved_by_a_body_edit_is_reported_at_its_new_line(
        served: tuple[Path, CountingStore]) -> None:
    """The connections are reused, but a problem's position is the link's position now."""
    root, store = served
    _edit(root, "content/routines/quick.md", "Do it daily.", "Do it daily. [[nowhere]]")
    before = [d for d in _build(root, store).diagnostics if d.code == "unknown-page"]
    _edit(root, "content/routines/quick.md", "Do it daily.", "New first line.\n\nDo it daily.")
    misses = store.link_misses
    after = [d for d in _build(root, store).diagnostics if d.code == "unknown-page"]
    assert store.link_misses == misses
    assert [(d.path, d.line + 2, d.col) for d in before] == \
        [(d.path, d.line, d.col) for d in after] == [("content/routines/quick.md", 10, 14)]
