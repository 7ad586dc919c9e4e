"""Every block an article or `site.yaml` names must exist, in a variant its type has."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..config import SiteConfig
from ..diagnostics import Diagnostic, did_you_mean, error
from ..model import ParsedDocument
from .load import BLOCKS_DIR
from .model import Block, BlockRef, block_variants


def _unknown(path: str, line: int, col: int, name: str, blocks: Mapping[str, Block]
             ) -> Diagnostic:
    hint = did_you_mean(name, blocks) or (
        "blocks: " + ", ".join(sorted(blocks)) if blocks
        else f"define it in {BLOCKS_DIR}/{name}.yaml")
    return error(path, line, col, "unknown-block", f"there is no block named '{name}'", hint)


def _check_ref(path: str, ref: BlockRef, blocks: Mapping[str, Block]) -> list[Diagnostic]:
    block = blocks.get(ref.name)
    if block is None:
        return [_unknown(path, ref.line, ref.col, ref.name, blocks)]
    known = block_variants(block)
    if ref.variant and ref.variant not in known:
        hint = did_you_mean(ref.variant, known) or "variants: " + ", ".join(known)
        return [error(path, ref.line, ref.col, "unknown-block",
                      f"block '{ref.name}' has no variant '{ref.variant}'", hint)]
    return []


def check_includes(parsed: Sequence[ParsedDocument], blocks: Mapping[str, Block],
                   failed: frozenset[str] = frozenset()) -> list[Diagnostic]:
    """An error at the line of every include of an unknown block or variant."""
    problems: list[Diagnostic] = []
    for page in parsed:
        for ref in page.blocks:
            if ref.name not in failed:
                problems += _check_ref(page.document.path, ref, blocks)
    return problems


def check_safety_signs(site: SiteConfig, blocks: Mapping[str, Block],
                       failed: frozenset[str] = frozenset()) -> list[Diagnostic]:
    """`safety_signs` must name a `signs` block (unless that block's file has errors)."""
    name = site.safety_signs
    if not name or name in failed:
        return []
    mark = site.marks.get(("safety_signs",))
    line, col = (mark.line, mark.col) if mark else (1, 1)
    if name not in blocks:
        return [_unknown("site.yaml", line, col, name, blocks)]
    if blocks[name].type != "signs":
        return [error("site.yaml", line, col, "bad-value",
                      f"safety_signs '{name}' is a {blocks[name].type} block, not a signs block",
                      "name the block that lists the warning signs")]
    return []
