"""Named blocks of shared text: data in `blocks/<name>.yaml`, rendered by the theme.

A block is defined once and shown the same on every page that includes it (`{{< block NAME >}}`
on a line of its own in an article body, `includes`) or that the theme puts it on (the site's
`safety_signs` block: the full list on the red-flags page, the short box on exercise and routine
pages). Each file's `type` picks its schema (`load`) and its templates (`render`).
"""

from .load import BLOCKS_DIR, load_blocks
from .model import Block, BlockRef, Sign, SignGroup, SignSource, block_variants, variants

__all__ = ["BLOCKS_DIR", "Block", "BlockRef", "Sign", "SignGroup", "SignSource", "block_variants",
           "load_blocks", "variants"]
