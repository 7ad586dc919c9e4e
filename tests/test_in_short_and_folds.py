"""Shorter on a phone: three "In short" lines on exercise and cause pages, long sections folded
into `<details>` (`## Heading {.fold}`) that print open, and little visible text after the steps."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    CAUSE,
    CHROMIUM,
    STRETCH,
    TODAY,
    Guide,
    base_files,
    cause_md,
    one,
    stretch_md,
    where,
)

from psoasguide import BuildConfig, build
from psoasguide.content.kinds import IN_SHORT_LIMIT
from psoasguide.model import Document, Kind, Search
from psoasguide.parse.convert import Converter

REPO = Path(__file__).resolve().parent.parent
LINES = "in_short: [It stretches the hip., Kneel and tuck., Stop for sharp pain.]\n"


def _diagnostics(make_site, files: dict[str, str]) -> list:
    root = make_site({**base_files(), **files})
    return list(build(BuildConfig(root=root, write=False, today=TODAY)).diagnostics)


@pytest.mark.parametrize(("extra", "code", "line", "col"), [
    ("in_short: [One., Two.]\n", "bad-value", 13, 11),
    (f"in_short: [One., Two., {'x' * (IN_SHORT_LIMIT + 1)}]\n", "too-long", 13, 24),
    ("in_short: One line.\n", "wrong-type", 13, 11),
])
def test_bad_in_short_lines_are_an_error_at_their_line(make_site, extra, code, line, col
                                                        ) -> None:
    d = one(_diagnostics(make_site, {STRETCH: stretch_md(extra=extra)}), code)
    assert where(d) == (STRETCH, line, col)


CAUSE_LINES = "in_short: [It is common., Move often., Get help if it lasts.]\n"


@pytest.mark.parametrize(("path", "files"), [
    (STRETCH, {STRETCH: stretch_md(), CAUSE: cause_md(extra=CAUSE_LINES)}),
    (CAUSE, {STRETCH: stretch_md(extra=LINES), CAUSE: cause_md()}),
])
def test_a_published_exercise_or_cause_without_in_short_is_flagged(make_site, path, files
                                                                   ) -> None:
    d = one(_diagnostics(make_site, files), "in-short")
    assert where(d) == (path, 3, 1) and d.severity == "warning"


def test_in_short_opens_the_page(make_site) -> None:
    root = make_site({**base_files(), STRETCH: stretch_md(extra=LINES)})
    result = build(BuildConfig(root=root, write=False, today=TODAY))
    html = next(f.data.decode() for f in result.files
                if f.path == "stretches/couch-stretch/index.html")
    box = re.search(r'<section class="in-short".*?</section>', html, re.S)
    assert box and re.findall(r"<li>(.*?)</li>", box.group(0)) == [
        "It stretches the hip.", "Kneel and tuck.", "Stop for sharp pain."]
    assert html.index('class="in-short"') < html.index('id="dose"') < html.index('id="steps"')
    assert not [d for d in result.diagnostics if d.code == "in-short" and d.path == STRETCH]


def _convert(body: str) -> str:
    doc = Document(path="content/pages/p.md", kind=Kind.PAGE, slug="p", title="P",
                   summary="S", reviewed=TODAY, body=body, body_line=5)
    page, problems = Converter().parse(doc)
    assert not problems
    return page.html


def test_a_marked_section_folds_up_to_the_next_heading_of_its_level() -> None:
    html = _convert("Intro.\n\n## Long evidence {.fold}\n\nDetail.[^1]\n\n### Part\n\nMore.\n\n"
                    "## Next\n\nShown.\n\n[^1]: A source.\n")
    fold = re.search(r'<details class="fold"><summary>(.*?)</summary>(.*?)</details>', html, re.S)
    assert fold
    assert fold.group(1).strip() == '<h2 id="long-evidence">Long evidence</h2>'
    assert "Detail." in fold.group(2) and "Part" in fold.group(2) and "Shown." not in fold.group(2)
    assert "Intro." not in fold.group(2) and "A source." not in fold.group(2)
    assert 'class="fold"' not in html.replace('<details class="fold">', "")


def test_an_unmarked_heading_does_not_fold() -> None:
    assert "<details" not in _convert("## Plain\n\nText.\n")


@pytest.fixture(scope="module")
def guide(guide: Guide) -> dict[str, str]:
    """The guide's pages, built once per session (conftest)."""
    return {f.path: f.data.decode() for f in guide.result.files if f.path.endswith("index.html")}


def _words(html: str) -> int:
    return len(re.sub(r"<[^>]+>", " ", html).split())


def test_every_exercise_and_cause_page_has_three_lines_in_short(guide: dict[str, str]) -> None:
    pages = [p for p in guide if re.fullmatch(r"(stretches|causes)/[^/]+/index\.html", p)]
    assert len(pages) >= 19
    for path in pages:
        box = re.search(r'<section class="in-short".*?</section>', guide[path], re.S)
        assert box and len(re.findall(r"<li>", box.group(0))) == 3, path


#: Words of the body an exercise page may show, unfolded, after its steps and before a fold.
AFTER_STEPS = 150


def test_little_visible_text_runs_past_the_steps(guide: dict[str, str]) -> None:
    for path, html in guide.items():
        if not re.fullmatch(r"stretches/[^/]+/index\.html", path):
            continue
        steps_end = html.index("</section>", html.index('id="steps"'))
        fold = html.find("<details", steps_end)
        assert fold > 0, f"{path}: no fold"
        between = html[steps_end:fold]
        between = re.sub(r'<section class="mistakes".*?</section>|<nav class="toc".*?</nav>', "",
                         between, flags=re.S)
        assert _words(between) <= AFTER_STEPS, (path, _words(between))


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (tests/setup.sh)")
def test_folds_are_closed_on_screen_and_open_in_print(chromium: Any, make_site, tmp_path: Path
                                                      ) -> None:
    body = "Intro.\n\n## The evidence {.fold}\n\nA long discussion.\n"
    root = make_site({**base_files(), STRETCH: stretch_md(extra=LINES, body=body)})
    out = tmp_path / "out"
    assert build(BuildConfig(root=root, out=out, today=TODAY, search=Search.OFF)).written
    page = chromium.new_page(viewport={"width": 360, "height": 800})
    try:
        page.goto((out / "stretches/couch-stretch/index.html").as_uri())
        inside = page.locator("details.fold p").first
        assert page.locator("details.fold").count() >= 1 and not inside.is_visible()
        page.emulate_media(media="print")
        assert inside.is_visible()
    finally:
        page.close()
