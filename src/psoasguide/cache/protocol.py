"""What the memos need of a store: `store.Store` on disk, `store.MemoryStore` in memory."""

from __future__ import annotations

from typing import Any, Protocol


class Cache(Protocol):
    """What a memo needs of a store (`store.Store` on disk, `store.MemoryStore` in memory)."""

    hits: int
    misses: int

    def get(self, space: str, key: str) -> Any | None: ...

    def put(self, space: str, key: str, value: Any) -> None: ...

    def replace(self, space: str, key: str, value: Any) -> None: ...

    def open(self, space: str) -> None: ...

    def sweep(self) -> int: ...
