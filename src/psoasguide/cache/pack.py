"""One cache space in one file: a header, then records appended one `write` each.

A record is its header (magic, the key's 32 bytes, the payload's length and CRC-32) and its
payload. The file is opened once and indexed by reading the record headers only; a payload is
read (and checked) when its key is asked for. Files are never truncated or written in the
middle, so an opened file never changes under a reader: a rewrite is a new file renamed into
place. Reads are positioned reads, not a memory map, whose pages (faulted in around every header
and payload) counted in the build's memory, as much as the cache's size. What makes no sense is
never trusted: a file of another format is deleted; the index ends at a record header that is
wrong (the file is rewritten with the records before it); a payload whose checksum is wrong is
a miss (and the file is rewritten at the end of the build). A record cut short at the end (a
build still writing it, or a killed one) is left alone until this process appends: then the
file is rewritten without it, so that nothing follows a part.

Which records of the opened file a build used is kept in memory shared with the processes it
forks (lint and render workers), so `compact` keeps what any of them read.
"""

from __future__ import annotations

import contextlib
import hashlib
import mmap
import os
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

MAGIC = b"PSGPACK\n"
#: A pack's header: magic and `PACK_FORMAT`.
HEADER = struct.Struct(f">{len(MAGIC)}sH")
RECORD_MAGIC = b"PSGE"
#: A record's header: magic, key, payload length, payload CRC-32.
RECORD = struct.Struct(">4s32sII")
#: Format of the file itself (the cache folder's `format` covers the rest).
PACK_FORMAT = 1
#: A pack is rewritten only when it holds at least this many bytes the build did not use,
#: and more of them than bytes in use.
MIN_DEAD = 1 << 20

Entry = tuple[int, int, int, int]  # payload offset, payload length, CRC-32, record number


def raw_key(key: str) -> bytes:
    """The 32 bytes a key is filed under: a hex SHA-256 as bytes, any other string hashed."""
    if len(key) == 64:
        with contextlib.suppress(ValueError):
            return bytes.fromhex(key)
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()


Read = Callable[[int, int], bytes]  # (offset, size) -> at most size bytes


def _scan(read: Read, start: int, end: int) -> tuple[dict[bytes, Entry], int, bool]:
    """Index the records between `start` and `end` (a later record of a key wins), reading
    their headers with `read`; the offset where the whole records end; and whether a record
    header was wrong."""
    index: dict[bytes, Entry] = {}
    at, number, unpack, size = start, 0, RECORD.unpack, RECORD.size
    while at + size <= end:
        magic, key, length, crc = unpack(read(at, size))
        if magic != RECORD_MAGIC:
            return index, at, True
        if at + size + length > end:
            break
        index[key] = (at + size, length, crc, number)
        at += size + length
        number += 1
    return index, at, False


def _reader(fd: int) -> Read:
    """Positioned reads of the file open at `fd`."""
    return lambda offset, size: os.pread(fd, size, offset)


