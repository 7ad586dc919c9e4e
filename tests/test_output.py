"""Output: pretty URLs, relative links, assets, sitemap, drafts, determinism and atomic swaps."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from sample_site import TODAY_EPOCH, build_site, tree, write_site

from psoasguide.cache import CACHE_DIR
from psoasguide.output import MARKER


def _errors(result):
    return [d for d in result.diagnostics if d.severity == "error"]


def test_pretty_urls_and_special_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = build_site(write_site(tmp_path / "site"), out)
    assert not _errors(result) and result.written
    files = set(tree(out))
    for page in ("index.html", "404.html", "sitemap.xml", "robots.txt",
                 "anatomy/index.html", "anatomy/psoas-major/index.html",
                 "stretches/half-kneeling/index.html", "routines/quick/index.html",
                 "causes/sitting/index.html", "pages/safety/index.html"):
        assert page in files
    assert MARKER in files


def test_links_are_page_relative_and_absolute_only_where_needed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_site(write_site(tmp_path / "site"), out)
    stretch = (out / "stretches/half-kneeling/index.html").read_text()
    assert 'href="../../anatomy/psoas-major/"' in stretch
    assert '<link rel="canonical" href="https://example.org/guide/stretches/half-kneeling/">' \
        in stretch
    home = (out / "index.html").read_text()
    assert 'href="stretches/half-kneeling/"' in home
    not_found = (out / "404.html").read_text()
    assert re.search(r'href="https://example\.org/guide/static/style\.[0-9a-f]{10}\.css"',
                     not_found)
    assert 'href="https://example.org/guide/anatomy/"' in not_found


def test_assets_are_fingerprinted_and_referenced(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_site(write_site(tmp_path / "site"), out)
    css = [p for p in tree(out) if p.startswith("static/style.") and p.endswith(".css")]
    assert len(css) == 1 and re.fullmatch(r"static/style\.[0-9a-f]{10}\.css", css[0])
    assert [p for p in tree(out) if re.fullmatch(r"static/timer\.[0-9a-f]{10}\.(css|js)", p)]
    page = (out / "anatomy/psoas-major/index.html").read_text()
    assert f'href="../../{css[0]}"' in page
    assert b".highlight" in (out / css[0]).read_bytes()  # Pygments classes included


def test_site_static_overrides_theme_file_by_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    root = write_site(tmp_path / "site", {"static/style.css": "body { color: red }\n",
                                          "static/img/logo.txt": "logo\n"})
    build_site(root, out)
    files = tree(out)
    style = next(v for k, v in files.items() if k.startswith("static/style."))
    assert style.startswith(b"body { color: red }")
    assert any(re.fullmatch(r"static/img/logo\.[0-9a-f]{10}\.txt", k) for k in files)


def test_sitemap_and_robots(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_site(write_site(tmp_path / "site"), out)
    sitemap = (out / "sitemap.xml").read_text()
    locs = re.findall(r"<loc>(.*?)</loc>", sitemap)
    assert "https://example.org/guide/" in locs
    assert "https://example.org/guide/anatomy/psoas-major/" in locs
    assert all(loc.startswith("https://example.org/guide/") for loc in locs)
    assert "<lastmod>2026-01-10</lastmod>" in sitemap
    robots = (out / "robots.txt").read_text()
    assert "Sitemap: https://example.org/guide/sitemap.xml" in robots


def test_base_url_override(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_site(write_site(tmp_path / "site"), out, base_url="https://me.github.io/repo")
    assert "Sitemap: https://me.github.io/repo/sitemap.xml" in (out / "robots.txt").read_text()


def test_drafts_left_out_unless_asked(tmp_path: Path) -> None:
    draft = ARTICLE_DRAFT
    root = write_site(tmp_path / "site", {"content/pages/later.md": draft})
    build_site(root, tmp_path / "a")
    assert not (tmp_path / "a/pages/later").exists()
    assert "later" not in (tmp_path / "a/sitemap.xml").read_text()
    build_site(root, tmp_path / "b", drafts=True)
    page = (tmp_path / "b/pages/later/index.html").read_text()
    assert "Draft: not published" in page and 'content="noindex"' in page


ARTICLE_DRAFT = (
    "---\ntitle: Later\nsummary: Not yet.\nreviewed: 2026-01-01\ndraft: true\n---\nSoon.\n"
)


def test_markup_in_front_matter_is_escaped(tmp_path: Path) -> None:
    article = ("---\ntitle: \"<b>Bold</b> & <script>x</script>\"\nsummary: \"<i>x</i>\"\n"
               "reviewed: 2026-01-01\n---\nBody.\n")
    out = tmp_path / "out"
    result = build_site(write_site(tmp_path / "site", {"content/pages/odd.md": article}), out)
    assert not _errors(result)
    page = (out / "pages/odd/index.html").read_text()
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt;" in page
    assert "<script>x</script>" not in page
    assert "\\u003cb\\u003eBold" in page  # JSON-LD escapes '<' so it cannot close its element


def test_two_builds_seconds_apart_are_byte_identical(tmp_path: Path) -> None:
    """Our own files; the search index (pagefind/) is reported apart, in test_search.py."""
    root = write_site(tmp_path / "site")
    build_site(root, tmp_path / "one")
    env = {**os.environ, "PYTHONHASHSEED": "12345", "SOURCE_DATE_EPOCH": TODAY_EPOCH}
    time.sleep(1.1)
    subprocess.run([sys.executable, "-m", "psoasguide", "build", "--root", str(root),
                    "--out", str(tmp_path / "two")], check=True, env=env, capture_output=True)
    one, two = tree(tmp_path / "one"), tree(tmp_path / "two")
    assert "index.html" in one and any(path.startswith("pagefind/") for path in one)
    assert ({k: v for k, v in one.items() if not k.startswith("pagefind/")}
            == {k: v for k, v in two.items() if not k.startswith("pagefind/")})


def test_failed_build_leaves_previous_output_untouched(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site")
    out = tmp_path / "out"
    build_site(root, out)
    before = tree(out)
    (root / "content/anatomy/psoas-major.md").write_text("---\ntitle: [unclosed\n---\n")
    (root / "content/pages/new.md").write_text("---\ntitle: New\n---\n")
    result = build_site(root, out)
    assert _errors(result) and not result.written
    assert tree(out) == before
    assert not list(tmp_path.glob(".out.staging-*"))


def test_unchanged_files_are_hard_linked_not_rewritten(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site")
    out = tmp_path / "out"
    build_site(root, out)
    inode = (out / "anatomy/psoas-major/index.html").stat().st_ino
    page = root / "content/pages/safety.md"
    page.write_text(page.read_text() + "\nMore.\n")
    build_site(root, out)
    assert (out / "anatomy/psoas-major/index.html").stat().st_ino == inode
    assert b"More." in (out / "pages/safety/index.html").read_bytes()


def test_refuses_to_replace_a_folder_it_did_not_write(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site")
    out = tmp_path / "precious"
    out.mkdir()
    (out / "thesis.txt").write_text("years of work")
    result = build_site(root, out)
    assert [d.code for d in result.diagnostics] == ["output-not-ours"]
    assert (out / "thesis.txt").read_text() == "years of work"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert build_site(root, empty).written


def test_the_spare_tree_is_refreshed_never_written_into(tmp_path: Path) -> None:
    """From the second build on, a build stages in the tree the last one swapped out: the
    output equals a clean build's, and the swapped-out tree keeps its old bytes (its unchanged
    files are hard links to the live output, so writing into one would change the live site
    before the swap)."""
    root, out = tmp_path / "site", tmp_path / "out"
    _versioned_site(root, "A")
    assert build_site(root, out).written
    _versioned_site(root, "B")
    assert build_site(root, out).written
    second = tree(out)
    _versioned_site(root, "C")
    (root / "content/pages/p29.md").unlink()
    assert build_site(root, out).written
    (spare,) = (root / CACHE_DIR).glob("spare-*")
    assert tree(spare) == second  # the output it replaced, whole and unchanged
    assert b"Text C." in (out / "pages/p00/index.html").read_bytes()
    assert not (out / "pages/p29").exists()
    assert build_site(root, tmp_path / "clean", cache=False).written
    assert tree(out) == tree(tmp_path / "clean")


def _versioned_site(root: Path, version: str) -> None:
    """The sample site with 30 more pages whose text names `version`."""
    extra = {f"content/pages/p{i:02d}.md":
             f"---\ntitle: Page {i}\nsummary: S.\nreviewed: 2026-01-01\n---\n"
             + f"## Part {version}\n\nText {version}.\n" * 5 for i in range(30)}
    write_site(root, extra)


#: Runs `psoasguide build` with the write stage paused at three points: half the files staged
#: (in a new folder, or in the spare left by the last build), all staged (and indexed), and
#: just after the swap, before the old output is removed or kept as the spare. At each
#: it prints the point's name and waits for a line on stdin, so the test can kill it right there.
_PAUSING_BUILD = """
import sys
from psoasguide import cli
from psoasguide.output import writer

