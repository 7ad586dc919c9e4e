"""Search index: Pagefind, run on the staged site before it is swapped in.

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


def index_site(site: Path, out: Path, background: bool = False) -> list[Diagnostic]:
    """Index the staged `site` into `<site>/pagefind/`; problems are reported at
    `<out>/pagefind`, where the index would have been published. A `background` index (the
    dev server's) runs at a lower priority than the rebuilds it must not slow down."""

    def problem(message: str) -> list[Diagnostic]:
        return [error(str(out / SEARCH_DIR), 1, 1, "search-index", message, _HINT)]

    binary = pagefind_binary()
    if binary is None or not binary.is_file():
        return problem("Pagefind's binary was not found" + (f" at {binary}" if binary else ""))
    nice = shutil.which("nice") if background else None
    command = [*((nice, "-n", "10") if nice else ()),
               str(binary), "--site", str(site), "--output-subdir", SEARCH_DIR]
    try:
        run = subprocess.run(command, capture_output=True, text=True, errors="replace",
                             timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        return problem(f"Pagefind did not finish within {TIMEOUT} s")
    except OSError as exc:
        return problem(f"cannot run Pagefind ({binary}): {exc.strerror or exc}")
    output = run.stdout + run.stderr
    if run.returncode != 0:
        return problem(f"Pagefind failed with exit code {run.returncode}:" + _shown(output))
    missing = [path for path in SEARCH_UI if not (site / path).is_file()]
    if missing:
        return problem(f"Pagefind did not write {', '.join(missing)}:" + _shown(output))
    return []
