"""The search index: what Pagefind indexes, the search page, failures, --no-search, determinism.

Every build here runs the real, pinned Pagefind binary. A failing indexer is made through
Pagefind's own `PAGEFIND_BINARY_PATH` setting (a missing file, or a small script that fails).
The search page in a real browser is in test_search_browser.py.
"""

from __future__ import annotations

import gzip
import importlib.metadata
import json
import os
import re
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
from conftest import Guide
from sample_site import GUIDE_TODAY, build_site, tree, write_site

from psoasguide import BuildConfig, Severity, build, stages
from psoasguide.model import OutputFile, Search
from psoasguide.output import check_links, search
from psoasguide.output.search import pagefind_binary

REPO = Path(__file__).resolve().parent.parent
PINNED = "1.5.2"
EPOCH = "1795132800"  # 2026-11-20, so the sample's dates are in the past


def indexed(out: Path) -> dict[str, str]:
    """URL -> text of every page in Pagefind's index (a fragment is gzip: a signature, JSON)."""
    pages = {}
    for file in (out / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(file.read_bytes())
        fragment = json.loads(data[data.index(b"{"):])
        pages[fragment["url"]] = fragment["content"]
    return pages


def run_cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("GITHUB_ACTIONS", "NO_COLOR", "PAGEFIND_BINARY_PATH")}
    environment.update({"SOURCE_DATE_EPOCH": EPOCH, **env})
    return subprocess.run([sys.executable, "-m", "psoasguide", *args], text=True,
                          capture_output=True, env=environment, timeout=60)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site, built once with its search index."""
    tmp = tmp_path_factory.mktemp("search")
    result = build_site(write_site(tmp / "site"), tmp / "out")
    assert result.written and not result.diagnostics, result.diagnostics
    return tmp / "out"


# --- the index -------------------------------------------------------------------------------


def test_pagefind_is_the_pinned_version() -> None:
    assert importlib.metadata.version("pagefind") == PINNED
    assert importlib.metadata.version("pagefind-bin") == PINNED
    binary = pagefind_binary()
    assert binary is not None and binary.is_file()
    version = subprocess.run([str(binary), "--version"], capture_output=True, text=True,
                             timeout=30, check=True)
    assert version.stdout.strip() == f"pagefind {PINNED}"
    dependencies = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert f"pagefind[bin]=={PINNED}" in dependencies["dependencies"]
    assert f"pagefind-bin=={PINNED}" in dependencies["dependencies"]


def test_index_holds_articles_sections_and_home_only(built: Path) -> None:
    assert (built / "pagefind" / "pagefind-entry.json").is_file()
    pages = indexed(built)
    articles = {"/anatomy/psoas-major/", "/causes/sitting/", "/stretches/half-kneeling/",
                "/routines/quick/", "/pages/safety/"}
    sections = {"/anatomy/", "/causes/", "/stretches/", "/routines/", "/pages/"}
    # not 404.html, /search/, the taxonomy pages (/types/, /difficulty/) or their terms
    assert set(pages) == articles | sections | {"/"}


def test_index_holds_the_main_content_not_lists_or_chrome(built: Path) -> None:
    pages = indexed(built)
    stretch = pages["/stretches/half-kneeling/"]
    for wanted in ("Half-kneeling stretch", "Kneel and tuck", "Tuck the tailbone",
                   "Knee pain", "front of the hip"):
        assert wanted in stretch, (wanted, stretch)
    for unwanted in ("Muscles it targets", "Mentioned in", "Clinical Anatomy", "Checked against",
                     "not a diagnosis", "Skip to content", "Anatomy"):
        assert unwanted not in stretch, (unwanted, stretch)
    assert "Nerve supply L1 to L3" in pages["/anatomy/psoas-major/"]
    assert pages["/anatomy/"] == "Anatomy."  # a section's list is not indexed
    assert pages["/"] == "Sample."


def test_search_page_and_every_link_of_the_written_site_resolve(built: Path) -> None:
    files = tree(built)
    page = files["search/index.html"].decode()
    assert '<link rel="stylesheet" href="../pagefind/pagefind-ui.css">' in page
    assert '<script src="../pagefind/pagefind-ui.js"></script>' in page
    assert re.search(r'<script src="\.\./static/search\.[0-9a-f]{10}\.js"></script>', page)
    assert "<noscript>" in page
    # the link check again, now on the folder as written: Pagefind's files are really there
    written = [OutputFile(path, data) for path, data in files.items()]
    assert check_links(written, "https://example.org/guide/", {}) == []
    for path, data in files.items():  # every page's header links to the search page
        if path.endswith("index.html") and b"site-header" in data:
            href = "./" if path == "search/index.html" else "../" * path.count("/") + "search/"
            assert f'<a href="{href}"'.encode() in data, path
    assert "search" not in (built / "sitemap.xml").read_text()


# --- failures --------------------------------------------------------------------------------


def _fake_pagefind(tmp_path: Path, script: str) -> Path:
    binary = tmp_path / "fake-pagefind"
    binary.write_text("#!/bin/sh\n" + script)
    binary.chmod(0o755)
    return binary


@pytest.mark.parametrize(("script", "message"), [
    (None, "Pagefind's binary was not found at "),
    ("echo 'Error: pretend failure' >&2\nexit 3\n",
     "Pagefind failed with exit code 3:\n    Error: pretend failure"),
    ("echo 'Indexed 0 pages'\n", "Pagefind did not write pagefind/pagefind-ui.css, "
                                 "pagefind/pagefind-ui.js:\n    Indexed 0 pages"),
    ("exec sleep 10\n", "Pagefind did not finish within 0.5 s"),
], ids=["missing", "fails", "writes-nothing", "times-out"])
def test_failing_indexer_is_an_error_and_keeps_the_previous_site(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str | None, message: str
) -> None:
    root, out = write_site(tmp_path / "site"), tmp_path / "out"
    assert build_site(root, out).written
    before = tree(out)
    page = root / "content/pages/safety.md"
    page.write_text(page.read_text() + "\nA change that is never published.\n")
    binary = _fake_pagefind(tmp_path, script) if script else tmp_path / "no-such-pagefind"
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))
    monkeypatch.setattr(search, "TIMEOUT", 0.5)
    result = build_site(root, out)
    assert not result.written
    [problem] = result.diagnostics
    assert (problem.severity, problem.code) == (Severity.ERROR, "search-index")
    assert problem.path == str(out.absolute() / "pagefind")
    assert problem.message.startswith(message), problem.message
    assert "--no-search" in problem.hint
    assert tree(out) == before
    assert not list(tmp_path.glob(".out.staging-*"))


def test_cli_reports_a_missing_pagefind_with_exit_2(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site")
    result = run_cli("build", "--root", str(root),
                     PAGEFIND_BINARY_PATH=str(tmp_path / "no-such-pagefind"))
    assert result.returncode == 2, result.stderr
    assert "error[search-index] Pagefind's binary was not found" in result.stderr
    assert "Traceback" not in result.stderr
    assert "build failed: 1 error, 0 warnings; nothing was written" in result.stderr
    assert not (root / "public").exists()


# --- indexing while the links are checked ---------------------------------------------------

BROKEN_ANCHOR = "\nSee [how to feel it](../../anatomy/psoas-major/#no-such-part).\n"


def _running(pid: int) -> bool:
    """True while process `pid` runs (a zombie, ended but not yet reaped, does not count)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def test_a_broken_link_stops_the_index_started_meanwhile_and_keeps_the_site(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pagefind starts on the staged site as soon as the pages are rendered and indexes while
    their links are checked: a broken link found then stops it at once (not after its time
    limit) and deletes the staged site, and the previous site stays as it was."""
    root, out = write_site(tmp_path / "site"), tmp_path / "out"
    assert build_site(root, out).written
    before = tree(out)
    page = root / "content/pages/safety.md"
    page.write_text(page.read_text() + BROKEN_ANCHOR)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(_fake_pagefind(tmp_path, "exec sleep 60\n")))
    started: list[search.Indexing] = []

    def start(staged: Path, where: Path) -> search.Indexing:
        started.append(search.start_index(staged, where))
        return started[-1]

    monkeypatch.setattr(stages, "start_index", start)
    result = build_site(root, out, cache=False)
    assert not result.written
    assert [d.code for d in result.diagnostics if d.severity is Severity.ERROR] == ["broken-link"]
    [indexing] = started
    assert indexing.process is not None and indexing.process.returncode == -signal.SIGKILL
    assert tree(out) == before
    assert not list(tmp_path.glob(".out.staging-*"))


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_an_interrupted_build_stops_pagefind_and_leaves_no_staging(tmp_path: Path,
                                                                   signum: int) -> None:
    """Ctrl+C or `kill` while Pagefind indexes: Pagefind is stopped, the staged site deleted,
    the previous site kept; one line says so, with exit code 128 + the signal's number."""
    root, out = write_site(tmp_path / "site"), tmp_path / "out"
    assert run_cli("build", "--root", str(root), "--out", str(out)).returncode == 0
    before = tree(out)
    page = root / "content/pages/safety.md"
    page.write_text(page.read_text() + "\nA change that is never published.\n")
    pid_file = tmp_path / "pagefind.pid"
    fake = _fake_pagefind(tmp_path, f"echo $$ > {pid_file}.new\nmv {pid_file}.new {pid_file}\n"
                                    "exec sleep 60\n")
    environment = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR")}
    environment.update({"SOURCE_DATE_EPOCH": EPOCH, "PAGEFIND_BINARY_PATH": str(fake)})
    build_process = subprocess.Popen(
        [sys.executable, "-m", "psoasguide", "build", "--root", str(root), "--out", str(out)],
        stderr=subprocess.PIPE, text=True, env=environment)
    try:
        for _ in range(3000):  # until Pagefind runs (at most a minute)
            if pid_file.exists() or build_process.poll() is not None:
                break
            time.sleep(0.02)
        assert pid_file.exists(), "Pagefind was not started"
        build_process.send_signal(signum)
        _, err = build_process.communicate(timeout=60)
    finally:
        build_process.kill()
        build_process.wait()
    assert build_process.returncode == 128 + signum, err
    assert "interrupted; the output folder holds the last complete build" in err
    assert "Traceback" not in err
    assert not _running(int(pid_file.read_text()))
    assert tree(out) == before
    assert not list(tmp_path.glob(".out.staging-*"))


# --- without an index: --no-search, check, serve ---------------------------------------------


def test_no_search_builds_without_pagefind_and_says_so(tmp_path: Path) -> None:
    root, out = write_site(tmp_path / "site"), tmp_path / "out"
    assert run_cli("build", "--root", str(root), "--out", str(out)).returncode == 0
    assert (out / "pagefind").is_dir()
    missing = {"PAGEFIND_BINARY_PATH": str(tmp_path / "no-such-pagefind")}
    result = run_cli("build", "--root", str(root), "--out", str(out), "--no-search", **missing)
    assert result.returncode == 0, result.stderr
    assert not (out / "pagefind").exists()  # the earlier index is gone with the old output
    page = (out / "search/index.html").read_text()
    assert "this copy of the guide was built without a search index" in page
    assert not [p for p in out.rglob("*.html") if "pagefind/" in p.read_text()]
    assert "--no-search" in run_cli("build", "--help").stdout
    # check never indexes: it passes with no Pagefind at all, and writes nothing
    checked = run_cli("check", "--root", str(root), **missing)
    assert checked.returncode == 0, checked.stderr
    assert not (root / "public").exists()


def test_serve_preview_has_no_index_and_says_so(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site")
    result = build(BuildConfig(root=root, write=False, search=Search.PREVIEW))
    files = {f.path: f.data.decode() for f in result.files if f.path.endswith(".html")}
    assert "Search is not available in the preview" in files["search/index.html"]
    assert not [path for path, text in files.items() if "pagefind/" in text]


# --- determinism -----------------------------------------------------------------------------


def test_search_index_is_byte_identical_across_builds(tmp_path: Path, guide: Guide) -> None:
    """docs/architecture.md (6): the index's determinism is reported apart from our own files'.

    Finding (Pagefind 1.5.2, 2026-11-21): byte-identical. Six builds of the guide and four of a
    300-article synthetic site (different output folders, PYTHONHASHSEED, one core or two, fresh
    or over the previous output) gave the same pagefind/ folder every time.
    """
    again = build(BuildConfig(root=REPO, out=tmp_path / "again", base_url=guide.base,
                              today=GUIDE_TODAY))  # as the session's build (conftest)
    assert again.written, again.diagnostics
    runs = [{path: data for path, data in tree(out).items() if path.startswith("pagefind/")}
            for out in (guide.out, tmp_path / "again")]
    assert len(runs[0]) > 20
    assert runs[0] == runs[1]
