"""The repository stands on its own: its docs exist, are linked, and name nothing outside it."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DOCS = ("docs/architecture.md", "docs/writing.md", "CONTRIBUTING.md")
#: Built from parts so this file does not name them itself.
OUTSIDE = ("../" + "shared/", "/" + "work/")
OLD_DESIGN = "design" + ".md"


def tracked_text_files() -> dict[str, str]:
    """Every file git tracks that reads as UTF-8, by path."""
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    names = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, check=True,
                           capture_output=True).stdout.decode().split("\0")
    files = {}
    for name in filter(None, names):
        path = REPO / name
        if path.is_file() and not path.is_symlink():
            try:
                files[name] = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
    return files


def test_no_tracked_file_names_a_path_outside_the_repository() -> None:
    files = tracked_text_files()
    assert "README.md" in files and "src/psoasguide/pipeline.py" in files
    found = [f"{name}:{text.count(chr(10), 0, text.index(word)) + 1}: {word}"
             for name, text in files.items() for word in OUTSIDE if word in text]
    assert not found, "\n".join(found)


def test_design_citations_point_to_the_architecture_doc() -> None:
    found = [f"{name}:{text.count(chr(10), 0, text.index(OLD_DESIGN)) + 1}"
             for name, text in tracked_text_files().items() if OLD_DESIGN in text]
    assert not found, "cite docs/architecture.md instead:\n" + "\n".join(found)


def test_readme_links_to_every_doc_and_each_exists() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for doc in DOCS:
        assert f"]({doc})" in readme, doc
        assert (REPO / doc).is_file(), doc


@pytest.mark.parametrize("doc", DOCS)
def test_relative_links_in_the_docs_resolve(doc: str) -> None:
    path = REPO / doc
    prose = re.sub(r"```.*?```|`[^`\n]*`", "", path.read_text(encoding="utf-8"), flags=re.S)
    targets = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", prose)
    local = [t for t in targets if "://" not in t]
    assert local, f"{doc} links to nothing"
    missing = [t for t in local if not (path.parent / t).exists()]
    assert not missing, missing