def pause(point):
    print(point, flush=True)
    sys.stdin.readline()

stage_files, refresh, swap_in = writer._stage_files, writer._refresh, writer.swap_in

def staged_in_two_halves(files, stage, out):
    stage_files(files[:len(files) // 2], stage, out)
    pause("half-staged")
    stage_files(files[len(files) // 2:], stage, out)

def spare_refreshed_in_two_halves(files, stage):
    refresh(files[:len(files) // 2], stage)
    pause("half-staged")
    refresh(files, stage)

def swap_then_pause(stage, out):
    pause("staged")
    swap_in(stage, out)
    pause("swapped")

writer._stage_files, writer._refresh = staged_in_two_halves, spare_refreshed_in_two_halves
writer.swap_in = swap_then_pause
sys.exit(cli.main(sys.argv[1:]))
"""
POINTS = ("half-staged", "staged", "swapped")


def _build_killed_at(root: Path, out: Path, kill_at: str | None) -> list[str]:
    """Build `root` into `out` in a subprocess; SIGKILL it at `kill_at` (None: let it finish).
    Returns the points it reached."""
    proc = subprocess.Popen([sys.executable, "-c", _PAUSING_BUILD, "build", "--root", str(root),
                             "--out", str(out)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    assert proc.stdin and proc.stdout
    reached = []
    for line in proc.stdout:
        reached.append(line.strip())
        if reached[-1] == kill_at:
            proc.kill()
            break
        proc.stdin.write("go\n")
        proc.stdin.flush()
    code = proc.wait(timeout=60)
    assert code == (-signal.SIGKILL if kill_at else 0), (kill_at, reached, code)
    return reached


def test_killed_builds_never_leave_the_output_missing_empty_or_mixed(tmp_path: Path) -> None:
    """Builds are killed at each point of the write stage, and others finish in between: the
    output is always exactly the last finished build's (or, once swapped, the new one's), and a
    watcher polling the folder never finds it missing."""
    root, out = tmp_path / "site", tmp_path / "out"
    snapshots = {}
    for version in ("A", "B"):
        _versioned_site(root, version)
        assert build_site(root, out).written
        snapshots[version] = tree(out)
    assert list((root / CACHE_DIR).glob("spare-*")), "the killed builds should stage in a spare"
    missing, polls, stop = [], [0], threading.Event()

    def watch() -> None:
        while not stop.is_set():  # time.sleep, not stop.wait: libfaketime breaks timed waits
            polls[0] += 1
            if not (out / "index.html").exists() or not (out / MARKER).exists():
                missing.append(polls[0])
            time.sleep(0.002)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    current = "B"
    try:
        for kill_at in ("half-staged", None, "staged", "swapped"):
            new = "A" if current == "B" else "B"
            _versioned_site(root, new)
            reached = _build_killed_at(root, out, kill_at)
            swapped = kill_at in ("swapped", None)
            assert reached == list(POINTS[:POINTS.index(kill_at) + 1] if kill_at else POINTS)
            expected = new if swapped else current
            assert tree(out) == snapshots[expected], f"killed at {kill_at}: not {expected}"
            staging = list(tmp_path.glob(".out.staging-*"))
            assert bool(staging) == (kill_at is not None), (kill_at, staging)
            current = expected
    finally:
        stop.set()
        watcher.join()
    assert polls[0] > 20 and not missing, (polls[0], missing)
    assert build_site(root, out).written  # stale staging folders are cleaned up
    assert not list(tmp_path.glob(".out.staging-*"))
