"""Content files read again only when they changed, for a store kept in memory (the dev server).

A file whose size, times, inode and device are as when it was last read is the very object read
then, labelled with the key of its content, so later keys (and stages that remember their calls
by their arguments' identity, `recent`) cost nothing either. A file changed less than two
seconds before it was read is read again next time: a second write in the same tick of the file
system's clock would leave the same times (git's "racy clean").
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..diagnostics import Diagnostic
from ..model import SourceFile
from .keys import key_of, label
from .protocol import Cache

Read = Callable[[Path, str], tuple[SourceFile | None, list[Diagnostic]]]
T = TypeVar("T")
#: How long after its last change a file's times are trusted to show the next change.
SETTLED_NS = 2_000_000_000


def _signature(path: str) -> tuple[str, int] | None:
    """A key for the file's size, times, inode and device, and the later of its two times."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    stamp = f"{path}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}\0{st.st_dev}"
    return hashlib.sha256(stamp.encode()).hexdigest(), max(st.st_mtime_ns, st.st_ctime_ns)


def unchanged_reads(cache: Cache, read: Read, settled_ns: int = SETTLED_NS) -> Read:
    """`read`, skipped for a file that did not change since it was read into `cache` (and had
    not changed for `settled_ns` when it was read)."""

    def run(root: Path, rel: str) -> tuple[SourceFile | None, list[Diagnostic]]:
        signature = _signature(f"{root}/{rel}")  # not `root / rel`: pathlib costs more
        if signature is not None:
            stored = cache.get("source", signature[0])
            if stored is not None:
                return stored, []
        source, problems = read(root, rel)
        if source is not None:
            label(source, key_of(source))
            if signature is not None and not problems \
                    and time.time_ns() - signature[1] > settled_ns:
                cache.put("source", signature[0], source)
        return source, problems

    return run


def unchanged_file(cache: Cache, name: str,
                   load: Callable[[Path], tuple[T | None, list[Diagnostic]]],
                   settled_ns: int = SETTLED_NS) -> Callable[[Path], tuple[T | None,
                                                                          list[Diagnostic]]]:
    """`load(root)`, which reads the file `name` under the root (`site.yaml`), skipped while
    that file is as when it was last loaded into `cache`: its value is then the very object
    loaded before, and everything made from it can be found by identity."""

    def run(root: Path) -> tuple[T | None, list[Diagnostic]]:
        signature = _signature(f"{root}/{name}")
        if signature is not None:
            stored = cache.get("file", signature[0])
            if stored is not None:
                return stored[0], list(stored[1])
        value, problems = load(root)
        if value is not None and signature is not None \
                and time.time_ns() - signature[1] > settled_ns:
            cache.put("file", signature[0], (value, tuple(problems)))
        return value, problems

    return run
