"""Rewrite the table of diagnostic codes in README.md from `psoasguide.codes` (run after adding
a code; `tests/test_codes.py` says when it is needed)."""

from __future__ import annotations

from pathlib import Path

from psoasguide.codes import END, START, markdown_table

README = Path(__file__).resolve().parent.parent / "README.md"


def main() -> None:
    text = README.read_text(encoding="utf-8")
    start, end = text.index(START), text.index(END) + len(END)
    README.write_text(text[:start] + markdown_table() + text[end:], encoding="utf-8")


if __name__ == "__main__":
    main()
