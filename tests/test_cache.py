"""The persistent cache: a warm build equals a clean one, reuses only what did not change, and
stays within a bound over many edits (a bad cache: `test_cache_damage.py`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cache_checks import STRETCH, clean, packs, warm
from sample_site import build_site, tree, write_site

from psoasguide import stages
from psoasguide.cache import CACHE_DIR, pack, projection
from psoasguide.cache.store import Store
from psoasguide.model import Search
from psoasguide.output import search


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return write_site(tmp_path / "site")



def test_second_build_reuses_every_page_and_rewrites_nothing(site: Path, tmp_path: Path) -> None:
    first, reused = warm(site, tmp_path / "out")
    assert reused == 0 and packs(site)
    inodes = {p: p.stat().st_ino for p in (tmp_path / "out").rglob("*.html")}
    second, reused = warm(site, tmp_path / "out")
    assert second == first == clean(site, tmp_path / "clean")
    assert reused == len(inodes)
    assert {p: p.stat().st_ino for p in (tmp_path / "out").rglob("*.html")} == inodes


def test_a_body_edit_rerenders_only_the_pages_that_show_it(site: Path, tmp_path: Path) -> None:
    _, _ = warm(site, tmp_path / "out")
    pages = len(list((tmp_path / "out").rglob("*.html")))
    path = site / STRETCH
    path.write_text(path.read_text().replace("Feel it", "You feel it"))
    after, reused = warm(site, tmp_path / "out")
    assert b"You feel it" in after["stretches/half-kneeling/index.html"]
    assert after == clean(site, tmp_path / "clean")
    assert reused == pages - 1
    again, reused = warm(site, tmp_path / "out")  # the edited page's entry was replaced
    assert again == after and reused == pages


def test_a_new_process_hashes_only_the_projections_of_the_edited_page(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cards and link facts are labelled by a key of their content; the cache keeps those keys,
    so a new process after a body edit hashes the edited page's projections alone."""
    monkeypatch.setattr(projection, "_KNOWN", {})  # what a new process remembers: nothing
    warm(site, tmp_path / "out")
    monkeypatch.setattr(projection, "_KNOWN", {})
    hashed: list[str] = []
    real = projection.key_of

    def counting(*values: object) -> str:
        hashed.append(str(values[0]))
        return real(*values)

    monkeypatch.setattr(projection, "key_of", counting)
    path = site / STRETCH
    path.write_text(path.read_text().replace("Feel it", "You feel it"))
    after, _ = warm(site, tmp_path / "out")
    assert after == clean(site, tmp_path / "clean")
    assert sorted(h for h in hashed if h.startswith("psoasguide.")) == [
        "psoasguide.cache.cards._card", "psoasguide.cache.cards._strip",
        "psoasguide.link.facts.link_facts"]


def test_a_new_glossary_term_reaches_the_pages_that_use_it(site: Path, tmp_path: Path) -> None:
    (site / "site.yaml").write_text((site / "site.yaml").read_text()
                                    + "glossary_page: psoas-major\n")
    _, _ = warm(site, tmp_path / "out")
    pages = len(list((tmp_path / "out").rglob("*.html")))
    path = site / "content/anatomy/psoas-major.md"
    path.write_text(path.read_text() + "\n## Stiffness\n\nHow stiff a muscle feels.\n")
    after, reused = warm(site, tmp_path / "out")
    assert b"psoas-major/#stiffness" in after["causes/sitting/index.html"]  # says "stiffness"
    assert after == clean(site, tmp_path / "clean")
    assert 0 < reused < pages - 1


def test_a_new_place_in_a_section_moves_the_neighbours_links(site: Path,
                                                             tmp_path: Path) -> None:
    warm(site, tmp_path / "out")
    path = site / STRETCH
    path.write_text(path.read_text().replace("---\n", "---\nweight: -5\n", 1))
    after, _ = warm(site, tmp_path / "out")
    assert after == clean(site, tmp_path / "clean")


def test_a_title_edit_rerenders_the_pages_that_link_to_it(site: Path, tmp_path: Path) -> None:
    warm(site, tmp_path / "out")
    path = site / "content/anatomy/psoas-major.md"
    path.write_text(path.read_text().replace("title: Psoas major", "title: The psoas"))
    after, reused = warm(site, tmp_path / "out")
    assert after == clean(site, tmp_path / "clean")
    assert b"The psoas" in after["stretches/half-kneeling/index.html"]
    assert 0 < reused < len([p for p in after if p.endswith(".html")]) - 2


