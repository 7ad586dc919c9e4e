"""Fixtures for every test: today pinned, every reported code checked, small sites, the
repository's guide built once per session, and one Chromium.

Small sites come from `sample_site` (re-exported here, so `from conftest import anatomy_md, ...`
works too): `make_site(files)` writes a site root in tmp_path; `check(files)` builds it in memory
and returns its diagnostics; `one(diags, code)` picks the single diagnostic a test expects.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sample_site import (  # noqa: F401 (re-exported for the tests that import them from here)
    ANATOMY,
    CAUSE,
    GUIDE_TODAY,
    MINIMAL_SITE_YAML,
    PAGE,
    REFERENCES,
    REPO,
    ROUTINE,
    STRETCH,
    TODAY,
    TODAY_EPOCH,
    Files,
    anatomy_md,
    base_files,
    cause_md,
    diagnose,
    page_md,
    routine_md,
    stretch_md,
    without_faketime,
    write_files,
)

from psoasguide import BuildConfig, BuildResult, Diagnostic, Severity, build, pipeline
from psoasguide.codes import CODES


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs on TODAY, whatever the clock says: `SOURCE_DATE_EPOCH` is set for the
    commands run in process and inherited by those run as subprocesses."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)


@pytest.fixture(scope="session", autouse=True)
def recorded_codes() -> Iterator[set[str]]:
    """Every code the builds run in this session reported; each must be in `psoasguide.codes`."""
    seen: set[str] = set()
    original = pipeline.sorted_diagnostics

    def recording(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        result = original(diagnostics)
        seen.update(d.code for d in result)
        return result

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "sorted_diagnostics", recording)
        yield seen
    assert seen <= set(CODES), f"codes missing from psoasguide/codes.py: {seen - set(CODES)}"


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Builds fork their workers even though session fixtures keep threads running here (the
    guide's HTTP server, Playwright's): without this a test run after them would build in one
    process and test nothing of the workers. Those threads only wait, holding no lock a
    worker needs."""
    monkeypatch.setattr(threading, "active_count", lambda: 1)


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Path]:
    """`make_site(files, site_yaml=...)`: a new site root in tmp_path with exactly these files."""
    counter = iter(range(1_000_000))

    def make(files: Files | None = None,
             site_yaml: str | bytes | None = MINIMAL_SITE_YAML) -> Path:
        return write_files(tmp_path / f"site{next(counter)}", files or {}, site_yaml)

    return make


@pytest.fixture
def check(make_site: Callable[..., Path]) -> Callable[..., list[Diagnostic]]:
    """`check(files, site_yaml=..., drafts=...)`: make a site and return its diagnostics."""

    def run(files: Files | None = None, site_yaml: str | bytes | None = MINIMAL_SITE_YAML,
            drafts: bool = False) -> list[Diagnostic]:
        return diagnose(make_site(files, site_yaml), drafts=drafts)

    return run


def show(diags: Iterable[Diagnostic]) -> str:
    """Diagnostics one a line, for assertion messages."""
    lines = [f"{d.path}:{d.line}:{d.col}: {d.severity}[{d.code}] {d.message} ({d.hint})"
             for d in diags]
    return "\n".join(lines) or "(no diagnostics)"


def errors(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Only the errors."""
    return [d for d in diags if d.severity is Severity.ERROR]


def input_errors(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Errors in the site's input (site.yaml and content/): what these tests are about.

    Theme and output problems are other tests' business, and lint warnings are not errors.
    """
    return [d for d in errors(diags) if d.path == "site.yaml" or d.path.startswith("content/")]


def with_code(diags: Iterable[Diagnostic], code: str) -> list[Diagnostic]:
    """The diagnostics with this code."""
    return [d for d in diags if d.code == code]


def one(diags: list[Diagnostic], code: str) -> Diagnostic:
    """The single diagnostic with `code`; fails with every diagnostic listed otherwise."""
    found = with_code(diags, code)
    assert len(found) == 1, f"expected exactly one [{code}], got:\n{show(diags)}"
    return found[0]


def where(d: Diagnostic) -> tuple[str, int, int]:
    """(path, line, col) of a diagnostic."""
    return d.path, d.line, d.col


def assert_no_input_errors(diags: list[Diagnostic]) -> None:
    """Good input: no error in site.yaml or content/."""
    assert not input_errors(diags), show(diags)


# --- the repository's own guide, built once -------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serving(folder: Path) -> Iterator[int]:
    """Serve `folder` over HTTP on a free local port while the block runs; yields the port."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class Guide:
    """The repository's guide, built (with its search index) into `out`, served at `base`."""

    out: Path
    base: str
    result: BuildResult


@pytest.fixture(scope="session")
def guide(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Guide]:
    """The guide built once per session as of GUIDE_TODAY, into a folder served over HTTP on a
    free local port; `base_url` is the server's address, so absolute URLs (canonical links,
    404.html) point at the local copy. Tests must not change `out`."""
    out = tmp_path_factory.mktemp("guide") / "public"
    with serving(out) as port:
        base = f"http://127.0.0.1:{port}/"
        result = build(BuildConfig(root=REPO, out=out, base_url=base, today=GUIDE_TODAY))
        assert not errors(result.diagnostics), show(result.diagnostics)
        assert result.written
        yield Guide(out, base, result)


#: Debian's Chromium, which Playwright drives in the browser tests (tests/setup.sh installs it).
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]


@pytest.fixture(scope="session")
def _driver_off_faketime() -> str | None:
    """Under Debian's `faketime`, which preloads libfaketime into every process, Playwright's Node
    driver aborts (even with FAKETIME_SKIP_CMDS). The driver and the Chromium it starts need no
    moved clock (browser timers use Playwright's clock), so the preload is left out while the
    driver starts (`chromium` puts it back); returns it."""
    if without_faketime(os.environ) == os.environ:
        return None
    return os.environ.pop("LD_PRELOAD")


@pytest.fixture(scope="session")
def chromium(_driver_off_faketime: str | None, playwright: Any) -> Iterator[Any]:
    """One Chromium for every browser test module."""
    if _driver_off_faketime is not None:  # the driver runs: later commands get the fake clock
        os.environ["LD_PRELOAD"] = _driver_off_faketime
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()
