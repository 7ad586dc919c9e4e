"""Named blocks (blocks/<name>.yaml): bad data and bad includes are errors at their line, and a
block reads the same on every page that shows it, before the steps on exercise and routine pages."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import (
    CAUSE,
    PAGE,
    TODAY,
    anatomy_md,
    base_files,
    cause_md,
    one,
    page_md,
    show,
    where,
)
from test_guide import GUIDE_TODAY

from psoasguide import BuildConfig, build

SIGNS = """type: signs
short_heading: Call 999 if
sources:
  nhs-back:
    title: Back pain
    publisher: NHS
    url: https://www.nhs.uk/conditions/back-pain/
groups:
  - id: now
    urgency: emergency
    heading: Emergencies
    lead: You have back pain and
    action: Call 999.
    signs:
      - text: numbness around your genitals
        source: nhs-back
        short: true
      - text: chest pain
        source: nhs-back
  - id: today
    urgency: urgent
    heading: Same day
    lead: You have back pain and
    action: Call 111.
    signs:
      - text: a high temperature
        source: nhs-back
"""
SITE = ("title: Test guide\nbase_url: https://example.org/guide/\nsafety_page: about\n"
        "safety_signs: signs\n")


def _site(make_site: Callable[..., Path], files: dict[str, str] | None = None,
          signs: str = SIGNS, site_yaml: str = SITE) -> Path:
    return make_site({**base_files(), "blocks/signs.yaml": signs, **(files or {})}, site_yaml)


def _diagnose(root: Path) -> list:
    return list(build(BuildConfig(root=root, write=False, today=TODAY)).diagnostics)


def _pages(root: Path) -> dict[str, str]:
    result = build(BuildConfig(root=root, write=False, today=TODAY))
    assert not [d for d in result.diagnostics if d.severity == "error"], show(result.diagnostics)
    return {f.path: f.data.decode() for f in result.files if f.path.endswith(".html")}


def test_unknown_block_is_an_error_at_its_line_with_did_you_mean(make_site) -> None:
    body = "Intro.\n\n{{< block sign >}}\n"
    root = _site(make_site, {PAGE: page_md(body=body)})
    d = one(_diagnose(root), "unknown-block")
    assert where(d) == (PAGE, 8, 1) and "'sign'" in d.message and "'signs'" in d.hint


def test_unknown_variant_is_an_error_at_its_line(make_site) -> None:
    root = _site(make_site, {PAGE: page_md(body="{{< block signs shrot >}}\n")})
    d = one(_diagnose(root), "unknown-block")
    assert where(d) == (PAGE, 6, 1) and "'short'" in d.hint


@pytest.mark.parametrize("line", ["{{< blok signs >}}", "See {{< block signs >}} here",
                                  "{{< block Signs! >}}"])
def test_a_malformed_include_is_an_error_at_its_column(make_site, line: str) -> None:
    root = _site(make_site, {PAGE: page_md(body=f"Text.\n\n{line}\n")})
    d = one(_diagnose(root), "bad-include")
    assert where(d) == (PAGE, 8, line.index("{{<") + 1)


def test_an_include_in_code_is_left_as_code(make_site) -> None:
    body = "```\n{{< block nothing >}}\n```\n"
    pages = _pages(_site(make_site, {PAGE: page_md(body=body)}))
    assert "{{&lt; block nothing &gt;}}" in pages["pages/about/index.html"]


def test_an_unknown_sign_source_is_an_error_at_its_line(make_site) -> None:
    signs = SIGNS.replace("source: nhs-back\n        short", "source: nhs-bak\n        short")
    d = one(_diagnose(_site(make_site, signs=signs)), "unknown-source")
    assert where(d) == ("blocks/signs.yaml", 16, 17) and "'nhs-back'" in d.hint


@pytest.mark.parametrize(("change", "code", "line"), [
    (("urgency: emergency", "urgency: soon"), "bad-value", 10),
    (("    url: https://www.nhs.uk/conditions/back-pain/\n", ""), "missing-field", 4),
    (("type: signs", "type: sings"), "bad-value", 1),
    (("short_heading:", "short_headng:"), "unknown-key", 2),
])
def test_bad_block_data_is_an_error_at_its_line(make_site, change, code, line) -> None:
    d = one(_diagnose(_site(make_site, signs=SIGNS.replace(*change))), code)
    assert (d.path, d.line) == ("blocks/signs.yaml", line)


def test_safety_signs_must_name_a_block(make_site) -> None:
    root = _site(make_site, site_yaml=SITE.replace("safety_signs: signs", "safety_signs: sign"))
    d = one(_diagnose(root), "unknown-block")
    assert where(d) == ("site.yaml", 4, 15) and "'signs'" in d.hint


def test_a_text_block_is_included_where_named(make_site) -> None:
    files = {"blocks/note.yaml": "type: text\ntext: Shared *words* here.\n",
             CAUSE: cause_md(body="**Limited:** x.\n\n{{< block note >}}\n")}
    pages = _pages(_site(make_site, files))
    assert "Shared <em>words</em> here." in pages["causes/prolonged-sitting/index.html"]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_the_same_words_on_every_page_that_shows_the_signs(make_site) -> None:
    files = {ANATOMY_INCLUDE[0]: ANATOMY_INCLUDE[1]}
    pages = _pages(_site(make_site, files))
    boxes = {path: _text(m.group(0)) for path, html in pages.items()
             for m in [re.search(r'<aside class="call-999".*?</aside>', html, re.S)] if m}
    assert set(boxes) == {"stretches/couch-stretch/index.html", "routines/desk-break/index.html",
                          "anatomy/psoas-major/index.html"}, sorted(boxes)
    assert len(set(boxes.values())) == 1
    box = next(iter(boxes.values()))
    assert "numbness around your genitals" in box and "chest pain" not in box
    full = pages["pages/about/index.html"]
    assert "chest pain" in full and "a high temperature" in full
    assert full.count("https://www.nhs.uk/conditions/back-pain/") == 3


ANATOMY_INCLUDE = ("content/anatomy/psoas-major.md",
                   anatomy_md(body="Text.\n\n{{< block signs short >}}\n"))


def test_the_box_comes_before_the_steps_on_every_exercise_and_routine_page() -> None:
    root = Path(__file__).resolve().parent.parent
    result = build(BuildConfig(root=root, write=False, today=GUIDE_TODAY))
    files = {f.path: f.data.decode() for f in result.files}
    shown = [p for p in files if re.fullmatch(r"(stretches|routines)/[^/]+/index\.html", p)]
    assert len(shown) >= 15
    for path in shown:
        html = files[path]
        box, steps = html.find('class="call-999"'), html.find('id="steps"')
        if steps < 0:
            steps = html.find('id="items"')
        assert 0 <= box < steps, path


def test_one_group_of_a_signs_block_is_included_by_its_id(make_site) -> None:
    files = {ANATOMY_INCLUDE[0]: anatomy_md(body="Text.\n\n{{< block signs today >}}\n")}
    pages = _pages(_site(make_site, files))
    html = pages["anatomy/psoas-major/index.html"]
    group = re.search(r'<section class="signs".*?</section>', html, re.S)
    assert group and "a high temperature" in group.group(0)
    assert "chest pain" not in group.group(0) and 'id="sign-' not in group.group(0)


def test_a_group_id_may_not_be_a_variant_name(make_site) -> None:
    d = one(_diagnose(_site(make_site, signs=SIGNS.replace("id: today", "id: short"))),
            "bad-value")
    assert (d.path, d.line) == ("blocks/signs.yaml", 20)
