"""Shared helpers for the input-checking tests: tiny sites in a temp folder, built without writing.

`make_site({...})` writes `site.yaml` and the given files (text or bytes) and returns the root;
`diagnose(root)` builds it with `write=False` and today pinned to `TODAY`, and returns the list of
diagnostics. The `*_md` helpers write valid articles of each kind, so a test can change just the
one thing it is about; `one(diags, code)` picks the single diagnostic a test expects.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from psoasguide import BuildConfig, Diagnostic, Severity, build

TODAY = dt.date(2026, 11, 21)
#: TODAY as `SOURCE_DATE_EPOCH` (midnight UTC): how every command, in process or not, learns it.
TODAY_EPOCH = str(int(dt.datetime(TODAY.year, TODAY.month, TODAY.day, tzinfo=dt.UTC).timestamp()))
SITE_YAML = "title: Test guide\nbase_url: https://example.org/guide/\n"

Files = dict[str, str | bytes]

#: Where `base_files()` puts its articles.
ANATOMY = "content/anatomy/psoas-major.md"
CAUSE = "content/causes/prolonged-sitting.md"
STRETCH = "content/stretches/couch-stretch.md"
ROUTINE = "content/routines/desk-break.md"
PAGE = "content/pages/about.md"


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs on TODAY, whatever the clock says: `SOURCE_DATE_EPOCH` is set for the
    commands run in process and inherited by those run as subprocesses."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)


def write_site(root: Path, files: Files, site_yaml: str | bytes | None = SITE_YAML) -> Path:
    """Write `site.yaml` (unless None) and `files` (paths relative to root) under `root`."""
    root.mkdir(parents=True, exist_ok=True)
    all_files: Files = dict(files)
    if site_yaml is not None:
        all_files.setdefault("site.yaml", site_yaml)
    for rel, content in all_files.items():
        file = root / rel
        file.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            file.write_bytes(content)
        else:
            file.write_bytes(content.encode("utf-8"))  # exactly as given: no newline translation
    (root / "content").mkdir(exist_ok=True)
    return root


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Path]:
    """`make_site(files, site_yaml=...)`: a new site root in tmp_path with these files."""
    counter = iter(range(1_000_000))

    def make(files: Files | None = None, site_yaml: str | bytes | None = SITE_YAML) -> Path:
        return write_site(tmp_path / f"site{next(counter)}", files or {}, site_yaml)

    return make


def diagnose(root: Path, drafts: bool = False) -> list[Diagnostic]:
    """Build `root` in memory (today = TODAY) and return every diagnostic, in reported order."""
    result = build(BuildConfig(root=root, write=False, today=TODAY, drafts=drafts))
    return list(result.diagnostics)


@pytest.fixture
def check(make_site: Callable[..., Path]) -> Callable[..., list[Diagnostic]]:
    """`check(files, site_yaml=..., drafts=...)`: make a site and return its diagnostics."""

    def run(files: Files | None = None, site_yaml: str | bytes | None = SITE_YAML,
            drafts: bool = False) -> list[Diagnostic]:
        return diagnose(make_site(files, site_yaml), drafts=drafts)

    return run


def show(diags: Iterable[Diagnostic]) -> str:
    """Diagnostics one a line, for assertion messages."""
    lines = [f"{d.path}:{d.line}:{d.col}: {d.severity}[{d.code}] {d.message} ({d.hint})"
             for d in diags]
    return "\n".join(lines) or "(no diagnostics)"


def errors(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Only the errors."""
    return [d for d in diags if d.severity is Severity.ERROR]


