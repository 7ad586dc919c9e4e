"""`blocks/<name>.yaml` -> `Block`: every problem reported at its line, unknown keys refused.

A `signs` block lists its sources once (`sources`, keyed by a short name) and groups of signs
(`groups`), each sign naming its source; a `text` block holds Markdown (`text`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .. import schema as s
from .. import yamlsource
from ..diagnostics import Diagnostic, did_you_mean, error
from ..layout import BLOCKS_DIR
from ..textfile import read_text
from .model import VARIANTS, Block, Sign, SignGroup, SignSource

URGENCIES = ("emergency", "urgent")

_SOURCE = s.mapping({
    "title": s.Field(s.text(), required=True),
    "publisher": s.Field(s.text(), required=True),
    "url": s.Field(s.http_url, required=True),
})
_SIGN = s.mapping({
    "text": s.Field(s.text(), required=True),
    "source": s.Field(s.slug, required=True),
    "short": s.Field(s.boolean, default=False),
})
_GROUP = s.mapping({
    "id": s.Field(s.slug, required=True),
    "urgency": s.Field(s.choice(URGENCIES), required=True),
    "heading": s.Field(s.text(), required=True),
    "lead": s.Field(s.text(), required=True),
    "action": s.Field(s.text(), required=True),
    "signs": s.Field(s.list_of(_SIGN, nonempty=True), required=True),
})
FIELDS: Mapping[str, Mapping[str, s.Field]] = {
    "signs": {
        "type": s.Field(s.choice(tuple(VARIANTS)), required=True),
        "title": s.Field(s.text(), default=""),
        "short_heading": s.Field(s.text(), required=True),
        "short_note": s.Field(s.text(), default=""),
        "sources": s.Field(s.mapping_of(_SOURCE), required=True),
        "groups": s.Field(s.list_of(_GROUP, nonempty=True), required=True),
    },
    "text": {
        "type": s.Field(s.choice(tuple(VARIANTS)), required=True),
        "title": s.Field(s.text(), default=""),
        "text": s.Field(s.text(), required=True),
    },
}


def _sign_groups(data: Mapping[str, Any], ctx: s.Context
                 ) -> tuple[tuple[SignGroup, ...], tuple[SignSource, ...]]:
    """The groups with each sign's source resolved; an unknown source is an error at its line."""
    sources = {key: SignSource(key, **value) for key, value in data["sources"].items()}
    groups = []
    for g, group in enumerate(data["groups"]):
        if group["id"] in VARIANTS["signs"]:
            ctx.fail(("groups", g, "id"), "bad-value", f"group id '{group['id']}' is the name of "
                     "a variant", "choose another id: " + ", ".join(VARIANTS["signs"]) +
                     " are taken")
        signs = []
        for i, sign in enumerate(group["signs"]):
            source = sources.get(sign["source"])
            if source is None:
                hint = did_you_mean(sign["source"], sources) or \
                    "sources: " + ", ".join(sorted(sources))
                ctx.fail(("groups", g, "signs", i, "source"), "unknown-source",
                         f"source '{sign['source']}' is not listed under 'sources'", hint)
                continue
            signs.append(Sign(sign["text"], source, sign["short"]))
        groups.append(SignGroup(group["id"], group["urgency"], group["heading"], group["lead"],
                                group["action"], tuple(signs)))
    return tuple(groups), tuple(sources.values())


def parse_block(text: str, path: str, name: str) -> tuple[Block | None, list[Diagnostic]]:
    """Validate the text of one block file; None and the problems when it is invalid."""
    loaded = yamlsource.load(text, path)
    if loaded.diagnostics:
        return None, list(loaded.diagnostics)
    ctx = s.Context(path, loaded.marks, loaded.key_marks)
    data = loaded.data
    if not isinstance(data, dict):
        return None, [error(path, 1, 1, "wrong-type", "a block file must be a mapping of keys",
                            "start it with 'type: signs' or 'type: text'")]
    kind = s.choice(tuple(VARIANTS))(data.get("type"), ("type",), ctx)
    if kind is s.INVALID:
        return None, ctx.diagnostics
    data = s.check_mapping(data, FIELDS[kind], (), ctx)
    if data is s.INVALID:
        return None, ctx.diagnostics
    if kind == "text":
        return Block(name, path, kind, data["title"], text=data["text"]), []
    groups, sources = _sign_groups(data, ctx)
    if ctx.diagnostics:
        return None, ctx.diagnostics
    return Block(name, path, kind, data["title"], data["short_heading"], data["short_note"],
                 groups, sources), []


def load_blocks(root: Path) -> tuple[dict[str, Block], list[Diagnostic]]:
    """Every `blocks/<name>.yaml` of the site root (none when there is no such folder)."""
    folder = root / BLOCKS_DIR
    blocks: dict[str, Block] = {}
    problems: list[Diagnostic] = []
    if not folder.is_dir():
        return blocks, problems
    for file in sorted(folder.iterdir()):
        if file.name.startswith(".") or file.suffix not in (".yaml", ".yml"):
            continue
        path = f"{BLOCKS_DIR}/{file.name}"
        if not s.SLUG_RE.fullmatch(file.stem):
            problems.append(error(path, 1, 1, "bad-slug", f"block name '{file.stem}' is not a slug",
                                  "name the file with lowercase words and hyphens, "
                                  "e.g. safety-signs.yaml"))
            continue
        text, found = read_text(file, path)
        problems += found
        if text is None:
            continue
        block, found = parse_block(text, path, file.stem)
        problems += found
        if block is not None:
            blocks[block.name] = block
    return blocks, problems
