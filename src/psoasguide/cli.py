"""Command line: `psoasguide build|check|serve|graph|new`. The only place that prints or exits."""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from .dates import today
from .diagnostics import (
    Diagnostic,
    Severity,
    count,
    exit_code,
    format_line,
    github_annotation,
)
from .model import BuildConfig, BuildResult, Kind, Search
from .pipeline import build
from .progress import Progress, stage_times


def _use_colour(stream: TextIO) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ


def _github_prefix(root: Path) -> str:
    """The site root's path inside the repository, for annotation file names."""
    workspace = Path(os.environ.get("GITHUB_WORKSPACE") or os.getcwd()).resolve()
    try:
        rel = root.resolve().relative_to(workspace).as_posix()
    except ValueError:
        return ""
    return "" if rel == "." else rel + "/"


def report(diagnostics: Sequence[Diagnostic], root: Path, err: TextIO, out: TextIO) -> None:
    """Print every diagnostic, one a line; GitHub annotations too under GitHub Actions."""
    colour = _use_colour(err)
    for d in diagnostics:
        print(format_line(d, colour), file=err)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        prefix = _github_prefix(root)
        for d in diagnostics:
            print(github_annotation(d, prefix), file=out)


def _summary(result: BuildResult, seconds: float, verb: str, where: str) -> str:
    errors, warnings = count(result.diagnostics)
    problems = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    if errors:
        return f"{verb} failed: {problems}; nothing was written ({seconds:.2f} s)"
    if result.unchanged:
        return (f"built {result.pages} pages into {where} in {seconds:.2f} s: nothing changed "
                f"since the last build, {result.reused} HTML pages left as they were "
                f"({problems})")
    html = sum(f.path.endswith(".html") for f in result.files)
    pages = f"{html - result.reused} HTML pages rendered, {result.reused} reused from the cache"
    if result.written:
        return (f"built {result.pages} pages into {where} in {seconds:.2f} s: {pages} "
                f"({problems})")
    return f"checked {result.pages} pages in {seconds:.2f} s: {pages} ({problems})"


#: Allocations between the garbage collector's young-generation runs (Python's default is
#: 700): a build makes many objects that live until it ends and little cyclic garbage, so
#: collecting less often saves time (some 30 ms of 1.2 s on the guide); and a dev server's
#: body-edit rebuild at 1,000 articles, its warm state frozen (`serve.server`), then runs no
#: collection at all (12 to 23 young ones, 25 to 45 ms, at Python's default).
GC_THRESHOLD = (50_000, 20, 10)


def _run(args: argparse.Namespace, write: bool) -> int:
    root = Path(args.root)
    start = time.perf_counter()
    shown = Progress(sys.stderr, plain="NO_COLOR" in os.environ)
    config = BuildConfig(
        root=root,
        out=Path(args.out) if getattr(args, "out", None) else None,
        drafts=getattr(args, "drafts", False),
        base_url=getattr(args, "base_url", None),
        write=write,
        search=Search.OFF if getattr(args, "no_search", False) else Search.INDEX,
        jobs=args.jobs, progress=shown.stage, converted=shown.converted,
        cache=not args.no_cache, skip_unchanged=write and not args.report,
    )
    result = build(config)
    shown.finish()
    report(result.diagnostics, root, sys.stderr, sys.stdout)
    if args.report and result.report:
        from .lint.report import format_report

        print(format_report(result.report))
    where = str(config.out_dir)
    print(_summary(result, time.perf_counter() - start, "build" if write else "check", where),
          file=sys.stderr)
    if args.timings:
        print(stage_times(result.timings), file=sys.stderr)
    return exit_code(result.diagnostics, args.strict)


def _new(args: argparse.Namespace) -> int:
    from .scaffold import new_article

    try:
        path = new_article(Path(args.root), args.kind, args.title, today())
    except FileExistsError as exc:
        print(f"psoasguide new: {exc.filename} already exists; not overwriting it",
              file=sys.stderr)
        return 2
    except (ValueError, OSError) as exc:
        print(f"psoasguide new: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {path} (a draft: set 'draft: false' to publish)")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .serve import serve

    root = Path(args.root)
    if not (root / "site.yaml").is_file():
        print(f"psoasguide serve: no site.yaml in {root}", file=sys.stderr)
        return 2

    def show(result: BuildResult) -> None:
        report(result.diagnostics, root, sys.stderr, sys.stdout)
        errors, warnings = count(result.diagnostics)
        state = "build failed; serving the last good version" if errors else \
            f"rebuilt {result.pages} pages"
        print(f"{state} ({errors} errors, {warnings} warnings)", file=sys.stderr, flush=True)

    try:
        serve(BuildConfig(root=root, drafts=args.drafts, search=Search.PREVIEW), args.host,
              args.port, show)
    except OSError as exc:
        print(f"psoasguide serve: {exc}", file=sys.stderr)
        return 2
    return 0


def _graph(args: argparse.Namespace) -> int:
    root = Path(args.root)
    result = build(BuildConfig(root=root, drafts=args.drafts, write=False))
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    if errors or result.graph is None:
        report(result.diagnostics, root, sys.stderr, sys.stdout)
        return exit_code(result.diagnostics) or 1
    from .link.export import to_dot, to_json

    sys.stdout.write(to_dot(result.graph) if args.format == "dot" else to_json(result.graph))
    return 0


def _jobs(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"--jobs must be a whole number of at least 1, "
                                         f"not {value!r}")
    return int(value)


