"""Run many `psoasguide` command lines, each in its own process, from one warm interpreter.

Used by the corpus and oddity tests: importing psoasguide once and forking a child per command
makes fifty CLI runs take seconds, and `os.wait4` gives each child's own time and peak memory.
Each child runs exactly what the `psoasguide` console script runs (`cli.main(argv)`), in the
case's folder, with its output captured; an exception escaping `main` prints its traceback, as
the real command would.

Reads a JSON list of jobs `{"argv": [...], "cwd": DIR, "timeout": seconds}` on stdin; writes a
JSON list of results `{"exit": int|null, "stdout", "stderr", "seconds", "max_rss_mb",
"timed_out"}` on stdout. A job with `"kill_after": seconds` is SIGKILLed then (if still running;
its result says `"killed": true`); one with `"inspect": DIR` reports that folder's files as
`{path: sha256}` (or null when it is missing) right after the job ends, before the next starts.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

from psoasguide.cli import main


def _child(argv: list[str], cwd: str, out_fd: int, err_fd: int) -> None:
    os.chdir(cwd)
    os.dup2(out_fd, 1)
    os.dup2(err_fd, 2)
    code = 70
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # what the console script would show
        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _start(job: dict[str, Any]) -> dict[str, Any]:
    out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()  # noqa: SIM115 (closed in _finish)
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        _child(job["argv"], job["cwd"], out.fileno(), err.fileno())
    return {"pid": pid, "out": out, "err": err, "start": start,
            "deadline": start + job.get("timeout", 30), "timed_out": False,
            "kill_at": start + job["kill_after"] if "kill_after" in job else None}


def _finish(running: dict[str, Any], status: int, usage: Any) -> dict[str, Any]:
    seconds = time.perf_counter() - running["start"]
    texts = []
    for stream in (running["out"], running["err"]):
        stream.seek(0)
        texts.append(stream.read().decode("utf-8", "replace"))
        stream.close()
    return {"exit": os.waitstatus_to_exitcode(status), "timed_out": running["timed_out"],
            "stdout": texts[0], "stderr": texts[1], "seconds": round(seconds, 3),
            "max_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "killed": os.waitstatus_to_exitcode(status) == -signal.SIGKILL}


def digest(folder: str) -> dict[str, str] | None:
    """Every file under `folder` with its SHA-256, or None when the folder is missing."""
    root = Path(folder)
    if not root.is_dir():
        return None
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def run_jobs(jobs: list[dict[str, Any]], parallel: int = 2) -> list[dict[str, Any]]:
    """Run every job, `parallel` at a time; a job past its timeout is killed."""
    results: list[dict[str, Any] | None] = [None] * len(jobs)
    running: dict[int, dict[str, Any]] = {}
    queue = list(enumerate(jobs))
    while queue or running:
        while queue and len(running) < parallel:
            index, job = queue.pop(0)
            running[index] = _start(job)
        for index, state in list(running.items()):
            done, status, usage = os.wait4(state["pid"], os.WNOHANG)
            now = time.perf_counter()
            if not done and (now > state["deadline"] or now > (state["kill_at"] or now + 1)):
                os.kill(state["pid"], signal.SIGKILL)
                state["timed_out"] = now > state["deadline"]
                done, status, usage = os.wait4(state["pid"], 0)
            if done:
                results[index] = _finish(state, status, usage)
                if "inspect" in jobs[index]:
                    results[index]["files"] = digest(jobs[index]["inspect"])
                del running[index]
        time.sleep(0.002)
    return [r for r in results if r is not None]


if __name__ == "__main__":
    jobs = json.load(sys.stdin)
    json.dump(run_jobs(jobs, int(os.environ.get("CLI_RUNNER_PARALLEL", "2"))), sys.stdout)