def test_a_build_in_a_new_process_finds_every_entry(site: Path, tmp_path: Path) -> None:
    """Keys must not depend on the process: a set of strings iterates in another order under
    each hash seed, and a key that followed it would never hit in the next build."""

    def cli(seed: str) -> str:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-m", "psoasguide", "build", "--root", str(site),
                               "--out", str(tmp_path / "out"), "--no-search"],
                              env=env, capture_output=True, text=True, check=True)
        return done.stdout + done.stderr

    def stage_entries() -> dict[Path, int]:  # the whole-build entry depends on the output
        return {p: p.stat().st_size for p in packs(site) if p.stem != "unchanged"}

    cli("1")
    stored = stage_entries()
    shutil.rmtree(tmp_path / "out")
    summary = cli("2")
    assert stage_entries() == stored, "the second build stored entries the first had made"
    pages = len(list((tmp_path / "out").rglob("*.html")))
    assert f" 0 HTML pages rendered, {pages} reused from the cache" in summary, summary


def test_no_cache_leaves_no_folder(site: Path, tmp_path: Path) -> None:
    clean(site, tmp_path / "out")
    assert not (site / CACHE_DIR).exists()


def test_search_index_is_reused_when_no_page_changed(site: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []
    real = stages.start_index

    def counting(staged: Path, out: Path) -> search.Indexing:
        calls.append(staged)
        return real(staged, out)

    monkeypatch.setattr(stages, "start_index", counting)
    out = tmp_path / "out"
    assert build_site(site, out).written
    index = {p: p.stat().st_ino for p in (out / "pagefind").rglob("*") if p.is_file()}
    assert build_site(site, out).written and len(calls) == 1
    assert {p: p.stat().st_ino for p in (out / "pagefind").rglob("*") if p.is_file()} == index
    path = site / STRETCH
    path.write_text(path.read_text().replace("Feel it", "You feel it"))
    assert build_site(site, out).written and len(calls) == 2


@pytest.mark.usefixtures("forking")
def test_forked_workers_fill_the_cache_and_count_reused_pages(tmp_path: Path) -> None:
    """Over the folder cache, lint and render run in forked workers (enough pages, two jobs):
    their entries reach the cache and the summary still counts every reused page."""
    extra = {f"content/pages/p{i:02d}.md":
             f"---\ntitle: Page {i}\nsummary: S.\nreviewed: 2026-01-01\n---\nText {i}.\n"
             for i in range(70)}
    root, out = write_site(tmp_path / "site", extra), tmp_path / "out"
    first = build_site(root, out, search=Search.OFF, jobs=2)
    assert first.written and first.reused == 0
    second = build_site(root, out, search=Search.OFF, jobs=2)
    html = [f for f in second.files if f.path.endswith(".html")]
    assert len(html) > 64 and second.reused == len(html)
    assert tree(out) == clean(root, tmp_path / "clean")


def test_a_pack_mostly_of_entries_no_build_uses_is_rewritten_with_the_used_ones(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Older versions' entries go once they outweigh the ones in use; what the last build used,
    in this process or in its forked workers, stays: the next build reuses every page."""
    monkeypatch.setattr(pack, "MIN_DEAD", 1000)
    extra = {f"content/pages/p{i:02d}.md":
             f"---\ntitle: Page {i}\nsummary: S.\nreviewed: 2026-01-01\n---\nText {i}.\n"
             for i in range(70)}
    site, out = write_site(tmp_path / "site", extra), tmp_path / "out"
    assert build_site(site, out, search=Search.OFF, jobs=2).written
    store = Store(site / CACHE_DIR)
    for i in range(200):  # entries of an older version, outweighing the site's
        store.put("parse", f"{i:064x}", "an older page " * 1000)
        store.put("page", f"{i:064x}", "an older page " * 1000)
    sizes = {path.name: path.stat().st_size for path in packs(site)}
    path = site / STRETCH
    path.write_text(path.read_text().replace("Feel it", "You feel it"))
    expected = build_site(site, out, search=Search.OFF, jobs=2)
    assert expected.written
    for name in ("parse.pack", "page.pack"):
        assert (site / CACHE_DIR / name).stat().st_size < sizes[name] // 2
    assert Store(site / CACHE_DIR).get("parse", f"{0:064x}") is None
    again = build_site(site, out, search=Search.OFF, jobs=2)
    html = [f for f in again.files if f.path.endswith(".html")]
    assert again.files == expected.files and again.reused == len(html) > 64


def test_the_cache_stops_growing_over_many_edits(site: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Each edit appends new entries (and a new record of the same page); the packs are
    rewritten with what the last build used once most of a pack is unused, so over many
    edits the cache stays within twice its first size (plus the unused bytes a pack may hold
    before it is rewritten), and the last build still reuses every page it did not change."""
    monkeypatch.setattr(pack, "MIN_DEAD", 4096)
    path, out = site / STRETCH, tmp_path / "out"
    text = path.read_text()
    first, _ = warm(site, out)
    start = sum(p.stat().st_size for p in packs(site))
    bound = 2 * start + len(packs(site)) * pack.MIN_DEAD
    for edit in range(10):
        path.write_text(text.replace("Feel it", f"Feel it ({edit})"))
        after, reused = warm(site, out)
        assert sum(p.stat().st_size for p in packs(site)) <= bound, f"after {edit + 1} edits"
    assert reused == len([p for p in first if p.endswith(".html")]) - 1
    assert after == clean(site, tmp_path / "clean")
