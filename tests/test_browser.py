"""The built guide in a real browser: Debian's Chromium, driven by Playwright.

The repository's own site is conftest's `guide`: built once per session into a temporary folder
and served on 127.0.0.1. The build's `base_url` is the server's own address, so the pages that use
absolute URLs (canonical links, `404.html`) point at the local copy too.

Checks: axe-core finds no WCAG 2.1 A/AA or best-practice violation on any page (with a negative
control); on a phone-sized viewport no page scrolls sideways, body text is at least 16px and
navigation links are at least 24px tall; a stretch page shows the dose and the safety sections
before the steps, and its targets link back to it; print hides the navigation but keeps the
references; every internal link, stylesheet and script answers 200.

Uses the session-wide `playwright` fixture of pytest-playwright and launches /usr/bin/chromium
itself (never `playwright install`): one browser for the module, pages reused.
"""

from __future__ import annotations

import functools
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from conftest import CHROMIUM, Guide, serving  # noqa: F401 (serving: test_search_browser)

REPO = Path(__file__).resolve().parent.parent
AXE_JS = REPO / "tests" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
PHONE = {"width": 390, "height": 844}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (tests/setup.sh)"),
    pytest.mark.skipif(not AXE_JS.is_file(), reason="needs axe-core (tests/setup.sh)"),
]