class _Version(argparse.Action):
    """`--version`: the package's metadata is read only when it is asked for."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        from . import __version__

        print(f"psoasguide {__version__}")
        parser.exit()


def parser() -> argparse.ArgumentParser:
    """The argument parser, with a sub-command for each action."""
    main = argparse.ArgumentParser(
        prog="psoasguide",
        description="Build, check and write the psoasguide static site.")
    main.add_argument("--version", action=_Version, nargs=0,
                      help="show program's version number and exit")
    sub = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--root", default=".", metavar="DIR",
                       help="site root holding site.yaml and content/ (default: .)")
        p.add_argument("--strict", action="store_true", help="treat warnings as errors")
        p.add_argument("--report", action="store_true",
                       help="print each article's reading grade, words and reading time")
        p.add_argument("--jobs", type=_jobs, metavar="N",
                       help="processes that convert, lint and render pages (default: one "
                            "per core)")
        p.add_argument("--timings", action="store_true",
                       help="after the summary, print the seconds each stage took")
        p.add_argument("--no-cache", action="store_true",
                       help="neither read nor write the cache in <root>/.psoasguide-cache/")

    b = sub.add_parser("build", help="build the site into <root>/public/",
                       description="Build the site and its search index (Pagefind); replace "
                                   "the output folder atomically.")
    common(b)
    b.add_argument("--out", metavar="DIR", help="output folder (default: <root>/public)")
    b.add_argument("--drafts", action="store_true", help="include draft articles")
    b.add_argument("--base-url", metavar="URL", help="override base_url from site.yaml")
    b.add_argument("--no-search", action="store_true",
                   help="make no search index (faster); the search page says search is off")
    c = sub.add_parser("check", help="report every problem without writing",
                       description="Run every stage but writing; report all problems.")
    common(c)
    c.add_argument("--drafts", action="store_true", help="check as if drafts were published")
    v = sub.add_parser("serve", help="preview with live reload",
                       description="Build into memory, serve it, and rebuild and reload the "
                                   "browser whenever a source file changes, reusing the work "
                                   "held in memory. Search works once Pagefind has indexed the "
                                   "preview in the background.")
    v.add_argument("--root", default=".", metavar="DIR", help="site root (default: .)")
    v.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    v.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks one)")
    v.add_argument("--drafts", action="store_true", help="include draft articles")
    g = sub.add_parser("graph", help="print the typed link graph",
                       description="Print pages (nodes) and their relations and links (edges).")
    g.add_argument("--root", default=".", metavar="DIR", help="site root (default: .)")
    g.add_argument("--format", choices=("json", "dot"), default="json",
                   help="JSON (default) or Graphviz DOT")
    g.add_argument("--drafts", action="store_true", help="include draft articles")
    n = sub.add_parser("new", help="write a draft article skeleton",
                       description="Write content/<section>/<slug>.md as a draft.")
    kinds = sorted(k.singular for k in Kind)
    n.add_argument("kind", choices=kinds, metavar="KIND", help="one of: " + ", ".join(kinds))
    n.add_argument("title", help="the article's title; the slug is made from it")
    n.add_argument("--root", default=".", metavar="DIR", help="site root (default: .)")
    return main


def _interruptible(run: Callable[[], int]) -> int:
    """`run()`, or one line and exit code 128 + the signal's number, no traceback, when it is
    interrupted by Ctrl+C (SIGINT) or SIGTERM: the build has then deleted what it staged and
    stopped Pagefind, and the output folder holds the last complete build."""
    caught = [signal.SIGINT]
    here = os.getpid()

    def terminated(signum: int, _frame: object) -> None:
        if os.getpid() != here:  # a forked worker, which inherited this handler: it just ends
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
        caught[0] = signal.SIGTERM
        raise KeyboardInterrupt

    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, terminated) if main_thread else None
    try:
        return run()
    except KeyboardInterrupt:
        print("psoasguide: interrupted; the output folder holds the last complete build",
              file=sys.stderr)
        return 128 + caught[0]
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous or signal.SIG_DFL)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `psoasguide` command; returns the exit code."""
    return _dispatch(parser().parse_args(argv))


def _dispatch(args: argparse.Namespace) -> int:
    gc.set_threshold(*GC_THRESHOLD)
    if args.command == "new":
        return _new(args)
    if args.command == "graph":
        return _graph(args)
    if args.command == "serve":
        return _serve(args)
    return _interruptible(lambda: _run(args, write=args.command == "build"))


#: Commands that leave nothing for Python's way out to clean up (`serve`'s temporary folder is
#: deleted there).
_QUICK_EXIT = ("build", "check")


def run() -> None:
    """Console-script entry: exit with the command's code. After `build` and `check`, once
    what was printed is flushed, without tearing the interpreter down (every module and object
    freed one by one, some 15 ms after a build of the guide; the memory goes back to the system
    with the process), unless a profiler or a tracer (cProfile, coverage) is to write its
    results on the way out. Otherwise Python exits as usual, its heap left out of the last
    garbage collections."""
    args = parser().parse_args()
    code = _dispatch(args)
    with contextlib.suppress(OSError):  # a reader that has gone away (`| head`)
        sys.stdout.flush()
        sys.stderr.flush()
    if args.command in _QUICK_EXIT and sys.getprofile() is None and sys.gettrace() is None:
        os._exit(code)
    gc.freeze()
    sys.exit(code)
