"""Safe YAML loading that keeps the position of every key and value.

Uses libyaml's `CSafeLoader` when PyYAML was built with it, else the pure-Python `SafeLoader`;
never a loader that can build Python objects. Duplicate keys are reported, not silently merged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from .diagnostics import Diagnostic, error
from .model import Mark

Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path = tuple[Any, ...]
_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_STR_TAG = "tag:yaml.org,2002:str"
_MAX_VALUES = 100_000
_MAX_DEPTH = 100


@lru_cache(maxsize=1 << 16)
def _shared(value: Any) -> Any:
    """One object for equal key paths, in every file: a guide's front matters repeat the same
    keys at the same places, and thousands of copies of each stay in memory."""
    return value


@lru_cache(maxsize=1 << 16)
def _mark(line: int, col: int) -> Mark:
    """One object for equal marks, in every file (as `_shared`), found by two numbers."""
    return Mark(line, col)


class _TooBig(Exception):
    """A YAML value that refers to itself, or expands to too many values (aliases)."""

    def __init__(self, node: yaml.Node) -> None:
        super().__init__()
        self.node = node


@dataclass(frozen=True)
class LoadedYaml:
    """Data with the positions of its values and keys, or None when the YAML did not parse."""

    data: Any
    marks: Mapping[Path, Mark]
    key_marks: Mapping[Path, Mark]
    diagnostics: tuple[Diagnostic, ...]


def load(text: str, path: str, first_line: int = 1) -> LoadedYaml:
    """Load one YAML document; `first_line` is the file line the text starts on."""

    def mark_of(node_mark: Any) -> Mark:
        return _mark(node_mark.line + first_line, node_mark.column + 1)

    try:
        loader = Loader(text)  # the pure-Python reader checks every character here
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        where = exc.problem_mark or exc.context_mark
        message = str(exc.problem or exc.context or "invalid YAML")
        hint = f"{exc.context}" if exc.context and exc.problem else ""
        lines = text.count("\n")  # the end, where libyaml may add a last line break
        at_end = {(lines, len(text) - text.rfind("\n") - 1), (lines + 1, 0)}
        if exc.context_mark and where and (where.line, where.column) in at_end:
            where = exc.context_mark  # a quote or bracket never closed: point where it opened
            hint = f"{hint} that starts here" if hint else hint
        elif hint and exc.context_mark and where and exc.context_mark.line != where.line:
            hint = f"{hint} that starts at line {exc.context_mark.line + first_line}"
        mark = mark_of(where) if where else Mark(first_line, 1)
        return LoadedYaml(None, {}, {}, (error(path, mark.line, mark.col, "yaml-syntax",
                                               f"YAML: {message}", hint),))
    except yaml.reader.ReaderError as exc:  # a control character; its offset is loader-specific
        return LoadedYaml(None, {}, {}, (_bad_character(text, path, first_line, exc),))
    except yaml.YAMLError as exc:
        return LoadedYaml(None, {}, {}, (error(path, first_line, 1, "yaml-syntax",
                                               f"YAML: {exc}"),))
    marks: dict[Path, Mark] = {}
    key_marks: dict[Path, Mark] = {}
    problems: list[Diagnostic] = []

    open_nodes: set[int] = set()  # collections being built: an alias to one is a loop
    budget = [_MAX_VALUES]  # aliases may repeat a value; stop an exponential expansion

    def build(n: yaml.Node, at: Path) -> Any:
        budget[0] -= 1
        if id(n) in open_nodes or budget[0] < 0 or len(at) > _MAX_DEPTH:
            raise _TooBig(n)
        marks[at] = mark_of(n.start_mark)
        if type(n) is yaml.ScalarNode:  # most nodes
            return build_scalar(n)
        if isinstance(n, yaml.MappingNode | yaml.SequenceNode) and n.tag not in _PLAIN_TAGS:
            m = mark_of(n.start_mark)  # e.g. !!python/object/apply: never silently ignored
            problems.append(error(path, m.line, m.col, "yaml-syntax",
                                  f"YAML: the tag '{n.tag}' is not allowed here",
                                  "remove the tag; use plain lists and mappings"))
        if isinstance(n, yaml.MappingNode | yaml.SequenceNode):
            open_nodes.add(id(n))
            try:
                return build_collection(n, at)
            finally:
                open_nodes.discard(id(n))
        return build_scalar(n)

    def build_collection(n: yaml.Node, at: Path) -> Any:
        if isinstance(n, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in n.value:
                key = build_scalar(key_node)
                if not isinstance(key, str):  # 1, true, null: keep the key as written
                    key = str(key_node.value)
                if key in out:
                    m = mark_of(key_node.start_mark)
                    problems.append(error(path, m.line, m.col, "duplicate-key",
                                          f"key '{key}' appears more than once",
                                          "keep one; YAML would silently use the last"))
                    continue
                where = _shared((*at, key))
                key_marks[where] = mark_of(key_node.start_mark)
                out[key] = build(value_node, where)
            return out
        return [build(item, _shared((*at, i))) for i, item in enumerate(n.value)]

    def build_scalar(n: yaml.Node) -> Any:
        if not isinstance(n, yaml.ScalarNode):  # a list or mapping used as a key
            m = mark_of(n.start_mark)
            problems.append(error(path, m.line, m.col, "yaml-syntax",
                                  "YAML: a key must be a plain value"))
            return f"<complex key at line {m.line}>"
        if n.tag == _STR_TAG:  # what the constructor gives for one, without its bookkeeping
            return n.value
        try:
            return loader.construct_object(n, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:  # e.g. an unknown tag
            if n.tag == _TIMESTAMP_TAG:  # e.g. 2026-02-30: text the schema checks as a date
                return n.value
            m = mark_of(n.start_mark)
            reason = _short(_reason(exc), 100)
            problems.append(error(path, m.line, m.col, "yaml-syntax",
                                  f"YAML: cannot read {_short(n.value)!r}: {reason}"))
            return n.value

    try:
        data = None if node is None else build(node, ())
    except _TooBig as exc:
        m = mark_of(exc.node.start_mark)
        return LoadedYaml(None, {}, {}, (error(
            path, m.line, m.col, "yaml-syntax",
            "YAML: this value contains itself or is nested or repeated too much",
            "write the values out instead of using anchors (&) and aliases (*)"),))
    finally:
        loader.dispose()
    return LoadedYaml(data, marks, key_marks, tuple(problems))


def _bad_character(text: str, path: str, first_line: int, exc: yaml.reader.ReaderError
                   ) -> Diagnostic:
    """A character YAML refuses, reported where it first occurs in `text`."""
    char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
    index = max(text.find(char), 0)
    line_start = text.rfind("\n", 0, index) + 1
    return error(path, first_line + text.count("\n", 0, index), index - line_start + 1,
                 "yaml-syntax", f"YAML: character U+{ord(char[:1] or ' '):04X} is not allowed "
                 f"({exc.reason})", "remove it or write it as an escape in double quotes")


def _short(value: str, limit: int = 60) -> str:
    """A value as shown in a message: long ones cut, with an ellipsis."""
    return value if len(value) <= limit else value[:limit - 1] + "…"


def _reason(exc: Exception) -> str:
    """The one-line reason of a YAML or value error, without libyaml's position trailer."""
    problem = getattr(exc, "problem", None)
    return str(problem) if problem else str(exc).splitlines()[0]
