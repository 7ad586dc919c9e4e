"""The content linter's tests: one article of a kind in a small site, built in memory.

Dates, site.yaml and references come from `sample_site`, the one fixture module for small sites.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sample_site import MINIMAL_SITE_YAML as SITE_YAML
from sample_site import REFERENCES, TODAY, write_files

from psoasguide import BuildConfig, BuildResult, Diagnostic, build
from psoasguide.config import SiteConfig, load_config
from psoasguide.content import load_documents
from psoasguide.diagnostics import sorted_diagnostics
from psoasguide.lint import RULES, lint_site
from psoasguide.parse import parse_documents

LINT_CODES = frozenset(RULES) | {"unknown-rule", "unused-suppression"}
STAND_IN = SiteConfig(title="(site.yaml has errors)", base_url="https://example.org/")
OWN_FIELDS = {
    "anatomy": "origin: Lumbar spine\ninsertion: Lesser trochanter\ninnervation: L1 to L3\n"
               "actions: [Flexes the hip]\n",
    "causes": "evidence: limited\naffects: []\n"
              "in_short: [What it is., What helps., When to get help.]\n",
    "stretches": "type: stretch\ndifficulty: beginner\nhold_seconds: 30\nsets: 2\n"
                 "targets: [psoas-major]\nsteps: [Kneel.]\navoid_if: [Knee pain.]\n"
                 "stop_if: [Sharp pain.]\n"
                 "in_short: [What it works., How to do it., When to stop.]\n",
    "routines": "items:\n  - stretch: half-kneeling\n",
    "pages": "",
}
#: Articles the kinds above refer to, so every fixture site links up.
SUPPORT = {
    "content/anatomy/psoas-major.md": "---\ntitle: Psoas major\nsummary: A muscle.\n"
    "reviewed: 2026-11-01\n" + OWN_FIELDS["anatomy"] + REFERENCES + "---\nThe psoas.\n",
    "content/stretches/half-kneeling.md": "---\ntitle: Half-kneeling stretch\n"
    "summary: A stretch.\nreviewed: 2026-11-01\n" + OWN_FIELDS["stretches"] + REFERENCES
    + "---\nKneel and tuck.\n",
}


def article(body: str = "Plain words.\n", kind: str = "pages", *, title: str = "Test article",
            reviewed: str = "2026-11-01", references: str | None = REFERENCES,
            extra: str = "") -> str:
    """The text of a valid article of `kind` (its content folder) with `body`."""
    refs = references if references is not None else ""
    return (f"---\ntitle: {title}\nsummary: A test.\nreviewed: {reviewed}\n{extra}"
            f"{OWN_FIELDS[kind]}{refs}---\n{body}")


def write(root: Path, files: dict[str, str], site_yaml: str = SITE_YAML) -> Path:
    """Write `site.yaml`, the supporting articles and `files` under `root`."""
    return write_files(root, {**SUPPORT, **files}, site_yaml)


def run(root: Path, today: dt.date | None = TODAY, drafts: bool = False) -> BuildResult:
    """Build `root` in memory."""
    return build(BuildConfig(root=root, write=False, today=today, drafts=drafts))


def lint(tmp_path: Path, text: str, kind: str = "pages", site_yaml: str = SITE_YAML,
         name: str = "test-article") -> list[Diagnostic]:
    """The linter's findings on one article in a fresh site, and any problems in site.yaml.

    Runs only the stages the linter needs (load, parse, lint): linking and rendering add nothing
    to these findings. `run` builds the whole site for the tests that need it.
    """
    path = f"content/{kind}/{name}.md"
    root = write(tmp_path, {path: text}, site_yaml)
    site, found = load_config(root)
    site = site or STAND_IN  # as the build does: a bad site.yaml still lets articles be checked
    documents, problems = load_documents(root, TODAY)
    parsed, parse_problems = parse_documents(documents)
    _, lint_problems = lint_site(parsed, site, TODAY)
    return [d for d in sorted_diagnostics([*found, *problems, *parse_problems, *lint_problems])
            if (d.code in LINT_CODES and d.path == path) or d.path == "site.yaml"]


def codes(diags: list[Diagnostic]) -> list[str]:
    """The codes, in order."""
    return [d.code for d in diags]


def position(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based (line, column) of the n-th `needle` in `text`."""
    offset = -1
    for _ in range(occurrence):
        offset = text.index(needle, offset + 1)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def where(d: Diagnostic) -> tuple[int, int]:
    """(line, col) of a diagnostic."""
    return d.line, d.col
