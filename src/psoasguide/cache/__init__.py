"""The build cache: a store of stage outputs (on disk or in memory) and memos over the stages.

`pipeline.py` wraps the parse stage, the page templates and the search indexer with the memos
in `memo`; no stage imports this package.
"""

from .memo import Cache, cached_parse, memo, reused_index
from .projection import by_content
from .store import CACHE_DIR, MemoryStore, Store, rebuilt_if_corrupt
from .templates import CachedTemplates
from .unchanged import folder_digest

__all__ = ["CACHE_DIR", "Cache", "CachedTemplates", "MemoryStore", "Store", "by_content",
           "cached_parse", "folder_digest", "memo", "rebuilt_if_corrupt", "reused_index"]
