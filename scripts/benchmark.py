"""Build speed and memory: the repository's guide, and a synthetic site of N articles.

    python scripts/benchmark.py [--articles 300] [--runs 3]

Prints the median wall time per stage and the peak resident memory of each build, measured in a
fresh process so imports and caches are counted as a user would see them.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

_CHILD = """
import json, resource, sys, time
from pathlib import Path
from psoasguide import BuildConfig, build
start = time.perf_counter()
result = build(BuildConfig(root=Path(sys.argv[1]), out=Path(sys.argv[2])))
total = time.perf_counter() - start
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"total": total, "pages": result.pages, "stages": dict(result.timings),
                  "peak_mib": peak_kib / 1024, "errors": sum(
                      d.severity == "error" for d in result.diagnostics)}))
"""

_PARAGRAPH = ("Sitting for long spells is linked to stiff hips, but the link is not proof of "
              "cause. Gentle, regular movement is a safe place to start. Stop if you feel sharp "
              "pain, pins and needles or numbness. ")


def synthetic_site(root: Path, articles: int) -> Path:
    """A site of `articles` pages of about 6 KB each, cross-linked with wiki links."""
    (root / "content/pages").mkdir(parents=True)
    (root / "site.yaml").write_text("title: Bench\nbase_url: https://example.org/\n")
    for i in range(articles):
        links = f"See [[p{(i + 1) % articles:04d}]] and [[p{(i + 7) % articles:04d}]]."
        sections = "".join(f"## Part {n}\n\n{_PARAGRAPH * 5}\n\n" for n in range(5))
        (root / f"content/pages/p{i:04d}.md").write_text(
            f"---\ntitle: Page {i}\nsummary: A page.\nreviewed: 2026-01-01\n"
            f"tags: [t{i % 10}]\n---\n{links}\n\n{sections}")
    return root


def measure(root: Path, runs: int) -> dict[str, object]:
    """Median figures over `runs` fresh-process builds of `root`."""
    samples = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(runs):
            done = subprocess.run([sys.executable, "-c", _CHILD, str(root), f"{out}/site"],
                                  check=True, capture_output=True, text=True)
            samples.append(json.loads(done.stdout))
    stages = {name: statistics.median(s["stages"][name] for s in samples)
              for name in samples[0]["stages"]}
    return {"pages": samples[0]["pages"], "errors": samples[0]["errors"],
            "total_s": statistics.median(s["total"] for s in samples),
            "peak_mib": max(s["peak_mib"] for s in samples), "stages_s": stages}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results = {"guide": measure(REPO, args.runs)}
    with tempfile.TemporaryDirectory() as tmp:
        results[f"synthetic-{args.articles}"] = measure(
            synthetic_site(Path(tmp), args.articles), args.runs)
    for name, figures in results.items():
        stages = ", ".join(f"{k} {v:.2f}" for k, v in figures["stages_s"].items())
        print(f"{name}: {figures['pages']} articles, {figures['total_s']:.2f} s, "
              f"peak {figures['peak_mib']:.0f} MiB ({stages})")


if __name__ == "__main__":
    main()
