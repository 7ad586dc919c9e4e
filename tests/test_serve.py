"""`psoasguide serve`: the site from memory, the reload script injected, rebuilds on change."""

from __future__ import annotations

import gc
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import weakref
from pathlib import Path

import pytest
from sample_site import TODAY, write_site

from psoasguide import BuildConfig, build
from psoasguide.cache import MemoryStore
from psoasguide.layout import THEME_DIR
from psoasguide.model import OutputFile, Search
from psoasguide.serve import Site, make_server
from psoasguide.serve.livereload import EVENTS_PATH
from psoasguide.serve.server import keep_out_of_collections


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_serves_from_memory_with_the_script_injected(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site")
    site = Site()
    server = make_server(site, "127.0.0.1", 0)
    base = f"http://127.0.0.1:{server.server_port}"
    site.update(build(BuildConfig(root=root, write=False, today=TODAY, base_url=base)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        status, page = _get(f"{base}/anatomy/psoas-major/")
        assert status == 200 and "<h1>Psoas major</h1>" in page
        tag = page.index('<script src="/__psoasguide/reload.js"')
        assert tag < page.index("</body>")
        assert "<script>" not in page  # a file, so the page's policy can refuse inline script
        status, script = _get(f"{base}/__psoasguide/reload.js")
        assert status == 200 and "new EventSource" in script
        assert not (root / "public").exists()  # nothing is written to disk
        status, missing = _get(f"{base}/no/such/page/")
        assert status == 404 and "Page not found" in missing
        status, _ = _get(f"{base}/anatomy")  # followed redirect to the folder URL
        assert status == 200
        css = re.search(r'href="(\.\./\.\./static/style\.[0-9a-f]+\.css)"', page)
        assert css and _get(f"{base}/static/{css.group(1).rsplit('/', 1)[1]}")[0] == 200
    finally:
        server.shutdown()


def test_a_failed_rebuild_keeps_the_last_good_site_and_shows_the_problems(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site")
    site = Site()
    site.update(build(BuildConfig(root=root, write=False, today=TODAY)))
    good = dict(site.files)
    (root / "content/pages/safety.md").write_text("---\ntitle: [broken\n---\n")
    site.update(build(BuildConfig(root=root, write=False, today=TODAY)))
    assert site.files == good and site.version == 2
    assert [d.code for d in site.problems] == ["yaml-syntax"]


def test_editing_a_file_rebuilds_and_signals_a_reload(tmp_path: Path) -> None:
    """...and once stopped (`kill`), the server leaves nothing in the temporary folder."""
    root = write_site(tmp_path / "site")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795132800", "PYTHONUNBUFFERED": "1",
           "TMPDIR": str(temporary)}
    proc = subprocess.Popen([sys.executable, "-m", "psoasguide", "serve", "--root", str(root),
                             "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True, env=env)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        base = re.search(r"serving on (http://\S+)/", line)
        assert base, line
        events = urllib.request.urlopen(base.group(1) + EVENTS_PATH, timeout=10)
        first = events.readline().decode()
        assert first.startswith("data: ")
        events.readline()
        page = root / "content/pages/safety.md"
        page.write_text(page.read_text() + "\nA new sentence.\n")
        second = events.readline().decode()
        assert second.startswith("data: ") and second != first
        deadline = time.monotonic() + 10
        while "A new sentence." not in _get(base.group(1) + "/pages/safety/")[1]:
            assert time.monotonic() < deadline, "the page was not rebuilt"
            time.sleep(0.1)
        events.close()
        deadline = time.monotonic() + 60
        while _get(base.group(1) + "/pagefind/pagefind.js")[0] != 200:
            assert time.monotonic() < deadline, "the search index was not made"
            time.sleep(0.1)
        assert list(temporary.glob("psoasguide-serve-*"))  # the index's staging folder
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert proc.returncode == 0
    assert not list(temporary.iterdir())


def test_a_kill_while_the_index_is_made_stops_pagefind_and_leaves_nothing(tmp_path: Path
                                                                          ) -> None:
    """A kill while Pagefind indexes stops it and deletes its staging folder. Before, Pagefind
    (here a stand-in that writes its index after a second) went on writing into the folder the
    server had deleted on its way out, and the folder stayed in the temporary folder."""
    root = write_site(tmp_path / "site")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    slow = tmp_path / "slow-pagefind"
    slow.write_text('#!/bin/sh\nsleep 1\nmkdir -p "$2/pagefind" && echo x > "$2/pagefind/x"\n')
    slow.chmod(0o755)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795132800", "PYTHONUNBUFFERED": "1",
           "TMPDIR": str(temporary), "PAGEFIND_BINARY_PATH": str(slow)}
    proc = subprocess.Popen([sys.executable, "-m", "psoasguide", "serve", "--root", str(root),
                             "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True, env=env)
    try:
        assert proc.stdout is not None
        assert "serving on" in proc.stdout.readline()
        deadline = time.monotonic() + 10
        while not list(temporary.glob("psoasguide-serve-*/*")):  # the site staged
            assert time.monotonic() < deadline, "the index was not started"
            time.sleep(0.01)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    time.sleep(1.5)  # past the moment the stand-in would write
    assert proc.returncode == 0
    assert not list(temporary.iterdir())


def test_rebuilds_reuse_the_warm_state_and_the_problems_are_served(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site")
    config = BuildConfig(root=root, write=False, today=TODAY, store=MemoryStore())
    site = Site()
    first = build(config)
    site.update(first)
    again = build(config)
    assert again.files == first.files and again.reused == len(
        [f for f in first.files if f.path.endswith(".html")])
    assert not (root / ".psoasguide-cache").exists()  # the preview keeps its cache in memory
    (root / "content/pages/safety.md").write_text("---\ntitle: [broken\n---\n")
    site.update(build(config))
    assert [d.code for d in site.problems] == ["yaml-syntax"]


def test_rebuilds_keep_compiled_templates_and_see_an_edited_one(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site")
    store = MemoryStore()
    config = BuildConfig(root=root, write=False, today=TODAY, store=store, search=Search.OFF)
    build(config)
    compiled = {key for space, key in store.entries if space == "template-code"}
    assert compiled  # the dev server compiled its templates once...
    (root / "templates").mkdir()
    base = (THEME_DIR / "base.html").read_text()
    (root / "templates/base.html").write_text(base.replace("</body>", "<p>Edited.</p></body>"))
    again = build(config)
    assert all(b"<p>Edited.</p>" in f.data for f in again.files if f.path.endswith(".html"))
    (root / "templates/base.html").write_text(base.replace("</body>", "<p>Twice.</p></body>"))
    third = build(config)
    assert all(b"<p>Twice.</p>" in f.data for f in third.files if f.path.endswith(".html"))
    disk = build(BuildConfig(root=root, today=TODAY, out=tmp_path / "out", search=Search.OFF))
    assert disk.written and (root / ".psoasguide-cache/page.pack").exists()
    assert not list((root / ".psoasguide-cache").glob("template-code*"))  # never on disk


def test_the_search_index_is_made_in_the_background_and_served(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site")
    site = Site()
    result = build(BuildConfig(root=root, write=False, today=TODAY, search=Search.INDEX))
    site.update(result)
    assert site.lookup("/pagefind/pagefind.js") is None
    site.index_in_background(result.files).join(timeout=60)
    found = site.lookup("/pagefind/pagefind.js")
    assert found is not None and found[1]
    assert site.lookup("/pagefind/pagefind-ui.js") is not None


def test_one_index_at_a_time_and_the_newest_build_is_indexed_next(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from psoasguide.serve import server

    started, release = threading.Event(), threading.Event()
    indexed: list[bytes] = []
    running = []

    def fake_index(files: tuple[OutputFile, ...], *_staging: object) -> dict[str, bytes]:
        running.append(1)
        assert len(running) == 1, "two indexers at once"
        started.set()
        release.wait(timeout=30)
        indexed.append(files[0].data)
        running.pop()
        return {"pagefind/pagefind.js": files[0].data}

    monkeypatch.setattr(server, "_search_index", fake_index)
    site = Site()
    first = site.index_in_background((OutputFile("a.html", b"first"),))
    assert started.wait(timeout=30)
    for name in (b"second", b"third"):  # saved while the first index is being made
        site.version += 1
        assert site.index_in_background((OutputFile("a.html", name),)) is first
    release.set()
    first.join(timeout=30)
    assert indexed == [b"first", b"third"]
    assert site.lookup("/pagefind/pagefind.js") == ("pagefind/pagefind.js", b"third")


def test_build_problems_ride_in_a_data_attribute_not_inline_script() -> None:
    from psoasguide.diagnostics import error
    from psoasguide.serve.livereload import inject

    page = inject(b"<html><body><p>Hi</p></body></html>",
                  [error("content/a.md", 3, 1, "yaml-syntax", 'bad "quote" </script>')])
    text = page.decode()
    assert text.endswith("</script></body></html>")
    assert "<script>" not in text and 'data-problems="[&quot;content/a.md:3:1' in text
    assert "</script>" not in text.split("data-problems=")[1].split('"></script>')[0]


def test_the_warm_state_is_kept_out_of_collections_and_cycles_go_at_a_full_one() -> None:
    """After a rebuild the server's objects are left out of the collector's scans; reference
    cycles a rebuild dropped are freed by the periodic full collection, not kept for good."""

    class Node:
        pass

    node = Node()
    node.me = node  # type: ignore[attr-defined]
    dropped = weakref.ref(node)
    del node
    try:
        keep_out_of_collections(full=False)
        gc.collect()
        assert dropped() is not None  # held out of the scans, cycle and all
        keep_out_of_collections(full=True)
        assert dropped() is None
    finally:
        gc.unfreeze()


def test_the_background_index_stages_only_the_files_a_build_changed() -> None:
    from psoasguide.serve.server import _Staging

    staging = _Staging()
    same = OutputFile("a.html", b"A")
    root = staging.update((same, OutputFile("d/b.html", b"B")))
    (root / "pagefind").mkdir()
    (root / "pagefind/old.pf_fragment").write_bytes(b"stale")
    os.utime(root / "a.html", ns=(1, 1))
    assert staging.update((same, OutputFile("c.html", b"C"))) == root
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) == \
        ["a.html", "c.html"]  # b.html gone, and no index left over for Pagefind to find
    assert (root / "a.html").stat().st_mtime_ns == 1  # the same bytes: not written again
    staging.update((OutputFile("a.html", b"A, edited"),))
    assert (root / "a.html").read_bytes() == b"A, edited"
