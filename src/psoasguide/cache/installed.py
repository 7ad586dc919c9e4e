"""Installed versions for the cache's keys, read from the names of the `.dist-info` folders on
`sys.path` (`Markdown-3.11.3.dist-info`: the wheel format puts the distribution's name and
version there), in `sys.path` order as `importlib.metadata` searches. Importing
`importlib.metadata` and reading each distribution's METADATA costs a build some 40 ms of CPU,
a fifth of a build with nothing changed; a distribution without such a folder (an egg-info
install) is still asked of `importlib.metadata`.
"""

from __future__ import annotations

import os
import re
import sys
from functools import cache

_SUFFIX = ".dist-info"


def normalized(name: str) -> str:
    """A distribution's name as PEP 503 compares names: `Jinja2`, `pagefind_bin` ->
    `jinja2`, `pagefind-bin`."""
    return re.sub(r"[-_.]+", "-", name).lower()


@cache
def _dist_info_versions() -> dict[str, str]:
    """normalized name -> version of each distribution with a `.dist-info` folder on
    `sys.path` (the first one found, as `importlib.metadata` finds it)."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:  # a zip file, or a folder that is gone
            continue
        for name in names:
            if name.endswith(_SUFFIX) and "-" in name:
                distribution, _, version = name[:-len(_SUFFIX)].partition("-")
                found.setdefault(normalized(distribution), version)
    return found


def version_of(name: str) -> str:
    """The installed version of distribution `name`, or "missing"."""
    found = _dist_info_versions().get(normalized(name))
    if found is not None:
        return found
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "missing"
