"""Review status: every article says what happened (checked against its sources; reviewed by a
clinician only when one did), and JSON-LD claims a review only when there was one."""

from __future__ import annotations

import json
import re

import pytest
from conftest import GUIDE_TODAY, PAGE, TODAY, base_files, one, page_md, where

from psoasguide import BuildConfig, build

REVIEW = "clinical_review:\n  by: A. Example\n  role: physiotherapist\n  date: 2026-11-01\n"


def _about(make_site, extra: str = "") -> tuple[str, dict]:
    root = make_site({**base_files(), PAGE: page_md(extra=extra)})
    result = build(BuildConfig(root=root, write=False, today=TODAY))
    assert not [d for d in result.diagnostics if d.severity == "error"], result.diagnostics
    html = next(f.data.decode() for f in result.files if f.path == "pages/about/index.html")
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert raw
    return html, json.loads(raw.group(1))


def _header(html: str) -> str:
    header = re.search(r'<p class="review-dates".*?</p>', html, re.S)
    assert header
    return re.sub(r"<[^>]+>", "", header.group(0))


def test_without_a_clinical_review_the_page_says_so_at_the_top(make_site) -> None:
    html, data = _about(make_site)
    assert _header(html) == ("Checked against its sources on 20 November 2026; not yet reviewed "
                             "by a clinician. Next check due 20 November 2029.")
    assert html.index("review-dates") < html.index('class="content"')
    assert "Last reviewed" not in html
    assert "lastReviewed" not in data and "reviewedBy" not in data


def test_a_clinical_review_is_shown_and_in_json_ld(make_site) -> None:
    html, data = _about(make_site, REVIEW)
    assert "reviewed by A. Example, physiotherapist, on 1 November 2026" in _header(html)
    assert "not yet reviewed" not in html
    assert data["lastReviewed"] == "2026-11-01"
    assert data["reviewedBy"] == {"@type": "Person", "name": "A. Example",
                                  "jobTitle": "physiotherapist"}


@pytest.mark.parametrize(("extra", "code", "line", "col"), [
    (REVIEW.replace("  role: physiotherapist\n", ""), "missing-field", 5, 1),
    (REVIEW.replace("2026-11-01", "2027-01-01"), "future-date", 8, 9),
    (REVIEW.replace("  by:", "  name:"), "unknown-key", 6, 3),
    ("clinical_review: yes\n", "wrong-type", 5, 18),
])
def test_a_bad_clinical_review_is_an_error_at_its_line(make_site, extra, code, line, col
                                                        ) -> None:
    root = make_site({**base_files(), PAGE: page_md(extra=extra)})
    d = one(list(build(BuildConfig(root=root, write=False, today=TODAY)).diagnostics), code)
    assert where(d) == (PAGE, line, col)


def test_every_article_of_the_guide_says_it_awaits_a_clinician() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    result = build(BuildConfig(root=root, write=False, today=GUIDE_TODAY))
    articles = [f for f in result.files
                if re.fullmatch(r"(anatomy|causes|stretches|routines|pages)/[^/]+/index\.html",
                                f.path)]
    assert len(articles) >= 36
    for f in articles:
        assert "not yet reviewed by a clinician" in _header(f.data.decode()), f.path
