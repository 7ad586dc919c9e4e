"""The command line: exit codes, output format, annotations, `new`, entry points."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sample_site import ARTICLES, build_site, tree, write_site

from psoasguide import __version__
from psoasguide.cli import main

REPO = Path(__file__).resolve().parent.parent
EPOCH = "1795132800"  # 2026-11-20, so the sample's dates are in the past


def run(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("GITHUB_ACTIONS", "NO_COLOR")}
    environment.update({"SOURCE_DATE_EPOCH": EPOCH, **env})
    return subprocess.run([sys.executable, "-m", "psoasguide", *args], cwd=cwd, text=True,
                          capture_output=True, env=environment, timeout=60)


def test_version_and_help_on_every_command() -> None:
    assert run("--version").stdout.strip() == f"psoasguide {__version__}"
    for command in ("build", "check", "new"):
        result = run(command, "--help")
        assert result.returncode == 0 and "usage: psoasguide " + command in result.stdout


def test_build_ok_exits_0_and_says_where(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site")
    result = run("build", "--root", str(root))
    assert result.returncode == 0, result.stderr
    assert "built 5 pages into" in result.stderr and (root / "public/index.html").exists()


def test_content_error_exits_1_with_file_line_col(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {"content/stretches/bad.md": "---\ntitle: Bad\n"})
    result = run("build", "--root", str(root))
    assert result.returncode == 1
    assert ("content/stretches/bad.md:1:1: error[unclosed-front-matter] the front matter "
            "opened on line 1 is never closed") in result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "public").exists()


def test_invalid_site_yaml_exits_1_at_its_line(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {"site.yaml": "title: X\nbase_url: nope\n"})
    result = run("check", "--root", str(root))
    assert result.returncode == 1
    assert "site.yaml:2:11: error[bad-url]" in result.stderr


def test_environment_errors_exit_2(tmp_path: Path) -> None:
    no_config = run("build", "--root", str(tmp_path))
    assert no_config.returncode == 2 and "error[no-site-config]" in no_config.stderr
    assert run("build", "--root", str(tmp_path / "missing")).returncode == 2
    assert run("build", "--no-such-flag").returncode == 2
    root = write_site(tmp_path / "site")
    assert run("build", "--root", str(root), "--base-url", "not a url").returncode == 2


def test_content_that_is_not_a_folder_exits_2(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site")
    (root / "content").rename(root / "moved")
    (root / "content").write_text("not a folder")
    result = run("check", "--root", str(root))
    assert result.returncode == 2 and "content:1:1: error[unreadable]" in result.stderr


def test_warnings_fail_only_under_strict(tmp_path: Path) -> None:
    cause = "content/causes/sitting.md"
    dup = {cause: ARTICLES[cause].replace("affects: [psoas-major]",
                                          "affects: [psoas-major, psoas-major]")}
    root = write_site(tmp_path / "site", dup)
    loose = run("check", "--root", str(root))
    assert loose.returncode == 0 and "warning[duplicate-relation]" in loose.stderr
    assert run("check", "--root", str(root), "--strict").returncode == 1


def test_check_writes_nothing(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site")
    result = run("check", "--root", str(root))
    assert result.returncode == 0 and "checked 5 pages" in result.stderr
    assert not (root / "public").exists()


def test_no_colour_unless_terminal_and_github_annotations(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {"content/pages/x.md": "---\ntitle: 1\n---\n"})
    plain = run("check", "--root", str(root))
    assert "\033[" not in plain.stderr
    gh = run("check", "--root", str(root), cwd=tmp_path, GITHUB_ACTIONS="true",
             GITHUB_WORKSPACE=str(tmp_path))
    assert ("::error file=site/content/pages/x.md,line=2,col=8,title=wrong-type::"
            "[wrong-type] 'title' must be text, not a number (put it in quotes)") in gh.stdout


def test_colour_on_a_terminal_but_not_with_no_color(tmp_path: Path) -> None:
    import pty

    root = write_site(tmp_path / "site", {"content/pages/x.md": "---\ntitle: 1\n---\n"})

    def on_tty(**env: str) -> str:
        leader, follower = pty.openpty()
        environment = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, **env}
        environment.pop("NO_COLOR", None) if "NO_COLOR" not in env else None
        subprocess.run([sys.executable, "-m", "psoasguide", "check", "--root", str(root)],
                       stderr=follower, stdout=subprocess.DEVNULL, env=environment, timeout=60)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(leader)
        return b"".join(chunks).decode()

    assert "\033[1;31merror[wrong-type]" in on_tty()
    assert "\033[" not in on_tty(NO_COLOR="1")


def test_new_writes_a_valid_draft_and_refuses_to_overwrite(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site")
    for kind, title, path in [
        ("anatomy", "Iliacus muscle", "content/anatomy/iliacus-muscle.md"),
        ("cause", "Desk work", "content/causes/desk-work.md"),
        ("stretch", "Couch stretch: \"advanced\"", "content/stretches/couch-stretch-advanced.md"),
        ("routine", "Morning", "content/routines/morning.md"),
        ("page", "Contact us", "content/pages/contact-us.md"),
    ]:
        assert main(["new", kind, title, "--root", str(root)]) == 0
        text = (root / path).read_text()
        assert "draft: true" in text
    result = build_site(root, tmp_path / "out", drafts=True)
    assert not [d for d in result.diagnostics if d.severity == "error"], result.diagnostics
    assert "Couch stretch: &#34;advanced&#34;" in \
        (tmp_path / "out/stretches/couch-stretch-advanced/index.html").read_text()
    before = (root / "content/pages/contact-us.md").read_text()
    again = run("new", "page", "Contact us", "--root", str(root))
    assert again.returncode == 2 and "already exists" in again.stderr
    assert (root / "content/pages/contact-us.md").read_text() == before
    assert run("new", "muscle", "X", "--root", str(root)).returncode == 2


def test_new_uses_today(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site")
    run("new", "page", "Dated", "--root", str(root))
    assert "reviewed: 2026-11-20" in (root / "content/pages/dated.md").read_text()


def test_build_py_and_console_script_match_module(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site")
    via_module = run("build", "--root", str(root), "--out", str(tmp_path / "m"))
    script = Path(sys.executable).parent / "psoasguide"
    via_script = subprocess.run([str(script), "build", "--root", str(root), "--out",
                                 str(tmp_path / "s")], capture_output=True, text=True,
                                env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH}, timeout=60)
    assert via_module.returncode == via_script.returncode == 0
    assert tree(tmp_path / "m") == tree(tmp_path / "s")
    help_text = subprocess.run([sys.executable, str(REPO / "build.py"), "--help"],
                               capture_output=True, text=True, timeout=60).stdout
    assert "--out DIR" in help_text


def test_output_to_pipes_arrives_whole_and_a_profile_is_written(tmp_path: Path) -> None:
    """The command exits without tearing the interpreter down: what it printed to a pipe
    (block-buffered) still arrives in full, and under cProfile, which writes its results on
    the way out, it exits as usual."""
    root = write_site(tmp_path / "site")
    result = run("check", "--root", str(root), "--no-cache", "--report", "--jobs", "1",
                 GITHUB_ACTIONS="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith("mean grade and totals of published articles")
    assert result.stderr.rstrip().splitlines()[-1].startswith("checked 5 pages in ")
    stats = tmp_path / "build.prof"
    profiled = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(stats), "-m",
                               "psoasguide", "check", "--root", str(root), "--jobs", "1"],
                              capture_output=True, text=True, timeout=60,
                              env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    assert profiled.returncode == 0, profiled.stderr
    assert stats.stat().st_size > 0
