"""The package: its public API, and a wheel that carries the default theme."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from sample_site import write_site

import psoasguide

REPO = Path(__file__).resolve().parent.parent


def test_public_api() -> None:
    assert sorted(psoasguide.__all__) == ["BuildConfig", "BuildResult", "Diagnostic",
                                          "OutputFile", "Severity", "__version__", "build",
                                          "format_line"]
    for name in psoasguide.__all__:
        assert getattr(psoasguide, name) is not None


def test_wheel_ships_the_theme_and_builds_any_site(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path / "dist"), str(REPO)], check=True, timeout=300,
                   capture_output=True)
    [wheel] = (tmp_path / "dist").glob("psoasguide-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    theme = sorted(n for n in names if n.startswith("psoasguide/theme/"))
    expected = sorted(f"psoasguide/theme/{p.relative_to(REPO / 'templates').as_posix()}"
                      for p in (REPO / "templates").rglob("*") if p.is_file())
    assert theme == expected
    unpacked = tmp_path / "unpacked"
    zipfile.ZipFile(wheel).extractall(unpacked)
    site = write_site(tmp_path / "elsewhere")
    env = {**os.environ, "PYTHONPATH": str(unpacked), "SOURCE_DATE_EPOCH": "1795132800"}
    result = subprocess.run([sys.executable, "-c", "import psoasguide, sys; "
                             "print(psoasguide.__file__); from psoasguide.cli import main; "
                             "sys.exit(main(['build', '--root', sys.argv[1]]))", str(site)],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(str(unpacked))
    assert (site / "public/stretches/half-kneeling/index.html").exists()
