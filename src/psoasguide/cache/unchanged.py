"""The whole build as one memo: inputs unchanged and an output folder as the last build left it
mean there is nothing to do.

The key hashes the bytes of every input file, the build's settings and the versions
(`keys.versions`), together with a manifest of the output folder: every file's path, size,
inode and change time (ctime, which no program can set back). The value is what the command
line reports: the diagnostics and the page counts (not the linter's report: `--report` runs the
stages, and an entry free of the linter's types keeps a hit from importing them). A build that
wrote the site stores its entry under the manifest of the folder it left; the next build with
the same inputs finds it only if the folder is still exactly that one. A deleted, added or
edited output file, or any changed input, is a miss and a full build.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic
from ..model import BuildResult
from .keys import key_of, versions
from .protocol import Cache


def input_digest(root: Path, files: Iterable[Path], folders: Iterable[Path]) -> str:
    """A SHA-256 of the relative path and bytes of each of `files` (a missing one counts as
    missing) and of every file under `folders`, in a fixed order."""
    digest = hashlib.sha256()

    def feed(path: str, name: str) -> None:
        digest.update(os.fsencode(name) + b"\0")
        try:
            with open(path, "rb") as file:
                data = file.read()
        except OSError as exc:
            digest.update(f"unreadable:{exc.errno}".encode())
            return
        digest.update(len(data).to_bytes(8, "big") + data)

    for file in files:
        feed(str(file), os.path.relpath(file, root))
    for folder in folders:
        digest.update(b"folder\0" + os.fsencode(folder) + b"\0")
        for path, name in _files(str(folder)):
            feed(path, name)
    return digest.hexdigest()


def folder_digest(folders: Sequence[Path]) -> str:
    """A SHA-256 of every file's path and bytes under `folders` (the render stage's salt for
    the template folders)."""
    return input_digest(Path(), (), folders)


def _files(folder: str, prefix: str = "", seen: set[tuple[int, int]] | None = None
           ) -> list[tuple[str, str]]:
    """(path, name relative to the top folder) of every file under `folder`, sorted by name;
    symbolic links followed (as the stages follow them), each folder entered once."""
    found: list[tuple[str, str]] = []
    seen = set() if seen is None else seen
    try:
        st = os.stat(folder)
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return found
    if (st.st_dev, st.st_ino) in seen:
        return [(folder, prefix + "(loop)")]
    seen.add((st.st_dev, st.st_ino))
    for entry in entries:
        name = prefix + entry.name
        if entry.is_dir():
            found += _files(entry.path, name + "/", seen)
        else:
            found.append((entry.path, name))
    return found


def output_manifest(out: Path) -> tuple[tuple[str, int, int, int], ...]:
    """(path, size, inode, ctime) of every file under `out`; empty when there is none."""
    entries = []
    for path, name in _files(str(out)):
        try:
            st = os.lstat(path)
        except OSError:
            continue
        entries.append((name, st.st_size, st.st_ino, st.st_ctime_ns))
    return tuple(entries)


def _is_report(stored: Any) -> bool:
    """True when `stored` has the shape of a stored report (anything else is a miss)."""
    return isinstance(stored, dict) and isinstance(stored.get("pages"), int) \
        and isinstance(stored.get("html"), int) and isinstance(stored.get("diagnostics"), tuple) \
        and all(isinstance(d, Diagnostic) for d in stored["diagnostics"])


def skip_unchanged(cache: Cache, build: Callable[[], BuildResult], inputs: Sequence[Any],
                   out: Path) -> BuildResult:
    """`build()`, unless a build with the same `inputs` left `out` as it is now: then that
    build's report, marked `unchanged`."""
    start = time.perf_counter()
    key = key_of("unchanged", versions(), tuple(inputs), output_manifest(out))
    stored = cache.get("unchanged", key)
    if _is_report(stored):
        return BuildResult(stored["diagnostics"], pages=stored["pages"], written=True,
                           timings={"unchanged": time.perf_counter() - start},
                           reused=stored["html"], unchanged=True)
    result = build()
    if result.written:
        after = key_of("unchanged", versions(), tuple(inputs), output_manifest(out))
        html = sum(f.path.endswith(".html") for f in result.files)
        cache.put("unchanged", after, {"diagnostics": result.diagnostics, "pages": result.pages,
                                       "html": html})
        cache.sweep()
    return result
