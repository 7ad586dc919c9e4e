"""Kill-safety: a build SIGKILLed at any moment leaves the complete old or complete new site.

Two versions of the sample site are built cleanly once. Then builds alternate between them
into one output folder and each is killed at a random moment of its run (seeded, so a failure
repeats): after every kill the folder must be exactly the old or exactly the new site, never
missing, empty or mixed. Most builds skip the search index; some make it, so kills also land
while Pagefind writes. Afterwards a build that is left alone succeeds and is byte-identical to
a clean build, with no staging folder left behind.
"""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Any

from corpus_cases import run_cli
from sample_site import write_site

KILLS = int(os.environ.get("PSOASGUIDE_KILLS", "30"))
WITH_SEARCH_EVERY = 6  # one build in six makes the search index
CHANGED = {"content/pages/safety.md": """---
title: Using this guide safely
summary: Read this first, then the rest.
reviewed: 2026-01-10
---
Stop at once if it hurts, and see [[sitting]].

## A new section

So the new site has another page shape.
"""}


def _job(root: Path, out: Path, search: bool, **extra: Any) -> dict[str, Any]:
    argv = ["build", "--root", str(root), "--out", str(out), *(() if search else ("--no-search",))]
    return {"argv": argv, "cwd": str(root), "timeout": 120, "inspect": str(out), **extra}


def test_killed_builds_leave_the_old_or_the_new_site(tmp_path: Path) -> None:
    old_root = write_site(tmp_path / "old")
    new_root = write_site(tmp_path / "new", CHANGED)
    out = tmp_path / "public"
    clean_jobs = [_job(root, tmp_path / f"clean-{name}-{search}", search)
                  for name, root in (("old", old_root), ("new", new_root))
                  for search in (False, True)]
    run_cli(clean_jobs)  # fills each root's build cache: the kills below are timed on warm builds
    clean = run_cli(clean_jobs)
    assert all(r["exit"] == 0 for r in clean), [r["stderr"] for r in clean]
    sites = {(name, search): r["files"] for (name, search), r in zip(
        [(n, s) for n in ("old", "new") for s in (False, True)], clean, strict=True)}
    assert sites[("old", False)] != sites[("new", False)]
    took = {search: max(r["seconds"] for (_, s), r in zip(sites, clean, strict=True)
                        if s is search) for search in (False, True)}

    rng = random.Random(14)
    first = run_cli([_job(old_root, out, False)])[0]  # the output exists before the first kill
    assert first["exit"] == 0, first["stderr"]
    complete = list(sites.values())
    killed = with_search = builds = 0
    while killed < KILLS and builds < 8 * KILLS:  # a build that beat its kill does not count
        plan = [("new" if (builds + i) % 2 else "old", (builds + i) % WITH_SEARCH_EVERY == 0)
                for i in range(12)]
        jobs = [_job(tmp_path / name, out, search, kill_after=rng.uniform(0, took[search] * .5))
                for name, search in plan]
        for job, result in zip(jobs, run_cli(jobs, parallel=1), strict=True):
            where = f"after a kill at {job['kill_after']:.3f} s"
            assert result["files"] is not None, f"output missing {where}"
            assert result["files"] in complete, f"mixed output {where}"
            assert "Traceback" not in result["stderr"]
            killed += result["killed"]
            with_search += result["killed"] and "--no-search" not in job["argv"]
        builds += len(jobs)
    assert killed >= KILLS, f"only {killed} of {builds} builds were killed mid-run"

    final = run_cli([_job(new_root, out, True)])[0]
    assert final["exit"] == 0, final["stderr"]
    assert final["files"] == sites[("new", True)]
    assert not list(tmp_path.glob(".public.staging-*")), "a staging folder was left behind"
    print(f"\n{killed} builds killed mid-run ({with_search} while making the search index); "
          "each left a complete site")
