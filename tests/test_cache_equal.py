"""Property: after any sequence of edits, a build with the cache writes exactly what a clean
build (--no-cache, another folder) writes, and reports the same problems; so does a build in
memory whose store is kept from build to build, as the dev server's is.

Examples are capped for the test suite; set PSOASGUIDE_HYPOTHESIS_EXAMPLES for a longer run.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sample_site import build_site, tree, write_site

from psoasguide.cache import MemoryStore
from psoasguide.model import Search
from psoasguide.output.writer import MARKER
from psoasguide.render import THEME_DIR

EXAMPLES = int(os.environ.get("PSOASGUIDE_HYPOTHESIS_EXAMPLES", "6"))

Edit = Callable[[Path, str], None]
WORDS = st.text(alphabet="abcdefghijklmnop", min_size=1, max_size=8)


def _articles(root: Path) -> list[Path]:
    return sorted((root / "content").rglob("*.md"))


def _pick(root: Path, word: str) -> Path | None:
    files = _articles(root)
    return files[len(word) % len(files)] if files else None


def _rewrite(root: Path, word: str, change: Callable[[str], str]) -> None:
    path = _pick(root, word)
    if path is not None:
        path.write_text(change(path.read_text()))


def _front(key: str, value: str) -> Callable[[str], str]:
    """Set a front-matter key (replacing its line, else adding it after the first line)."""

    def change(text: str) -> str:
        lines = text.split("\n")
        for i, line in enumerate(lines[1:], 1):
            if line == "---":
                break
            if line.startswith(f"{key}:"):
                lines[i] = f"{key}: {value}"
                return "\n".join(lines)
        return "\n".join([lines[0], f"{key}: {value}", *lines[1:]])

    return change


def body(root: Path, word: str) -> None:
    _rewrite(root, word, lambda t: t + f"\nA new {word} paragraph. [[psoas-major]]\n")


def title(root: Path, word: str) -> None:
    _rewrite(root, word, _front("title", f"Title {word}"))


def summary(root: Path, word: str) -> None:
    _rewrite(root, word, _front("summary", f"All about {word}."))


def relation(root: Path, word: str) -> None:
    path = root / "content/causes/sitting.md"
    if path.exists():
        targets = "[psoas-major]" if len(word) % 2 else "[psoas-major, half-kneeling]"
        path.write_text(_front("affects", targets)(path.read_text()))


def tag(root: Path, word: str) -> None:
    _rewrite(root, word, _front("tags", f"[{word}]"))


def reference(root: Path, word: str) -> None:
    _rewrite(root, word, lambda t: t.replace("title: Clinical Anatomy", f"title: Anatomy {word}"))


def alias(root: Path, word: str) -> None:
    _rewrite(root, word, _front("aliases", f"[/old-{word}/]"))


def _extra(root: Path, word: str) -> Path:
    """A page no other page links to (one is added if there is none), so that deleting,
    renaming or hiding it leaves the site valid."""
    pages = sorted(p for p in (root / "content/pages").glob("*.md") if p.name != "safety.md")
    if not pages:
        add(root, word)
        return _extra(root, word)
    return pages[len(word) % len(pages)]


def add(root: Path, word: str) -> None:
    path = root / f"content/pages/{word}.md"
    path.write_text(f"---\ntitle: About {word}\nsummary: A page on {word}.\n"
                    f"reviewed: 2026-01-10\n---\nSee [[psoas-major]].\n")


def delete(root: Path, word: str) -> None:
    _extra(root, word).unlink()


def rename(root: Path, word: str) -> None:
    path = _extra(root, word)
    path.rename(path.with_name(f"{word}-{path.name}"))


def draft(root: Path, word: str) -> None:
    path = _extra(root, word)
    path.write_text(_front("draft", "true" if len(word) % 2 else "false")(path.read_text()))


def template(root: Path, word: str) -> None:
    """Override the theme's base template with a comment every page shows."""
    target = root / "templates/base.html"
    target.parent.mkdir(exist_ok=True)
    text = (THEME_DIR / "base.html").read_text()
    target.write_text(text.replace("</body>", f"<!-- {word} --></body>"))


def static(root: Path, word: str) -> None:
    target = root / "static/notes.txt"
    target.parent.mkdir(exist_ok=True)
    target.write_text(f"notes {word}\n")


def site_yaml(root: Path, word: str) -> None:
    path = root / "site.yaml"
    path.write_text(_front("title", f"Guide {word}")("---\n" + path.read_text())[4:])


def heading(root: Path, word: str) -> None:
    """A new section of the anatomy page: new anchors and contents, and a new glossary term
    when it is the glossary, which another page's body uses (the cause says "stiffness")."""
    path = root / "content/anatomy/psoas-major.md"
    path.write_text(path.read_text() + f"\n## Stiffness\n\nWhat {word} means.\n")


def weight(root: Path, word: str) -> None:
    """A new place in its section: the previous and next links of its neighbours change."""
    _rewrite(root, word, _front("weight", str(len(word) - 4)))


def glossary(root: Path, word: str) -> None:
    """Make the anatomy page the glossary (its level-2 headings linked from every page), or
    none."""
    path = root / "site.yaml"
    lines = [line for line in path.read_text().splitlines()
             if not line.startswith("glossary_page:")]
    if len(word) % 2:
        lines.append("glossary_page: psoas-major")
    path.write_text("\n".join(lines) + "\n")


def nothing(root: Path, word: str) -> None:
    """No edit: the build finds its inputs and output as the last build left them."""


EDITS: tuple[Edit, ...] = (body, title, summary, relation, tag, reference, alias, add, delete,
                           rename, draft, template, static, site_yaml, heading, weight,
                           glossary, nothing)


def _same(root: Path, work: Path, memory: MemoryStore) -> bool:
    # As `psoasguide build` runs: stage caches, the whole-build memo, the spare output tree.
    cached = build_site(root, work / "cached", search=Search.OFF, skip_unchanged=True)
    # As `psoasguide serve` rebuilds: one store in memory, kept from build to build.
    served = build_site(root, search=Search.OFF, write=False, store=memory)
    fresh = build_site(root, work / "fresh", search=Search.OFF, cache=False)
    assert cached.diagnostics == fresh.diagnostics
    assert served.diagnostics == fresh.diagnostics
    assert cached.written == fresh.written
    if fresh.written:
        assert tree(work / "cached") == tree(work / "fresh")
        written = tree(work / "fresh")
        del written[MARKER]  # the writer's mark on a folder it owns
        assert {f.path: f.data for f in served.files} == written
    shutil.rmtree(work / "fresh", ignore_errors=True)
    return fresh.written


@settings(max_examples=EXAMPLES, deadline=None,
          derandomize="PSOASGUIDE_HYPOTHESIS_EXAMPLES" not in os.environ,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(EDITS), WORDS), min_size=1, max_size=5))
def test_cached_build_equals_clean_build(steps: list[tuple[Edit, str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        root = write_site(work / "site")
        memory = MemoryStore()
        assert _same(root, work, memory)
        for edit, word in steps:
            edit(root, word)
            written = _same(root, work, memory)
            event(f"{edit.__name__}: {'written' if written else 'refused'}")
