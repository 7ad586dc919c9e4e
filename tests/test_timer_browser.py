"""The hold timer and the routine player in real Chromium, on Playwright's fake clock (never real
waiting): phases, announcements, pause and resume, a jump of the clock, the keyboard, a routine
from first item to last with skip and back; axe and the Nu checker with the timer running; the
page policy as Chromium enforces it on every kind of page; print (a routine's checklist on one
A4 page; an exercise page without its controls). Screenshots at 360 px go to
$PSOASGUIDE_SHOTS when it is set, for a person to look at.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CHROMIUM, Guide
from test_browser import AXE_JS, Site, describe_violations, open_page, run_axe
from test_html_valid import VNU_JAR, describe, run_vnu

REPO = Path(__file__).resolve().parent.parent
EXERCISE = "stretches/half-kneeling-hip-flexor-stretch/"  # 30 s x 2 on each side
ROUTINE = "routines/gentle-back-routine/"
START = "2026-11-21T09:00:00Z"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (tests/setup.sh)"),
    pytest.mark.skipif(not AXE_JS.is_file(), reason="needs axe-core (tests/setup.sh)"),
]

#: Records what the live region says, and every policy violation, from before the page's scripts.
RECORDER = """
window.__said = [];
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.lineNumber}`));
new MutationObserver(() => {
  const live = document.querySelector("[data-live]");
  if (live && live.textContent && live.textContent !== window.__said.at(-1)) {
    window.__said.push(live.textContent);
  }
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


@pytest.fixture(scope="module")
def site(guide: Guide) -> Site:
    """The guide with its search index, built once per session (conftest) and served."""
    return Site(guide.out, guide.base)


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    """A phone-sized page (360 px) on a fake clock, recording announcements and violations."""
    context = chromium.new_context(viewport={"width": 360, "height": 780},
                                   device_scale_factor=2, is_mobile=True, has_touch=True)
    context.add_init_script(RECORDER)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    tab.clock.install(time=START)
    try:
        yield tab
    finally:
        context.close()


def face(tab: Any) -> dict[str, str]:
    return tab.evaluate("""() => {
      const t = document.querySelector("[data-timer]");
      const text = (s) => (t.querySelector(s) || {}).textContent || "";
      return {phase: text("[data-phase]"), count: text("[data-count]"), next: text("[data-next]"),
              left: text("[data-left]"), button: text('[data-action="toggle"]'),
              progress: text("[data-progress]"), name: text("[data-name]"),
              stop: text("[data-stop]"), summary: t.querySelector("[data-summary]").hidden ? ""
                : text("[data-summary]"), state: t.dataset.state};
    }""")


def said(tab: Any) -> list[str]:
    return tab.evaluate("window.__said")


def shoot(tab: Any, name: str) -> None:
    folder = os.environ.get("PSOASGUIDE_SHOTS")
    if folder:
        tab.locator("[data-timer] h2").evaluate("h => h.scrollIntoView()")
        tab.screenshot(path=str(Path(folder) / f"{name}.png"))


def phases(tab: Any) -> list[dict[str, Any]]:
    return json.loads(tab.locator("[data-timer]").get_attribute("data-phases"))


# --- without JavaScript ---------------------------------------------------------------------------


def test_without_javascript_the_page_is_complete_and_shows_no_controls(
        site: Site, chromium: Any) -> None:
    context = chromium.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        for path in (EXERCISE, ROUTINE):
            open_page(tab, site.base + path)
            assert not tab.locator("[data-timer]").is_visible()
            assert tab.locator("button").count() == tab.locator("[data-timer] button").count()
            assert not tab.get_by_role("button").filter(has_text="Start").is_visible()
            assert tab.locator("#dose, #items").first.is_visible()
        open_page(tab, site.base + EXERCISE)
        assert tab.locator(".steps ol li").first.is_visible()
    finally:
        context.close()


# --- an exercise ---------------------------------------------------------------------------------


def test_the_timer_counts_rests_switches_finishes_and_announces(site: Site, page: Any) -> None:
    open_page(page, site.base + EXERCISE)
    assert face(page)["button"] == "Start" and face(page)["left"] == "2:30 left"
    page.get_by_role("button", name="Start").click()
    assert face(page)["phase"] == "Get ready" and face(page)["count"] == "0:05"
    page.clock.run_for(5_000)
    assert face(page)["phase"] == "Left side, set 1 of 2: hold"
    assert face(page)["count"] == "0:30"
    page.clock.run_for(12_000)
    assert face(page)["count"] == "0:18" and face(page)["left"] == "2:13 left"
    shoot(page, "exercise-hold-360")
    page.clock.run_for(18_000)
    assert face(page)["phase"] == "Rest" and face(page)["next"] == \
        "Next: Left side, set 2 of 2: hold"
    shoot(page, "exercise-rest-360")
    page.clock.run_for(40_000)
    assert face(page)["phase"] == "Switch sides"
    page.clock.run_for(5_000)
    assert face(page)["phase"] == "Right side, set 1 of 2: hold"
    page.clock.run_for(70_000)
    assert face(page)["phase"] == "Done" and face(page)["state"] == "done"
    assert face(page)["button"] == "Start" and "All sets done." in face(page)["summary"]
    shoot(page, "exercise-done-360")
    assert said(page) == [
        "Get ready, 5 seconds. Next: Left side, set 1 of 2: hold",
        "Left side, set 1 of 2: hold, 30 seconds",
        "Rest, 10 seconds. Next: Left side, set 2 of 2: hold",
        "Left side, set 2 of 2: hold, 30 seconds",
        "Switch sides, 5 seconds. Next: Right side, set 1 of 2: hold",
        "Right side, set 1 of 2: hold, 30 seconds",
        "Rest, 10 seconds. Next: Right side, set 2 of 2: hold",
        "Right side, set 2 of 2: hold, 30 seconds",
        "Done. Timer finished.",
    ]  # one message per phase, none per second


def test_pause_and_resume_keep_the_time_left(site: Site, page: Any) -> None:
    open_page(page, site.base + EXERCISE)
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(15_000)  # 10 s into the first hold
    page.get_by_role("button", name="Pause").click()
    assert face(page)["count"] == "0:20" and face(page)["button"] == "Resume"
    page.clock.run_for(120_000)  # a long pause
    assert face(page)["count"] == "0:20" and said(page)[-1] == "Paused"
    page.get_by_role("button", name="Resume").click()
    page.clock.run_for(19_000)
    assert face(page)["count"] == "0:01" and face(page)["phase"] == "Left side, set 1 of 2: hold"
    page.clock.run_for(1_000)
    assert face(page)["phase"] == "Rest"


def test_a_jump_of_the_clock_lands_in_the_right_phase(site: Site, page: Any) -> None:
    open_page(page, site.base + EXERCISE)
    page.get_by_role("button", name="Start").click()
    page.clock.fast_forward(57_000)  # a backgrounded tab: timers throttled, then one jump
    page.clock.run_for(200)
    assert face(page)["phase"] == "Left side, set 2 of 2: hold"
    assert face(page)["count"] == "0:18"
    assert said(page)[-1] == "Left side, set 2 of 2: hold, 30 seconds"
    assert not [s for s in said(page) if s.startswith("Rest")]  # only where it landed


def test_keyboard_alone_starts_pauses_and_resets(site: Site, page: Any) -> None:
    open_page(page, site.base + EXERCISE)
    toggle = page.locator('[data-timer] [data-action="toggle"]')
    for _ in range(200):
        page.keyboard.press("Tab")
        if toggle.evaluate("b => b === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the timer's Start button")
    outline = toggle.evaluate("b => getComputedStyle(b).outlineStyle + ' ' + "
                              "getComputedStyle(b).outlineWidth")
    assert outline.split()[0] != "none" and float(outline.split()[1][:-2]) >= 3, outline
    page.keyboard.press("Enter")
    page.clock.run_for(8_000)
    assert face(page)["state"] == "running" and face(page)["count"] == "0:27"
    page.keyboard.press("Space")
    assert face(page)["state"] == "paused" and face(page)["button"] == "Resume"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Reset"
    page.keyboard.press("Enter")
    assert face(page)["button"] == "Start" and face(page)["left"] == "2:30 left"
    assert said(page)[-1] == "Timer reset"


def test_the_sound_choice_is_remembered(site: Site, page: Any) -> None:
    open_page(page, site.base + EXERCISE)
    box = page.get_by_label("Play a short tone at each change")
    assert not box.is_checked()
    box.check()
    open_page(page, site.base + ROUTINE)
    assert page.get_by_label("Play a short tone at each change").is_checked()
    page.get_by_role("button", name="Start").click()  # the tone plays without an error
    page.clock.run_for(6_000)
    assert face(page)["state"] == "running"


# --- a routine ------------------------------------------------------------------------------------


def test_a_routine_plays_from_first_to_last_with_skip_and_back(site: Site, page: Any) -> None:
    open_page(page, site.base + ROUTINE)
    items = page.locator("[data-item]")
    count = items.count()
    names = [items.nth(i).locator("a").text_content() for i in range(count)]
    plan = phases(page)
    page.get_by_role("button", name="Start").click()
    assert face(page)["progress"] == f"Exercise 1 of {count}"
    assert face(page)["name"] == names[0] and face(page)["stop"].startswith("Stop if:")
    page.get_by_role("button", name="Skip").click()
    assert face(page)["progress"] == f"Exercise 2 of {count}"
    assert face(page)["phase"] == f"Rest, then {names[1]}"
    shoot(page, "routine-rest-360")
    page.get_by_role("button", name="Back").click()
    assert face(page)["progress"] == f"Exercise 1 of {count}"
    page.clock.run_for(5_000)
    shoot(page, "routine-playing-360")
    rest_at = sum(p["s"] for p in plan[:next(i for i, p in enumerate(plan) if p["i"] == 1)])
    page.clock.run_for((rest_at - 5) * 1000 + 500)
    assert face(page)["progress"] == f"Exercise 2 of {count}"
    assert said(page)[-1].startswith(f"Exercise 2 of {count}. Rest, then {names[1]}")
    shown = {face(page)["name"]}
    for i in range(2, count):
        page.clock.run_for(sum(p["s"] for p in plan if p["i"] == i - 1) * 1000)
        shown.add(face(page)["name"])
        assert face(page)["progress"] == f"Exercise {i + 1} of {count}", face(page)
    page.clock.run_for(sum(p["s"] for p in plan if p["i"] == count - 1) * 1000)
    assert face(page)["phase"] == "Done" and said(page)[-1] == "Done. Routine finished."
    assert f"{count - 1} of {count} exercises done, 1 skipped." in face(page)["summary"]
    assert shown == set(names[1:])
    shoot(page, "routine-done-360")


def _timer_figure(tab: Any) -> str | None:
    """The `data-exercise` of the figure shown in the timer, or None when none is shown."""
    return tab.evaluate("""() => { const box = document.querySelector("[data-figure]");
        const svg = box && !box.hidden && box.querySelector("svg");
        return svg ? svg.dataset.exercise : null; }""")


def test_the_timer_and_the_player_show_the_current_exercises_figure(site: Site,
                                                                    page: Any) -> None:
    open_page(page, site.base + EXERCISE)
    assert _timer_figure(page) == "half-kneeling-hip-flexor-stretch"
    copy = page.locator("[data-figure] svg")
    assert copy.get_attribute("aria-hidden") == "true" and copy.locator("title").count() == 0
    assert page.evaluate("() => document.querySelectorAll('[data-figure] [id]').length") == 0
    open_page(page, site.base + ROUTINE)
    items = page.locator("[data-item] svg.fig")
    slugs = [items.nth(i).get_attribute("data-exercise") for i in range(items.count())]
    page.get_by_role("button", name="Start").click()
    assert _timer_figure(page) == slugs[0]
    page.get_by_role("button", name="Skip").click()
    assert _timer_figure(page) == slugs[1]
    page.get_by_role("button", name="Back").click()
    assert _timer_figure(page) == slugs[0]


def test_a_routine_note_shows_while_its_item_plays(site: Site, page: Any) -> None:
    for path in site.urls:
        if "/routines/" not in path or path.endswith("/routines/"):
            continue
        open_page(page, path)
        notes = page.locator("[data-item]").evaluate_all(
            "lis => lis.map(li => (li.querySelector('[data-item-note]') || {}).textContent || '')")
        if any(notes):
            break
    else:
        pytest.fail("no routine item has a note")
    index = next(i for i, n in enumerate(notes) if n)
    page.get_by_role("button", name="Start").click()
    for _ in range(index):
        page.get_by_role("button", name="Skip").click()
    note = page.locator("[data-timer] [data-note]")
    assert note.is_visible() and note.text_content() == notes[index].strip()


# --- axe and the Nu checker, timer running -------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_with_the_timer_running(site: Site, page: Any, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    report = []
    for path in (EXERCISE, ROUTINE):
        open_page(page, site.base + path)
        page.get_by_role("button", name="Start").click()
        page.clock.run_for(7_000)
        violations = run_axe(page)
        if violations:
            report.append(describe_violations(path, violations))
    assert not report, "\n".join(report)


@pytest.mark.skipif(not VNU_JAR.is_file(), reason="needs vnu-jar (tests/setup.sh)")
def test_nu_checker_with_the_timer_running(site: Site, page: Any, tmp_path: Path) -> None:
    for name, path in (("exercise", EXERCISE), ("routine", ROUTINE)):
        open_page(page, site.base + path)
        page.get_by_role("button", name="Start").click()
        page.clock.run_for(40_000)
        html = page.evaluate("'<!doctype html>\\n' + document.documentElement.outerHTML")
        (tmp_path / f"{name}.html").write_text(html, encoding="utf-8")
    messages = run_vnu(tmp_path)
    assert not messages, describe(messages, tmp_path)


# --- the page policy, as Chromium enforces it ----------------------------------------------------


def test_chromium_reports_no_policy_violation_on_any_kind_of_page(site: Site,
                                                                  chromium: Any) -> None:
    context = chromium.new_context()
    context.add_init_script(RECORDER)
    console: list[str] = []
    try:
        tab = context.new_page()
        tab.on("console", lambda m: console.append(m.text) if "Content Security" in m.text
               else None)
        kinds: dict[str, str] = {}
        for url in site.urls:
            key = re.sub(r"[^/]+/$", "*/", url.removeprefix(site.base)) or "home"
            kinds.setdefault(key, url)
        assert len(kinds) >= 10, kinds
        checked = []
        for url in kinds.values():
            open_page(tab, url)
            if tab.locator("[data-timer] [data-action='toggle']").count():
                tab.locator("[data-timer] [data-action='toggle']").click()
                tab.wait_for_function("document.querySelector('[data-timer]').dataset.state"
                                      " === 'running'")
            if url.endswith("/search/"):
                tab.locator("input").first.fill("psoas")
                tab.locator(".pagefind-ui__result").first.wait_for()
            checked.append((url, tab.evaluate("window.__violations")))
        bad = [f"{url}: {v}" for url, v in checked if v]
        assert not bad and not console, "\n".join(bad + console)
    finally:
        context.close()


# --- print ---------------------------------------------------------------------------------------


def test_a_routine_prints_as_a_one_page_a4_checklist(site: Site, chromium: Any) -> None:
    context = chromium.new_context()
    try:
        tab = context.new_page()
        for url in [u for u in site.urls if "/routines/" in u and not u.endswith("/routines/")]:
            open_page(tab, url)
            tab.emulate_media(media="print")
            boxes = tab.locator(".set-box")
            assert boxes.count() >= len(tab.locator("[data-item]").all())
            assert boxes.first.is_visible() and tab.locator(".item-stop").first.is_visible()
            assert tab.locator(".print-only").is_visible()
            assert "when-to-see-a-professional" in tab.locator(".print-only").text_content()
            assert not tab.locator("[data-timer]").is_visible()
            pdf = tab.pdf(format="A4", print_background=False)
            pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
            assert pages == 1, f"{url}: prints on {pages} A4 pages"
            tab.emulate_media(media="screen")
    finally:
        context.close()


def test_an_exercise_prints_dose_steps_and_safety_without_controls(site: Site,
                                                                   chromium: Any) -> None:
    context = chromium.new_context()
    try:
        tab = context.new_page()
        open_page(tab, site.base + EXERCISE)
        tab.emulate_media(media="print")
        for shown in ("#dose", "#steps", "#avoid-if", "#stop-if"):
            assert tab.locator(shown).is_visible(), shown
        for hidden in ("[data-timer]", ".report-error", ".site-header nav", "nav.breadcrumbs"):
            assert not tab.locator(hidden).first.is_visible(), hidden
    finally:
        context.close()
