"""The persistent cache: a warm build equals a clean one, reuses what did not change, and a
corrupt, truncated, foreign or older cache (or two builds at once) never changes the output."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sample_site import build_site, tree, write_site

from psoasguide import stages
from psoasguide.cache import CACHE_DIR
from psoasguide.cache.store import FORMAT, Store, decode, encode
from psoasguide.model import Search

STRETCH = "content/stretches/half-kneeling.md"


def entries(root: Path) -> list[Path]:
    return sorted(p for p in (root / CACHE_DIR).glob("*/*/*") if p.is_file())


def clean(root: Path, out: Path) -> dict[str, bytes]:
    result = build_site(root, out, cache=False, search=Search.OFF)
    assert result.written, result.diagnostics
    return tree(out)


def warm(root: Path, out: Path) -> tuple[dict[str, bytes], int]:
    result = build_site(root, out, search=Search.OFF)
    assert result.written, result.diagnostics
    return tree(out), result.reused


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return write_site(tmp_path / "site")


def test_second_build_reuses_every_page_and_rewrites_nothing(site: Path, tmp_path: Path) -> None:
    first, reused = warm(site, tmp_path / "out")
    assert reused == 0 and entries(site)
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

    def stage_entries() -> list[Path]:  # the whole-build entry depends on the output folder
        return [p for p in entries(site) if p.parts[-3] != "unchanged"]

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


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "header-only"])
def test_damaged_entries_are_discarded_and_rebuilt(site: Path, tmp_path: Path,
                                                   damage: str) -> None:
    expected, _ = warm(site, tmp_path / "out")
    for entry in entries(site):
        data = bytearray(entry.read_bytes())
        if damage == "flip":
            data[-1] ^= 0xFF
        elif damage == "truncate":
            data = data[: len(data) // 2]
        elif damage == "empty":
            data = bytearray()
        else:
            data = data[:50]
        entry.write_bytes(bytes(data))
    again, reused = warm(site, tmp_path / "out2")
    assert again == expected and reused == 0
    for entry in entries(site):  # every damaged entry was replaced by a whole one
        decode(entry.read_bytes())


def test_an_older_cache_is_discarded_whole(site: Path, tmp_path: Path) -> None:
    expected, _ = warm(site, tmp_path / "out")
    (site / CACHE_DIR / "format").write_text(f"psoasguide cache format {FORMAT - 1}\n")
    (site / CACHE_DIR / "left-over").write_text("from an older psoasguide")
    again, reused = warm(site, tmp_path / "out2")
    assert again == expected and reused == 0
    assert not (site / CACHE_DIR / "left-over").exists()


def test_an_entry_of_another_format_is_a_miss(tmp_path: Path) -> None:
    store = Store(tmp_path / CACHE_DIR)
    store.put("render", "ab" * 32, "<p>old</p>")
    entry = tmp_path / CACHE_DIR / "render" / "ab" / ("ab" * 32)
    data = bytearray(entry.read_bytes())
    data[9] ^= 0x01  # the format number, just after the magic
    entry.write_bytes(bytes(data))
    assert store.get("render", "ab" * 32) is None and not entry.exists()


class _Touch:
    """Pickles as a call of `Path.touch`: loading it would create the file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple:
        return (Path.touch, (self.path,))


def test_a_foreign_value_is_never_loaded(tmp_path: Path) -> None:
    """A whole, well-formed entry whose value names a callable outside psoasguide is refused."""
    store = Store(tmp_path / CACHE_DIR)
    marker = tmp_path / "ran"
    store.put("render", "cd" * 32, _Touch(marker))
    assert not marker.exists()
    assert store.get("render", "cd" * 32) is None
    assert not marker.exists()
    with pytest.raises(ValueError, match="not allowed"):
        decode(encode(_Touch(marker)))


def _build_in_process(args: tuple[str, str]) -> bool:
    root, out = args
    return build_site(Path(root), Path(out), search=Search.OFF).written


def test_two_builds_at_once_share_one_cache(site: Path, tmp_path: Path) -> None:
    expected = clean(site, tmp_path / "clean")
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        done = pool.map(_build_in_process, [(str(site), str(tmp_path / f"out{i}"))
                                            for i in range(2)])
    assert done == [True, True]
    assert tree(tmp_path / "out0") == tree(tmp_path / "out1") == expected
    for entry in entries(site):
        decode(entry.read_bytes())
    again, reused = warm(site, tmp_path / "out0")
    assert again == expected and reused > 0


def test_search_index_is_reused_when_no_page_changed(site: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []
    real = stages.index_site

    def counting(staged: Path, out: Path) -> list:
        calls.append(staged)
        return real(staged, out)

    monkeypatch.setattr(stages, "index_site", counting)
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


def test_entries_unused_for_a_week_are_deleted_once_a_day(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    warm(site, out)
    used = set(entries(site))
    week = 8 * 86400
    stale = site / CACHE_DIR / "parse" / "00" / ("00" * 32)  # an entry of an older version
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_bytes(encode("an older page"))
    old = stale.stat().st_mtime - week
    os.utime(stale, (old, old))
    for entry in used:  # every entry is old, but the next build reads them all again
        os.utime(entry, (old, old))
    os.utime(site / CACHE_DIR / "swept", (old, old))
    path = site / STRETCH
    path.write_text(path.read_text().replace("Feel it", "You feel it"))
    warm(site, out)
    left = set(entries(site))
    assert stale not in left
    # the edited page's own entries (load, parse, lint, render, scan), now unused
    assert 0 < len(used - left) <= 5
    stale.write_bytes(encode("an older page"))
    os.utime(stale, (old, old))
    path.write_text(path.read_text().replace("You feel it", "Feel it"))
    warm(site, out)  # swept less than a day ago: not again
    assert stale.exists()
