"""The dev server reads again only the content files that changed since it last read them."""

from __future__ import annotations

import os
from pathlib import Path

from psoasguide.cache import MemoryStore
from psoasguide.cache.sources import unchanged_reads
from psoasguide.content import read_source
from psoasguide.diagnostics import Diagnostic
from psoasguide.model import SourceFile

REL = "content/pages/about.md"


def counting() -> tuple[list[str], object]:
    calls: list[str] = []

    def read(root: Path, rel: str) -> tuple[SourceFile | None, list[Diagnostic]]:
        calls.append(rel)
        return read_source(root, rel)

    return calls, read


def article(tmp_path: Path, text: str) -> Path:
    path = tmp_path / REL
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_a_settled_file_is_read_once_and_comes_back_the_same(tmp_path: Path) -> None:
    article(tmp_path, "---\ntitle: About\n---\nBody.\n")
    calls, read = counting()
    reads = unchanged_reads(MemoryStore(), read, settled_ns=0)  # type: ignore[arg-type]
    first, _ = reads(tmp_path, REL)
    again, problems = reads(tmp_path, REL)
    assert calls == [REL] and not problems
    assert again == first and again is not None and again.text.endswith("Body.\n")


def test_an_edit_is_read_even_when_it_keeps_the_size_and_the_time(tmp_path: Path) -> None:
    path = article(tmp_path, "---\ntitle: About\n---\nBody one.\n")
    calls, read = counting()
    reads = unchanged_reads(MemoryStore(), read, settled_ns=0)  # type: ignore[arg-type]
    reads(tmp_path, REL)
    before = path.stat()
    path.write_text("---\ntitle: About\n---\nBody two.\n")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # the change time still moves
    source, _ = reads(tmp_path, REL)
    assert calls == [REL, REL] and source is not None and "Body two." in source.text


def test_a_file_changed_just_now_is_read_every_time(tmp_path: Path) -> None:
    article(tmp_path, "---\ntitle: About\n---\nBody.\n")
    calls, read = counting()
    # an hour's window, not the default 2 s: a slow machine must not let the file settle
    reads = unchanged_reads(MemoryStore(), read, settled_ns=3600 * 10**9)  # type: ignore[arg-type]
    reads(tmp_path, REL)
    reads(tmp_path, REL)
    assert calls == [REL, REL]


def test_a_file_that_cannot_be_read_is_reported_every_time(tmp_path: Path) -> None:
    calls, read = counting()
    reads = unchanged_reads(MemoryStore(), read, settled_ns=0)  # type: ignore[arg-type]
    for _ in range(2):
        source, problems = reads(tmp_path, REL)
        assert source is None and [p.code for p in problems] == ["unreadable"]
    assert calls == [REL, REL]


def test_site_settings_are_loaded_again_only_when_site_yaml_changes(tmp_path: Path) -> None:
    from psoasguide.cache.sources import unchanged_file
    from psoasguide.config import load_config

    config = tmp_path / "site.yaml"
    config.write_text("title: One\nbase_url: https://example.org/\nlint: {max_grade: 99}\n")
    loads: list[Path] = []

    def load(root: Path) -> tuple[object, list[Diagnostic]]:
        loads.append(root)
        return load_config(root)

    settings = unchanged_file(MemoryStore(), "site.yaml", load, settled_ns=0)
    first, problems = settings(tmp_path)
    problems.append("changed by a caller")  # type: ignore[arg-type]
    again, problems_again = settings(tmp_path)
    assert again is first and len(loads) == 1 and "changed by a caller" not in problems_again
    # Another size: two writes within one tick of the file system's clock keep the same times.
    config.write_text("title: Second\nbase_url: https://example.org/\nlint: {max_grade: 99}\n")
    changed, _ = settings(tmp_path)
    assert len(loads) == 2 and changed.title == "Second"  # type: ignore[union-attr]
    os.remove(config)
    missing, found = settings(tmp_path)
    assert missing is None and [d.code for d in found] == ["no-site-config"]
