"""Every core: the pool's output equals one process's byte for byte; a conversion that runs away
is an error at its article, not a hung build; progress and the summary line."""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import PAGE, base_files, page_md

from psoasguide import BuildConfig, build, forked
from psoasguide.cli import main
from psoasguide.model import BuildResult, Search
from psoasguide.parse import pool
from psoasguide.progress import Progress
from psoasguide.render.environment import Templates

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from generate import generate

#: Python-Markdown takes super-linear time over unmatched brackets (0.3 s here, 3 s at 2,000).
PATHOLOGICAL = "[a " * 600


def _files(result: BuildResult) -> dict[str, bytes]:
    return {f.path: f.data for f in result.files}


@pytest.mark.usefixtures("forking")
def test_the_pool_builds_the_same_bytes_as_one_process(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Load, parse, lint, render and the link check each on forked workers, the per-page
    stages in several rounds of them (thresholds lowered for a small guide)."""
    monkeypatch.setattr(forked, "MIN_PAGES", 8)
    monkeypatch.setattr(forked, "ROUNDS_FROM", 40)
    monkeypatch.setattr(pool, "MIN_POOL_ARTICLES", 8)
    forks: list[object] = []
    fork = forked._fork
    monkeypatch.setattr(forked, "_fork", lambda *args: forks.append(args) or fork(*args))
    root = generate(40, tmp_path / "guide")
    one = build(BuildConfig(root=root, write=False, search=Search.OFF, jobs=1, cache=False))
    assert forks == []
    two = build(BuildConfig(root=root, write=False, search=Search.OFF, jobs=3, cache=False))
    # two workers a round: parse in one round, load, lint, render and the check in four each
    assert len(forks) == 2 * (1 + 4 * 4)
    assert not [d for d in one.diagnostics if d.severity == "error"]
    assert len(one.files) > 40 and _files(one) == _files(two)
    assert one.diagnostics == two.diagnostics and one.report == two.report


@pytest.mark.usefixtures("forking")
def test_templates_are_compiled_while_the_pool_converts(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a cache, with a parse pool: this process compiles the templates while the
    workers convert articles (in the parse stage, not after it), and the pages are the same
    as one process makes."""
    monkeypatch.setattr(pool, "MIN_POOL_ARTICLES", 8)
    root = generate(40, tmp_path / "guide")
    events: list[str] = []
    preload = Templates.preload

    def compiling(self: Templates, ctx: object = None) -> None:
        events.append("compile")
        preload(self, ctx)

    monkeypatch.setattr(Templates, "preload", compiling)
    two = build(BuildConfig(root=root, write=False, search=Search.OFF, jobs=2, cache=False,
                            progress=events.append))
    assert events.index("parse") < events.index("compile") < events.index("link")
    one = build(BuildConfig(root=root, write=False, search=Search.OFF, jobs=1, cache=False))
    assert _files(one) == _files(two) and one.diagnostics == two.diagnostics


@pytest.mark.usefixtures("forking")
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_runaway_conversion_is_an_error_at_its_article(make_site: Callable[..., Path],
                                                         jobs: int) -> None:
    files = base_files()
    files[PAGE] = page_md(body=PATHOLOGICAL + "\n")
    for n in range(20):  # enough articles for the pool to be used
        files[f"content/pages/extra-{n}.md"] = page_md(f"Extra {n}", body="See [[about]].\n")
    result = build(BuildConfig(root=make_site(files), write=False, jobs=jobs,
                               markdown_timeout=0.05))
    [d] = [d for d in result.diagnostics if d.code == "markdown-timeout"]
    assert (d.path, d.line, d.col, d.severity.value) == (PAGE, 1, 1, "error")
    assert "CPU seconds, the limit for an article of its length" in d.message
    assert "unmatched '['" in (d.hint or "")
    assert not result.written
    # every other article was still converted and checked: no other error
    assert [x for x in result.diagnostics if x.severity.value == "error"] == [d]


def test_the_same_article_converts_without_a_limit(make_site: Callable[..., Path]) -> None:
    files = base_files()
    files[PAGE] = page_md(body=PATHOLOGICAL + "\n")
    result = build(BuildConfig(root=make_site(files), write=False, markdown_timeout=None))
    assert not [d for d in result.diagnostics if d.code == "markdown-timeout"]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_after_a_second_only() -> None:
    now = [0.0]
    terminal = _Terminal()
    shown = Progress(terminal, clock=lambda: now[0])
    shown.stage("parse")
    shown.converted(1, 10)
    assert terminal.getvalue() == ""  # a quick build stays quiet
    now[0] = 1.5
    shown.converted(7, 10)
    assert terminal.getvalue().endswith("converting pages: 7 of 10")
    shown.finish()
    assert terminal.getvalue().endswith("\r\x1b[K")
    plain = _Terminal()  # NO_COLOR: no escape codes, the line is blanked with spaces
    later = [0.0]
    shown = Progress(plain, clock=lambda: later[0], plain=True)
    later[0] = 1.5
    shown.converted(7, 10)
    shown.finish()
    assert plain.getvalue() == "\rconverting pages: 7 of 10\r" + " " * 25 + "\r"
    assert "\x1b" not in plain.getvalue()
    piped = io.StringIO()
    quiet = Progress(piped, clock=lambda: now[0] + 5)
    quiet.converted(9, 10)
    assert piped.getvalue() == ""


def test_one_summary_line_and_timings(make_site: Callable[..., Path],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    root = make_site(base_files())
    code = main(["build", "--root", str(root), "--no-search", "--no-cache", "--jobs", "2",
                 "--timings"])
    err = capsys.readouterr().err.splitlines()
    assert code == 0
    [summary] = [line for line in err if line.startswith("built ")]
    assert re.search(r" in \d+\.\d\d s: \d+ HTML pages rendered, 0 reused from the cache "
                     r"\(0 errors", summary), summary
    timings = err[err.index(summary) + 1]
    assert timings.startswith("seconds per stage: load ")
    assert all(f"{stage} " in timings for stage in ("parse", "link", "lint", "render", "write"))


def test_jobs_must_be_a_positive_number(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["build", "--jobs", "0"])
    assert exit_.value.code == 2 and "at least 1" in capsys.readouterr().err


@pytest.mark.usefixtures("forking")
def test_pool_progress_climbs_to_every_article(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """With a pool (this process converting a share too), the count shown never goes back
    and ends at every article."""
    monkeypatch.setattr(pool, "MIN_POOL_ARTICLES", 8)
    root = generate(40, tmp_path / "guide")
    seen: list[tuple[int, int]] = []
    build(BuildConfig(root=root, write=False, search=Search.OFF, jobs=2,
                      converted=lambda done, total: seen.append((done, total))))
    total = seen[-1][1]
    assert total >= 40 and seen[-1] == (total, total)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert all(t == total for _, t in seen)
