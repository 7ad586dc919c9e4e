"""Each block, in each variant, rendered once through its theme template (`blocks/...`).

A block's HTML holds only absolute links, so the same markup goes into every page that shows it:
the same words everywhere, by construction.
"""

from __future__ import annotations

from collections.abc import Mapping

import markdown
from markupsafe import Markup

from ..blocks import Block, Sign, SignGroup, block_variants, variants
from ..diagnostics import Diagnostic
from ..parse.convert import markdown_extensions
from ..parse.safety import check_unsafe
from .environment import Templates

RenderedBlocks = Mapping[tuple[str, str], Markup]


def template_name(block: Block, variant: str) -> str:
    """`blocks/signs.html`, `blocks/signs-short.html`, ...: the default variant has no suffix."""
    default = variants(block.type)[0]
    if variant == default or variant not in variants(block.type):  # a group: the full template
        return f"blocks/{block.type}.html"
    return f"blocks/{block.type}-{variant}.html"


def shown_groups(block: Block, variant: str) -> tuple[tuple[SignGroup, tuple[Sign, ...]], ...]:
    """The groups a variant shows, with their signs: all (full), the urgent ones (urgent), the
    emergency signs marked `short` (the "Call 999" box), or one group (a group's id)."""
    if variant not in variants(block.type):
        return tuple((g, g.signs) for g in block.groups if g.id == variant)
    out = []
    for group in block.groups:
        signs = tuple(s for s in group.signs if s.short or variant != "short")
        wanted = {"short": "emergency", "urgent": "urgent"}.get(variant, group.urgency)
        if group.urgency == wanted and signs:
            out.append((group, signs))
    return tuple(out)


def _render(block: Block, variant: str, templates: Templates
            ) -> tuple[Markup | None, list[Diagnostic]]:
    body = Markup()
    problems: list[Diagnostic] = []
    if block.type == "text":
        html = markdown.markdown(block.text, extensions=markdown_extensions(),
                                 output_format="html")
        problems = check_unsafe(html, block.text, 1, block.path)
        body = Markup(html)
    text, problem = templates.render(template_name(block, variant), block=block, body=body,
                                     groups=shown_groups(block, variant),
                                     ids=variant == variants(block.type)[0])
    if problem:
        problems.append(problem)
    return (Markup(text.strip()) if text is not None and not problems else None), problems


def render_blocks(blocks: Mapping[str, Block], templates: Templates
                  ) -> tuple[dict[tuple[str, str], Markup], list[Diagnostic]]:
    """(name, variant) -> HTML for every block and variant; "" names the default variant."""
    rendered: dict[tuple[str, str], Markup] = {}
    problems: list[Diagnostic] = []
    for name in sorted(blocks):
        block = blocks[name]
        for variant in block_variants(block):
            html, found = _render(block, variant, templates)
            problems += found
            if html is not None:
                rendered[(name, variant)] = html
                if variant == variants(block.type)[0]:
                    rendered[(name, "")] = html
    return rendered, problems
