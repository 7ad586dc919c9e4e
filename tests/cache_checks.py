"""What the cache tests share: the packs of a site's cache, a check that a pack is whole, and
clean and warm builds of a site."""

from __future__ import annotations

import zlib
from pathlib import Path

from sample_site import build_site, tree

from psoasguide.cache import CACHE_DIR, pack
from psoasguide.cache.pack import HEADER, RECORD, RECORD_MAGIC
from psoasguide.cache.store import decode
from psoasguide.model import Search

STRETCH = "content/stretches/half-kneeling.md"


def packs(root: Path) -> list[Path]:
    return sorted((root / CACHE_DIR).glob("*.pack"))


def records(path: Path) -> list[tuple[int, int]]:
    """(payload offset, length) of each record in a pack, asserting that the pack is whole:
    a current header, then whole records whose checksums and values are right."""
    data = path.read_bytes()
    assert HEADER.unpack_from(data) == (pack.MAGIC, pack.PACK_FORMAT)
    found, at = [], HEADER.size
    while at < len(data):
        magic, _, length, crc = RECORD.unpack_from(data, at)
        payload = data[at + RECORD.size:at + RECORD.size + length]
        assert magic == RECORD_MAGIC and len(payload) == length and zlib.crc32(payload) == crc
        decode(payload)
        found.append((at + RECORD.size, length))
        at += RECORD.size + length
    return found


def clean(root: Path, out: Path) -> dict[str, bytes]:
    result = build_site(root, out, cache=False, search=Search.OFF)
    assert result.written, result.diagnostics
    return tree(out)


def warm(root: Path, out: Path) -> tuple[dict[str, bytes], int]:
    result = build_site(root, out, search=Search.OFF)
    assert result.written, result.diagnostics
    return tree(out), result.reused
