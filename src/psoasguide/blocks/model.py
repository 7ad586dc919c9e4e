"""The data of a block, as loaded and validated."""

from __future__ import annotations

from dataclasses import dataclass

#: Block types and the variants each can be shown in (the first is the default).
VARIANTS: dict[str, tuple[str, ...]] = {
    "signs": ("full", "short", "urgent"),
    "text": ("full",),
}


def variants(block_type: str) -> tuple[str, ...]:
    """The variants every block of `block_type` can be shown in, the default first."""
    return VARIANTS[block_type]


def block_variants(block: Block) -> tuple[str, ...]:
    """The variants of this block: its type's, then (a signs block) one per group, by its id."""
    return (*variants(block.type), *(group.id for group in block.groups))


@dataclass(frozen=True)
class SignSource:
    """The page a sign's wording comes from."""

    key: str
    title: str
    publisher: str
    url: str


@dataclass(frozen=True)
class Sign:
    """One warning sign, in the source's current wording, with the page it comes from."""

    text: str
    source: SignSource
    short: bool = False  # shown in the short "Call 999 if" box too


@dataclass(frozen=True)
class SignGroup:
    """Signs that need the same action (`urgency`: emergency or urgent)."""

    id: str
    urgency: str
    heading: str
    lead: str
    action: str
    signs: tuple[Sign, ...]


@dataclass(frozen=True)
class Block:
    """One named block: its type, title and its data (sign groups, or Markdown text)."""

    name: str
    path: str
    type: str
    title: str = ""
    short_heading: str = ""
    short_note: str = ""
    groups: tuple[SignGroup, ...] = ()
    sources: tuple[SignSource, ...] = ()
    text: str = ""


@dataclass(frozen=True)
class BlockRef:
    """An include of a block in an article body, left in its HTML as `placeholder`."""

    placeholder: str
    name: str
    variant: str
    line: int
    col: int
