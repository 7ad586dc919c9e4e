"""Reading source text: UTF-8 with or without a BOM, LF or CRLF line ends."""

from __future__ import annotations

from pathlib import Path

from .diagnostics import Diagnostic, error


def decode(data: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """Decode UTF-8 (a BOM dropped) and make every line end LF; report bad bytes at their place."""
    data = data.removeprefix(b"\xef\xbb\xbf")  # so error offsets are relative to the text
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[:exc.start].decode("utf-8", errors="replace")
        before = before.replace("\r\n", "\n").replace("\r", "\n")
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
        return None, [error(path, line, col, "encoding",
                            f"not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded",
                            "save the file as UTF-8")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def read_text(file: Path, path: str) -> tuple[str | None, list[Diagnostic]]:
    """Read and decode `file`; `path` is how diagnostics name it."""
    try:
        data = file.read_bytes()
    except OSError as exc:
        return None, [error(path, 1, 1, "unreadable", f"cannot read: {exc.strerror or exc}")]
    return decode(data, path)
