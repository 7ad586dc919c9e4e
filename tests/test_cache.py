"""The persistent cache: a warm build equals a clean one, reuses what did not change, and a
corrupt, truncated, foreign or older cache (or two builds at once) never changes the output."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import pickle
import random
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from sample_site import build_site, tree, write_site

from psoasguide import stages
from psoasguide.cache import CACHE_DIR, pack, projection
from psoasguide.cache.keys import key_of
from psoasguide.cache.lazymap import CacheCorrupt
from psoasguide.cache.pack import HEADER, RECORD, RECORD_MAGIC
from psoasguide.cache.store import FORMAT, Store, decode, encode, lazy_map
from psoasguide.frozen import FrozenMap
from psoasguide.model import Document, Mark, Search

STRETCH = "content/stretches/half-kneeling.md"


def packs(root: Path) -> list[Path]:
    return sorted((root / CACHE_DIR).glob("*.pack"))


def records(path: Path) -> list[tuple[int, int]]:
    """(payload offset, length) of each record in a pack, asserting that the pack is whole:
    a current header, then whole records whose checksums and values are right."""
    data = path.read_bytes()
    assert HEADER.unpack_from(data) == (pack.MAGIC, pack.PACK_FORMAT)
    found, at = [], HEADER.size
    while at < len(data):
        magic, _, length, crc = RECORD.unpack_from(data, at)
        payload = data[at + RECORD.size:at + RECORD.size + length]
        assert magic == RECORD_MAGIC and len(payload) == length and zlib.crc32(payload) == crc
        decode(payload)
        found.append((at + RECORD.size, length))
        at += RECORD.size + length
    return found


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


def _damaged(data: bytearray, entries: list[tuple[int, int]], damage: str) -> bytes:
    """A pack's bytes damaged as `damage` says."""
    noise = random.Random(damage).randbytes
    for offset, length in entries:
        if damage == "flip":  # every entry's last byte
            data[offset + length - 1] ^= 0xFF
        elif damage == "magic":  # every record header
            data[offset - RECORD.size] ^= 0xFF
        elif damage == "forged":  # every payload garbage, behind a right checksum
            data[offset:offset + length] = noise(length)
            data[offset - 4:offset] = zlib.crc32(data[offset:offset + length]).to_bytes(4, "big")
    cut = {"truncate": len(data) // 2, "empty": 0, "header-only": HEADER.size + RECORD.size // 2}
    if damage == "garbage":
        return noise(len(data))
    return bytes(data[:cut.get(damage, len(data))])


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "header-only", "magic",
                                    "garbage", "forged"])
def test_damaged_entries_are_discarded_and_rebuilt(site: Path, tmp_path: Path,
                                                   damage: str) -> None:
    expected, _ = warm(site, tmp_path / "out")
    pages = len([p for p in expected if p.endswith(".html")])
    for path in packs(site):
        path.write_bytes(_damaged(bytearray(path.read_bytes()), records(path), damage))
    again, reused = warm(site, tmp_path / "out2")
    assert again == expected
    if damage != "truncate":  # a pack cut in half keeps the whole records before the cut
        assert reused == 0
    for path in packs(site):  # every damaged entry was replaced by a whole one
        records(path)
    again, reused = warm(site, tmp_path / "out3")
    assert again == expected and reused == pages


def test_an_older_cache_is_discarded_whole(site: Path, tmp_path: Path) -> None:
    expected, _ = warm(site, tmp_path / "out")
    (site / CACHE_DIR / "format").write_text(f"psoasguide cache format {FORMAT - 1}\n")
    (site / CACHE_DIR / "left-over").write_text("from an older psoasguide")
    again, reused = warm(site, tmp_path / "out2")
    assert again == expected and reused == 0
    assert not (site / CACHE_DIR / "left-over").exists()


def test_a_pack_of_another_format_is_a_miss_and_deleted(tmp_path: Path) -> None:
    Store(tmp_path / CACHE_DIR).put("render", "ab" * 32, "<p>old</p>")
    path = tmp_path / CACHE_DIR / "render.pack"
    data = bytearray(path.read_bytes())
    data[len(pack.MAGIC) + 1] ^= 0x01  # the pack's format number, just after the magic
    path.write_bytes(bytes(data))
    assert Store(tmp_path / CACHE_DIR).get("render", "ab" * 32) is None
    assert not path.exists()


def test_a_record_cut_short_is_ignored_and_the_pack_stays_usable(tmp_path: Path) -> None:
    """A build killed while appending (or still appending) leaves part of a record at the
    end: the records before it are read, and the next append first rewrites the file without
    the part, so that nothing follows it."""
    folder = tmp_path / CACHE_DIR
    store = Store(folder)
    store.put("parse", "01" * 32, "first")
    store.put("parse", "02" * 32, "second")
    path = folder / "parse.pack"
    path.write_bytes(path.read_bytes()[:-3])
    store = Store(folder)
    assert store.get("parse", "01" * 32) == "first" and store.get("parse", "02" * 32) is None
    store.put("parse", "02" * 32, "second again")
    store.put("parse", "03" * 32, "third")
    records(path)
    store = Store(folder)
    assert [store.get("parse", f"0{i}" * 32) for i in (1, 2, 3)] == [
        "first", "second again", "third"]


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


