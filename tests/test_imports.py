"""What a command loads: a build imports what building needs, not the dev server, Pagefind's
service mode, urllib's networking or the process pool it does not use; `--help` and
`--version` import no stage. Each command runs in a fresh interpreter, which then lists the
modules it ended with."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sample_site import write_site

EPOCH = "1795132800"  # 2026-11-20, so the sample's dates are in the past
#: Runs `psoasguide ARGS` as the console script does, then prints the names of all modules.
_LISTING = """
import json, sys
from psoasguide.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
print(json.dumps(sorted(sys.modules)))
sys.exit(code)
"""
#: Never needed by `build` or `check`.
NOT_FOR_BUILDS = ("psoasguide.serve", "http.server", "watchfiles", "asyncio", "pagefind.service",
                  "urllib.request", "xml.sax", "psoasguide.scaffold", "psoasguide.link.export")


def modules_after(*args: str) -> tuple[int, set[str]]:
    """The exit code of `psoasguide ARGS` and the modules it had imported when it ended."""
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    environment["SOURCE_DATE_EPOCH"] = EPOCH
    result = subprocess.run([sys.executable, "-c", _LISTING, *args], capture_output=True,
                            text=True, env=environment, timeout=60)
    return result.returncode, set(json.loads(result.stdout.splitlines()[-1]))


def loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    """Those of `names` (or modules inside them) that are in `modules`."""
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_site(tmp_path_factory.mktemp("imports") / "site")


def test_a_build_loads_neither_the_server_nor_what_it_does_not_use(site: Path) -> None:
    code, modules = modules_after("build", "--root", str(site), "--no-cache", "--jobs", "1")
    assert code == 0
    assert "psoasguide.output.search" in modules and "jinja2" in modules  # it did build
    assert loaded(modules, NOT_FOR_BUILDS) == []
    # one job: no pool, so neither the pool's modules nor multiprocessing
    assert loaded(modules, ("concurrent.futures", "multiprocessing")) == []


def test_check_loads_neither_the_server_nor_pagefind(site: Path) -> None:
    code, modules = modules_after("check", "--root", str(site), "--jobs", "1")
    assert code == 0
    assert loaded(modules, (*NOT_FOR_BUILDS, "pagefind", "pagefind_bin")) == []


@pytest.mark.parametrize("args", [("--version",), ("build", "--help")], ids=["version", "help"])
def test_version_and_help_load_no_stage(args: tuple[str, ...]) -> None:
    code, modules = modules_after(*args)
    assert code == 0
    assert loaded(modules, ("psoasguide.stages", "markdown", "jinja2", "yaml", "pygments",
                            *NOT_FOR_BUILDS)) == []
