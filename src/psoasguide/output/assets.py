"""Static assets: site files over the theme's, fingerprinted by content hash."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from pygments.formatters import HtmlFormatter

from ..diagnostics import Diagnostic, error
from ..layout import STATIC_DIR
from ..model import OutputFile

#: The Pygments style whose classes colour highlighted code (chosen for contrast on white).
PYGMENTS_STYLE = "default"


def pygments_css() -> str:
    """The stylesheet for code highlighted with `css_class="highlight"`."""
    return HtmlFormatter(style=PYGMENTS_STYLE).get_style_defs(".highlight") + "\n"


def fingerprint(path: str, data: bytes) -> str:
    """`static/style.css` -> `static/style.1a2b3c4d5e.css` (a hash of the bytes)."""
    digest = hashlib.sha256(data).hexdigest()[:10]
    p = PurePosixPath(path)
    return str(p.with_name(f"{p.stem}.{digest}{p.suffix}"))


def collect_assets(dirs: Sequence[Path]
                   ) -> tuple[list[OutputFile], dict[str, str], list[Diagnostic]]:
    """Static files (later folders override earlier ones by path), their URLs, and problems.

    `style.css` gets the Pygments stylesheet appended, so a page needs one stylesheet.
    """
    found: dict[str, Path] = {}
    for folder in dirs:
        base = folder / STATIC_DIR
        if base.is_dir():
            for file in sorted(base.rglob("*")):
                if file.is_file() and not file.name.startswith("."):
                    found[file.relative_to(base).as_posix()] = file
    files: list[OutputFile] = []
    urls: dict[str, str] = {}
    problems: list[Diagnostic] = []
    for name in sorted(found):
        try:
            data = found[name].read_bytes()
        except OSError as exc:
            problems.append(error(f"{STATIC_DIR}/{name}", 1, 1, "unreadable",
                                  f"cannot read: {exc.strerror}"))
            continue
        if name == "style.css":
            data += b"\n/* Code highlighting (Pygments) */\n" + pygments_css().encode()
        path = fingerprint(f"{STATIC_DIR}/{name}", data)
        files.append(OutputFile(path, data))
        urls[name] = "/" + path
    return files, urls, problems