def test_large_mappings_come_back_equal_and_still_load_only_psoasguides_types(
        tmp_path: Path) -> None:
    """A large mapping (a document's marks) is stored pickled apart and loaded when first read:
    equal, with the same hash and key, and as safe to load as the rest of the entry."""
    marks = FrozenMap({("tags", i): Mark(i + 2, 3) for i in range(40)})
    back = decode(encode(marks))
    assert back == marks and hash(back) == hash(marks) and key_of(back) == key_of(marks)
    assert back[("tags", 5)] == Mark(7, 3) and decode(encode(back)) == marks
    marker = tmp_path / "ran"
    hostile = decode(encode(FrozenMap({i: _Touch(marker) for i in range(40)})))
    with pytest.raises(CacheCorrupt, match="not allowed"):
        hostile.get(1)
    assert not marker.exists()


class _HostileMarks:
    """Pickles as a lazily loaded mapping (as the cache stores a document's marks) whose
    payload is garbage, or names a callable outside psoasguide: the entry around it loads,
    the mapping fails only when a stage first reads it."""

    def __init__(self, payload: bytes) -> None:
        self.payload = payload

    def __reduce__(self) -> tuple:
        return (lazy_map, (self.payload,))


def _poison_documents(site: Path, payload: bytes) -> int:
    """Replace every cached document's marks with a `_HostileMarks`, in whole records with
    right checksums (as a crafted cache would); returns how many were replaced."""
    folder = site / CACHE_DIR
    index = pack.Pack(folder / "load.pack")._index
    entries = {raw.hex(): decode(pack.Pack(folder / "load.pack").read(raw.hex()) or b"")
               for raw in index}
    store, count = Store(folder), 0
    for key, (document, found) in entries.items():
        if isinstance(document, Document):
            store.replace("load", key, (dataclasses.replace(
                document, marks=_HostileMarks(payload)), found))
            count += 1
    return count


@pytest.mark.parametrize("payload", ["foreign", "garbage", "not-a-dict"])
def test_a_lazily_loaded_part_that_cannot_load_makes_the_build_start_again_on_a_new_cache(
        site: Path, tmp_path: Path, payload: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A well-formed entry whose lazily loaded mapping cannot be loaded is found only when a
    stage reads it: no traceback, no code run, no wrong page; the cache is discarded and the
    build runs again on a new one, which the next build reuses."""
    path = site / "content/anatomy/psoas-major.md"  # the link stage reads where tags were
    path.write_text(path.read_text().replace("---\n", "---\ntags: [posture]\n", 1))
    expected = clean(site, tmp_path / "clean")
    warm(site, tmp_path / "out")
    marker = tmp_path / "ran"
    data = {"foreign": pickle.dumps({("title",): _Touch(marker)}),
            "garbage": b"\x80\x05not a pickle at all",
            "not-a-dict": pickle.dumps(["a", "list"])}[payload]
    assert _poison_documents(site, data) >= 5
    (tmp_path / "out" / "index.html").unlink()  # not the whole-build entry: run the stages
    monkeypatch.setattr(projection, "_KNOWN", {})  # as in a new process: link facts made again
    again, reused = warm(site, tmp_path / "out")
    assert again == expected and reused == 0 and not marker.exists()
    for path in packs(site):
        records(path)
    again, reused = warm(site, tmp_path / "out2")
    assert again == expected and reused == len([p for p in expected if p.endswith(".html")])


def test_the_command_line_rebuilds_over_a_crafted_cache_without_a_traceback(
        site: Path, tmp_path: Path) -> None:
    """The same in a new process through `psoasguide build`: exit 0, no traceback, the site
    a clean build writes."""
    path = site / "content/anatomy/psoas-major.md"
    path.write_text(path.read_text().replace("---\n", "---\ntags: [posture]\n", 1))
    expected = clean(site, tmp_path / "clean")
    warm(site, tmp_path / "out")
    marker = tmp_path / "ran"
    assert _poison_documents(site, pickle.dumps({("title",): _Touch(marker)})) >= 5
    shutil.rmtree(tmp_path / "out")
    done = subprocess.run([sys.executable, "-m", "psoasguide", "build", "--root", str(site),
                           "--out", str(tmp_path / "out"), "--no-search"],
                          capture_output=True, text=True)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert tree(tmp_path / "out") == expected and not marker.exists()


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
    for path in packs(site):
        records(path)
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
