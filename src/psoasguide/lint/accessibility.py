"""Rules `heading-level`, `image-alt` and `table-header`: accessibility of what authors write.

All three read the Markdown source with code and HTML comments blanked out, so every finding
has its line. Raw HTML (`<h3>`, `<img>`, `<table>`) is checked as well as Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..diagnostics import Diagnostic, error
from ..model import Mark
from .source import ArticleSource

_ATX = re.compile(r"^ {0,3}(#{1,6})(?=[ \t]|$)", re.M)
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_NOT_PARAGRAPH = re.compile(r"^\s*$|^ {0,3}(?:#|>|[-*+][ \t]|\d+[.)][ \t]|\||!!!|\?\?\?|<)")
_HTML_HEADING = re.compile(r"<h([1-6])\b", re.I)
_MD_IMAGE = re.compile(r"!\[((?:[^\[\]]|\[[^\]]*\])*)\](?=[(\[])")
_HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.I)
_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.I)
_GENERIC_ALT = frozenset({"image", "picture", "photo", "photograph", "img", "graphic", "figure",
                          "screenshot", "icon", "pic", "diagram", "illustration"})
_FILE_NAME = re.compile(r"\S+\.(?:png|jpe?g|gif|svg|webp|avif|bmp|tiff?)", re.I)
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_PIPE_ROW = re.compile(r"^ {0,3}\|")
_HTML_TABLE = re.compile(r"<table\b.*?(?:</table\s*>|\Z)", re.I | re.S)


def _headings(source: ArticleSource) -> Iterator[tuple[Mark, int]]:
    """(position, level) of every heading in the body, in order."""
    found: list[tuple[int, Mark, int]] = []
    text = source.masked
    for match in _ATX.finditer(text):
        found.append((match.start(), source.at(match.start(1)), len(match.group(1))))
    for match in _HTML_HEADING.finditer(text):
        found.append((match.start(), source.at(match.start()), int(match.group(1))))
    lines = text.split("\n")
    offset = 0
    for index, line in enumerate(lines):
        above = lines[index - 1] if index else ""
        if index and _SETEXT.match(line) and not _NOT_PARAGRAPH.match(above) \
                and not _SEPARATOR.match(above):
            start = offset - len(above) - 1
            found.append((start, source.at(start), 1 if line.strip()[0] == "=" else 2))
        offset += len(line) + 1
    for _offset, mark, level in sorted(found, key=lambda item: item[0]):
        yield mark, level


def check_headings(source: ArticleSource) -> list[Diagnostic]:
    """Headings must not skip a level; the page title is h1, so the body starts at h2."""
    found: list[Diagnostic] = []
    previous = 1
    for mark, level in _headings(source):
        if level == 1:
            found.append(error(source.path, mark.line, mark.col, "heading-level",
                               "a level-1 heading in the body; the page title is the only one",
                               "start the body's headings at level 2 ('##')"))
        elif level > previous + 1:
            where = "the first heading" if previous == 1 else f"a heading after level {previous}"
            found.append(error(source.path, mark.line, mark.col, "heading-level",
                               f"{where} is level {level}, which skips a level",
                               f"use level {previous + 1} ('{'#' * (previous + 1)}')"))
        previous = level
    return found


def _alt_problem(alt: str | None) -> str:
    """Why this alt text fails, or "" when it says something."""
    if alt is None:
        return "an image without alt text"
    text = " ".join(alt.split())
    if not text:
        return "an image with empty alt text"
    if text.casefold().strip(".") in _GENERIC_ALT or _FILE_NAME.fullmatch(text):
        return f"alt text '{text}' does not say what the image shows"
    return ""


def _html_alt(tag: str) -> str | None:
    match = _ALT.search(tag)
    if match is None:
        return None
    return next(group for group in match.groups() if group is not None)


def check_images(source: ArticleSource) -> list[Diagnostic]:
    """Every image needs alt text that says what it shows and why it matters."""
    images: list[tuple[int, str | None]] = []
    images += [(m.start(), m.group(1)) for m in _MD_IMAGE.finditer(source.masked)]
    images += [(m.start(), _html_alt(m.group(0))) for m in _HTML_IMAGE.finditer(source.masked)]
    found: list[Diagnostic] = []
    for offset, alt in sorted(images, key=lambda item: item[0]):
        problem = _alt_problem(alt)
        if problem:
            mark = source.at(offset)
            found.append(error(source.path, mark.line, mark.col, "image-alt", problem,
                               "describe what the picture shows and why it matters"))
    return found


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def _table_problems(lines: list[str]) -> Iterable[tuple[int, str]]:
    """(line index, message) for Markdown tables without a header row."""
    for index, line in enumerate(lines):
        above = lines[index - 1] if index else ""
        if "|" in line and _SEPARATOR.match(line) and above.strip() and not any(_cells(above)):
            yield index - 1, "this table's header row is empty"
        starts_block = _PIPE_ROW.match(line) and not _PIPE_ROW.match(above)
        below = lines[index + 1] if index + 1 < len(lines) else ""
        if starts_block and _PIPE_ROW.match(below) and not _SEPARATOR.match(below) \
                and not _SEPARATOR.match(line):
            yield index, "rows of '|' cells without a header row and separator line"


def check_tables(source: ArticleSource) -> list[Diagnostic]:
    """Every table needs a header row (Markdown: a first row over a '---' line; HTML: <th>)."""
    found: list[Diagnostic] = []
    for index, message in _table_problems(source.masked.split("\n")):
        line = source.document.body_line + index
        found.append(error(source.path, line, 1, "table-header", message,
                           "give the table a first row of column names, then '| --- | --- |'"))
    for match in _HTML_TABLE.finditer(source.masked):
        if not re.search(r"<th\b", match.group(0), re.I):
            mark = source.at(match.start())
            found.append(error(source.path, mark.line, mark.col, "table-header",
                               "an HTML table without header cells (<th>)",
                               "mark the first row's cells as <th>"))
    return found
