"""The persistent cache: entries packed one file per space under `<root>/.psoasguide-cache/`.

A space's file (`<space>.pack`, `pack.Pack`) is a header (magic and format) followed by
records, each a record header (magic, the key, the payload's length and CRC-32) and a pickled
value. A build indexes the file once and reads only the entries it asks for; it appends each
new entry with one `write` to the end (O_APPEND), so a reader sees whole records, or a tail it
ignores. A record whose magic, length or checksum is wrong, or whose value does not unpickle or
names a class outside psoasguide, is a miss: a corrupt, truncated, foreign or older cache is
rebuilt, never trusted. A part of a value loaded only when first read (`lazymap`) that cannot
be loaded makes the build start again on a new cache (`rebuilt_if_corrupt`). A cache folder of
another format is set aside (one atomic rename) and deleted whole.

Entries are content-addressed (the key hashes every input), except the page records
(`replace`): the last record of a key wins, and its value says which inputs it is valid for.
Two builds at once append whole records to the same files, so either's are valid. A build that
wrote the site rewrites a pack (to a new file, renamed into place) once most of it is entries
that build did not use: what the last build used stays, older versions go.
"""

from __future__ import annotations

import contextlib
import copyreg
import io
import os
import pickle
import shutil
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from ..frozen import FrozenMap
from .lazymap import CacheCorrupt, LazyMap, reduce_frozen_map
from .pack import Pack
from .projection import forget as forget_projections

T = TypeVar("T")

#: The cache folder's name in the site root.
CACHE_DIR = ".psoasguide-cache"
#: Bumped whenever the layout or the entry format changes: older caches are discarded.
FORMAT = 2
_FORMAT_LINE = f"psoasguide cache format {FORMAT}\n"
_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
        "# psoasguide's build cache; delete it at any time (see CACHEDIR.TAG in bford.org).\n")
_SAFE_BUILTINS = frozenset({"frozenset", "set", "tuple", "list", "dict", "bytes", "str", "int",
                            "float", "bool", "complex", "bytearray", "slice", "range"})

copyreg.pickle(types.MappingProxyType, lambda m: (types.MappingProxyType, (dict(m),)))


class _Unpickler(pickle.Unpickler):
    """Loads only psoasguide's own types and plain data: a foreign entry cannot run code."""

    def find_class(self, module: str, name: str) -> Any:
        found = _ALLOWED.get((module, name))
        if found is None:
            allowed = (module == "psoasguide" or module.startswith("psoasguide.")
                       or (module == "builtins" and name in _SAFE_BUILTINS)
                       or (module == "datetime" and name in {"date", "datetime", "timedelta"})
                       or (module == "copyreg" and name in {"_reconstructor", "__newobj__"})
                       or (module == "types" and name == "MappingProxyType")
                       or (module == "pathlib" and name in {"PurePosixPath", "PosixPath", "Path"}))
            if not allowed:
                raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")
            found = _ALLOWED[(module, name)] = super().find_class(module, name)
        return found


#: (module, name) -> what an entry may name, as found once.
_ALLOWED: dict[tuple[str, str], Any] = {}