class Pack:
    """The records of one space's file as opened when first asked for, and those this
    process appended since."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pid = os.getpid()
        self._fd: int | None = None  # for appending
        self._rfd: int | None = None  # the file as opened first, for reading
        self._inode: tuple[int, int] | None = None
        self._end = 0  # where its whole records end
        self._index: dict[bytes, Entry] = {}
        self._fresh: dict[bytes, tuple[int, int, int]] = {}
        self._used: mmap.mmap | bytearray = bytearray(1)
        self._damaged = False
        self._load()

    def __del__(self) -> None:
        """Close the descriptors (the appending one only in the process that opened it)."""
        for fd in (self._rfd, self._fd if os.getpid() == self._pid else None):
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)

    def _load(self) -> None:
        """Open the file and index its records; delete it if it is not a pack of this
        format, rewrite it if a record header is wrong."""
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_CLOEXEC)
        except OSError:
            return
        try:
            st = os.fstat(fd)
            header = os.pread(fd, HEADER.size, 0)
            if len(header) != HEADER.size or HEADER.unpack(header) != (MAGIC, PACK_FORMAT):
                _discard(self.path, (st.st_dev, st.st_ino))  # foreign or older: never trusted
                os.close(fd)
                return
            index, end, damaged = _scan(_reader(fd), HEADER.size, st.st_size)
        except OSError:
            os.close(fd)
            return
        self._rfd, self._inode, self._end, self._index = fd, (st.st_dev, st.st_ino), end, index
        records = 1 + max((entry[3] for entry in index.values()), default=0)
        self._used = mmap.mmap(-1, records)  # shared with forked workers
        if damaged:
            self._rewrite(self._entries(all_of_them=True))

    def _payload(self, offset: int, length: int) -> bytes:
        """The bytes at `offset` in the file as opened (fewer, or none, if it cannot be read)."""
        try:
            return os.pread(self._rfd, length, offset) if self._rfd is not None else b""
        except OSError:
            return b""

    def read(self, key: str) -> bytes | None:
        """The payload stored under `key`, checked, or None."""
        raw = raw_key(key)
        fresh = self._fresh.get(raw)
        if fresh is not None:
            return self._read_fresh(raw, *fresh)
        found = self._index.get(raw)
        if found is None:
            return None
        offset, length, crc, number = found
        payload = self._payload(offset, length)
        if len(payload) != length or zlib.crc32(payload) != crc:
            del self._index[raw]
            self._damaged = True
            return None
        self._used[number] = 1
        return payload

    def _read_fresh(self, raw: bytes, offset: int, length: int, crc: int) -> bytes | None:
        """A record this process appended, read back through its own descriptor."""
        size = RECORD.size
        try:
            data = os.pread(self._fd, size + length, offset - size) if self._fd else b""
        except OSError:
            data = b""
        payload = data[size:]
        if len(payload) != length or data[:4 + len(raw)] != RECORD_MAGIC + raw \
                or zlib.crc32(payload) != crc:
            del self._fresh[raw]
            return None
        return payload

    def keep(self, key: str) -> bool:
        """True (and the entry counts as used) when `key` is stored already."""
        raw = raw_key(key)
        if raw in self._fresh:
            return True
        found = self._index.get(raw)
        if found is None:
            return False
        self._used[found[3]] = 1
        return True

    def forget(self, key: str) -> None:
        """Drop `key` (its value could not be loaded): the next `put` stores it again, and the
        file is rewritten without the record (`compact`)."""
        raw = raw_key(key)
        self._index.pop(raw, None)
        self._fresh.pop(raw, None)
        self._damaged = True

    def append(self, key: str, payload: bytes) -> None:
        """Add a record for `key` at the end of the file (it replaces any earlier one)."""
        fd = self._appender()
        if fd is None:
            return
        raw, crc = raw_key(key), zlib.crc32(payload)
        record = RECORD.pack(RECORD_MAGIC, raw, len(payload), crc) + payload
        try:
            if os.write(fd, record) != len(record):
                return
            end = os.lseek(fd, 0, os.SEEK_CUR)  # O_APPEND: just past this record
        except OSError:
            return
        old = self._index.pop(raw, None)
        if old is not None:
            self._used[old[3]] = 0
        self._fresh[raw] = (end - len(payload), len(payload), crc)

    def _appender(self) -> int | None:
        """The file opened for appending (again in a forked worker, whose file offset must be
        its own); made whole first: created with its header, or rewritten without anything
        after its last whole record."""
        if os.getpid() != self._pid:  # the parent's descriptor is left to the parent
            self._pid, self._fd = os.getpid(), None
        if self._fd is not None:
            return self._fd
        with contextlib.suppress(OSError):
            if not self.path.exists():
                _create(self.path, HEADER.pack(MAGIC, PACK_FORMAT))
            fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CLOEXEC)
            try:
                whole = self._whole(fd)
            except OSError:
                os.close(fd)
                raise
            if not whole:
                os.close(fd)
                fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CLOEXEC)
            self._fd = fd
        return self._fd

    def _whole(self, fd: int) -> bool:
        """Whether the pack open at `fd` ends with a whole record, found by reading the headers
        of the records added since it was opened here (all of them in another file); if not,
        it is rewritten without what follows its last whole record. OSError: not a pack."""
        st, read = os.fstat(fd), _reader(fd)
        same = (st.st_dev, st.st_ino) == self._inode
        if not same and read(0, HEADER.size) != HEADER.pack(MAGIC, PACK_FORMAT):
            raise OSError(f"{self.path} is not a pack")
        start = self._end if same else HEADER.size
        whole = _scan(read, start, st.st_size)[1]
        if whole == st.st_size:
            return True
        self._rewrite(self._entries(all_of_them=True) if same else [], read, start, whole)
        return False

    def _entries(self, all_of_them: bool = False) -> list[tuple[bytes, int, int, int]]:
        """(key, offset, length, CRC-32) of the indexed records this build used, or of all."""
        return [(key, offset, length, crc) for key, (offset, length, crc, number)
                in self._index.items() if all_of_them or self._used[number]]

    def compact(self) -> int:
        """Rewrite the file when a payload was found damaged, or most of it is records no
        process of this build used: keep the used ones and every record added since the file
        was opened. Returns how many records were dropped."""
        if self._inode is None:
            return 0
        kept = self._entries()
        live = sum(length for _, _, length, _ in kept)
        dead = self._end - HEADER.size - live
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_CLOEXEC)
        except OSError:
            return 0
        try:
            st = os.fstat(fd)
            if (st.st_dev, st.st_ino) != self._inode:
                return 0  # another build rewrote it already
            if not self._damaged and (dead < MIN_DEAD or dead <= live + st.st_size - self._end):
                return 0
            whole = _scan(_reader(fd), self._end, st.st_size)[1]  # not one being written
            self._rewrite(kept, _reader(fd), self._end, whole)
        except OSError:
            return 0
        finally:
            os.close(fd)
        return len(self._index) - len(kept)

    def _rewrite(self, records: list[tuple[bytes, int, int, int]], tail: Read | None = None,
                 start: int = 0, end: int = 0) -> None:
        """Replace the file with a new one holding the sound ones of `records` (in the file
        as opened), then what `tail` reads between `start` and `end` (whole records), copied
        a part at a time."""
        temp = self.path.with_name(f"{self.path.name}.tmp-{os.getpid()}-{os.urandom(4).hex()}")
        try:
            with open(temp, "wb") as file:
                file.write(HEADER.pack(MAGIC, PACK_FORMAT))
                for key, offset, length, crc in records:
                    payload = self._payload(offset, length)
                    if len(payload) == length and zlib.crc32(payload) == crc:
                        file.write(RECORD.pack(RECORD_MAGIC, key, length, crc) + payload)
                for at in range(start, end, _COPY) if tail is not None else ():
                    file.write(tail(at, min(_COPY, end - at)))
            os.replace(temp, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                temp.unlink()
        if self._fd is not None and os.getpid() == self._pid:
            with contextlib.suppress(OSError):
                os.close(self._fd)
        self._inode, self._fd = None, None  # appends go to the new file, after a check


#: How much of a pack a rewrite copies at a time.
_COPY = 1 << 20


def _create(path: Path, header: bytes) -> None:
    """Make `path` holding `header`, unless another process made it first."""
    temp = path.with_name(f"{path.name}.new-{os.getpid()}-{os.urandom(4).hex()}")
    try:
        temp.write_bytes(header)
        with contextlib.suppress(FileExistsError):
            os.link(temp, path)  # never replaces a file another build made meanwhile
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()


def _discard(path: Path, inode: tuple[int, int]) -> None:
    """Delete the file at `path` if it is still the one that was read."""
    with contextlib.suppress(OSError):
        st = os.stat(path)
        if (st.st_dev, st.st_ino) == inode:
            path.unlink()
