"""The strict page policy on every generated page: a Content-Security-Policy meta tag that
allows no inline script or style, no inline script but JSON-LD, no `style` attribute, no
`<style>` element, and no event-handler attribute. (Chromium's own verdict, timer running, is
in test_timer_browser.py.)"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_guide import GUIDE_TODAY

from psoasguide import BuildConfig, Severity, build
from psoasguide.model import Search

REPO = Path(__file__).resolve().parent.parent


class _Policy(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.csp: list[str] = []
        self.problems: list[str] = []
        self._script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp.append(a.get("content") or "")
        if tag == "style":
            self.problems.append("a <style> element")
        for name, _ in attrs:
            if name == "style":
                self.problems.append(f"a style attribute on <{tag}>")
            if name.startswith("on"):
                self.problems.append(f"an {name} attribute on <{tag}>")
        if tag == "script" and "src" not in a and a.get("type") != "application/ld+json":
            self.problems.append(f"an inline script (type={a.get('type')!r})")

    handle_startendtag = handle_starttag


def policy_of(html: str) -> _Policy:
    parser = _Policy()
    parser.feed(html)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("policy")
    result = build(BuildConfig(root=REPO, out=out, today=GUIDE_TODAY, search=Search.OFF))
    assert not [d for d in result.diagnostics if d.severity is Severity.ERROR]
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(out.rglob("*.html")) if "pagefind" not in p.parts}


def test_every_page_carries_the_strict_policy(pages: dict[str, str]) -> None:
    kinds = {path.split("/")[0] for path in pages}
    assert {"stretches", "routines", "anatomy", "causes", "pages", "search", "404.html",
            "index.html"} <= kinds, kinds
    bad = []
    for path, html in pages.items():
        found = policy_of(html)
        if len(found.csp) != 1:
            bad.append(f"{path}: {len(found.csp)} policy meta tags")
            continue
        rules = dict(d.partition(" ")[::2] for d in found.csp[0].split("; "))
        if rules.get("default-src") != "'self'" or "'unsafe-inline'" in found.csp[0]:
            bad.append(f"{path}: weak policy {found.csp[0]!r}")
        if "script-src" in rules and "'unsafe-eval'" in rules["script-src"].split():
            bad.append(f"{path}: script-src allows eval")
        if html.index("Content-Security-Policy") > html.index("<link"):
            bad.append(f"{path}: the policy comes after a stylesheet")
    assert not bad, "\n".join(bad)


def test_no_page_has_inline_script_or_style(pages: dict[str, str]) -> None:
    bad = [f"{path}: {problem}" for path, html in pages.items()
           for problem in policy_of(html).problems]
    assert not bad, "\n".join(bad)


def test_the_checker_sees_each_kind_of_inline_code() -> None:
    """Negative control: each thing the policy refuses is found."""
    found = policy_of('<p style="x" onclick="y()">a</p><style>p{}</style><script>go()</script>'
                      '<script type="application/ld+json">{}</script><script src="a.js"></script>')
    assert found.problems == ["a style attribute on <p>", "an onclick attribute on <p>",
                              "a <style> element", "an inline script (type=None)"]


# --- the timer's facts for machines ---------------------------------------------------------------

def _jsonld(html: str) -> dict:
    import json
    import re
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html,
                                re.S).group(1))


def _phase_seconds(html: str) -> int:
    import html as entities
    import json
    import re
    plan = json.loads(entities.unescape(re.search(r'data-phases="([^"]*)"', html).group(1)))
    return sum(p["s"] for p in plan)


def test_routines_are_howtos_with_total_time_and_a_step_per_item(pages: dict[str, str]) -> None:
    import re
    routines = {p: h for p, h in pages.items() if re.fullmatch(r"routines/[^/]+/index.html", p)}
    assert len(routines) >= 5, sorted(routines)
    for path, html in routines.items():
        data = _jsonld(html)
        assert data["@type"] == "MedicalWebPage"
        howto = data["about"]
        assert howto["@type"] == "HowTo"
        minutes, seconds = divmod(_phase_seconds(html), 60)
        assert howto["totalTime"] == f"PT{minutes}M{seconds}S" if seconds else f"PT{minutes}M"
        items = html.count("<li data-item")
        assert [s["position"] for s in howto["step"]] == list(range(1, items + 1)), path
        for step in howto["step"]:
            assert step["@type"] == "HowToStep" and step["name"] and step["text"]
            assert re.fullmatch(r"https://\S+/stretches/[a-z0-9-]+/", step["url"]), step


def test_exercise_plans_give_duration_repetitions_type_and_intensity(
        pages: dict[str, str]) -> None:
    bridge = _jsonld(pages["stretches/glute-bridge/index.html"])["about"]
    assert bridge["exerciseType"] == "strength" and bridge["repetitions"] == 10
    assert bridge["activityDuration"] == "PT1M50S"  # 2 x 10 reps of (2 s hold + 3 s) + 10 s rest
    assert "intensity" not in bridge  # its front matter gives none
    bird = _jsonld(pages["stretches/bird-dog/index.html"])["about"]
    assert bird["repetitions"] == {"@type": "QuantitativeValue", "minValue": 6, "maxValue": 10}
    stretch = _jsonld(pages["stretches/half-kneeling-hip-flexor-stretch/index.html"])["about"]
    assert stretch["intensity"] == "A mild to moderate pull, never pain"
    assert stretch["activityDuration"] == "PT2M25S" and "repetitions" not in stretch
