"""The broken-input corpus under tests/corpus/: each case laid over the sample site and built.

A case is a folder holding `expected.yaml` and `site/`, whose files replace or add to the
sample site's. `expected.yaml` says what the build must report:

    about: what is wrong
    exit: 1                      # 2 for environment errors
    diagnostics:                 # each must be reported, at exactly this place
      - {code: yaml-syntax, file: content/pages/broken.md, line: 2, column: 8}
    remove: [site.yaml]          # optional: sample-site files to delete
    make:                        # optional: generated files (too big to keep in git)
      content/pages/broken.md: {head: "---\\n...", repeat: "[", times: 20000, tail: "\\n"}
    foreign_output: true         # optional: --out is a folder psoasguide did not write
    max_seconds: 20              # optional: this case's own time guard
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from sample_site import TODAY_EPOCH, tree, write_site

CORPUS = Path(__file__).parent / "corpus"
RUNNER = Path(__file__).parent / "cli_runner.py"
#: The guard a case fails on: far above what any case needs.
MAX_SECONDS = 10.0
MAX_RSS_MB = 500.0


@dataclass(frozen=True)
class Case:
    """One corpus case, laid out in a temporary folder."""

    name: str
    spec: dict[str, Any]
    root: Path
    out: Path


def load_specs() -> dict[str, dict[str, Any]]:
    """Every case's expected.yaml, by case name."""
    return {d.name: yaml.safe_load((d / "expected.yaml").read_text(encoding="utf-8"))
            for d in sorted(CORPUS.iterdir()) if (d / "expected.yaml").is_file()}


def lay_out(name: str, spec: dict[str, Any], base: Path, good_out: Path, work: Path) -> Case:
    """The sample site with the case's files over it, and a copy of the good output."""
    root = work / name / "site"
    write_site(root)
    for rel in spec.get("remove", ()):
        (root / rel).unlink()
    source = CORPUS / name / "site"
    for file in sorted(source.rglob("*")) if source.is_dir() else ():
        if file.is_file():
            target = root / file.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, target)
    for rel, made in (spec.get("make") or {}).items():
        text = made.get("head", "") + made["repeat"] * made["times"] + made.get("tail", "")
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(text.encode("utf-8"))
    out = work / name / "public"
    if spec.get("foreign_output"):
        out.mkdir(parents=True)
        (out / "notes.txt").write_text("someone else's file\n")
    else:
        shutil.copytree(good_out, out, copy_function=shutil.copy2)
    return Case(name, spec, root, out)


def run_cli(jobs: list[dict[str, Any]], parallel: int = 2) -> list[dict[str, Any]]:
    """Run command lines through tests/cli_runner.py (one warm process forking per job),
    `parallel` at a time, all on TODAY (module fixtures run before the autouse pin)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": TODAY_EPOCH, "CLI_RUNNER_PARALLEL": str(parallel),
           "PYTHONPATH": os.pathsep.join(
        [str(RUNNER.parent.parent / "src"), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, str(RUNNER)], input=json.dumps(jobs),
                          capture_output=True, text=True, env=env, check=True, timeout=600)
    return json.loads(done.stdout)


def build_job(case: Case, *extra: str) -> dict[str, Any]:
    """The `psoasguide build` command line for a case."""
    return {"argv": ["build", "--root", str(case.root), "--out", str(case.out), "--no-search",
                     *extra], "cwd": str(case.root),
            "timeout": case.spec.get("max_seconds", MAX_SECONDS) + 50}


def good_site(work: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """The sample site built once: (root, output, the output's files)."""
    root = write_site(work / "base" / "site")
    out = work / "base" / "public"
    result = run_cli([{"argv": ["build", "--root", str(root), "--out", str(out), "--no-search"],
                       "cwd": str(root)}])[0]
    assert result["exit"] == 0, result["stderr"]
    return root, out, tree(out)
