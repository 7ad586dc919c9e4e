"""The built guide is valid HTML: the Nu Html Checker (vnu.jar, installed by tests/setup.sh and run
on the system Java) finds no error in any page of the repository's own site.

A negative control validates a deliberately broken page, so the suite cannot pass because the
checker silently checked nothing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import Guide

REPO = Path(__file__).resolve().parent.parent
VNU_JAR = REPO / "tests" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = pytest.mark.skipif(
    shutil.which("java") is None or not VNU_JAR.is_file(),
    reason="needs Java and vnu-jar (run tests/setup.sh)",
)


def run_vnu(*targets: Path) -> list[dict]:
    """Run the checker on files or folders; return its error messages (JSON, from stderr)."""
    proc = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html", "--format", "json",
         *map(str, targets)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    try:
        report = json.loads(proc.stderr or proc.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"vnu.jar gave no JSON report (exit {proc.returncode}):\n"
                    f"{proc.stdout}\n{proc.stderr}")
    messages = [m for m in report.get("messages", [])
                if m.get("type") in {"error", "non-document-error"}]
    assert bool(messages) == (proc.returncode != 0), (proc.returncode, messages)
    return messages


def describe(messages: list[dict], root: Path) -> str:
    lines = []
    for m in messages:
        url = m.get("url", "")
        path = url.removeprefix("file:").removeprefix(str(root)).lstrip("/")
        lines.append(f"{path}:{m.get('lastLine', '?')}:{m.get('firstColumn', '?')}: "
                     f"{m.get('message')}\n    {m.get('extract', '').strip()}")
    return "\n".join(lines)


BROKEN_PAGE = (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"></head>\n'
    '<body><p>Text</div><img src="x.png"><a hreff="#">x</a></body></html>\n'
)


@pytest.fixture(scope="module")
def site(guide: Guide) -> Path:
    """The repository's guide, built once per session (conftest)."""
    return guide.out


@pytest.fixture(scope="module")
def control(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with one deliberately broken page: a stray end tag, no title, a bad attribute."""
    folder = tmp_path_factory.mktemp("html-control")
    (folder / "bad.html").write_text(BROKEN_PAGE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def messages(site: Path, control: Path) -> dict[str, list[dict]]:
    """One checker run (one JVM start) over the site and the control: errors by folder."""
    found = run_vnu(site, control)
    by_folder: dict[str, list[dict]] = {"site": [], "control": []}
    for m in found:
        path = m.get("url", "").removeprefix("file:")
        key = "control" if Path(path).resolve().is_relative_to(control.resolve()) else "site"
        by_folder[key].append(m)
    return by_folder


def test_site_has_html_pages(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert site / "index.html" in pages
    assert site / "404.html" in pages
    assert len(pages) >= 10


def test_every_page_is_valid_html(site: Path, messages: dict[str, list[dict]]) -> None:
    errors = messages["site"]
    assert not errors, f"{len(errors)} HTML error(s):\n{describe(errors, site)}"


def test_checker_reports_invalid_html(control: Path, messages: dict[str, list[dict]]) -> None:
    """Negative control: the same run must report the broken page, so the checker is live."""
    errors = messages["control"]
    assert errors, "vnu.jar found nothing wrong with a broken page: is it really running?"
    text = describe(errors, control)
    assert "bad.html" in text
    assert any("title" in m.get("message", "") for m in errors), text
