"""Rule `overclaim`: selling phrases are errors at their position unless negated or attributed."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_lint_support import SITE_YAML, article, codes, lint, position, where

from psoasguide.lint.masking import mask_body
from psoasguide.lint.overclaims import excused, phrase_pattern, sentence_around


@pytest.mark.parametrize("phrase", [
    "instant relief", "a cure", "a miracle", "shocking", "guaranteed", "science confirms",
    "proven to", "Instant Relief", "SHOCKING", "cured", "secret", "forever",
])
def test_each_phrase_is_an_error_at_its_position(tmp_path: Path, phrase: str) -> None:
    text = article(f"Plain words first.\n\nThis stretch is {phrase} for your hip.\n")
    [d] = lint(tmp_path, text)
    assert d.code == "overclaim" and d.severity == "error"
    assert where(d) == position(text, phrase.split()[-1] if phrase.startswith("a ") else phrase)


def test_a_phrase_broken_across_lines_is_found_where_it_starts(tmp_path: Path) -> None:
    text = article("You will feel instant\nrelief after one go.\n")
    [d] = lint(tmp_path, text)
    assert where(d) == position(text, "instant") and "'instant relief'" in d.message


def test_phrases_in_the_title_summary_and_steps_are_found(tmp_path: Path) -> None:
    text = article("Body.\n", "stretches", title="The shocking psoas stretch")
    text = text.replace("steps: [Kneel.]", "steps: [Kneel for instant relief.]")
    found = lint(tmp_path, text, "stretches")
    assert codes(found) == ["overclaim", "overclaim"]
    assert [where(d) for d in found] == [position(text, "shocking"),
                                         position(text, "instant relief")]


@pytest.mark.parametrize("sentence", [
    "There is no instant relief.",
    "Stretching will not cure back pain.",
    "It isn't a miracle, and nothing here is guaranteed.",
    "No study shows that science confirms this.",
    "A cure is not likely.",
    "Some sites claim that ten minutes of easy stretching every day brings instant relief.",
    "Some sites claim it brings instant relief.",
    "Pages that promise a cure are selling something.",
    "It is called a so-called miracle stretch.",
    "A popular myth says the psoas is a secret to everything.",
])
def test_negated_or_attributed_sentences_are_fine(tmp_path: Path, sentence: str) -> None:
    assert lint(tmp_path, article(f"{sentence}\n")) == []


def test_a_negation_in_another_sentence_does_not_excuse(tmp_path: Path) -> None:
    text = article("This is not magic. It is a miracle.\n")
    [d] = lint(tmp_path, text)
    assert where(d) == position(text, "miracle")


def test_a_distant_negation_does_not_excuse(tmp_path: Path) -> None:
    text = article("No one who tried this long list of stretches says it is a miracle.\n"
                   "Shocking Connection Between Stretching And Relief\nYou are not alone.\n")
    assert [where(d) for d in lint(tmp_path, text)] == [position(text, "miracle"),
                                                        position(text, "Shocking")]


def test_a_negation_in_another_list_item_does_not_excuse(tmp_path: Path) -> None:
    text = article("- Not for everyone\n- Instant relief\n")
    [d] = lint(tmp_path, text)
    assert where(d) == position(text, "Instant relief")


@pytest.mark.parametrize("body", [
    "Keep it secure and accurate; curettage is a procedure.\n",  # the phrase inside a word
    "Write `instant relief` in code.\n",
    "```\nmiracle cure\n```\n",
    "See [the NHS page](https://example.org/miracle-cure/).\n",
    "A footnote.[^1]\n\n[^1]: Smith, *A miracle cure?*, 2020.\n",
    "<!-- shocking -->\nPlain words.\n",
])
def test_code_links_comments_and_footnotes_are_not_checked(tmp_path: Path, body: str) -> None:
    assert lint(tmp_path, article(body)) == []


def test_reference_titles_are_not_checked(tmp_path: Path) -> None:
    refs = ("references:\n  - title: A miracle cure for back pain?\n    publisher: BMJ\n"
            "    year: 2020\n  - title: Shocking news\n    publisher: BMJ\n    year: 2021\n")
    assert lint(tmp_path, article("Body.\n", "anatomy", references=refs), "anatomy") == []


def test_the_list_is_configurable(tmp_path: Path) -> None:
    site = SITE_YAML + "lint:\n  overclaims: [game changer]\n"
    text = article("This cure is a game changer.\n")
    [d] = lint(tmp_path, text, site_yaml=site)
    assert where(d) == position(text, "game changer")


def test_an_empty_list_turns_the_rule_off(tmp_path: Path) -> None:
    site = SITE_YAML + "lint:\n  overclaims: []\n"
    assert lint(tmp_path, article("A miracle cure.\n"), site_yaml=site) == []


def test_sentence_and_excuse_helpers() -> None:
    text = "First one. There is no cure here! Third."
    start = text.index("cure")
    assert sentence_around(text, start, start + 4) == (" There is no ", " here")
    assert excused("there is no", "") and excused("some sites claim a", "")
    assert excused("", "is not likely") and not excused("this is a", "")
    assert not excused("no one who tried this long list of stretches says it is a", "")
    assert not excused("relief isn't just anecdotal: the", "") and not excused("not only a", "")
    pattern = phrase_pattern(["cure", "instant relief"])
    assert pattern is not None and pattern.search("an INSTANT   relief")
    assert phrase_pattern([]) is None


def test_admonition_bodies_are_prose_even_after_a_blank_line(tmp_path: Path) -> None:
    text = article('!!! warning "Stop if"\n    First paragraph.\n\n    - A miracle item\n\n'
                   "    Later, a cure.\n\n        an indented code block: miracle\n\nText.\n")
    found = lint(tmp_path, text)
    assert [where(d) for d in found] == [position(text, "miracle"), position(text, "cure")]


def test_masking_keeps_positions() -> None:
    body = ("Text `code` here.\n\n    indented code\n\n- item\n\n    continued item\n\n"
            "!!! note\n    body\n\n    more body\n\n        code in a note\n<!-- note -->\n")
    masked = mask_body(body)
    assert len(masked) == len(body) and masked.count("\n") == body.count("\n")
    assert "code" not in masked and "note -->" not in masked
    assert "continued item" in masked and "more body" in masked
