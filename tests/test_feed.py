"""`feed.xml`: an Atom feed of published articles, newest review first, stable bytes."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from sample_site import ARTICLES, build_site, write_site

ATOM = "{http://www.w3.org/2005/Atom}"
NEWER = ("---\ntitle: 'Rest & recovery <notes>'\nsummary: When to rest, and why.\n"
         "reviewed: 2026-03-01\naliases: [/old/rest/]\n---\nRest.\n")
DRAFT = "---\ntitle: Later\nsummary: Not yet.\nreviewed: 2026-06-01\ndraft: true\n---\nSoon.\n"


def _feed(tmp_path: Path, **options: object) -> ET.Element:
    root = write_site(tmp_path / "site", {"content/pages/rest.md": NEWER,
                                          "content/pages/later.md": DRAFT})
    out = tmp_path / "out"
    assert build_site(root, out, **options).written
    return ET.fromstring((out / "feed.xml").read_bytes())


def test_feed_lists_every_published_article_newest_review_first(tmp_path: Path) -> None:
    feed = _feed(tmp_path)
    entries = feed.findall(f"{ATOM}entry")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(ids) == len(ARTICLES) + 1  # the sample articles and the new page; no draft
    assert ids[0] == "https://example.org/guide/pages/rest/"
    assert entries[0].findtext(f"{ATOM}title") == "Rest & recovery <notes>"
    assert entries[0].findtext(f"{ATOM}updated") == "2026-03-01T00:00:00Z"
    assert entries[0].findtext(f"{ATOM}summary") == "When to rest, and why."
    assert entries[0].find(f"{ATOM}link").get("href") == ids[0]
    assert all(i.startswith("https://example.org/guide/") and i.endswith("/") for i in ids)
    assert not any("later" in i or "/old/" in i for i in ids)  # drafts and aliases left out
    rest = [e.findtext(f"{ATOM}updated") for e in entries[1:]]
    assert rest == sorted(rest, reverse=True)


def test_feed_head_names_the_site_and_its_newest_review(tmp_path: Path) -> None:
    feed = _feed(tmp_path)
    assert feed.findtext(f"{ATOM}title") == "Sample"
    assert feed.findtext(f"{ATOM}id") == "https://example.org/guide/"
    assert feed.findtext(f"{ATOM}updated") == "2026-03-01T00:00:00Z"
    self_link = [x for x in feed.findall(f"{ATOM}link") if x.get("rel") == "self"]
    assert self_link[0].get("href") == "https://example.org/guide/feed.xml"
    assert feed.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Sample"


def test_a_draft_built_for_preview_is_not_announced(tmp_path: Path) -> None:
    ids = [e.findtext(f"{ATOM}id") for e in _feed(tmp_path, drafts=True).findall(f"{ATOM}entry")]
    assert (tmp_path / "out/pages/later/index.html").exists()
    assert "https://example.org/guide/pages/later/" not in ids


def test_feed_follows_base_url_override_and_every_page_points_to_it(tmp_path: Path) -> None:
    feed = _feed(tmp_path, base_url="https://me.github.io/repo")
    assert feed.findtext(f"{ATOM}id") == "https://me.github.io/repo/"
    page = (tmp_path / "out/anatomy/psoas-major/index.html").read_text()
    assert '<link rel="alternate" type="application/atom+xml"' in page
    assert 'href="../../feed.xml"' in page


def test_feed_is_byte_identical_across_builds(tmp_path: Path) -> None:
    _feed(tmp_path / "a")
    _feed(tmp_path / "b")
    assert (tmp_path / "a/out/feed.xml").read_bytes() == (tmp_path / "b/out/feed.xml").read_bytes()
