"""Plain figures: the `jargon` rule (default list plus `lint.jargon`), and the glossary whose
terms the build links on their first use on every other page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import PAGE, TODAY, base_files, one, page_md
from conftest import where as where_in
from test_lint_support import article, lint, position, where

from psoasguide import BuildConfig, build
from psoasguide.model import Heading
from psoasguide.render.glossary import glossary_terms, link_terms


@pytest.mark.parametrize(("sentence", "needle"), [
    ("Hip length was not linked to tilt (r = \u22120.04).", "r = \u22120.04"),
    ("The tuck lowered resistance by 4.85 N·m in one trial.", "4.85 N·m"),
    ("The bird-dog was measured with EMG in 2023.", "EMG"),
    ("The effect was small (p = 0.03).", "p = 0.03"),
    ("Lie supine with your knees bent.", "supine"),
    # Characters that match ASCII letters only case-insensitively (dotted capital I, long s);
    # "İn vivo" used to stop the build with a KeyError.
    ("It was measured İn vivo today.", "İn vivo"),
    ("Lie \u017fupine with your knees bent.", "\u017fupine"),
])
def test_unexplained_jargon_is_flagged_at_its_position(tmp_path: Path, sentence: str,
                                                        needle: str) -> None:
    text = article(f"Intro text.\n\n{sentence}\n", "pages")
    [d] = lint(tmp_path, text, "pages")
    assert d.code == "jargon" and d.severity == "warning"
    assert where(d) == position(text, needle)


@pytest.mark.parametrize("sentence", [
    "Muscle sensors (EMG) measured it.",
    "EMG (muscle sensors on the skin) measured it.",
    "EMG means small sensors on the skin that pick up a working muscle.",
    "The method is called EMG.",
    "A plain sentence with no figures.",
    "The extension of the deadline was announced.",  # a plain word that is not on the list
])
def test_explained_or_plain_text_passes(tmp_path: Path, sentence: str) -> None:
    assert lint(tmp_path, article(f"{sentence}\n", "pages"), "pages") == []


def test_a_statistic_in_a_footnote_is_where_it_belongs(tmp_path: Path) -> None:
    body = "Stiff hips were not linked to tilt.[^1]\n\n[^1]: Heino 1990: r = \u22120.04.\n"
    assert lint(tmp_path, article(body, "pages"), "pages") == []


def test_a_site_adds_its_own_terms(tmp_path: Path) -> None:
    site = "title: T\nbase_url: https://example.org/\nlint:\n  jargon: [myofascial]\n"
    text = article("Some myofascial ideas.\n", "pages")
    [d] = lint(tmp_path, text, "pages", site_yaml=site)
    assert d.code == "jargon" and "'myofascial'" in d.message
    assert where(d) == position(text, "myofascial")


def test_a_bad_jargon_setting_is_an_error_at_its_line(check) -> None:
    site = "title: T\nbase_url: https://example.org/\nlint:\n  jargon: lots\n"
    d = one(check(base_files(), site), "wrong-type")
    assert where_in(d) == ("site.yaml", 4, 11)


def test_first_use_of_each_term_links_to_the_glossary() -> None:
    terms = glossary_terms([Heading(2, "hip-flexors", "Hip flexors"), Heading(3, "x", "Sub"),
                            Heading(2, "psoas-major", "Psoas major")])
    assert terms == (("Hip flexors", "hip-flexors"), ("Psoas major", "psoas-major"))
    html = ('<h2>Hip flexors</h2><p>The <a href="x">psoas major</a> and the hip flexors. '
            'More hip flexors, and the psoas major.</p><p><code>psoas major</code></p>')
    out = link_terms(html, terms, lambda a: f"g/#{a}")
    assert out.count('class="glossary-term"') == 2
    assert '<h2>Hip flexors</h2>' in out and '<a href="x">psoas major</a>' in out
    assert 'the <a class="glossary-term" href="g/#hip-flexors">hip flexors</a>. More hip' in out
    assert 'and the <a class="glossary-term" href="g/#psoas-major">psoas major</a>.</p>' in out
    assert "<code>psoas major</code>" in out


def test_the_build_links_glossary_terms_and_glossary_terms_are_not_jargon(make_site) -> None:
    glossary = page_md("Glossary", body="## Supine\n\nLying on your back.\n")
    site = ("title: T\nbase_url: https://example.org/guide/\nglossary_page: glossary\n")
    files = {**base_files(), "content/pages/glossary.md": glossary,
             PAGE: page_md(body="Lie supine. Then [[glossary]].\n")}
    result = build(BuildConfig(root=make_site(files, site), write=False, today=TODAY))
    assert not [d for d in result.diagnostics if d.code == "jargon"]
    html = next(f.data.decode() for f in result.files if f.path == "pages/about/index.html")
    assert re.search(r'<a class="glossary-term" href="../glossary/#supine">supine</a>', html)