def input_errors(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Errors in the site's input (site.yaml and content/): what these tests are about.

    Theme and output problems are other tests' business, and lint warnings are not errors.
    """
    return [d for d in errors(diags) if d.path == "site.yaml" or d.path.startswith("content/")]


def with_code(diags: Iterable[Diagnostic], code: str) -> list[Diagnostic]:
    """The diagnostics with this code."""
    return [d for d in diags if d.code == code]


def one(diags: list[Diagnostic], code: str) -> Diagnostic:
    """The single diagnostic with `code`; fails with every diagnostic listed otherwise."""
    found = with_code(diags, code)
    assert len(found) == 1, f"expected exactly one [{code}], got:\n{show(diags)}"
    return found[0]


def where(d: Diagnostic) -> tuple[str, int, int]:
    """(path, line, col) of a diagnostic."""
    return d.path, d.line, d.col


def assert_no_input_errors(diags: list[Diagnostic]) -> None:
    """Good input: no error in site.yaml or content/."""
    assert not input_errors(diags), show(diags)


# --- valid articles of each kind ----------------------------------------------------------------
# Each returns the full text of a valid article. `extra` lines are added at the end of the front
# matter (before the one-line REFERENCES of the kinds that need them); `drop` removes keys; `body`
# is the Markdown after the closing '---'.

#: Two sources on one line: published anatomy, cause and stretch articles need two (a lint rule).
REFERENCES = ("references: [{title: A textbook, publisher: A press, year: 2020}, "
              "{title: A paper, publisher: A journal, year: 2021}]\n")


def _article(fields: list[tuple[str, str]], extra: str = "", drop: Iterable[str] = (),
             body: str = "Body text.\n", cited: bool = False) -> str:
    """Front matter lines in order, then `extra`, then (if `cited`) the REFERENCES line."""
    dropped = set(drop)
    lines = [f"{k}: {v}" if not v.startswith("\n") else f"{k}:{v}"
             for k, v in fields if k not in dropped]
    front = "\n".join(lines) + "\n" + extra
    if cited and "references" not in dropped and "references:" not in extra:
        front += REFERENCES
    return f"---\n{front}---\n{body}"


def _common(title: str) -> list[tuple[str, str]]:
    return [("title", title), ("summary", f"About {title.lower()}."), ("reviewed", "2026-11-20")]


def anatomy_md(title: str = "Psoas major", extra: str = "", drop: Iterable[str] = (),
               body: str = "Body text.\n") -> str:
    """A valid anatomy article."""
    return _article([*_common(title), ("origin", "T12 to L5 vertebrae"),
                     ("insertion", "Lesser trochanter of the femur"),
                     ("innervation", "Anterior rami of L1 to L3"), ("actions", "[hip flexion]")],
                    extra, drop, body, cited=True)


def cause_md(title: str = "Prolonged sitting", extra: str = "", drop: Iterable[str] = (),
             body: str = "**Limited:** body text.\n", affects: str = "[psoas-major]") -> str:
    """A valid cause article."""
    return _article([*_common(title), ("evidence", "limited"), ("affects", affects)],
                    extra, drop, body, cited=True)


def stretch_md(title: str = "Couch stretch", extra: str = "", drop: Iterable[str] = (),
               body: str = "Body text.\n", targets: str = "[psoas-major]",
               dose: str = "hold_seconds: 30") -> str:
    """A valid stretch article."""
    key, _, value = dose.partition(": ")
    return _article([*_common(title), ("type", "stretch"), ("difficulty", "beginner"),
                     (key, value), ("sets", "2"), ("targets", targets),
                     ("steps", "[Kneel down.]"), ("avoid_if", "[Knee pain.]"),
                     ("stop_if", "[Sharp pain.]")],
                    extra, drop, body, cited=True)


def routine_md(title: str = "Desk break", extra: str = "", drop: Iterable[str] = (),
               body: str = "Body text.\n", items: str = "\n  - stretch: couch-stretch\n") -> str:
    """A valid routine article (`items` is the YAML after 'items:')."""
    return _article([*_common(title), ("items", items.rstrip("\n"))], extra, drop, body)


def page_md(title: str = "About", extra: str = "", drop: Iterable[str] = (),
            body: str = "Body text.\n") -> str:
    """A valid plain page."""
    return _article(_common(title), extra, drop, body)


def base_files() -> Files:
    """A small valid site: one article of each kind, all linked up."""
    return {
        ANATOMY: anatomy_md(),
        CAUSE: cause_md(),
        STRETCH: stretch_md(),
        ROUTINE: routine_md(),
        PAGE: page_md(),
    }


#: Debian's Chromium, which Playwright drives in the browser tests (tests/setup.sh installs it).
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]


@pytest.fixture(scope="session")
def chromium(playwright: Any) -> Iterator[Any]:
    """One Chromium for every browser test module."""
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()


# --- the repository's own guide -------------------------------------------------------------------

REPO = Path(__file__).resolve().parent.parent


def newest_review(root: Path) -> dt.date:
    """The latest `reviewed` date under `root/content`."""
    found = re.findall(r"^reviewed: (\d{4}-\d{2}-\d{2})\s*$",
                       "\n".join(p.read_text() for p in (root / "content").rglob("*.md")), re.M)
    return max(dt.date.fromisoformat(day) for day in found)


#: The guide is checked as of its newest review: none is in the future, and none falls due just
#: because the clock moved on.
GUIDE_TODAY = newest_review(REPO)
