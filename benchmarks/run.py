"""Build speed and memory on synthetic guides of N articles (`generate.py`), search left out.

    python benchmarks/run.py [--sizes 100,1000,4000] [--runs 3] [--peers] [--profile N]

For each size, in fresh processes running the real command line (`psoasguide build
--no-search`): a cold build (`--no-cache` when the command has it), a build with nothing
changed, one body edit, and one title edit (which changes every page that links to it); and
`psoasguide serve`: the median time from saving an article to the reload event, over 5 saves. Each
figure is the minimum over `--runs` runs (the machine is shared; the minimum is the least
disturbed). Also: CPU seconds of the cold build and all its processes; peak memory of the
build and every process it started (proportional set size summed, sampled from /proc, so
memory forked workers share counts once); seconds per stage of the cold build; and the
Markdown floor: CPU seconds of Python-Markdown with the guide's extensions converting every
body, alone, on one core. `--peers` builds the same bodies
with Pelican, MkDocs, Eleventy and Hugo (see `peers.py`) and prints the ratios. `--profile N`
prints the top of a cProfile of one cold build of N articles instead.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generate import generate

REPO = Path(__file__).resolve().parent.parent
# Runs the real CLI and reports the stage timings of its build() through a file.
_CHILD = """
import json, sys
from psoasguide import cli
real = cli.build
seen = {}
def spy(config):
    result = real(config)
    seen.update(pages=result.pages, stages=dict(result.timings),
                errors=sum(d.severity == "error" for d in result.diagnostics))
    return result
cli.build = spy
code = cli.main(sys.argv[2:])
with open(sys.argv[1], "w") as f:
    json.dump({**seen, "code": code}, f)
"""


def _tree(pid: int) -> list[int]:
    """`pid` and all its descendants."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
        found.append(p)
    return found


def _pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _tree_pss_kib(pid: int) -> int:
    """Proportional memory of `pid` and all its descendants, in KiB: pages forked processes
    share are counted once in all, not once per process as resident sizes would be. A sample
    during which a process was forked or ended is taken again: a parent read just before a
    fork and its new child read just after would count their shared pages one and a half
    times (a spurious peak at each fork)."""
    for _ in range(20):
        before = _tree(pid)
        total = sum(map(_pss_kib, before))
        if _tree(pid) == before:
            return total
    return 0


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


#: How often the memory of a running command's processes is sampled.
SAMPLE_SECONDS = 0.05


def timed(argv: Sequence[str], cwd: Path | None = None) -> tuple[float, float, int, float]:
    """(seconds, peak MiB of the process tree, exit code, CPU seconds) of one command."""
    cpu = _cpu()
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        # Reading a large process's memory map costs the kernel milliseconds: sampled every
        # 20 ms at normal priority, this took about a fifth of the cores from a 4,000-article
        # build (31.6 s alone, 39.4 s sampled). At the lowest priority it takes what the
        # build leaves; a peak lasts seconds at that size, so a sample still falls in it.
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_pss_kib(proc.pid))
            stop.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    stop.set()
    sampler.join()
    if proc.returncode:
        sys.stderr.write(err.decode(errors="replace")[-2000:])
    return seconds, peak / 1024, proc.returncode, _cpu() - cpu


def _flags() -> set[str]:
    """The flags `psoasguide build` has in this version."""
    help_text = subprocess.run([sys.executable, "-m", "psoasguide", "build", "--help"],
                               capture_output=True, text=True, check=True).stdout
    return {f for f in ("--no-cache", "--timings", "--jobs") if f in help_text}


def build_once(root: Path, out: Path, extra: Sequence[str] = ()) -> dict[str, object]:
    """One `psoasguide build --no-search` of `root` in a fresh process."""
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        seconds, peak, code, cpu = timed([sys.executable, "-c", _CHILD, report.name, "build",
                                     "--root", str(root), "--out", str(out), "--no-search",
                                     *extra])
        data = json.loads(Path(report.name).read_text() or "{}")
    if code:
        raise SystemExit(f"build of {root} failed with exit code {code}")
    return {"seconds": seconds, "cpu": cpu, "peak_mib": peak, **data}


def _edit_body(root: Path, n: int) -> None:
    file = sorted((root / "content/stretches").glob("*.md"))[n]
    file.write_text(file.read_text() + f"\nOne more sentence for run {n}.\n")


def _edit_title(root: Path, n: int) -> None:
    file = sorted((root / "content/anatomy").glob("*.md"))[n]
    text = file.read_text()
    file.write_text(text.replace("title: Muscle", f"title: Edited {n} muscle", 1))


