"""End to end: the repository's own guide builds cleanly and its pages say what they should."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import Guide


@pytest.fixture(scope="module")
def site(guide: Guide) -> Path:
    """The output folder of the guide, built once per session (conftest)."""
    return guide.out


def _read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_every_section_is_on_the_home_page(site: Path) -> None:
    home = _read(site, "index.html")
    for section in ("anatomy", "causes", "stretches", "routines", "pages"):
        assert f'href="{section}/"' in home
        assert (site / section / "index.html").exists()


def test_stretch_page_has_dose_safety_steps_and_targets(site: Path) -> None:
    page = _read(site, "stretches/half-kneeling-hip-flexor-stretch/index.html")
    assert "<h1>Half-kneeling hip flexor stretch</h1>" in page
    for anchor in ("dose", "avoid-if", "stop-if", "steps", "references"):
        assert f'id="{anchor}"' in page
    targets = re.search(r'data-rel="targets".*?</section>', page, re.S)
    assert targets and 'href="../../anatomy/psoas-major/"' in targets.group(0)


def test_anatomy_page_lists_what_targets_it(site: Path) -> None:
    page = _read(site, "anatomy/psoas-major/index.html")
    assert "Lesser trochanter" in page or "lesser trochanter" in page
    targeted = re.search(r'data-rel="targeted-by".*?</section>', page, re.S)
    assert targeted and "half-kneeling-hip-flexor-stretch" in targeted.group(0)


def test_every_article_links_the_safety_page(site: Path) -> None:
    for page in site.glob("*/*/index.html"):
        if "/pages/" not in page.as_posix():
            text = page.read_text(encoding="utf-8")
            assert 'href="../../pages/when-to-see-a-professional/"' in text, page


def test_body_source_links_were_resolved(site: Path) -> None:
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r'href="[^"]*\.md(#[^"]*)?"', text), page
        assert "\ue000" not in text and "[[" not in text, page
