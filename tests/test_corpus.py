"""The broken-input corpus (tests/corpus/): every case fails cleanly, at its place, safely.

Each case is built with `psoasguide build` in its own process over an output folder holding
the sample site's good build. It must end with its exit code (1, or 2 for environment errors),
report each expected problem at exactly its file, line and column, print no traceback, run no
code from the input (a payload would create a file named PWNED), and leave the previous output
byte for byte as it was. Each case's time and peak memory are reported (`pytest -s` or the
terminal summary); a case fails only past a generous guard (10 s, 500 MB).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from corpus_cases import (
    MAX_RSS_MB,
    MAX_SECONDS,
    Case,
    build_job,
    good_site,
    lay_out,
    load_specs,
    run_cli,
)
from sample_site import tree

SRC = Path(__file__).parent.parent / "src" / "psoasguide"
SPECS = load_specs()


def _landed(code: str) -> bool:
    """True once a diagnostic code some case needs exists in the source (another branch's)."""
    return any(f'"{code}"' in p.read_text(encoding="utf-8") for p in SRC.rglob("*.py"))


#: Cases marked `slow` wait out the Markdown time limit (20 CPU seconds, over the 10 s guard):
#: they run with PSOASGUIDE_SLOW_CORPUS=1, under their own `max_seconds`.
SLOW = os.environ.get("PSOASGUIDE_SLOW_CORPUS") == "1"
ACTIVE = {name: spec for name, spec in SPECS.items()
          if (not spec.get("needs") or _landed(spec["needs"])) and (SLOW or not spec.get("slow"))}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory
         ) -> Iterator[tuple[dict[str, tuple[Case, dict[str, Any]]], dict[str, bytes]]]:
    """Every active case run once (one forked CLI process each)."""
    work = tmp_path_factory.mktemp("corpus")
    base, good_out, good = good_site(work)
    cases = [lay_out(name, spec, base, good_out, work) for name, spec in ACTIVE.items()]
    results = run_cli([build_job(case) for case in cases])
    yield {case.name: (case, result) for case, result in zip(cases, results, strict=True)}, good


def test_the_corpus_has_at_least_fifty_cases() -> None:
    assert len(SPECS) >= 50
    assert all(spec.get("diagnostics") and spec.get("exit") in (1, 2) for spec in SPECS.values())


@pytest.mark.parametrize("name", sorted(ACTIVE))
def test_case(name: str, runs: tuple[dict[str, tuple[Case, dict[str, Any]]], dict[str, bytes]]
              ) -> None:
    by_name, good = runs
    case, result = by_name[name]
    spec = case.spec
    err = result["stderr"]
    assert not result["timed_out"], f"{name} did not finish"
    assert result["seconds"] < spec.get("max_seconds", MAX_SECONDS), result
    assert result["max_rss_mb"] < MAX_RSS_MB, result
    assert "Traceback" not in err, err
    assert result["exit"] == spec["exit"], err
    for want in spec["diagnostics"]:
        path = want["file"].replace("{out}", str(case.out))
        place = f"{want['line']}:{want['column']}" if "line" in want else r"\d+:\d+"
        line = rf"{re.escape(path)}:{place}: error\[{want['code']}\] "
        assert re.search("^" + line, err, re.M), f"want {line}\n{err}"
    reported = re.findall(r"^.*?:\d+:\d+: error\[", err, re.M)
    assert len(reported) == len(spec["diagnostics"]), f"unexpected errors:\n{err}"
    assert not [p for p in case.root.parent.rglob("PWNED")], "input ran as code"
    if spec.get("foreign_output"):
        assert sorted(p.name for p in case.out.iterdir()) == ["notes.txt"]
    else:
        assert tree(case.out) == good, "the previous output changed"


def test_report_time_and_memory(runs: tuple[dict[str, tuple[Case, dict[str, Any]]],
                                            dict[str, bytes]],
                                capsys: pytest.CaptureFixture[str]) -> None:
    """Print each case's time and peak memory (shown with -s) and the totals."""
    by_name, _ = runs
    rows = [f"{name:32} {r['seconds']:6.2f} s {r['max_rss_mb']:7.1f} MB exit {r['exit']}"
            for name, (_, r) in sorted(by_name.items())]
    slowest = max(r["seconds"] for _, r in by_name.values())
    biggest = max(r["max_rss_mb"] for _, r in by_name.values())
    with capsys.disabled():
        print("\n" + "\n".join(rows))
        print(f"{len(rows)} cases; slowest {slowest:.2f} s; most memory {biggest:.1f} MB "
              f"(guard {MAX_SECONDS:g} s, {MAX_RSS_MB:g} MB)")
    assert len(rows) == len(ACTIVE)


def test_the_real_console_command_behaves_like_the_runner(
        tmp_path: Path, runs: tuple[dict[str, tuple[Case, dict[str, Any]]], dict[str, bytes]]
) -> None:
    """One case through `python -m psoasguide` itself: same exit code, same problems."""
    import os
    import subprocess
    import sys

    case, result = runs[0]["yaml-unclosed-quote"]
    done = subprocess.run([sys.executable, "-m", "psoasguide", "build", "--root", str(case.root),
                           "--out", str(tmp_path / "out"), "--no-search"],
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(SRC.parent)})
    assert done.returncode == result["exit"] == 1
    assert done.stderr.splitlines()[0] == result["stderr"].splitlines()[0]
    assert not (tmp_path / "out").exists()