def measure(size: int, runs: int, flags: set[str], work: Path) -> dict[str, object]:
    """The minimum of each figure over `runs` runs at `size` articles."""
    best: dict[str, dict[str, object]] = {}
    for run in range(runs):
        root, out = work / f"site-{size}", work / f"out-{size}"
        shutil.rmtree(root, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
        generate(size, root)
        cold = ["--no-cache"] if "--no-cache" in flags else []
        steps = {"cold": build_once(root, out, cold)}
        if cold:
            build_once(root, out)  # fills the cache
        steps["nothing changed"] = build_once(root, out)
        _edit_body(root, run)
        steps["body edit"] = build_once(root, out)
        _edit_title(root, run)
        steps["title edit"] = build_once(root, out)
        for name, figures in steps.items():
            if name not in best or figures["seconds"] < best[name]["seconds"]:  # type: ignore[operator]
                best[name] = figures
    peak = max(f["peak_mib"] for f in best.values())  # type: ignore[type-var]
    return {"size": size, "steps": best, "peak_mib": peak,
            "floor": markdown_floor(work / f"site-{size}"),
            "serve": serve_reload(work / f"site-{size}")}


def guide_figures(runs: int, work: Path) -> dict[str, float]:
    """The repository's own guide, search included: cold (`--no-cache`) and nothing changed,
    the minimum over `runs` runs, in seconds of wall time."""
    root = work / "guide"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(
        ".git", ".psoasguide-cache", "public", "node_modules", ".peers", "__pycache__"))
    out = work / "guide-out"

    def once(*extra: str) -> float:
        seconds, _, code, _ = timed([sys.executable, "-m", "psoasguide", "build", "--root",
                                     str(root), "--out", str(out), *extra])
        if code:
            raise SystemExit(f"the guide's build failed with exit code {code}")
        return seconds

    cold = min(once("--no-cache") for _ in range(runs))
    once()  # fills the cache
    return {"cold": cold, "nothing changed": min(once() for _ in range(runs))}


def serve_reload(root: Path, saves: int = 5) -> float:
    """Median seconds from saving an article to the dev server's reload event, over `saves`
    body edits, the server started once (its first build not counted)."""
    import re
    import socket
    import statistics

    proc = subprocess.Popen([sys.executable, "-m", "psoasguide", "serve", "--root", str(root),
                             "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True)
    try:
        line = proc.stdout.readline()  # type: ignore[union-attr]
        found = re.search(r"http://([^:/]+):(\d+)/", line)
        if not found:
            raise SystemExit(f"serve did not start: {line!r}")
        events = socket.create_connection((found[1], int(found[2])))
        events.sendall(b"GET /__psoasguide/events HTTP/1.1\r\nHost: bench\r\n\r\n")
        stream = events.makefile("rb")
        _next_event(stream)  # the version of the first build
        file = sorted((root / "content/stretches").glob("*.md"))[-1]
        times = []
        for n in range(saves):
            time.sleep(1.5)  # let the previous background search index finish
            start = time.perf_counter()
            file.write_text(file.read_text() + f"\nSaved again, {n}.\n")
            _next_event(stream)
            times.append(time.perf_counter() - start)
        events.close()
        return statistics.median(times)
    finally:
        proc.terminate()
        proc.wait()


def _next_event(stream: Any) -> None:
    """Read the event stream up to the next `data:` line (pings are comments)."""
    while True:
        line = stream.readline()
        if not line:
            raise SystemExit("the event stream ended")
        if line.startswith(b"data:"):
            return


def markdown_floor(root: Path) -> float:
    """Seconds Python-Markdown with the guide's extensions takes for every body, one core."""
    code = ("import sys, time\nfrom pathlib import Path\nfrom markdown import Markdown\n"
            "from psoasguide.parse import EXTENSIONS, EXTENSION_CONFIGS\n"
            "bodies = [p.read_text().split('---\\n', 2)[2] for p in "
            "sorted(Path(sys.argv[1]).glob('content/*/*.md'))]\n"
            "md = Markdown(extensions=list(EXTENSIONS), extension_configs=EXTENSION_CONFIGS)\n"
            "start = time.process_time()\n"
            "for body in bodies:\n    md.reset().convert(body)\n"
            "print(time.process_time() - start)\n")
    done = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True,
                          text=True, check=True)
    return float(done.stdout)


def peer_figures(size: int, runs: int, work: Path) -> dict[str, float]:
    """Cold seconds (minimum over `runs`) of each peer building the same bodies."""
    import peers

    root = work / f"site-{size}"
    if not root.is_dir():
        generate(size, root)
    articles = peers.bodies(root)
    out: dict[str, float] = {}
    for peer in peers.PEERS:
        env = peers.ensure(peer)
        times = []
        for _ in range(runs):
            site = work / f"peer-{peer.name}-{size}"
            shutil.rmtree(site, ignore_errors=True)
            peer.layout(articles, site)
            seconds, _, code, _ = timed(peer.command(env, site), cwd=site)
            if code:
                print(f"{peer.name} failed at {size} articles", file=sys.stderr)
            times.append(seconds)
        out[peer.name] = min(times)
    return out


def profile(size: int, work: Path, top: int = 30) -> str:
    """The cumulative and own-time top of a cProfile of one cold build."""
    root = generate(size, work / f"profile-{size}")
    stats = work / "profile.out"
    flags = _flags()
    extra = [*(["--no-cache"] if "--no-cache" in flags else []),
             *(["--jobs", "1"] if "--jobs" in flags else [])]
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(stats), "-m", "psoasguide",
                    "build", "--root", str(root), "--out", str(work / "profile-out"),
                    "--no-search", *extra], check=True, capture_output=True)
    code = ("import pstats, sys\np = pstats.Stats(sys.argv[1])\n"
            f"p.sort_stats('tottime').print_stats({top})\n")
    return subprocess.run([sys.executable, "-c", code, str(stats)], capture_output=True,
                          text=True, check=True).stdout