# --- the site, served -----------------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    root: Path  # the output folder
    base: str  # "http://127.0.0.1:PORT/"

    def url(self, html_file: Path) -> str:
        """The URL a reader would use for a built file: folders for `index.html`."""
        rel = html_file.relative_to(self.root).as_posix()
        if rel == "index.html":
            return self.base
        if rel.endswith("/index.html"):
            rel = rel.removesuffix("index.html")
        return self.base + rel

    @property
    def pages(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))

    @property
    def urls(self) -> list[str]:
        return [self.url(p) for p in self.pages]

    @property
    def shown_urls(self) -> list[str]:
        """Pages a reader sees: every page but the instant redirects made for `aliases`."""
        return [self.url(p) for p in self.pages
                if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")]

    def internal(self, url: str) -> bool:
        return url.startswith(self.base)


@pytest.fixture(scope="module")
def site(guide: Guide) -> Site:
    """The repository's guide, built once per session (conftest), served at its base_url."""
    return Site(guide.out, guide.base)


def _one_page(chromium: Any, **options: Any) -> Iterator[Any]:
    """A page in a fresh browser context, closed when the module is done."""
    context = chromium.new_context(**options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(scope="module")
def desktop(chromium: Any) -> Iterator[Any]:
    """One page at 1280x800, reused by the tests of this module."""
    yield from _one_page(chromium, viewport={"width": 1280, "height": 800})


@pytest.fixture(scope="module")
def phone(chromium: Any) -> Iterator[Any]:
    """One page at 390x844, a touch screen at twice the density."""
    yield from _one_page(chromium, viewport=PHONE, device_scale_factor=2, is_mobile=True,
                         has_touch=True)


def open_page(page: Any, url: str) -> None:
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == 200, f"{url}: {response and response.status}"


# --- axe-core -------------------------------------------------------------------------------

AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags},
                                          resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html,
                              summary: n.failureSummary})),
  }));
}"""


@functools.cache
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def run_axe(page: Any) -> list[dict[str, Any]]:
    # evaluated through the DevTools protocol: a <script> tag would be inline script, which
    # the pages' Content-Security-Policy refuses
    page.evaluate(_axe_source())
    return page.evaluate(AXE_RUN, AXE_TAGS)


def describe_violations(url: str, violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{url}: [{v['id']}] ({v['impact']}) {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['html'][:160]}")
            lines.append("      " + (node["summary"] or "").replace("\n", "\n      "))
    return "\n".join(lines)


def test_axe_finds_no_violations_on_any_page(site: Site, desktop: Any) -> None:
    assert len(site.shown_urls) >= 10, site.shown_urls
    report = []
    for url in site.shown_urls:
        open_page(desktop, url)
        violations = run_axe(desktop)
        if violations:
            report.append(describe_violations(url, violations))
    assert not report, "axe-core violations:\n" + "\n".join(report)


def test_axe_negative_control_reports_missing_alt(desktop: Any) -> None:
    """axe must be live: an image without alt text is a violation."""
    desktop.goto("about:blank")  # set_content keeps the last page's security policy
    desktop.set_content(
        '<!doctype html><html lang="en"><head><title>Control</title></head>'
        '<body><main><h1>Control</h1><img src="data:image/gif;base64,'
        'R0lGODlhAQABAAAAACw=" width="40" height="40"></main></body></html>'
    )
    ids = {v["id"] for v in run_axe(desktop)}
    assert "image-alt" in ids, ids


# --- phone layout ---------------------------------------------------------------------------

PHONE_METRICS = """() => {
  const doc = document.documentElement;
  const size = el => parseFloat(getComputedStyle(el).fontSize);
  const paragraphs = [...document.querySelectorAll("main p, main li, main dd, main td")]
    .filter(el => el.textContent.trim() && el.getClientRects().length > 0);
  const links = [...document.querySelectorAll("nav a")]
    .filter(a => a.getClientRects().length > 0)
    .map(a => ({text: a.textContent.trim(), height: a.getBoundingClientRect().height}));
  return {
    scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth,
    bodySize: size(document.body),
    smallText: paragraphs.filter(el => size(el) < 16).map(el => el.textContent.slice(0, 60)),
    links,
    wide: [...document.querySelectorAll("body *")]
      .filter(el => el.getBoundingClientRect().right > doc.clientWidth + 0.5)
      .slice(0, 5).map(el => el.tagName + "." + el.className),
  };
}"""


def test_phone_layout(site: Site, phone: Any) -> None:
    problems = []
    for url in site.shown_urls:
        open_page(phone, url)
        m = phone.evaluate(PHONE_METRICS)
        if m["scrollWidth"] > m["clientWidth"]:
            problems.append(f"{url}: scrolls sideways ({m['scrollWidth']} > {m['clientWidth']}px);"
                            f" too wide: {m['wide']}")
        if m["bodySize"] < 16:
            problems.append(f"{url}: body text is {m['bodySize']}px, under 16px")
        if m["smallText"]:
            problems.append(f"{url}: running text under 16px: {m['smallText'][:3]}")
        if not m["links"]:
            problems.append(f"{url}: no visible navigation links")
        short = [link for link in m["links"] if link["height"] < 24]
        if short:
            problems.append(f"{url}: nav links shorter than 24px: {short[:5]}")
    assert not problems, "\n".join(problems)


def test_phone_metrics_catch_a_bad_page(phone: Any) -> None:
    """Negative control: a too-wide, small-print page with cramped links fails every measure."""
    phone.goto("about:blank")  # set_content keeps the last page's security policy
    phone.set_content(
        '<!doctype html><html lang="en"><head><meta name="viewport" '
        'content="width=device-width, initial-scale=1"><title>Bad</title></head>'
        '<body style="font-size:12px"><nav><a href="#a" style="line-height:1">A</a></nav>'
        '<main><p>Small.</p><div style="width:900px">Wide</div></main></body></html>'
    )
    m = phone.evaluate(PHONE_METRICS)
    assert m["scrollWidth"] > m["clientWidth"], m
    assert m["bodySize"] < 16, m
    assert m["smallText"], m
    assert m["links"] and m["links"][0]["height"] < 24, m


# --- stretch pages: safety before steps, targets link back -----------------------------------


def stretch_urls(site: Site) -> list[str]:
    """Article pages with a `targets` relation: the stretches."""
    return [site.url(p) for p in site.pages
            if 'data-rel="targets"' in p.read_text(encoding="utf-8")]


SECTION_ORDER = """() => {
  // the stretch template's fixed anchors (also reserved by the link stage for [[slug#anchor]])
  const find = (id) => document.querySelector(`main h2#${id}`);
  const heads = {dose: find("dose"), avoid: find("avoid-if"), stop: find("stop-if"),
                 steps: find("steps")};
  const out = {};
  for (const [name, h] of Object.entries(heads)) {
    out[name] = h ? {top: h.getBoundingClientRect().top + window.scrollY,
                     visible: h.checkVisibility(), text: h.textContent.trim()} : null;
  }
  const order = Object.values(heads).filter(Boolean);
  out.domOrder = order.every((h, i) => i === 0 ||
    (order[i - 1].compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING));
  return out;
}"""


def test_stretch_shows_dose_and_safety_before_steps(site: Site, desktop: Any) -> None:
    urls = stretch_urls(site)
    assert urls, "no stretch page (with data-rel=targets) in the built site"
    for url in urls:
        open_page(desktop, url)
        found = desktop.evaluate(SECTION_ORDER)
        for name in ("dose", "avoid", "stop", "steps"):
            assert found[name], f"{url}: no '{name}' heading: {found}"
            assert found[name]["visible"], f"{url}: '{name}' heading is hidden"
        tops = [found[name]["top"] for name in ("dose", "avoid", "stop", "steps")]
        assert tops == sorted(tops) and len(set(tops)) == 4, f"{url}: shown out of order: {found}"
        assert found["domOrder"], f"{url}: out of order in the document: {found}"
        assert re.match(r"(?i)avoid", found["avoid"]["text"]), found
        assert re.match(r"(?i)stop if", found["stop"]["text"]), found
        steps = desktop.locator("section", has=desktop.locator("h2#steps"))
        assert steps.locator("li").first.is_visible(), f"{url}: no visible step"


def test_stretch_targets_link_back(site: Site, desktop: Any) -> None:
    for url in stretch_urls(site):
        open_page(desktop, url)
        targets = desktop.locator('[data-rel="targets"] a')
        count = targets.count()
        assert count > 0, f"{url}: empty targets list"
        hrefs = [targets.nth(i).evaluate("a => a.href") for i in range(count)]
        for i, href in enumerate(hrefs):
            if i:
                open_page(desktop, url)
            with desktop.expect_navigation():
                desktop.locator('[data-rel="targets"] a').nth(i).click()
            assert urldefrag(desktop.url).url == href
            assert "/anatomy/" in href, f"{url}: target {href} is not an anatomy page"
            back = desktop.locator('[data-rel="targeted-by"] a')
            assert back.count(), f"{href}: no data-rel=targeted-by list"
            back_hrefs = [back.nth(j).evaluate("a => a.href") for j in range(back.count())]
            assert url in back_hrefs, f"{href} does not list {url} as targeted-by: {back_hrefs}"
            assert desktop.locator('[data-rel="targeted-by"]').is_visible()


# --- print ----------------------------------------------------------------------------------


def test_print_hides_navigation_keeps_references(site: Site, desktop: Any) -> None:
    urls = stretch_urls(site)
    assert urls
    try:
        desktop.emulate_media(media="print")
        open_page(desktop, urls[0])
        assert desktop.locator(".site-header nav").count() == 1
        assert not desktop.locator(".site-header nav").is_visible()
        assert not desktop.locator("nav.breadcrumbs").is_visible()
        assert not desktop.locator(".skip-link").is_visible()
        references = desktop.locator("section.references")
        assert references.is_visible()
        assert references.locator("li").first.is_visible()
        assert desktop.locator("h1").is_visible()
        assert desktop.locator(".safety.stop").is_visible()
        assert not desktop.locator(".report-error").is_visible()
    finally:
        desktop.emulate_media(media="screen")
    open_page(desktop, urls[0])
    assert desktop.locator(".site-header nav").is_visible()
    assert desktop.locator(".report-error a").is_visible()


# --- internal links -------------------------------------------------------------------------


class _Refs(HTMLParser):
    """Collects a[href], link[href], script[src], img[src] and every id of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"] or "")
        key = {"a": "href", "link": "href", "script": "src", "img": "src",
               "source": "src"}.get(tag)
        if key and values.get(key) is not None:
            self.refs.append(values[key] or "")


