"""The search page in a real browser: Debian's Chromium, driven by Playwright, over HTTP.

The sample site, with one word that only one article uses, is built with its Pagefind index into
`<tmp>/www/guide/` and served from `<tmp>/www/` by a `ThreadingHTTPServer`, so the site lives
under a base path (`/guide/`), as on GitHub Pages: the page-relative UI links and Pagefind's
result links must both work there. Typing the word shows that one article; axe-core finds no
violation with results showing; at a phone's width nothing scrolls sideways or shrinks.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from conftest import CHROMIUM
from sample_site import ARTICLES, build_site, write_site
from test_browser import (
    AXE_JS,
    PHONE,
    PHONE_METRICS,
    describe_violations,
    open_page,
    run_axe,
    serving,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (tests/setup.sh)"),
    pytest.mark.skipif(not AXE_JS.is_file(), reason="needs axe-core (tests/setup.sh)"),
]

#: In the body of the routine only; the test checks no other article has it.
WORD = "windowsill"
ROUTINE = "content/routines/quick.md"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of the search page of the sample site, served under /guide/."""
    tmp = tmp_path_factory.mktemp("search-browser")
    routine = ARTICLES[ROUTINE].replace("Do it daily.", f"Do it daily, by a {WORD}.")
    assert routine != ARTICLES[ROUTINE]
    assert not [path for path, text in ARTICLES.items() if WORD in text]
    root = write_site(tmp / "site", {ROUTINE: routine})
    www = tmp / "www"
    with serving(www) as port:
        url = f"http://127.0.0.1:{port}/guide/"
        result = build_site(root, www / "guide", base_url=url)
        assert result.written and not result.diagnostics, result.diagnostics
        yield url


def search_for(chromium: Any, url: str, word: str, **options: Any) -> Any:
    """A new page on the search page, `word` typed; waits until Pagefind has answered."""
    page = chromium.new_context(**options).new_page()
    page.set_default_timeout(10_000)
    open_page(page, url + "search/")
    page.get_by_label("Words to look for").fill(word)
    page.locator(".pagefind-ui__message").filter(has_text=word).wait_for()
    return page


def test_typing_a_word_finds_the_one_article_that_has_it(base: str, chromium: Any) -> None:
    page = search_for(chromium, base, WORD)
    try:
        links = page.locator("a.pagefind-ui__result-link")
        links.first.wait_for()
        assert page.locator(".pagefind-ui__result").count() == 1
        assert links.first.inner_text() == "Quick routine"
        assert links.first.get_attribute("href") == "/guide/routines/quick/"
        assert WORD in page.locator(".pagefind-ui__result-excerpt").first.inner_text()
        with page.expect_navigation():
            links.first.click()
        assert page.url == base + "routines/quick/"
        assert page.locator("h1").inner_text() == "Quick routine"
    finally:
        page.context.close()


def test_words_outside_the_main_content_find_nothing(base: str, chromium: Any) -> None:
    """The disclaimer and footer say "diagnosis" on every page, but are not indexed."""
    page = search_for(chromium, base, "diagnosis")
    try:
        # "Searching for diagnosis..." comes first; the verdict replaces it.
        message = page.locator(".pagefind-ui__message").filter(has_text="No results")
        message.wait_for()
        assert message.inner_text().startswith("No results")
        assert page.locator(".pagefind-ui__result").count() == 0
    finally:
        page.context.close()


def test_axe_finds_no_violations_with_results_showing(base: str, chromium: Any) -> None:
    page = search_for(chromium, base, "hip", viewport={"width": 1280, "height": 800})
    try:
        page.locator("a.pagefind-ui__result-link").nth(1).wait_for()  # results render late
        assert page.locator(".pagefind-ui__result").count() >= 2
        violations = run_axe(page)
        assert not violations, describe_violations(page.url, violations)
    finally:
        page.context.close()


def test_phone_layout_with_results_showing(base: str, chromium: Any) -> None:
    page = search_for(chromium, base, "hip", viewport=PHONE, device_scale_factor=2,
                      is_mobile=True, has_touch=True)
    try:
        page.locator("a.pagefind-ui__result-link").nth(1).wait_for()  # results render late
        assert page.locator(".pagefind-ui__result").count() >= 2
        m = page.evaluate(PHONE_METRICS)
        assert m["scrollWidth"] <= m["clientWidth"], m
        assert m["bodySize"] >= 16 and not m["smallText"], m
        assert all(link["height"] >= 24 for link in m["links"]), m["links"]
        box = page.get_by_label("Words to look for").bounding_box()
        assert box and box["width"] >= 300 and box["height"] >= 44, box
    finally:
        page.context.close()
