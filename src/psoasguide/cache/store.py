"""The persistent cache: write-once, content-addressed entries under `<root>/.psoasguide-cache/`.

Every entry is one file named by the SHA-256 of its key, holding a header (magic, format, the
payload's SHA-256 and length) and a pickled value. An entry is written to a temporary file and
renamed into place, so a reader sees a whole entry or none; two builds writing the same key write
the same bytes, so either rename may win. An entry whose header, length or checksum is wrong, or
whose value names a class outside psoasguide, is deleted and counted a miss: a corrupt, truncated,
foreign or older cache is rebuilt, never trusted. A cache folder of another format is set aside
(one atomic rename) and deleted whole.
"""

from __future__ import annotations

import contextlib
import copyreg
import hashlib
import io
import os
import pickle
import shutil
import struct
import types
from pathlib import Path
from typing import Any

#: The cache folder's name in the site root.
CACHE_DIR = ".psoasguide-cache"
#: Bumped whenever the layout or the entry format changes: older caches are discarded.
FORMAT = 1
#: An entry no build has used for this many days is deleted ...
UNUSED_DAYS = 7
#: ... by a build that wrote the site, at most once in this many hours.
SWEEP_HOURS = 24
_MAGIC = b"PSGCACHE"
_HEADER = struct.Struct(f">{len(_MAGIC)}sH32sQ")
_FORMAT_LINE = f"psoasguide cache format {FORMAT}\n"
_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
        "# psoasguide's build cache; delete it at any time (see CACHEDIR.TAG in bford.org).\n")
_SAFE_BUILTINS = frozenset({"frozenset", "set", "tuple", "list", "dict", "bytes", "str", "int",
                            "float", "bool", "complex", "bytearray", "slice", "range"})

copyreg.pickle(types.MappingProxyType, lambda m: (types.MappingProxyType, (dict(m),)))


class _Unpickler(pickle.Unpickler):
    """Loads only psoasguide's own types and plain data: a foreign entry cannot run code."""

    def find_class(self, module: str, name: str) -> Any:
        allowed = (module == "psoasguide" or module.startswith("psoasguide.")
                   or (module == "builtins" and name in _SAFE_BUILTINS)
                   or (module == "datetime" and name in {"date", "datetime", "timedelta"})
                   or (module == "copyreg" and name in {"_reconstructor", "__newobj__"})
                   or (module == "types" and name == "MappingProxyType")
                   or (module == "pathlib" and name in {"PurePosixPath", "PosixPath", "Path"}))
        if not allowed:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")
        return super().find_class(module, name)


def encode(value: Any) -> bytes:
    """An entry's bytes: header, then the pickled value."""
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    header = _HEADER.pack(_MAGIC, FORMAT, hashlib.sha256(payload).digest(), len(payload))
    return header + payload


def decode(data: bytes) -> Any:
    """The value in an entry's bytes; ValueError when it is not a whole, current entry."""
    if len(data) < _HEADER.size:
        raise ValueError("truncated header")
    magic, fmt, digest, length = _HEADER.unpack_from(data)
    payload = data[_HEADER.size:]
    if magic != _MAGIC or fmt != FORMAT:
        raise ValueError("foreign or older entry")
    if len(payload) != length or hashlib.sha256(payload).digest() != digest:
        raise ValueError("truncated or corrupt entry")
    try:
        return _Unpickler(io.BytesIO(payload)).load()
    except Exception as exc:  # any failure to load is a miss, never a crash
        raise ValueError(f"unreadable value: {exc}") from exc


