"""Valid but odd sources build: CRLF, a BOM, very long lines, non-ASCII, emoji and right-to-left
text in every field, and a large article (1 MB here; PSOASGUIDE_BIG_ARTICLE_MB=8 for the
documented largest size, which the build accepts up to 8 MiB: see the corpus case too-large)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from sample_site import TODAY, write_site

from psoasguide import BuildConfig, Severity, build
from psoasguide.content.load import MAX_ARTICLE_BYTES

BIG_MB = float(os.environ.get("PSOASGUIDE_BIG_ARTICLE_MB", "1"))
ODD = "Ünïcödé 漢字 🙂🧘‍♀️ שָׁלוֹם مرحبا \u202bRTL\u202c"
LONG = "word " * 20_000  # one 100,000-character line


def _errors(result) -> list[str]:
    return [f"{d.path}:{d.line}: {d.code} {d.message}" for d in result.diagnostics
            if d.severity is Severity.ERROR]


def _odd_stretch() -> str:
    q = json.dumps(ODD, ensure_ascii=False)
    return (f"---\ntitle: {q}\nsummary: {json.dumps(ODD + ' summary', ensure_ascii=False)}\n"
            "reviewed: 2026-01-10\ntype: stretch\ndifficulty: beginner\nhold_seconds: 30\n"
            f"sets: 2\ntargets: [psoas-major]\nsteps: [{q}, {json.dumps(LONG.strip())}]\n"
            f"avoid_if: [{q}]\nstop_if: [{q}]\ncommon_mistakes: [{q}]\nequipment: [{q}]\n"
            f"tags: [{q}, 'תגית', '🙂 emoji']\n"
            f"references:\n  - {{title: {q}, publisher: {q}, year: 2020}}\n"
            f"  - {{title: 'عنوان', publisher: 'ناشر', year: 2021}}\n"
            f"---\n{ODD}\n\n## {ODD}\n\n{LONG}\n\nSee [[psoas-major|{ODD}]].\n")


def test_crlf_bom_long_lines_and_any_script_build(tmp_path: Path) -> None:
    odd = _odd_stretch()
    root = write_site(tmp_path / "site", {
        "content/stretches/odd.md": "\ufeff" + odd.replace("\n", "\r\n"),
        "site.yaml": "\ufefftitle: Guide 🙂 מדריך\r\nbase_url: https://example.org/guide/\r\n"
                     "safety_page: safety\r\ndescription: " + ODD + "\r\n",
    })
    result = build(BuildConfig(root=root, out=tmp_path / "out", today=TODAY))
    assert not _errors(result), _errors(result)
    page = (tmp_path / "out/stretches/odd/index.html").read_text(encoding="utf-8")
    assert page.count("🙂🧘‍♀️") >= 3 and "שָׁלוֹם" in page and "عنوان" in page
    assert "\r" not in page and "\ufeff" not in page
    assert LONG.strip() in page


def test_a_large_article_builds(tmp_path: Path) -> None:
    paragraph = ("The psoas runs from the lower spine to the thigh bone and helps lift the knee "
                 "when you walk or climb stairs. ") * 4 + "\n\n"
    size = int(BIG_MB * 1_000_000)
    assert size <= MAX_ARTICLE_BYTES
    body = paragraph * (size // len(paragraph))
    root = write_site(tmp_path / "site", {
        "content/pages/big.md": "---\ntitle: A long page\nsummary: Long.\nreviewed: 2026-01-10"
                                "\n---\n" + body + "\nBack to [[safety]].\n"})
    start = time.monotonic()
    result = build(BuildConfig(root=root, write=False, today=TODAY, cache=False))
    seconds = time.monotonic() - start
    assert not _errors(result), _errors(result)[:5]
    page = next(f for f in result.files if f.path == "pages/big/index.html")
    assert len(page.data) > size
    print(f"\nan article of {size / 1e6:.1f} MB built in {seconds:.1f} s")
