"""A corrupt, truncated, foreign or older cache, or two builds at once, never changes the
output: what makes no sense is a miss, and what fails only when first read makes the build
start again on a new cache."""

from __future__ import annotations

import dataclasses
import multiprocessing
import pickle
import random
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from cache_checks import clean, packs, records, warm
from sample_site import build_site, tree, write_site

from psoasguide.cache import CACHE_DIR, pack, projection
from psoasguide.cache.keys import key_of
from psoasguide.cache.lazymap import CacheCorrupt
from psoasguide.cache.pack import HEADER, RECORD
from psoasguide.cache.store import FORMAT, Store, decode, encode, lazy_map
from psoasguide.frozen import FrozenMap
from psoasguide.model import Document, Mark, Search


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return write_site(tmp_path / "site")



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


def test_a_crafted_search_index_entry_cannot_write_outside_the_output(
        site: Path, tmp_path: Path) -> None:
    """The search index is put in place from the cache by file name: a stored name that
    climbs out of the index folder makes the entry a miss (Pagefind runs again)."""
    out = tmp_path / "out"
    assert build_site(site, out).written
    expected = tree(out)
    folder = site / CACHE_DIR
    index = pack.Pack(folder / "index.pack")
    store = Store(folder)
    for raw in list(index._index):
        stored = decode(index.read(raw.hex()) or b"")
        store.replace("index", raw.hex(), {**stored, "../../escaped.txt": b"written",
                                           str(tmp_path / "absolute.txt"): b"written"})
    (out / "index.html").unlink()  # not the whole-build entry
    assert build_site(site, out).written
    assert not (tmp_path / "absolute.txt").exists()
    assert not list(tmp_path.parent.rglob("escaped.txt"))
    assert tree(out) == expected


def test_a_symbolic_link_in_the_cache_is_never_followed(site: Path, tmp_path: Path) -> None:
    """The writer stages a build in the output tree the last build swapped out, kept in the
    cache (`spare-*`): a crafted one that is a link to another folder is removed, not filled
    (filling it would delete that folder's files)."""
    out = tmp_path / "out"
    expected = clean(site, tmp_path / "clean")
    warm(site, out)
    warm(site, out)  # swaps the first site out: kept as the spare
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "notes.txt").write_text("keep me")
    spares = list((site / CACHE_DIR).glob("spare-*"))
    assert spares
    for spare in spares:
        shutil.rmtree(spare)
        spare.symlink_to(victim, target_is_directory=True)
    (site / CACHE_DIR / "lint.pack").unlink()
    (site / CACHE_DIR / "lint.pack").symlink_to(victim / "notes.txt")
    (out / "index.html").unlink()  # not the whole-build entry
    again, _ = warm(site, out)
    assert again == expected
    assert [p.name for p in victim.iterdir()] == ["notes.txt"]
    assert (victim / "notes.txt").read_text() == "keep me"
