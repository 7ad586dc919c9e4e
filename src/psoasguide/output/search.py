"""Search index: Pagefind, run on the staged site before it is swapped in (a build starts it
as soon as the site is staged and checks its links meanwhile).

Pagefind indexes only what the theme marks `data-pagefind-body` (articles, section pages and the
home page); pages without the mark (404, redirects, taxonomies, the search page) are left out.
The binary is the one the pinned `pagefind[bin]` package finds: Pagefind's own
`PAGEFIND_BINARY_PATH` setting first, then the `pagefind-bin` package. Its output is shown only
when it fails.
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import time
from pathlib import Path

from ..diagnostics import Diagnostic, error
from ..model import SEARCH_DIR, SEARCH_UI

#: Seconds Pagefind may take (the guide takes well under one).
TIMEOUT = 120
_HINT = ("install the pinned Pagefind with `pip install -e .`, point PAGEFIND_BINARY_PATH at a "
         "Pagefind 1.5.2 binary, or build with --no-search")
_SHOWN_LINES = 20


def pagefind_binary() -> Path | None:
    """The Pagefind binary as its Python package finds it (`pagefind.service.get_executable`:
    `PAGEFIND_BINARY_PATH`, then the `pagefind-bin` packages, then the PATH), or None. The
    lookup is done here in the same order: importing `pagefind.service` costs a build some
    50 ms (it loads asyncio for its service mode, which the build does not use)."""
    configured = os.environ.get("PAGEFIND_BINARY_PATH")
    if configured is not None:
        return Path(configured)
    for package in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        try:
            return Path(module.get_executable())
        except OSError:  # pagefind-bin installed without its binary
            return None
    found = shutil.which("pagefind_extended") or shutil.which("pagefind")
    return Path(found) if found else None


def _shown(output: str) -> str:
    """The last lines of a tool's output, indented under the diagnostic."""
    lines = [line for line in output.splitlines() if line.strip()][-_SHOWN_LINES:]
    return "".join(f"\n    {line}" for line in lines)


class Indexing:
    """Pagefind indexing a staged site into `<site>/pagefind/` in the background: the build
    goes on meanwhile; `result()` waits for it and gives its problems, reported at
    `<out>/pagefind`, where the index would have been published; `cancel()` stops it. A
    `background` index (the dev server's) runs at a lower priority than the rebuilds it must
    not slow down."""

    def __init__(self, site: Path, out: Path, background: bool = False) -> None:
        self.site = site
        self.where = str(out / SEARCH_DIR)
        self.deadline = time.monotonic() + TIMEOUT
        self.problems: list[Diagnostic] | None = None
        self.process: subprocess.Popen[str] | None = None
        binary = pagefind_binary()
        if binary is None or not binary.is_file():
            self._fail("Pagefind's binary was not found" + (f" at {binary}" if binary else ""))
            return
        nice = shutil.which("nice") if background else None
        command = [*((nice, "-n", "10") if nice else ()),
                   str(binary), "--site", str(site), "--output-subdir", SEARCH_DIR]
        try:
            # Its output is read once it ends (a few lines; were it to fill the pipe, Pagefind
            # would wait for `result()` to read it, never fail).
            self.process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT, text=True, errors="replace")
        except OSError as exc:
            self._fail(f"cannot run Pagefind ({binary}): {exc.strerror or exc}")

    def _fail(self, message: str) -> list[Diagnostic]:
        self.problems = [error(self.where, 1, 1, "search-index", message, _HINT)]
        return self.problems

    def result(self) -> list[Diagnostic]:
        """Wait for Pagefind (until `TIMEOUT` seconds from its start); its problems."""
        if self.problems is not None or self.process is None:
            return self.problems or []
        try:
            output, _ = self.process.communicate(
                timeout=max(0.0, self.deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            self.cancel()
            return self._fail(f"Pagefind did not finish within {TIMEOUT} s")
        code = self.process.returncode
        if code != 0:
            return self._fail(f"Pagefind failed with exit code {code}:" + _shown(output))
        missing = [path for path in SEARCH_UI if not (self.site / path).is_file()]
        if missing:
            return self._fail(f"Pagefind did not write {', '.join(missing)}:" + _shown(output))
        self.problems = []
        return self.problems

    def cancel(self) -> None:
        """Stop Pagefind if it still runs, and wait until it has."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.communicate()


def start_index(site: Path, out: Path, background: bool = False) -> Indexing:
    """Start indexing the staged `site` into `<site>/pagefind/` (see `Indexing`)."""
    return Indexing(site, out, background)


def index_site(site: Path, out: Path, background: bool = False) -> list[Diagnostic]:
    """Index the staged `site` into `<site>/pagefind/` and wait for it; its problems."""
    return start_index(site, out, background).result()
