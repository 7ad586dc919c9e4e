"""The one fixture module for small sites: dates, site.yaml texts, valid articles, writers, builds.

Two ready-made sites:

- the *sample site* (`SITE_YAML`, `ARTICLES`): one cross-linked article of each kind with a safety
  page, for output, CLI and rendering tests: `write_site(root, extra)`, then `build_site(root)`;
- the *base files* (`MINIMAL_SITE_YAML`, `base_files()`): one valid article of each kind made by
  the `*_md` builders, so an input test changes just the thing it is about:
  `write_files(root, files)`, then `diagnose(root)` (or conftest's `make_site` and `check`).

Every build here runs on `TODAY`; the repository's own guide runs on `GUIDE_TODAY`, the newest
`reviewed` date in its content (see conftest's `guide` fixture). Neither depends on the clock.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from psoasguide import BuildConfig, BuildResult, Diagnostic, build

REPO = Path(__file__).resolve().parent.parent


def epoch(day: dt.date) -> str:
    """`day` (midnight UTC) as `SOURCE_DATE_EPOCH`: how every command, in process or not,
    learns it."""
    return str(int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()))


TODAY = dt.date(2026, 11, 21)
TODAY_EPOCH = epoch(TODAY)


def newest_review(root: Path = REPO) -> dt.date:
    """The latest `reviewed` date in `root/content/`: the guide is checked as of that day, so no
    review is in the future and none falls due just because the clock moved on."""
    found = re.findall(r"^reviewed: *(\d{4}-\d{2}-\d{2})", "\n".join(
        p.read_text(encoding="utf-8") for p in (root / "content").rglob("*.md")), re.M)
    return max(dt.date.fromisoformat(day) for day in found)


GUIDE_TODAY = newest_review()

Files = dict[str, str | bytes]

#: site.yaml with only the required keys (for the base files and the linter's sites).
MINIMAL_SITE_YAML = "title: Test guide\nbase_url: https://example.org/guide/\n"
#: site.yaml of the sample site.
SITE_YAML = "title: Sample\nbase_url: https://example.org/guide/\nsafety_page: safety\n"

#: Two sources on one line: published anatomy, cause and stretch articles need two (a lint rule).
REFERENCES = ("references: [{title: A textbook, publisher: A press, year: 2020}, "
              "{title: A paper, publisher: A journal, year: 2021}]\n")

#: Where `base_files()` puts its articles.
ANATOMY = "content/anatomy/psoas-major.md"
CAUSE = "content/causes/prolonged-sitting.md"
STRETCH = "content/stretches/couch-stretch.md"
ROUTINE = "content/routines/desk-break.md"
PAGE = "content/pages/about.md"


# --- valid articles of each kind ----------------------------------------------------------------
# Each returns the full text of a valid article. `extra` lines are added at the end of the front
# matter (before the one-line REFERENCES of the kinds that need them); `drop` removes keys; `body`
# is the Markdown after the closing '---'.

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



# --- the sample site ----------------------------------------------------------------------------

ARTICLES = {
    "content/anatomy/psoas-major.md": """---
title: Psoas major
summary: A long muscle from the lower spine to the thigh bone.
reviewed: 2026-01-10
origin: T12 to L5 vertebrae
insertion: Lesser trochanter
innervation: L1 to L3
actions: [Flexes the hip]
references:
  - {title: Clinical Anatomy, publisher: Wiley, year: 2010}
  - {title: Back pain, publisher: NHS, year: 2024, url: "https://www.nhs.uk/"}
---
## Where it is

Deep in the body. See [[half-kneeling|the stretch]].

## What it does

It bends the hip.

### In daily life

Walking and climbing stairs.
""",
    "content/causes/sitting.md": """---
title: Prolonged sitting
summary: Sitting for long periods.
reviewed: 2026-01-10
evidence: limited
affects: [psoas-major]
references:
  - {title: Clinical Anatomy, publisher: Wiley, year: 2010}
  - {title: Back pain, publisher: NHS, year: 2024, url: "https://www.nhs.uk/"}
in_short: [Sitting a lot is linked to stiffness., Move often., See someone if pain lasts.]
---
**Limited:** sitting is linked to stiffness. [[psoas-major#where-it-is]]
""",
    "content/stretches/half-kneeling.md": """---
title: Half-kneeling stretch
summary: Kneel and tuck.
reviewed: 2026-01-10
type: stretch
difficulty: beginner
hold_seconds: 30
sets: 2
per_side: true
targets: [psoas-major]
helps: [sitting]
steps: [Kneel., Tuck the tailbone.]
avoid_if: [Knee pain.]
stop_if: [Sharp pain.]
references:
  - {title: Clinical Anatomy, publisher: Wiley, year: 2010}
  - {title: Back pain, publisher: NHS, year: 2024, url: "https://www.nhs.uk/"}
in_short: [Stretches the front of the hip., Kneel and tuck., Stop for sharp pain.]
---
Feel it at the [front of the hip](../anatomy/psoas-major.md). Part of [[quick]].
""",
    "content/routines/quick.md": """---
title: Quick routine
summary: Two minutes.
reviewed: 2026-01-10
items:
  - stretch: half-kneeling
---
Do it daily.
""",
    "content/pages/safety.md": """---
title: Using this guide safely
summary: Read this first.
reviewed: 2026-01-10
---
Stop if it hurts. [[sitting]]
""",
}



# --- writing and building -----------------------------------------------------------------------


def write_files(root: Path, files: Files, site_yaml: str | bytes | None = MINIMAL_SITE_YAML
                ) -> Path:
    """Write `site.yaml` (unless None) and exactly `files` (text or bytes, no newline
    translation) under `root`, with a `content/` folder; returns `root`."""
    root.mkdir(parents=True, exist_ok=True)
    all_files: Files = dict(files)
    if site_yaml is not None:
        all_files.setdefault("site.yaml", site_yaml)
    for rel, content in all_files.items():
        file = root / rel
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    (root / "content").mkdir(exist_ok=True)
    return root


def write_site(root: Path, extra: Files | None = None) -> Path:
    """Write the sample site (plus or overriding `extra` files) under `root`."""
    return write_files(root, {**ARTICLES, **(extra or {})}, SITE_YAML)


def build_site(root: Path, out: Path | None = None, **options: object) -> BuildResult:
    """Build `root` with today pinned."""
    return build(BuildConfig(root=root, out=out, today=TODAY, **options))  # type: ignore[arg-type]


def diagnose(root: Path, drafts: bool = False) -> list[Diagnostic]:
    """Build `root` in memory (today = TODAY) and return every diagnostic, in reported order."""
    result = build(BuildConfig(root=root, write=False, today=TODAY, drafts=drafts))
    return list(result.diagnostics)


def without_faketime(env: Mapping[str, str]) -> dict[str, str]:
    """`env` without Debian faketime's preload: Node tools abort under libfaketime (even with
    FAKETIME_SKIP_CMDS), and they need no moved clock."""
    return {k: v for k, v in env.items() if not (k == "LD_PRELOAD" and "faketime" in v)}


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}

