"""`psoasguide build` with nothing changed: the stages do not run, the output folder is left as
it is, the last build's findings are shown again; any changed input or output file builds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sample_site import build_site, tree, write_site

from psoasguide.cli import main
from psoasguide.model import BuildResult, Search

STRETCH = "content/stretches/half-kneeling.md"


def again(site: Path, out: Path, **options: object) -> BuildResult:
    return build_site(site, out, search=Search.OFF, skip_unchanged=True, **options)


def inodes(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_ino for p in out.rglob("*") if p.is_file()}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return write_site(tmp_path / "site")


def test_nothing_changed_runs_no_stage_and_keeps_every_file(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = again(site, out)
    assert first.written and not first.unchanged
    before, files = inodes(out), tree(out)
    second = again(site, out)
    assert second.unchanged and second.written and second.graph is None
    assert second.diagnostics == first.diagnostics and second.pages == first.pages
    assert inodes(out) == before and tree(out) == files


def test_an_edited_article_builds_again(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    again(site, out)
    path = site / STRETCH
    path.write_text(path.read_text().replace("Feel it", "You feel it"))
    result = again(site, out)
    assert not result.unchanged and result.written
    assert b"You feel it" in (out / "stretches/half-kneeling/index.html").read_bytes()


@pytest.mark.parametrize("change", ["delete", "edit", "add", "replace-same-size"])
def test_a_touched_output_folder_is_built_again(site: Path, tmp_path: Path, change: str) -> None:
    out = tmp_path / "out"
    again(site, out)
    expected = tree(out)
    page = out / "stretches/half-kneeling/index.html"
    if change == "delete":
        page.unlink()
    elif change == "edit":
        page.write_bytes(page.read_bytes() + b"<!-- edited -->")
    elif change == "add":
        (out / "stray.html").write_text("stray")
    else:  # same bytes count, new inode and change time
        data = page.read_bytes()
        page.unlink()
        page.write_bytes(data.replace(b"Feel it", b"FEEL IT"))
    result = again(site, out)
    assert not result.unchanged and tree(out) == expected


def test_other_settings_or_no_cache_build_again(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    again(site, out)
    assert not again(site, out, drafts=True).unchanged
    assert not again(site, out, cache=False).unchanged
    assert not again(site, out, base_url="https://other.example/").unchanged


def test_a_failed_build_is_never_skipped(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    path = site / STRETCH
    path.write_text(path.read_text().replace("title:", "titel:", 1))
    first = again(site, out)
    second = again(site, out)
    assert not first.written and not second.written and not second.unchanged
    assert second.diagnostics == first.diagnostics


def test_the_command_line_says_nothing_changed_and_repeats_warnings(
        site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = site / STRETCH
    path.write_text(path.read_text().replace("helps: [sitting]", "helps: [sitting, sitting]"))
    argv = ["build", "--root", str(site), "--out", str(tmp_path / "out"), "--no-search"]
    assert main(argv) == 0
    first = capsys.readouterr().err
    assert main(argv) == 0
    second = capsys.readouterr().err
    assert "nothing changed since the last build" in second
    warnings = [line for line in first.splitlines() if ": warning" in line]
    assert warnings and warnings == [line for line in second.splitlines() if ": warning" in line]
    os.utime(path)  # a touched file with the same bytes is still the same input
    assert main(argv) == 0
    assert "nothing changed" in capsys.readouterr().err


def test_a_symbolic_link_loop_in_the_sources_is_hashed_once(site: Path, tmp_path: Path) -> None:
    (site / "static").mkdir(exist_ok=True)
    (site / "static" / "loop").symlink_to(site / "static", target_is_directory=True)
    out = tmp_path / "out"
    assert again(site, out).written
    assert again(site, out).unchanged


def test_a_report_is_always_made_afresh(site: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["build", "--root", str(site), "--out", str(tmp_path / "out"), "--no-search"]
    assert main(argv) == 0
    capsys.readouterr()
    assert main([*argv, "--report"]) == 0
    shown = capsys.readouterr()
    assert "content/stretches/half-kneeling.md" in shown.out
    assert "nothing changed" not in shown.err