def parse(html: str) -> _Refs:
    parser = _Refs()
    parser.feed(html)
    parser.close()
    return parser


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            body = response.read()
            kind = response.headers.get_content_type()
            return response.status, body.decode("utf-8", "replace") if kind == "text/html" else ""
    except urllib.error.HTTPError as e:
        return e.code, ""


def test_every_internal_link_resolves(site: Site) -> None:
    pages = {url: parse(path.read_text(encoding="utf-8"))
             for url, path in zip(site.urls, site.pages, strict=True)}
    checked: dict[str, tuple[int, _Refs | None]] = {}
    problems = []
    count = 0
    for page_url, refs in pages.items():
        for ref in refs.refs:
            target = urljoin(page_url, ref)
            if urlsplit(target).scheme in {"data", "mailto", "tel"}:
                continue
            if not site.internal(target):
                assert urlsplit(target).scheme in {"http", "https"}, f"{page_url}: odd link {ref}"
                continue
            count += 1
            url, fragment = urldefrag(target)
            if url not in checked:
                status, body = fetch(url)
                checked[url] = (status, parse(body) if body else None)
            status, target_refs = checked[url]
            if status != 200:
                problems.append(f"{page_url}: {ref!r} -> {url} answered {status}")
            elif fragment and (target_refs is None or fragment not in target_refs.ids):
                problems.append(f"{page_url}: {ref!r} -> no id '{fragment}' in {url}")
    assert count > 50, f"only {count} internal links found: is the parser working?"
    assert not problems, "\n".join(problems)
    # negative control: the server does answer 404 for a missing page
    assert fetch(site.base + "no-such-page/")[0] == 404