def encode(value: Any) -> bytes:
    """An entry's payload: the pickled value (its large `FrozenMap`s to be loaded lazily)."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _DISPATCH
    pickler.dump(value)
    return out.getvalue()


def lazy_map(payload: bytes) -> LazyMap:
    """A large `FrozenMap` from the cache, its items loaded when first read (by `decode`:
    only psoasguide's own types)."""
    return LazyMap(payload, decode)


_DISPATCH = {**copyreg.dispatch_table,
             FrozenMap: lambda value: reduce_frozen_map(value, lazy_map),
             LazyMap: lambda value: reduce_frozen_map(value, lazy_map)}


def decode(payload: bytes | memoryview) -> Any:
    """The value in an entry's payload; ValueError when it cannot be loaded (or names a class
    outside psoasguide)."""
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
        self._packs: dict[str, Pack] = {}

    def open(self, space: str) -> None:
        """Open `space`'s file now: a stage about to fork workers opens its spaces first, so
        that what the workers use is seen by `sweep`."""
        self._pack(space)

    def _pack(self, space: str) -> Pack:
        pack = self._packs.get(space)
        if pack is None:
            pack = self._packs[space] = Pack(self.folder / f"{space}.pack")
        return pack

    def get(self, space: str, key: str) -> Any | None:
        """The value stored under `key` in `space`, or None."""
        if not self.usable:
            return None
        pack = self._pack(space)
        payload = pack.read(key)
        if payload is not None:
            try:
                value = decode(payload)
            except ValueError:
                pack.forget(key)
            else:
                self.hits += 1
                return value
        self.misses += 1
        return None

    def put(self, space: str, key: str, value: Any) -> None:
        """Store `value` under `key` once; a value that cannot be stored is left out."""
        if self.usable and not self._pack(space).keep(key):
            self.replace(space, key, value)

    def replace(self, space: str, key: str, value: Any) -> None:
        """Store `value` under `key`, replacing what was there (for an entry named by what it
        is about, not by its content: its value must tell which inputs it is valid for)."""
        if not self.usable:
            return
        try:
            payload = encode(value)
        except (pickle.PicklingError, TypeError, AttributeError):
            return
        self._pack(space).append(key, payload)

    def sweep(self) -> int:
        """Rewrite each pack this build used that is mostly entries it did not use, keeping
        what it used and what other builds added meanwhile; returns how many entries were
        dropped. Without it the files would keep every entry of every version of the site
        and of psoasguide."""
        return sum(pack.compact() for pack in self._packs.values()) if self.usable else 0


class MemoryStore:
    """Entries in a dict, for one process (the dev server keeps one across rebuilds)."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], Any] = {}
        self.hits = 0
        self.misses = 0
        #: Per space, results by the identity of their arguments (`recent.Recent`): the
        #: values this store gives back are the very objects put in, not copies.
        self.recent: dict[str, Any] = {}

    def open(self, space: str) -> None:
        """Nothing to open in memory."""

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

    def sweep(self) -> int:
        """Entries in memory live as long as the store."""
        return 0


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


def discard(folder: Path) -> None:
    """Delete the cache `folder` whole, if there is one: first renamed aside (atomic, so a
    build at the same time sees the old folder or none), then removed."""
    if folder.exists() or folder.is_symlink():
        aside = folder.with_name(f"{folder.name}.discard-{os.getpid()}-{os.urandom(4).hex()}")
        with contextlib.suppress(OSError):
            os.rename(folder, aside)
            shutil.rmtree(aside, ignore_errors=True)


def rebuilt_if_corrupt(build: Callable[[], T], folder: Path) -> T:
    """`build()` over the cache in `folder`; when it meets a value that cannot be loaded after
    all (`CacheCorrupt`, a part loaded when first read), the folder is discarded and `build()`
    runs again on a new one, with nothing this process remembered from the first run."""
    try:
        return build()
    except CacheCorrupt:
        discard(folder)
        forget_projections()
        return build()


def _prepare(folder: Path) -> bool:
    """Make `folder` a cache of this format, discarding one of another; False if it cannot."""
    format_file = folder / "format"
    try:
        current = format_file.read_text(encoding="utf-8") == _FORMAT_LINE
    except (OSError, UnicodeDecodeError):
        current = False
    if current:
        _unlink_links(folder)
        return True
    discard(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    write_atomic(folder / "CACHEDIR.TAG", _TAG.encode())
    write_atomic(folder / ".gitignore", b"*\n")
    write_atomic(format_file, _FORMAT_LINE.encode())
    return format_file.is_file()


def _unlink_links(folder: Path) -> None:
    """Remove every symbolic link in `folder`: nothing a build keeps there is one, and one a
    crafted cache holds (a `spare-*` output tree pointing at another folder, whose files the
    writer would replace or delete; a pack pointing at another file) must not be followed."""
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_symlink():
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
