"""The installed versions every cache key carries (`cache/installed.py`)."""

from __future__ import annotations

import importlib.metadata
import sys
from pathlib import Path

import pytest

from psoasguide.cache import installed
from psoasguide.cache.installed import version_of
from psoasguide.cache.keys import DEPENDENCIES


def test_key_versions_are_the_installed_ones(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Keys carry the versions `importlib.metadata` reads, found from the `.dist-info` folders'
    names (the first on `sys.path` wins); a distribution no folder names is "missing"."""
    for name in ("psoasguide", *DEPENDENCIES):
        assert version_of(name) == importlib.metadata.version(name), name
    (tmp_path / "Some_Dist-2.0.1.dist-info").mkdir()
    (tmp_path / "markdown-0.1.dist-info").mkdir()
    monkeypatch.setattr(sys, "path", [*sys.path, str(tmp_path)])
    installed._dist_info_versions.cache_clear()
    try:
        assert version_of("some-dist") == version_of("Some.Dist") == "2.0.1"
        assert version_of("Markdown") == importlib.metadata.version("markdown") != "0.1"
        assert version_of("no-such-distribution") == "missing"
    finally:
        installed._dist_info_versions.cache_clear()