class Store:
    """Entries on disk; `get` and `put` never raise for a bad cache, they miss."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.hits = 0
        self.misses = 0
        self.usable = _prepare(folder)

    def _path(self, space: str, key: str) -> Path:
        return self.folder / space / key[:2] / key

    def get(self, space: str, key: str) -> Any | None:
        """The value stored under `key` in `space`, or None."""
        if not self.usable:
            return None
        path = self._path(space, key)
        try:
            value = decode(path.read_bytes())
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, ValueError):
            with contextlib.suppress(OSError):
                path.unlink()
            self.misses += 1
            return None
        self.hits += 1
        with contextlib.suppress(OSError):
            os.utime(path)  # in use: `sweep` keeps it
        return value

    def put(self, space: str, key: str, value: Any) -> None:
        """Store `value` under `key` once; a value that cannot be stored is left out."""
        if not self.usable:
            return
        path = self._path(space, key)
        if path.exists():
            with contextlib.suppress(OSError):
                os.utime(path)
            return
        try:
            data = encode(value)
        except (pickle.PicklingError, TypeError, AttributeError):
            return
        write_atomic(path, data)

    def replace(self, space: str, key: str, value: Any) -> None:
        """Store `value` under `key`, replacing what was there (for an entry named by what it
        is about, not by its content: its value must tell which inputs it is valid for)."""
        if not self.usable:
            return
        try:
            data = encode(value)
        except (pickle.PicklingError, TypeError, AttributeError):
            return
        write_atomic(self._path(space, key), data)

    def sweep(self) -> int:
        """Delete the entries no build has read or written for `UNUSED_DAYS` (an entry's
        modification time is when a build last used it, worker processes included), at most
        once every `SWEEP_HOURS`; returns how many were deleted. Without it the folder would
        keep every entry of every version of the site and of psoasguide. Times are read from
        the file system, so they compare with the entries' whatever the process's clock says."""
        if not self.usable:
            return 0
        now, last = self.folder / "now", self.folder / "swept"
        try:
            now.write_bytes(b"")
            now_ns = now.stat().st_mtime_ns
        except OSError:
            return 0
        with contextlib.suppress(OSError):  # none: never swept
            if now_ns - last.stat().st_mtime_ns < SWEEP_HOURS * 3600 * 10**9:
                return 0
        write_atomic(last, b"when the unused entries were last deleted\n")
        before = now_ns - UNUSED_DAYS * 86400 * 10**9
        deleted = 0
        for space in self.folder.iterdir():
            if not space.is_dir() or space.name.startswith("spare-"):
                continue
            for shard in os.scandir(space):
                for entry in os.scandir(shard.path) if shard.is_dir() else ():
                    with contextlib.suppress(OSError):
                        if entry.stat().st_mtime_ns < before:
                            os.unlink(entry.path)
                            deleted += 1
        return deleted


class MemoryStore:
    """Entries in a dict, for one process (the dev server keeps one across rebuilds)."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], Any] = {}
        self.hits = 0
        self.misses = 0
        #: Per space, results by the identity of their arguments (`recent.Recent`): the
        #: values this store gives back are the very objects put in, not copies.
        self.recent: dict[str, Any] = {}

    def get(self, space: str, key: str) -> Any | None:
        """The value stored under `key` in `space`, or None."""
        value = self.entries.get((space, key))
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def put(self, space: str, key: str, value: Any) -> None:
        """Store `value` under `key`."""
        self.entries[(space, key)] = value

    replace = put


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file and a rename; errors are ignored."""
    temp = path.with_name(f"{path.name}.tmp-{os.getpid()}-{os.urandom(4).hex()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp.write_bytes(data)
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink()


def _prepare(folder: Path) -> bool:
    """Make `folder` a cache of this format, discarding one of another; False if it cannot."""
    format_file = folder / "format"
    try:
        current = format_file.read_text(encoding="utf-8") == _FORMAT_LINE
    except (OSError, UnicodeDecodeError):
        current = False
    if current:
        return True
    if folder.exists() or folder.is_symlink():
        aside = folder.with_name(f"{folder.name}.discard-{os.getpid()}-{os.urandom(4).hex()}")
        with contextlib.suppress(OSError):
            os.rename(folder, aside)  # atomic: a concurrent build sees the old or no folder
            shutil.rmtree(aside, ignore_errors=True)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    write_atomic(folder / "CACHEDIR.TAG", _TAG.encode())
    write_atomic(folder / ".gitignore", b"*\n")
    write_atomic(format_file, _FORMAT_LINE.encode())
    return format_file.is_file()
