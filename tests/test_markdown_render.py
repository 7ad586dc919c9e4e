"""Markdown features as readers see them, and template behaviour (views, errors, overrides)."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from sample_site import SITE_YAML, build_site, write_site

BODY = '''## First part {#custom-id}

| Muscle | Share |
|:-------|------:|
| psoas  | 60 %  |

```python
def hold(seconds: int) -> None:
    pass
```

A claim with a source.[^nhs]

!!! warning "Stop if"
    Sharp, shooting pain.

<details><summary>More</summary>Raw HTML is allowed.</details>

### Second part

#### Third part

[^nhs]: NHS, Back pain, 2024.
'''


def _page(tmp_path: Path, body: str = BODY, extra: dict[str, str] | None = None) -> str:
    article = f"---\ntitle: Features\nsummary: All of them.\nreviewed: 2026-01-01\n---\n{body}"
    root = write_site(tmp_path / "site", {"content/pages/features.md": article, **(extra or {})})
    result = build_site(root, tmp_path / "out")
    assert result.written, result.diagnostics
    return (tmp_path / "out/pages/features/index.html").read_text()


def test_markdown_features(tmp_path: Path) -> None:
    page = _page(tmp_path)
    assert '<th class="align-left">Muscle</th>' in page
    assert '<td class="align-right">60 %</td>' in page
    assert "style=" not in page.split('<div class="content"')[1]
    assert '<div class="highlight"><pre>' in page and '<span class="k">def</span>' in page
    assert 'href="#fn:nhs"' in page and 'id="fn:nhs"' in page
    assert '<div class="admonition warning">' in page
    assert '<p class="admonition-title">Stop if</p>' in page
    assert "<details><summary>More</summary>" in page
    assert 'id="custom-id"' in page and 'id="second-part"' in page


def test_table_of_contents_from_three_headings(tmp_path: Path) -> None:
    page = _page(tmp_path)
    toc = re.search(r'<nav class="toc".*?</nav>', page, re.S)
    assert toc is not None
    # three headings make a table of contents; it lists levels 2 and 3
    assert re.findall(r'href="#([^"]+)"', toc.group(0)) == ["custom-id", "second-part"]


def test_no_toc_with_fewer_headings(tmp_path: Path) -> None:
    assert '<nav class="toc"' not in _page(tmp_path, "## Only one\n\nText.\n")


def test_wiki_link_text_is_title_or_heading(tmp_path: Path) -> None:
    body = "See [[psoas-major]], [[psoas-major#what-it-does]] and [[sitting|sitting a lot]].\n"
    page = _page(tmp_path, body)
    assert '<a href="../../anatomy/psoas-major/">Psoas major</a>' in page
    assert '<a href="../../anatomy/psoas-major/#what-it-does">What it does</a>' in page
    assert '<a href="../../causes/sitting/">sitting a lot</a>' in page


def test_backlinks_and_inverse_lists(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site")
    build_site(root, tmp_path / "out")
    anatomy = (tmp_path / "out/anatomy/psoas-major/index.html").read_text()
    targeted = re.search(r'data-rel="targeted-by".*?</section>', anatomy, re.S)
    assert targeted and "../../stretches/half-kneeling/" in targeted.group(0)
    affected = re.search(r'data-rel="affected-by".*?</section>', anatomy, re.S)
    assert affected and "../../causes/sitting/" in affected.group(0)
    mentions = re.search(r'data-rel="backlinks".*?</section>', anatomy, re.S)
    assert mentions and "Prolonged sitting" in mentions.group(0)


def test_stretch_page_shows_dose_and_safety_before_steps(tmp_path: Path) -> None:
    build_site(write_site(tmp_path / "site"), tmp_path / "out")
    page = (tmp_path / "out/stretches/half-kneeling/index.html").read_text()
    assert "Hold for 30 seconds, 2 times on each side." in page
    order = [page.index(f'id="{i}"') for i in ("dose", "avoid-if", "stop-if", "steps")]
    assert order == sorted(order)


def test_routine_lists_items_with_dose_and_time(tmp_path: Path) -> None:
    build_site(write_site(tmp_path / "site"), tmp_path / "out")
    page = (tmp_path / "out/routines/quick/index.html").read_text()
    # 2 sets x 30 s x 2 sides + 2 switches x 5 s + 1 rest x 10 s = 140 s: about 2 minutes
    assert "Takes about 2 minutes." in page
    assert "Hold for 30 seconds, 2 times on each side" in page


def test_json_ld_for_a_stretch(tmp_path: Path) -> None:
    import json

    build_site(write_site(tmp_path / "site"), tmp_path / "out")
    page = (tmp_path / "out/stretches/half-kneeling/index.html").read_text()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert raw
    data = json.loads(raw.group(1))
    assert data["@type"] == "MedicalWebPage"
    assert "lastReviewed" not in data and "reviewedBy" not in data  # no clinician reviewed it
    assert [s["text"] for s in data["about"]["step"]] == ["Kneel.", "Tuck the tailbone."]


def test_site_template_overrides_theme(tmp_path: Path) -> None:
    page = _page(tmp_path, "Text.\n", {"templates/page.html":
                                       "<p>custom {{ page.title }}</p>\n"})
    assert page == "<p>custom Features</p>\n"


def test_template_errors_name_the_template_and_line(tmp_path: Path) -> None:
    broken = {"templates/page.html": "{% extends 'base.html' %}\n{% block main %}\n"
                                     "{{ page.no_such_field }}\n{% endblock %}\n"}
    root = write_site(tmp_path / "site", broken)
    result = build_site(root, tmp_path / "out")
    assert not result.written
    [d] = [d for d in result.diagnostics if d.code == "template-error"]
    assert (d.path, d.line) == ("templates/page.html", 3)
    assert "no_such_field" in d.message
    syntax = {"templates/page.html": "{% extends 'base.html' %}\n\n{% block main %}{{ x }\n"}
    result = build_site(write_site(tmp_path / "two", syntax), tmp_path / "out2")
    [d] = [d for d in result.diagnostics if d.code == "template-syntax"]
    assert (d.path, d.line) == ("templates/page.html", 3)


def test_a_heading_may_not_take_an_id_the_template_uses(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site")
    stretch = root / "content/stretches/half-kneeling.md"
    stretch.write_text(stretch.read_text() + "\n## Steps\n\nMore.\n\n## Why {#why}\n")
    result = build_site(root, tmp_path / "out")
    [d] = [d for d in result.diagnostics if d.code == "reserved-anchor"]
    lines = stretch.read_text().splitlines()
    assert (d.path, d.line, d.col) == ("content/stretches/half-kneeling.md",
                                       lines.index("## Steps") + 1, 1)
    assert "{#about-steps}" in d.hint and not result.written


def test_report_link_opens_an_issue_about_the_page(tmp_path: Path) -> None:
    site_yaml = SITE_YAML + "repo_url: https://github.com/example/guide/\n"
    page = _page(tmp_path, extra={"site.yaml": site_yaml})
    match = re.search(r'<p class="report-error"><a href="([^"]+)">Report an error on this page',
                      page)
    assert match, "no report link"
    url = urlsplit(unescape(match.group(1)))
    assert (url.netloc, url.path) == ("github.com", "/example/guide/issues/new")
    query = parse_qs(url.query)
    assert query["title"] == ["Error on: Features"]
    assert "Page: https://example.org/guide/pages/features/" in query["body"][0]
    assert "Source file: content/pages/features.md" in query["body"][0]
    assert "personal health details" in page


def test_no_report_link_without_a_repository(tmp_path: Path) -> None:
    assert "report-error" not in _page(tmp_path)


def test_reference_list_punctuation(tmp_path: Path) -> None:
    refs = ("references:\n"
            "  - {title: 'Increasing length or modifying sensation?', publisher: Phys Ther,"
            " year: 2010}\n"
            "  - {title: Back pain, publisher: NHS, year: 2024, url: 'https://www.nhs.uk/'}\n")
    article = f"---\ntitle: Refs\nsummary: S.\nreviewed: 2026-01-01\n{refs}---\nText.\n"
    root = write_site(tmp_path / "site", {"content/pages/refs.md": article})
    assert build_site(root, tmp_path / "out").written
    page = (tmp_path / "out/pages/refs/index.html").read_text()
    assert "<li>Increasing length or modifying sensation? Phys Ther, 2010.</li>" in page
    assert '<li><a href="https://www.nhs.uk/">Back pain</a>. NHS, 2024.</li>' in page