# --- dark scheme and figures -------------------------------------------------------------------

#: One page of each kind; the section, list and routine pages carry figure thumbnails.
KIND_PAGES = ("", "stretches/", "stretches/half-kneeling-hip-flexor-stretch/",
              "routines/desk-break/", "anatomy/psoas-major/", "causes/", "pages/safety/",
              "tags/", "equipment/cushion/", "search/", "404.html")

FIGURE_COLOURS = """() => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = c.map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05); };
  const bg = rgb(getComputedStyle(document.body).backgroundColor);
  const fig = document.querySelector(".fig");
  if (!fig) return {bg, parts: {}};
  const parts = {};
  for (const sel of [".body .o", ".far .o", ".m", ".fl"]) {
    const el = fig.querySelector(sel);
    if (el) parts[sel] = ratio(rgb(getComputedStyle(el).stroke), bg);
  }
  return {bg, parts, animations: document.getAnimations().length};
}"""


@pytest.fixture(scope="module")
def dark(chromium: Any) -> Iterator[Any]:
    """A phone-sized page whose reader prefers the dark scheme."""
    yield from _one_page(chromium, viewport=PHONE, color_scheme="dark")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_and_figure_contrast_in_each_scheme(site: Site, chromium: Any, scheme: str) -> None:
    """Figure strokes at least 3:1 (WCAG 1.4.11) on every kind of page in both schemes; axe in
    the dark scheme here (the light scheme's axe run covers every page above)."""
    pages = _one_page(chromium, viewport=PHONE, color_scheme=scheme)
    page = next(pages)
    report, figures = [], 0
    for path in KIND_PAGES:
        url = site.base + path
        open_page(page, url)
        if scheme == "dark" and (violations := run_axe(page)):
            report.append(describe_violations(url, violations))
        found = page.evaluate(FIGURE_COLOURS)
        assert (sum(found["bg"]) < 150) == (scheme == "dark"), f"{url}: background {found['bg']}"
        for part, ratio in found["parts"].items():
            assert ratio >= 3, f"{url} ({scheme}): figure {part} contrast {ratio:.2f}"
        figures += bool(found["parts"])
    pages.close()
    assert figures >= 4, "figures on the exercise, list, routine and term pages"
    assert not report, "axe-core violations:\n" + "\n".join(report)


def test_figures_stay_still_when_motion_is_reduced(site: Site, dark: Any) -> None:
    dark.emulate_media(reduced_motion="reduce")
    open_page(dark, site.base + "stretches/bird-dog/")
    assert dark.evaluate("document.getAnimations().length") == 0
    assert dark.locator("figure.pose svg[role=img]").count() >= 2
