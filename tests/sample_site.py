"""A tiny valid site with one article of each kind, written into a temporary folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from psoasguide import BuildConfig, BuildResult, build

TODAY = dt.date(2026, 11, 21)

SITE_YAML = "title: Sample\nbase_url: https://example.org/guide/\nsafety_page: safety\n"

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


def write_site(root: Path, extra: dict[str, str] | None = None) -> Path:
    """Write the sample site (plus or overriding `extra` files) under `root`."""
    files = {"site.yaml": SITE_YAML, **ARTICLES, **(extra or {})}
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def build_site(root: Path, out: Path | None = None, **options: object) -> BuildResult:
    """Build `root` with today pinned."""
    return build(BuildConfig(root=root, out=out, today=TODAY, **options))  # type: ignore[arg-type]


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}