def table(results: list[dict[str, object]], peer_times: dict[int, dict[str, float]]) -> str:
    """The figures as a Markdown table, then the cold build's stages per size."""
    names = ["cold", "nothing changed", "body edit", "title edit"]
    head = ["articles", *names, "save to reload (serve)", "cold CPU", "per article (cold)",
            "peak MiB", "Markdown floor (1 core)"]
    peers_named = sorted({p for t in peer_times.values() for p in t})
    head += peers_named
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for r in results:
        steps: dict[str, dict[str, float]] = r["steps"]  # type: ignore[assignment]
        size: int = r["size"]  # type: ignore[assignment]
        cells = [f"{size:,}", *(f"{steps[n]['seconds']:.2f} s" for n in names),
                 f"{r['serve'] * 1000:.0f} ms",
                 f"{steps['cold']['cpu']:.2f} s",
                 f"{steps['cold']['seconds'] / size * 1000:.1f} ms", f"{r['peak_mib']:.0f}",
                 f"{r['floor']:.2f} s"]
        for peer in peers_named:
            t = peer_times.get(size, {}).get(peer)
            # the peer's time over ours: above 1, we are faster
            cells.append(f"{t:.2f} s ({t / steps['cold']['seconds']:.2f}x)" if t else "")
        lines.append("| " + " | ".join(cells) + " |")
    for r in results:
        stages = r["steps"]["cold"].get("stages", {})  # type: ignore[index, union-attr]
        lines.append(f"\n{r['size']:,} cold, seconds per stage: "
                     + ", ".join(f"{k} {v:.2f}" for k, v in stages.items()))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,4000",
                        help="comma-separated article counts (default: 100,1000,4000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per size; the minimum counts")
    parser.add_argument("--peers", action="store_true",
                        help="also build the same bodies with Pelican, MkDocs, Eleventy, Hugo")
    parser.add_argument("--profile", type=int, metavar="N",
                        help="print a cProfile of one cold build of N articles, then stop")
    parser.add_argument("--src", type=Path, default=REPO / "src",
                        help="the psoasguide source to measure (default: this checkout's)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(args.src.resolve()), *filter(None, [os.environ.get("PYTHONPATH")])])
    # Measure an installed program as it runs for its users: with its compiled .pyc files.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory(prefix="psoasguide-bench-") as tmp:
        work = Path(tmp)
        if args.profile:
            print(profile(args.profile, work))
            return
        flags = _flags()
        sizes = [int(s) for s in args.sizes.split(",") if s]
        guide = guide_figures(args.runs, work)
        results = [measure(size, args.runs, flags, work) for size in sizes]
        peer_times = {size: peer_figures(size, args.runs, work) for size in sizes} \
            if args.peers else {}
    print(f"{time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, Python "
          f"{sys.version.split()[0]}, flags: {' '.join(sorted(flags)) or '-'}")
    print(f"the repository's guide, search included: cold {guide['cold']:.2f} s, "
          f"nothing changed {guide['nothing changed']:.2f} s")
    print(table(results, peer_times))
    if args.json:
        args.json.write_text(json.dumps({"results": results, "peers": peer_times,
                                         "guide": guide}, indent=2))


if __name__ == "__main__":
    main()
